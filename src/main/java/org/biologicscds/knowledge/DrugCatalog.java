package org.biologicscds.knowledge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * Recognises biologics in orders and records: by any code of the drug's value set (RxNorm IN, PIN,
 * SCD, SBD, ATC), then by name in the text. Immutable and thread-safe.
 */
public final class DrugCatalog {

    /** The code systems that identify a drug, strongest first (section 1.6). */
    private static final List<String> CODE_ORDER = List.of(
            "http://www.nlm.nih.gov/research/umls/rxnorm", "http://www.whocc.no/atc");

    private final List<Drug> drugs;
    private final ValueSets valueSets;
    /** System, then code, to the first drug (in catalogue order) whose value set holds it. */
    private final Map<String, Map<String, Drug>> byCode;

    DrugCatalog(List<Drug> drugs, ValueSets valueSets) {
        this.drugs = List.copyOf(drugs);
        this.valueSets = valueSets;
        Map<String, Map<String, Drug>> codes = new HashMap<>();
        for (Drug drug : this.drugs) {
            for (Coding concept : valueSets.concepts(drug.id())) {
                if (concept.getSystem() != null && concept.getCode() != null) {
                    codes.computeIfAbsent(concept.getSystem(), s -> new HashMap<>()).putIfAbsent(concept.getCode(), drug);
                }
            }
        }
        Map<String, Map<String, Drug>> frozen = new HashMap<>();
        codes.forEach((system, bySystem) -> frozen.put(system, Map.copyOf(bySystem)));
        this.byCode = Map.copyOf(frozen);
    }

    public List<Drug> all() {
        return drugs;
    }

    public Optional<Drug> byId(String id) {
        return drugs.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** The biologic a medication concept names, if any. A code match wins over a name match. */
    public Optional<Drug> identify(CodeableConcept medication) {
        if (medication == null) {
            return Optional.empty();
        }
        return identify(medication, valueSets.memberships(medication));
    }

    /**
     * As {@link #identify(CodeableConcept)}, with the concept's value sets already found. Order of
     * section 1.6: an RxNorm code (IN, PIN, MIN, SCD, SBD, BN, packs: every code of the drug's value
     * set leads to its ingredient), then an ATC code, then any other listed code, then a name as
     * written in the text or a display, then a name after transliteration.
     */
    Optional<Drug> identify(CodeableConcept medication, ValueSets.Memberships memberships) {
        for (String system : CODE_ORDER) {
            Optional<Drug> drug = byCode(medication, system);
            if (drug.isPresent()) {
                return drug;
            }
        }
        Optional<Drug> other = byCode(medication, null);
        if (other.isPresent()) {
            return other;
        }
        // No coding is in any drug's value set (or the lookups above would have found it), so a
        // drug's value set can now hold the concept only by name.
        for (Drug drug : drugs) {
            if (memberships.asMedicationAsWritten(drug.id())) {
                return Optional.of(drug);
            }
        }
        for (Drug drug : drugs) {
            if (memberships.asMedication(drug.id())) {
                return Optional.of(drug);
            }
        }
        return Optional.empty();
    }

    /** The first drug a coding of {@code system} names; {@code system} null: of a system outside {@link #CODE_ORDER}. */
    private Optional<Drug> byCode(CodeableConcept medication, String system) {
        for (Coding coding : medication.getCoding()) {
            if (coding.hasSystem() && coding.hasCode()
                    && (system == null ? !CODE_ORDER.contains(coding.getSystem()) : system.equals(coding.getSystem()))) {
                Map<String, Drug> bySystem = byCode.get(coding.getSystem());
                Drug drug = bySystem == null ? null : bySystem.get(coding.getCode());
                if (drug != null) {
                    return Optional.of(drug);
                }
            }
        }
        return Optional.empty();
    }
}

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

    private final List<Drug> drugs;
    private final ValueSets valueSets;
    /** {@code system|code} to the first drug (in catalogue order) whose value set holds it. */
    private final Map<String, Drug> byCode;

    DrugCatalog(List<Drug> drugs, ValueSets valueSets) {
        this.drugs = List.copyOf(drugs);
        this.valueSets = valueSets;
        Map<String, Drug> codes = new HashMap<>();
        for (Drug drug : this.drugs) {
            for (Coding concept : valueSets.concepts(drug.id())) {
                codes.putIfAbsent(ValueSets.key(concept.getSystem(), concept.getCode()), drug);
            }
        }
        this.byCode = Map.copyOf(codes);
    }

    public List<Drug> all() {
        return drugs;
    }

    public Optional<Drug> byId(String id) {
        return drugs.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** The biologic a medication concept names, if any. A code match wins over a name match. */
    public Optional<Drug> identify(CodeableConcept medication) {
        if (medication == null || medication.isEmpty()) {
            return Optional.empty();
        }
        for (Coding coding : medication.getCoding()) {
            if (coding.hasSystem() && coding.hasCode()) {
                Drug drug = byCode.get(ValueSets.key(coding.getSystem(), coding.getCode()));
                if (drug != null) {
                    return Optional.of(drug);
                }
            }
        }
        List<String> names = ValueSets.namesOf(medication);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        for (Drug drug : drugs) {
            if (valueSets.matchesNames(drug.id(), names, false)) {
                return Optional.of(drug);
            }
        }
        return Optional.empty();
    }
}

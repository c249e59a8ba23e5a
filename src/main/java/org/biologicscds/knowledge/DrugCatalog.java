package org.biologicscds.knowledge;

import java.util.List;
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

    DrugCatalog(List<Drug> drugs, ValueSets valueSets) {
        this.drugs = List.copyOf(drugs);
        this.valueSets = valueSets;
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
            for (Drug drug : drugs) {
                if (valueSets.containsCode(drug.id(), coding)) {
                    return Optional.of(drug);
                }
            }
        }
        for (Drug drug : drugs) {
            if (valueSets.matchesMedication(drug.id(), medication)) {
                return Optional.of(drug);
            }
        }
        return Optional.empty();
    }
}

package org.biologicscds.guidance;

import java.time.LocalDate;
import org.biologicscds.knowledge.Drug;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * A draft order recognised as a biologic of the catalogue.
 *
 * @param reference  {@code MedicationRequest/<id>}, as the draft bundle names it
 * @param today      the day the order is evaluated on; every window is counted back from it
 */
public record BiologicOrder(MedicationRequest draft, String reference, Drug drug, LocalDate today) {

    /** True if the drug is one of {@code idsOrClasses} (drug ids or class codes); an empty list means every drug. */
    public boolean isOneOf(java.util.List<String> idsOrClasses) {
        return idsOrClasses.isEmpty() || idsOrClasses.contains(drug.id()) || idsOrClasses.contains(drug.drugClass());
    }
}

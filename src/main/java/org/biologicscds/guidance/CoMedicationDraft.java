package org.biologicscds.guidance;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Resource;

/**
 * A draft of the request that is not a catalogue advanced therapy but may meet one (clinical-v2.md
 * 1.4, trigger R): a co-medication (methotrexate, thiopurine, calcineurin inhibitor, mycophenolate,
 * cyclophosphamide, leflunomide, systemic glucocorticoid) or a live vaccine. Its cards are about this
 * draft, and their suggestions act on it.
 *
 * @param draft     the draft: a MedicationRequest, or a ServiceRequest (a vaccine ordered by CVX code)
 * @param reference {@code MedicationRequest/<id>} or {@code ServiceRequest/<id>}, as the request names it
 * @param concept   what the draft orders: the medication (resolved as for biologics) or the service code
 */
public record CoMedicationDraft(Resource draft, String reference, CodeableConcept concept) {
}

package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * One medication the patient takes, took or is about to take, from a MedicationRequest,
 * MedicationStatement or a draft order of the same request.
 *
 * @param kind      the kind of record it comes from
 * @param concept   what the medication is (its code, or the referenced Medication's code and ingredients)
 * @param source    where it was found, for the card: "active MedicationRequest", "draft order", ...
 * @param status    the resource's status code
 * @param start     when it started, if known
 * @param end       when it ended or ends, if known
 * @param active    whether it counts as current: status and period both say so
 * @param exposure  whether it is evidence that the drug was given (clinical-v2.md 1.3): an administration
 *                  completed or in progress; a statement active, completed, stopped or intended; an order
 *                  active, on-hold, completed or stopped with intent order, original-order or
 *                  instance-order. Never a draft, a cancelled or not-taken record, or this request's drafts.
 */
public record MedicationUse(Kind kind, CodeableConcept concept, String source, String status, Optional<LocalDate> start,
                            Optional<LocalDate> end, boolean active, boolean exposure) {

    /** The kind of record: an order, a statement, a recorded administration, or a draft of this request. */
    public enum Kind { REQUEST, STATEMENT, ADMINISTRATION, DRAFT }

    /** "Methotrexate 10 MG Oral Tablet (active MedicationRequest since 2024-03-01)". */
    public String describe() {
        return Describe.concept(concept) + " (" + source + start.map(s -> " since " + s).orElse("") + ")";
    }
}

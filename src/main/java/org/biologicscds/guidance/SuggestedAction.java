package org.biologicscds.guidance;

import org.hl7.fhir.r4.model.Coding;

/** An action a finding proposes; the cards package turns it into a CDS Hooks suggestion. */
public sealed interface SuggestedAction {

    /** Order a test (a ServiceRequest for {@code test}). */
    record OrderTest(Coding test, String label) implements SuggestedAction {
    }

    /** Remove the draft order under review, e.g. {@code MedicationRequest/123}. */
    record RemoveDraft(String draftReference, String label) implements SuggestedAction {
    }
}

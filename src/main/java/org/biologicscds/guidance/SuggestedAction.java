package org.biologicscds.guidance;

import org.hl7.fhir.r4.model.Coding;

/** An action a finding proposes; the cards package turns it into a CDS Hooks suggestion. */
public sealed interface SuggestedAction {

    /** Order one or more tests (one ServiceRequest each), e.g. an IGRA, or HBsAg and anti-HBc. */
    record OrderTests(java.util.List<Coding> tests, String label) implements SuggestedAction {
        public OrderTests {
            tests = java.util.List.copyOf(tests);
        }
    }

    /** Remove the draft order under review, e.g. {@code MedicationRequest/123}. */
    record RemoveDraft(String draftReference, String label) implements SuggestedAction {
    }
}

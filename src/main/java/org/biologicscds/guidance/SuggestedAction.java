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

    /**
     * Stop another medication the patient has an active order for (e.g. the old biologic on a switch,
     * clinical-v2.md 3.6 duplicate-biologic): {@code stopped} is that MedicationRequest as it should be
     * written back, {@code status} stopped with its {@code statusReason}.
     */
    record Discontinue(org.hl7.fhir.r4.model.MedicationRequest stopped, String label) implements SuggestedAction {
    }

    /**
     * Replace a draft of this request by a corrected version (e.g. methotrexate "Change to once weekly",
     * clinical-v2.md section 4): {@code revised} is the draft as it should be written, same id.
     */
    record ReviseDraft(org.hl7.fhir.r4.model.Resource revised, String label) implements SuggestedAction {
    }

    /**
     * Order a medication (one draft MedicationRequest), e.g. entecavir prophylaxis for a patient with
     * past hepatitis B on rituximab (clinical-v2.md amendment 9): {@code medication} as coded in the
     * knowledge, {@code dosage} the dosage instruction text.
     */
    record OrderMedication(org.hl7.fhir.r4.model.CodeableConcept medication, String dosage, String label)
            implements SuggestedAction {
    }

    /** Remove the draft order under review, e.g. {@code MedicationRequest/123}. */
    record RemoveDraft(String draftReference, String label) implements SuggestedAction {
    }
}

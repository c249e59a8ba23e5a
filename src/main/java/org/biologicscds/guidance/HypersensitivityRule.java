package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.List;
import org.biologicscds.hooks.Indicator;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * {@code hypersensitivity}: an active allergy or intolerance to the ordered ingredient, recorded
 * under any of its codes (ingredient, biosimilar, product) or names, in the allergy's code or in a
 * reaction's substance.
 */
final class HypersensitivityRule implements Rule {

    static final String ID = "hypersensitivity";

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        List<String> shown = new ArrayList<>();
        for (AllergyIntolerance allergy : facts.allergies()) {
            List<CodeableConcept> substances = new ArrayList<>();
            substances.add(allergy.getCode());
            allergy.getReaction().forEach(r -> substances.add(r.getSubstance()));
            boolean same = substances.stream()
                    .anyMatch(s -> facts.drug(s).map(d -> d.id().equals(order.drug().id())).orElse(false));
            if (same) {
                StringBuilder fact = new StringBuilder("Allergy: ").append(Describe.concept(allergy.getCode()));
                if (allergy.getCriticality() != null) {
                    fact.append(", criticality ").append(allergy.getCriticality().toCode());
                }
                allergy.getReaction().stream().flatMap(r -> r.getManifestation().stream()).findFirst()
                        .ifPresent(m -> fact.append(", reaction: ").append(Describe.concept(m)));
                FhirDates.day(allergy.getRecordedDateElement()).ifPresent(d -> fact.append(", recorded ").append(d));
                shown.add(fact.toString());
            }
        }
        if (shown.isEmpty()) {
            return List.of();
        }
        String drug = order.drug().name();
        return List.of(new Finding(ID, Indicator.CRITICAL,
                "Recorded allergy to " + drug + ": do not give it or a biosimilar of it", shown,
                "Choose a biologic of another ingredient; if the allergy is doubtful, confirm it before any re-exposure.",
                List.of(new SuggestedAction.RemoveDraft(order.reference(), "Remove the " + drug + " order"))));
    }
}

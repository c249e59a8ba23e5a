package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.List;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Drug;
import org.biologicscds.knowledge.RuleParameters;
import org.biologicscds.knowledge.Knowledge;

/**
 * {@code duplicate-biologic}: another advanced therapy is active while a biologic is ordered: a
 * biologic of a different ingredient from the catalogue, or a medication of one of the value sets
 * in the {@code value-set} parameters (JAK inhibitors, other biologics). The same ingredient under
 * another product (a refill, a biosimilar switch) is not a duplicate.
 */
final class DuplicateBiologicRule implements Rule {

    static final String ID = "duplicate-biologic";

    private final List<String> otherTherapies;

    DuplicateBiologicRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.otherTherapies = knowledge.valueSets(ID, "value-set");
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        List<MedicationUse> duplicates = new ArrayList<>();
        for (MedicationUse use : facts.medications(order)) {
            if (!use.active()) {
                continue;
            }
            boolean otherBiologic = facts.drug(use.concept()).map(Drug::id)
                    .map(id -> !id.equals(order.drug().id())).orElse(false);
            boolean otherTherapy = otherTherapies.stream().anyMatch(vs -> facts.codes().matchesMedication(vs, use.concept()));
            if (otherBiologic || otherTherapy) {
                duplicates.add(use);
            }
        }
        if (duplicates.isEmpty()) {
            return List.of();
        }
        String drug = order.drug().name();
        String other = Describe.concept(duplicates.get(0).concept());
        String summary = Describe.capitalized(Describe.shortened(other)
                + " is active: do not add " + drug + " (two advanced therapies)");
        return List.of(new Finding(ID, Indicator.CRITICAL, summary,
                duplicates.stream().map(m -> "Active: " + m.describe()).toList(),
                "Stop the current therapy before starting " + drug + " (mind the washout), or remove this order.",
                List.of(new SuggestedAction.RemoveDraft(order.reference(), "Remove the " + drug + " order"))));
    }
}

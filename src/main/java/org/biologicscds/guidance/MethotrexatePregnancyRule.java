package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.List;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;

/**
 * {@code pregnancy} in the reverse direction for a methotrexate draft (clinical-v2.md amendment 17): when
 * pregnancy is documented, a methotrexate draft for a patient on an advanced therapy gets the pregnancy
 * card, {@code methotrexate-indicator} (critical: methotrexate is teratogenic, a label contraindication),
 * with "Remove this order"; never "combination allowed" ({@code methotrexate-combination} is withheld for
 * the draft, 1.1). Whether the patient is pregnant is decided exactly as the forward {@code pregnancy}
 * rule decides it (newest evidence wins; {@link CurrentStateRule}), and the card names that evidence.
 * The rule id is {@code pregnancy}: one fact, one id, whichever order the card sits on.
 */
final class MethotrexatePregnancyRule implements ReverseRule {

    static final String ID = "pregnancy";

    private final CurrentStateRule pregnancy;
    private final String valueSet;
    private final String exclude;
    private final Indicator indicator;
    private final String summary;
    private final String advice;
    private final String removeLabel;

    MethotrexatePregnancyRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.pregnancy = new CurrentStateRule(knowledge, ID);
        this.valueSet = knowledge.valueSet(ID, "methotrexate-value-set");
        this.exclude = knowledge.valueSet(MethotrexateDosingRule.ID, "exclude-value-set");
        try {
            this.indicator = Indicator.fromCode(parameters.string("methotrexate-indicator"));
        } catch (IllegalArgumentException e) {
            throw parameters.invalid("methotrexate-indicator", "must be info, warning or critical");
        }
        this.summary = parameters.string("methotrexate-summary");
        this.advice = parameters.string("methotrexate-advice");
        this.removeLabel = parameters.string("methotrexate-remove-label");
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public List<Finding> evaluateReverse(CoMedicationDraft draft, List<Therapy> therapies, PatientFacts facts) {
        if (therapies.isEmpty() || !facts.codes().matchesMedication(valueSet, draft.concept())
                || facts.codes().matchesMedication(exclude, draft.concept())) {
            return List.of();
        }
        // The evidence does not depend on the drug: the forward rule is asked about the newest therapy.
        List<Finding> pregnant = pregnancy.evaluate(therapies.get(0).order(), facts);
        if (pregnant.isEmpty()) {
            return List.of();
        }
        String drugs = Therapies.names(therapies);
        List<String> shown = new ArrayList<>();
        shown.add("Draft order: " + Describe.concept(draft.concept()));
        shown.addAll(pregnant.get(0).facts());
        shown.addAll(Therapies.describe(therapies));
        List<String> records = new ArrayList<>();
        records.add(draft.reference());
        records.addAll(pregnant.get(0).evidence());
        return List.of(new Finding(ID, indicator, Describe.capitalized(summary.replace("{drug}", drugs)), shown,
                advice.replace("{drug}", drugs), List.of(new SuggestedAction.RemoveDraft(draft.reference(), removeLabel)),
                records));
    }
}

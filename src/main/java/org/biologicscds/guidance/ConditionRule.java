package org.biologicscds.guidance;

import java.util.List;
import java.util.Map;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;

/**
 * A contraindication that is a condition on the problem list: {@code demyelinating-disease}
 * (any history counts) and {@code active-infection} (only while active).
 *
 * <p>Parameters: {@code value-set}, {@code active-only} ({@code true}/{@code false}),
 * {@code applies-to} (none = all biologics), {@code summary} (placeholders {@code {condition}},
 * {@code {drug}}), {@code advice} (per drug, {@code default} required).
 */
final class ConditionRule implements Rule {

    private final String ruleId;
    private final String valueSet;
    private final boolean activeOnly;
    private final List<String> appliesTo;
    private final String summary;
    private final Map<String, String> advice;
    private final Indicator indicator;

    ConditionRule(Knowledge knowledge, String ruleId) {
        RuleParameters parameters = knowledge.parameters(ruleId);
        this.ruleId = ruleId;
        this.valueSet = knowledge.valueSet(ruleId, "value-set");
        this.activeOnly = Boolean.parseBoolean(parameters.string("active-only"));
        this.appliesTo = parameters.strings("applies-to");
        this.summary = parameters.string("summary");
        this.advice = parameters.textsByDrug("advice");
        if (!advice.containsKey("default")) {
            throw parameters.invalid("advice", "needs a value for drug 'default'");
        }
        this.indicator = knowledge.rules().get(ruleId).defaultIndicator();
    }

    @Override
    public String name() {
        return ruleId;
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!order.isOneOf(appliesTo)) {
            return List.of();
        }
        var conditions = activeOnly ? facts.activeConditions(valueSet) : facts.conditions(valueSet);
        if (conditions.isEmpty()) {
            return List.of();
        }
        String condition = Describe.concept(conditions.get(0).getCode());
        String text = summary.replace("{condition}", Describe.shortened(condition))
                .replace("{drug}", order.drug().name());
        return List.of(new Finding(ruleId, indicator, Describe.capitalized(text),
                conditions.stream().map(c -> "On the problem list: " + Describe.condition(c)).toList(),
                PerDrug.pick(advice, order, null).replace("{drug}", order.drug().name()), List.of()));
    }
}

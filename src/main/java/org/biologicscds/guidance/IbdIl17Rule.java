package org.biologicscds.guidance;

import java.util.List;
import java.util.Map;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Condition;

/**
 * {@code ibd-il17}: an IL-17 inhibitor for a patient with inflammatory bowel disease (any history).
 * Critical for the {@code critical-drug} (brodalumab) with a condition of {@code critical-value-set}
 * (Crohn's disease), a warning otherwise.
 */
final class IbdIl17Rule implements Rule {

    static final String ID = "ibd-il17";

    private final List<String> appliesTo;
    private final String valueSet;
    private final String criticalValueSet;
    private final String criticalDrug;
    private final Map<String, String> advice;
    private final Indicator indicator;

    IbdIl17Rule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.appliesTo = parameters.strings("applies-to");
        this.valueSet = knowledge.valueSet(ID, "value-set");
        this.criticalValueSet = knowledge.valueSet(ID, "critical-value-set");
        this.criticalDrug = parameters.string("critical-drug");
        this.advice = parameters.textsByDrug("advice");
        this.indicator = parameters.indicator();
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!order.isOneOf(appliesTo)) {
            return List.of();
        }
        List<Condition> ibd = facts.conditions(valueSet);
        if (ibd.isEmpty()) {
            return List.of();
        }
        String drug = order.drug().name();
        boolean critical = order.drug().id().equals(criticalDrug)
                && ibd.stream().anyMatch(c -> facts.codes().matches(criticalValueSet, c.getCode()));
        String condition = Describe.concept(ibd.get(0).getCode());
        String summary = critical
                ? Describe.capitalized(drug + " is contraindicated in Crohn's disease")
                : Describe.capitalized(condition.length() <= 40 ? condition : "Inflammatory bowel disease")
                        + " on record: " + drug + " may worsen it";
        return List.of(new Finding(ID, critical ? Indicator.CRITICAL : indicator, summary,
                ibd.stream().map(c -> "On the problem list: " + Describe.condition(c)).toList(),
                PerDrug.pick(advice, order, "").replace("{drug}", drug), List.of()));
    }
}

package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Condition;

/**
 * {@code ibd-il17} (clinical-v2.md 3.4): inflammatory bowel disease on record (any history) with a
 * drug that can worsen it or does not treat it. The {@code critical-drug} (brodalumab) with a
 * condition of {@code critical-value-set} (Crohn's disease): critical, a label contraindication;
 * other drugs by their {@code indicator} (IL-17 inhibitors warning; etanercept info, not effective in
 * IBD; info only on a new start or restart, 1.2). The advice names the options common to the indication and the patient's IBD (1.7: IL-17
 * never named in IBD), plus an {@code extra-advice} per indication (axSpA: a TNF antibody).
 */
final class IbdIl17Rule implements Rule {

    static final String ID = "ibd-il17";

    private final List<String> appliesTo;
    private final String valueSet;
    private final String criticalValueSet;
    private final String criticalDrug;
    private final Map<String, String> indicators;
    private final Map<String, String> summaries;
    private final String summaryCritical;
    private final Map<String, String> advice;
    private final Map<String, String> extraAdvice;
    private final List<String> ibdIndications;
    private final Set<String> excluded;
    private final Alternatives alternatives;

    IbdIl17Rule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.appliesTo = parameters.strings("applies-to");
        this.valueSet = knowledge.valueSet(ID, "value-set");
        this.criticalValueSet = knowledge.valueSet(ID, "critical-value-set");
        this.criticalDrug = parameters.string("critical-drug");
        this.indicators = parameters.textsByDrug("drug-indicator");
        this.summaries = parameters.textsByDrug("summary");
        this.summaryCritical = parameters.string("summary-critical");
        this.advice = parameters.textsByDrug("advice");
        this.extraAdvice = parameters.textsByDrug("extra-advice");
        this.ibdIndications = knowledge.valueSets(ID, "ibd-indication");
        this.excluded = Set.copyOf(parameters.strings("exclude-option"));
        for (Map<String, String> byDrug : List.of(indicators, summaries, advice)) {
            if (!byDrug.containsKey("default")) {
                throw parameters.invalid("drug-indicator", "summary and advice need a value for drug 'default'");
            }
        }
        this.alternatives = new Alternatives(knowledge);
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
        String summary = (critical ? summaryCritical : PerDrug.pick(summaries, order, null))
                .replace("{condition}", Describe.shortened(condition)).replace("{drug}", drug);
        Indicator indicator = critical ? Indicator.CRITICAL : Indicator.fromCode(PerDrug.pick(indicators, order, null));
        if (indicator == Indicator.INFO && !facts.course(order).startsCourse()) {
            return List.of(); // info: once per course, on the new start or restart (1.2)
        }

        List<Alternatives.Indication> indications = new ArrayList<>(alternatives.of(order, facts));
        for (String ibdSet : ibdIndications) {
            if (ibd.stream().anyMatch(c -> facts.codes().matches(ibdSet, c.getCode()))) {
                alternatives.byValueSet(ibdSet).filter(i -> !indications.contains(i)).ifPresent(indications::add);
            }
        }
        List<String> next = new ArrayList<>();
        next.add(PerDrug.pick(advice, order, null).replace("{drug}", drug));
        alternatives.advice(indications, excluded, facts).ifPresent(next::add);
        indications.stream().map(i -> extraAdvice.get(i.valueSet())).filter(java.util.Objects::nonNull).forEach(next::add);
        return List.of(new Finding(ID, indicator, Describe.capitalized(summary),
                ibd.stream().map(c -> "On the problem list: " + Describe.condition(c)).toList(),
                String.join(" ", next), List.of(), ibd.stream().map(HeartFailureRule::reference).toList()));
    }
}

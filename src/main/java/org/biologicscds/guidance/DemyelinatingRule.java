package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Condition;

/**
 * {@code demyelinating-disease} (clinical-v2.md 3.4): a TNF inhibitor for a patient with a
 * demyelinating disease on record, whatever its status (refuted and entered-in-error aside): CNS
 * demyelination (MS, NMO, ADEM; {@code critical-value-set}) is critical, a deliberate choice since
 * labels say caution and every labelled indication has a non-TNF option; optic neuritis alone,
 * transverse myelitis, GBS or CIDP ({@code warning-value-set}) a warning. The advice names the
 * options of the indication (1.7) without TNF inhibitors.
 */
final class DemyelinatingRule implements Rule {

    static final String ID = "demyelinating-disease";

    private final List<String> appliesTo;
    private final String criticalSet;
    private final String warningSet;
    private final String summaryCritical;
    private final String summaryWarning;
    private final Map<String, String> advice;
    private final String adviceNoIndication;
    private final Set<String> excluded;
    private final Alternatives alternatives;

    /** The rule id, as checks that could not run are named and counted ({@link CheckNotRun}). */
    @Override
    public String name() {
        return ID;
    }

    DemyelinatingRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.appliesTo = parameters.strings("applies-to");
        this.criticalSet = knowledge.valueSet(ID, "critical-value-set");
        this.warningSet = knowledge.valueSet(ID, "warning-value-set");
        this.summaryCritical = parameters.string("summary-critical");
        this.summaryWarning = parameters.string("summary-warning");
        this.advice = parameters.textsByDrug("advice");
        if (!advice.containsKey("default")) {
            throw parameters.invalid("advice", "needs a value for drug 'default'");
        }
        this.adviceNoIndication = parameters.string("advice-no-indication");
        this.excluded = Set.copyOf(parameters.strings("exclude-option"));
        this.alternatives = new Alternatives(knowledge);
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!order.isOneOf(appliesTo)) {
            return List.of();
        }
        // A condition of the warning set whose words also name CNS demyelination (G37.3 "transverse myelitis in
        // demyelinating disease of central nervous system") is the warning-tier condition, not MS.
        List<Condition> warning = facts.conditions(warningSet);
        List<Condition> critical = facts.conditions(criticalSet).stream().filter(c -> !warning.contains(c)).toList();
        if (critical.isEmpty() && warning.isEmpty()) {
            return List.of();
        }
        List<Condition> all = new ArrayList<>(critical);
        warning.stream().filter(c -> !critical.contains(c)).forEach(all::add);
        boolean isCritical = !critical.isEmpty();
        String drug = order.drug().name();
        String condition = Describe.concept(all.get(0).getCode());
        String text = (isCritical ? summaryCritical : summaryWarning)
                .replace("{condition}", Describe.shortened(condition)).replace("{drug}", drug);
        String options = alternatives.advice(alternatives.of(order, facts), excluded, facts).orElse(adviceNoIndication);
        String next = PerDrug.pick(advice, order, null).replace("{options}", options).replace("{drug}", drug);
        return List.of(new Finding(ID, isCritical ? Indicator.CRITICAL : Indicator.WARNING, Describe.capitalized(text),
                all.stream().map(c -> "On the problem list: " + Describe.condition(c)).toList(), next, List.of(),
                all.stream().map(HeartFailureRule::reference).toList()));
    }
}

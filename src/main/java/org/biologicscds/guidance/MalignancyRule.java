package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Condition;

/**
 * {@code malignancy-history} (clinical-v2.md 3.4): a TNF inhibitor (or JAK inhibitor, boxed warning)
 * for a patient with lymphoma on record, current or past: warning. Another malignancy dated within
 * {@code info-window} (5 years), or still active: info, once per course (new start or restart, 1.2).
 * The advice is per indication where one applies (RA: rituximab preferred, ACR 2021).
 */
final class MalignancyRule implements Rule {

    static final String ID = "malignancy-history";

    private final List<String> appliesTo;
    private final String lymphoma;
    private final String malignancy;
    private final int infoWindowDays;
    private final String summaryLymphoma;
    private final String summaryOther;
    private final String adviceLymphoma;
    private final String adviceOther;
    private final Map<String, String> adviceByIndication;
    private final Alternatives alternatives;

    /** The rule id, as checks that could not run are named and counted ({@link CheckNotRun}). */
    @Override
    public String name() {
        return ID;
    }

    MalignancyRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.appliesTo = parameters.strings("applies-to");
        this.lymphoma = knowledge.valueSet(ID, "warning-value-set");
        this.malignancy = knowledge.valueSet(ID, "info-value-set");
        this.infoWindowDays = parameters.days("info-window");
        this.summaryLymphoma = parameters.string("summary-lymphoma");
        this.summaryOther = parameters.string("summary-other");
        this.adviceLymphoma = parameters.string("advice-lymphoma");
        this.adviceOther = parameters.string("advice-other");
        this.adviceByIndication = parameters.textsByDrug("advice-indication");
        this.alternatives = new Alternatives(knowledge);
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!order.isOneOf(appliesTo)) {
            return List.of();
        }
        String drug = order.drug().name();
        List<Condition> lymphomas = facts.conditions(lymphoma);
        if (!lymphomas.isEmpty()) {
            return List.of(finding(order, facts, Indicator.WARNING, summaryLymphoma, adviceLymphoma, lymphomas, drug));
        }
        if (!facts.course(order).startsCourse()) {
            return List.of(); // info: once per course, on the new start or restart (1.2)
        }
        LocalDate from = facts.today().minusYears(infoWindowDays / 365);
        List<Condition> recent = facts.conditions(malignancy).stream()
                .filter(c -> PatientFacts.conditionDate(c).map(d -> !d.isBefore(from)).orElse(false)
                        || PatientFacts.isActive(c) && !c.hasAbatement())
                .toList();
        if (recent.isEmpty()) {
            return List.of();
        }
        return List.of(finding(order, facts, Indicator.INFO, summaryOther, adviceOther, recent, drug));
    }

    private Finding finding(BiologicOrder order, PatientFacts facts, Indicator indicator, String summary, String advice,
                            List<Condition> conditions, String drug) {
        Condition first = conditions.get(0);
        String text = summary.replace("{condition}", Describe.shortened(Describe.concept(first.getCode())))
                .replace("{date}", PatientFacts.conditionDate(first).map(LocalDate::toString).orElse("date unknown"))
                .replace("{drug}", drug);
        StringBuilder next = new StringBuilder(advice.replace("{drug}", drug));
        alternatives.of(order, facts).stream().map(i -> adviceByIndication.get(i.valueSet()))
                .filter(java.util.Objects::nonNull).distinct().forEach(a -> next.append(' ').append(a));
        return new Finding(ID, indicator, Describe.capitalized(text),
                conditions.stream().map(c -> "On the problem list: " + Describe.condition(c)).toList(), next.toString(),
                List.of(), conditions.stream().map(HeartFailureRule::reference).toList());
    }
}

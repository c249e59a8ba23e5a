package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Condition;

/**
 * {@code opportunistic-infection-history} (clinical-v2.md section 4): a new start or restart with a
 * past invasive fungal infection, Pneumocystis pneumonia, nontuberculous mycobacterial infection or
 * listeriosis ({@code condition-value-set}) on record. Past = no longer active: clinical status
 * inactive, remission or resolved, or an abatement on or before today. Warning for the classes with the
 * boxed warning (TNF and JAK inhibitors, per-class {@code indicator}), info for the others; none for
 * the classes of {@code not-for} (IL-4R/IL-13 inhibitors are not immunosuppressive, 5.2). An
 * infection still active is {@code active-infection}'s fact (1.1), so it is not counted here.
 */
final class OpportunisticInfectionRule implements Rule {

    static final String ID = "opportunistic-infection-history";

    private final String conditionSet;
    private final Indicator defaultIndicator;
    private final Map<String, Indicator> indicators;
    private final List<String> notFor;
    private final RuleParameters parameters;

    OpportunisticInfectionRule(Knowledge knowledge) {
        this.parameters = knowledge.parameters(ID);
        this.notFor = parameters.strings("not-for");
        this.conditionSet = knowledge.valueSet(ID, "condition-value-set");
        this.defaultIndicator = parameters.indicator();
        this.indicators = parameters.indicatorsByDrug();
        for (String name : List.of("summary", "advice-warning", "advice-info")) {
            parameters.string(name);
        }
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!notFor.isEmpty() && order.isOneOf(notFor) || !facts.course(order).startsCourse()) {
            return List.of();
        }
        List<Condition> past = facts.conditions(conditionSet).stream().filter(c -> isPast(c, facts.today())).toList();
        if (past.isEmpty()) {
            return List.of();
        }
        Condition newest = past.get(0);
        Indicator indicator = PerDrug.pick(indicators, order, defaultIndicator);
        String drug = order.drug().name();
        String summary = parameters.string("summary")
                .replace("{condition}", Describe.shortened(Describe.concept(newest.getCode())))
                .replace("{date}", PatientFacts.conditionDate(newest).map(LocalDate::toString).orElse("date unknown"))
                .replace("{drug}", drug);
        String advice = parameters.string(indicator == Indicator.INFO ? "advice-info" : "advice-warning").replace("{drug}", drug);
        return List.of(new Finding(ID, indicator, Describe.capitalized(summary),
                past.stream().map(c -> "On record: " + Describe.condition(c) + abated(c)).toList(), advice, List.of(),
                past.stream().map(HeartFailureRule::reference).toList()));
    }

    /** No longer active: a clinical status other than active/recurrence/relapse, or an abatement on or before today. */
    static boolean isPast(Condition condition, LocalDate today) {
        Optional<LocalDate> abated = FhirDates.start(condition.getAbatement());
        if (condition.hasAbatement() && (abated.isEmpty() || !abated.get().isAfter(today))) {
            return true;
        }
        return condition.hasClinicalStatus() && !PatientFacts.isActive(condition);
    }

    private static String abated(Condition condition) {
        return FhirDates.start(condition.getAbatement()).map(d -> ", abated " + d).orElse("");
    }
}

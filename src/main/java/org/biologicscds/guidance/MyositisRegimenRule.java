package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * {@code myositis-infliximab-regimen} (clinical-v2.md section 4): infliximab started (or restarted)
 * for an adult with dermatomyositis or polymyositis ({@code condition-value-set}: M33.1, M33.2,
 * M33.9; by the order's reason or the problem list). Info, once per course: off-label, the studied
 * regimen, and the trial's conditions - prednisone at most 0.5 mg/kg/day, which the card compares
 * with the patient's current prednisone-equivalent and newest weight ({@link GlucocorticoidDose}),
 * saying when that is higher or could not be computed. The week-16 and week-40 assessments belong to
 * {@code response-check} (1.1).
 */
final class MyositisRegimenRule implements Rule {

    static final String ID = "myositis-infliximab-regimen";

    private final List<String> appliesTo;
    private final String conditionSet;
    private final int minimumAge;
    private final BigDecimal trialMaximum;
    private final String weightSet;
    private final int weightWindowDays;
    private final GlucocorticoidDose glucocorticoids;
    private final RuleParameters parameters;

    MyositisRegimenRule(Knowledge knowledge) {
        this.parameters = knowledge.parameters(ID);
        this.appliesTo = parameters.strings("applies-to");
        this.conditionSet = knowledge.valueSet(ID, "condition-value-set");
        this.minimumAge = parameters.integer("minimum-age-years");
        this.trialMaximum = parameters.decimal("trial-prednisone-maximum-mg-per-kg-day");
        this.weightSet = knowledge.valueSet(ID, "weight-value-set");
        this.weightWindowDays = parameters.days("weight-window");
        // The prednisone-equivalent factors, ingredient value sets and local forms are those of
        // glucocorticoid-co-medication (clinical-v2.md section 4): one table for both rules.
        this.glucocorticoids = new GlucocorticoidDose(knowledge.parameters(GlucocorticoidRule.ID).numbersByDrug("factor"),
                knowledge.valueSets(GlucocorticoidRule.ID, "exclude-value-set"));
        for (String name : List.of("summary", "fact-trial", "fact-escalation", "fact-responders", "advice")) {
            parameters.string(name);
        }
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!order.isOneOf(appliesTo) || !facts.course(order).startsCourse()) {
            return List.of(); // info once per course: the new start or restart (1.2)
        }
        if (OrderIndication.of(order, facts, List.of(conditionSet)).isEmpty()
                || facts.ageInYears().map(age -> age < minimumAge).orElse(false)) {
            return List.of();
        }
        List<Condition> conditions = facts.activeConditions(conditionSet);
        List<String> shown = new ArrayList<>();
        conditions.forEach(c -> shown.add("On the problem list: " + Describe.condition(c)));
        if (conditions.isEmpty()) {
            shown.add("Ordered for: " + order.draft().getReasonCode().stream().map(Describe::concept).findFirst()
                    .orElse("dermatomyositis/polymyositis"));
        }
        if (facts.ageInYears().isEmpty()) {
            shown.add("No birth date on record: the trial enrolled adults");
        }
        shown.add(parameters.string("fact-trial"));
        shown.add(glucocorticoidLine(order, facts));
        shown.add(parameters.string("fact-escalation"));
        shown.add(parameters.string("fact-responders"));
        return List.of(new Finding(ID, Indicator.INFO, parameters.string("summary"), shown, parameters.string("advice"),
                List.of(), conditions.stream().map(HeartFailureRule::reference).toList()));
    }

    /** The current prednisone-equivalent against the trial's limit, or why it could not be compared. */
    private String glucocorticoidLine(BiologicOrder order, PatientFacts facts) {
        List<GlucocorticoidDose.Current> current = glucocorticoids.current(order, facts);
        if (current.isEmpty()) {
            return "No current systemic glucocorticoid on record";
        }
        String named = String.join("; ", current.stream().map(GlucocorticoidDose.Current::description).toList());
        if (current.stream().anyMatch(c -> c.prednisoneMgPerDay().isEmpty())) {
            return "Current glucocorticoid: " + named + ": daily dose not readable, compare it with "
                    + plain(trialMaximum) + " mg/kg/day prednisone-equivalent";
        }
        BigDecimal mgPerDay = current.stream().map(c -> c.prednisoneMgPerDay().orElseThrow()).reduce(BigDecimal.ZERO, BigDecimal::add);
        Optional<Observation> weight = newestWeight(facts);
        if (weight.isEmpty()) {
            return "Current prednisone-equivalent " + plain(mgPerDay) + " mg/day (" + named + "); no body weight in the last "
                    + weightWindowDays + " days: mg/kg/day not computed (trial: at most " + plain(trialMaximum) + ")";
        }
        BigDecimal kg = DosePerWeight.kilograms((Quantity) weight.get().getValue()).orElseThrow();
        BigDecimal perKg = mgPerDay.divide(kg, 2, RoundingMode.HALF_UP);
        String line = "Current prednisone-equivalent " + plain(mgPerDay) + " mg/day = " + plain(perKg) + " mg/kg/day ("
                + plain(kg.setScale(1, RoundingMode.HALF_UP)) + " kg on " + PatientFacts.observationDate(weight.get()).map(Object::toString).orElse("date unknown")
                + "; " + named + ")";
        return perKg.compareTo(trialMaximum) > 0
                ? line + ": higher than the trial's " + plain(trialMaximum) + " mg/kg/day"
                : line + ": within the trial's " + plain(trialMaximum) + " mg/kg/day";
    }

    private Optional<Observation> newestWeight(PatientFacts facts) {
        return facts.observations(weightSet).stream()
                .filter(o -> o.getValue() instanceof Quantity q && q.hasValue() && DosePerWeight.kilograms(q).isPresent())
                .filter(o -> PatientFacts.observationDate(o)
                        .map(d -> !d.isBefore(facts.today().minusDays(weightWindowDays)) && !d.isAfter(facts.today())).orElse(false))
                .max(Comparator.comparing(o -> PatientFacts.observationDate(o).orElseThrow()));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}

package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;

/**
 * A check that fires when the patient is actively taking a medication of a value set together
 * with the ordered biologic: {@code methotrexate-combination}, {@code immunosuppressant-combination},
 * {@code conventional-systemic-overlap}, {@code hstcl-thiopurine} (with {@code maximum-age}: only
 * patients of that age or younger, or of unknown age) and {@code checkpoint-inhibitor}. Optional
 * {@code exclude-value-set} leaves out medications it names (topical and eye forms);
 * optional {@code recent-administration} counts an administration that recent as current therapy. What differs between them is data: the value set, the
 * drugs it applies to, the indicator and the advice, all in the rule's parameters.
 *
 * <p>Parameters: {@code value-set}, {@code applies-to} (repeated drug ids or classes; none = all),
 * {@code summary} (with {@code {medication}} and {@code {drug}} placeholders), {@code advice}
 * (per drug: {@code drug} + {@code text}, {@code default} required; {@code {stop-date}} is the order
 * date plus the optional {@code stop-after} duration).
 */
final class CoMedicationRule implements Rule {

    private final String ruleId;
    private final String valueSet;
    private final List<String> appliesTo;
    private final String summary;
    private final Map<String, String> advice;
    private final Indicator indicator;
    private final int stopAfterDays;
    private final Optional<Integer> maximumAge;
    private final Optional<String> exclude;
    /** Administrations this recent count as current therapy (infusions every few weeks); -1: they don't. */
    private final int recentAdministrationDays;

    CoMedicationRule(Knowledge knowledge, String ruleId) {
        RuleParameters parameters = knowledge.parameters(ruleId);
        this.ruleId = ruleId;
        this.valueSet = knowledge.valueSet(ruleId, "value-set");
        this.appliesTo = parameters.strings("applies-to");
        this.summary = parameters.string("summary");
        this.advice = parameters.textsByDrug("advice");
        if (!advice.containsKey("default")) {
            throw parameters.invalid("advice", "needs a value for drug 'default'");
        }
        this.stopAfterDays = parameters.has("stop-after") ? parameters.days("stop-after") : 0;
        this.maximumAge = parameters.has("maximum-age") ? Optional.of(parameters.integer("maximum-age")) : Optional.empty();
        this.exclude = parameters.has("exclude-value-set")
                ? Optional.of(knowledge.valueSet(ruleId, "exclude-value-set")) : Optional.empty();
        this.recentAdministrationDays = parameters.has("recent-administration") ? parameters.days("recent-administration") : -1;
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
        Optional<Integer> age = facts.ageInYears();
        if (maximumAge.isPresent() && age.map(a -> a > maximumAge.get()).orElse(false)) {
            return List.of();
        }
        LocalDate recent = facts.today().minusDays(recentAdministrationDays);
        List<MedicationUse> active = facts.medications(valueSet, order).stream()
                .filter(m -> m.active() || (m.kind() == MedicationUse.Kind.ADMINISTRATION
                        && m.start().map(d -> !d.isBefore(recent)).orElse(false)))
                .filter(m -> exclude.map(vs -> !facts.codes().matchesMedication(vs, m.concept())).orElse(true))
                .toList();
        if (active.isEmpty()) {
            return List.of();
        }
        String medication = Describe.concept(active.get(0).concept());
        String text = summary.replace("{medication}", Describe.shortened(medication)).replace("{drug}", order.drug().name());
        String next = PerDrug.pick(advice, order, null)
                .replace("{drug}", order.drug().name())
                .replace("{stop-date}", order.today().plusDays(stopAfterDays).toString());
        List<String> shown = new java.util.ArrayList<>(active.stream().map(m -> "Active: " + m.describe()).toList());
        maximumAge.ifPresent(max -> shown.add(age.map(a -> "Patient aged " + a + " (the signal is in patients aged "
                + max + " or under)").orElse("Age unknown: no birth date in the record")));
        return List.of(new Finding(ruleId, indicator, Describe.capitalized(text), shown, next, List.of()));
    }
}

package org.biologicscds.guidance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Condition;

/**
 * {@code active-infection} (clinical-v2.md 3.4, amendment 12): an infection still active on the
 * problem list (clinical status active, recurrence or relapse, or none; no abatement in the past; not
 * refuted). Serious infections ({@code critical-value-set}) with onset within {@code critical-window}
 * are critical; others ({@code warning-value-set}) with onset within {@code warning-window} a warning.
 * Without an onset or recorded date, one tier lower, saying "date unknown". A serious infection still
 * active after the critical window is a warning asking to confirm its status (amendment 12); an older
 * lesser infection gives no card. Conditions of the {@code exclude-value-set}s (CRMO, chronic
 * osteomyelitis, post-herpetic codes) never count. The most urgent infection speaks for the card.
 */
final class ActiveInfectionRule implements Rule {

    static final String ID = "active-infection";

    private record Tiered(Condition condition, Indicator indicator, String template, Optional<LocalDate> date) {
    }

    private final String criticalSet;
    private final String warningSet;
    private final List<String> excluded;
    private final int criticalDays;
    private final int warningDays;
    private final RuleParameters parameters;

    ActiveInfectionRule(Knowledge knowledge) {
        this.parameters = knowledge.parameters(ID);
        this.criticalSet = knowledge.valueSet(ID, "critical-value-set");
        this.warningSet = knowledge.valueSet(ID, "warning-value-set");
        this.excluded = knowledge.valueSets(ID, "exclude-value-set");
        this.criticalDays = parameters.days("critical-window");
        this.warningDays = parameters.days("warning-window");
        for (String name : List.of("summary-critical", "summary-critical-undated", "summary-long-standing",
                "summary-warning", "summary-warning-undated", "advice-start", "advice-maintenance")) {
            parameters.string(name);
        }
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        Optional<Tiered> worst = facts.conditions(criticalSet).stream()
                .filter(c -> isActive(c, facts.today()) && !isExcluded(c, facts))
                .map(c -> tier(c, true, facts.today()))
                .flatMap(Optional::stream)
                .min(Comparator.comparing((Tiered t) -> -t.indicator().ordinal()));
        Optional<Tiered> lesser = facts.conditions(warningSet).stream()
                .filter(c -> isActive(c, facts.today()) && !isExcluded(c, facts))
                .filter(c -> !facts.codes().matches(criticalSet, c.getCode()))
                .map(c -> tier(c, false, facts.today()))
                .flatMap(Optional::stream)
                .min(Comparator.comparing((Tiered t) -> -t.indicator().ordinal()));
        Optional<Tiered> chosen = worst.isPresent() && lesser.isPresent()
                ? Optional.of(worst.get().indicator().compareTo(lesser.get().indicator()) >= 0 ? worst.get() : lesser.get())
                : worst.or(() -> lesser);
        if (chosen.isEmpty()) {
            return List.of();
        }
        Tiered t = chosen.get();
        String drug = order.drug().name();
        String text = parameters.string(t.template())
                .replace("{condition}", Describe.shortened(Describe.concept(t.condition().getCode())))
                .replace("{date}", t.date().map(LocalDate::toString).orElse("date unknown"))
                .replace("{drug}", drug);
        String next = parameters.string(facts.course(order).startsCourse() ? "advice-start" : "advice-maintenance")
                .replace("{drug}", drug);
        return List.of(new Finding(ID, t.indicator(), Describe.capitalized(text),
                List.of("On the problem list: " + Describe.condition(t.condition())), next, List.of(),
                List.of(HeartFailureRule.reference(t.condition()))));
    }

    /** The tier of one active infection, if it still gives a card. */
    private Optional<Tiered> tier(Condition condition, boolean serious, LocalDate today) {
        Optional<LocalDate> date = PatientFacts.conditionDate(condition);
        if (date.isEmpty()) {
            return Optional.of(serious
                    ? new Tiered(condition, Indicator.WARNING, "summary-critical-undated", date)
                    : new Tiered(condition, Indicator.INFO, "summary-warning-undated", date));
        }
        long days = ChronoUnit.DAYS.between(date.get(), today);
        if (serious) {
            return Optional.of(days <= criticalDays
                    ? new Tiered(condition, Indicator.CRITICAL, "summary-critical", date)
                    : new Tiered(condition, Indicator.WARNING, "summary-long-standing", date));
        }
        return days <= warningDays ? Optional.of(new Tiered(condition, Indicator.WARNING, "summary-warning", date))
                : Optional.empty();
    }

    /** Active by status (or no status), and no abatement on or before today. */
    private static boolean isActive(Condition condition, LocalDate today) {
        if (!PatientFacts.isActive(condition)) {
            return false;
        }
        if (condition.hasAbatement()) {
            Optional<LocalDate> abated = FhirDates.start(condition.getAbatement());
            return abated.map(d -> d.isAfter(today)).orElse(false);
        }
        return true;
    }

    private boolean isExcluded(Condition condition, PatientFacts facts) {
        return excluded.stream().anyMatch(vs -> facts.codes().matches(vs, condition.getCode()));
    }
}

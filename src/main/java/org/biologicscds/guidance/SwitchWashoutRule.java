package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;

/**
 * {@code switch-washout} (clinical-v2.md 3.6): a new start or restart of D while another advanced
 * therapy E with no active order was given within the switch window ({@link CourseState#switchingFrom()}).
 * Current practice (AAD-NPF 2019, BAD 2020, ECCO 2024) starts D when E's next dose would be due,
 * L(E) + E's maintenance interval, without a washout: the card fires only before that date and says
 * so. The detail shows L(E) + {@code half-lives} x t½ as context, with its source. E with an active
 * order is {@code duplicate-biologic}'s fact (it shows these dates and owns the card).
 */
final class SwitchWashoutRule implements Rule {

    static final String ID = "switch-washout";

    private final BigDecimal halfLives;
    private final String halfLifeSource;
    private final Indicator indicator;

    SwitchWashoutRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.halfLives = parameters.decimal("half-lives");
        this.halfLifeSource = parameters.string("half-lives-source");
        this.indicator = parameters.indicator();
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        CourseState course = facts.course(order);
        if (!course.isSwitch()) {
            return List.of();
        }
        // The newest record of each other drug: switchingFrom is newest last dose first.
        Map<String, DrugHistory.Use> byDrug = new LinkedHashMap<>();
        course.switchingFrom().forEach(u -> byDrug.putIfAbsent(u.drug().id(), u));
        List<DrugHistory.Use> all = DrugHistory.biologics(facts, order);
        for (DrugHistory.Use previous : byDrug.values()) {
            boolean stillActive = all.stream().anyMatch(u -> u.drug().id().equals(previous.drug().id()) && u.use().active());
            if (stillActive || previous.drug().maintenanceIntervalDays().isEmpty()) {
                continue;
            }
            LocalDate last = previous.lastDose();
            LocalDate due = last.plusDays(previous.drug().maintenanceIntervalDays().get());
            if (facts.today().isBefore(due)) {
                return List.of(finding(order, previous, due).about(DrugRecords.references(facts, previous.drug())));
            }
        }
        return List.of();
    }

    private Finding finding(BiologicOrder order, DrugHistory.Use previous, LocalDate due) {
        String drug = order.drug().name();
        String other = previous.drug().name();
        LocalDate last = previous.lastDose();
        List<String> shown = new ArrayList<>();
        shown.add("Last " + other + ": " + previous.use().describe() + ", last dose on or about " + last);
        shown.add(Describe.capitalized(other) + " every " + previous.drug().maintenanceIntervalDays().get()
                + " days: next dose would be due " + due);
        previous.drug().halfLifeDays().ifPresent(halfLife -> {
            long washout = Math.round(halfLife * halfLives.doubleValue());
            shown.add("For context: " + halfLives.stripTrailingZeros().toPlainString() + " half-lives of " + other + " ("
                    + format(halfLife) + " days each) end " + last.plusDays(washout) + " (" + halfLifeSource + ")");
        });
        return new Finding(ID, indicator,
                Describe.capitalized(other) + " last given " + last + "; its next dose would be due " + due + ": start "
                        + drug + " then",
                shown,
                "Give the first " + drug + " dose on or after " + due + ", when the next " + other
                        + " dose would have been due; no longer washout is needed.", List.of());
    }

    private static String format(double days) {
        return days == Math.rint(days) ? String.valueOf((long) days) : String.valueOf(days);
    }
}

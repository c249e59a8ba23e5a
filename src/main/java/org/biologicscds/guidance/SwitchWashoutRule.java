package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;

/**
 * {@code switch-washout}: the last dose of a different biologic was less than {@code half-lives}
 * (4) half-lives ago. The card states the earliest start date. A biologic still active is the
 * duplicate rule's concern, not this one.
 */
final class SwitchWashoutRule implements Rule {

    static final String ID = "switch-washout";

    private final BigDecimal halfLives;

    SwitchWashoutRule(Knowledge knowledge) {
        this.halfLives = knowledge.parameters(ID).decimal("half-lives");
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        Optional<DrugHistory.Use> previous = DrugHistory.biologics(facts, order).stream()
                .filter(u -> !u.drug().id().equals(order.drug().id()) && !u.use().active())
                .filter(u -> u.drug().halfLifeDays().isPresent() && !u.lastDose().equals(LocalDate.MIN))
                .findFirst();
        if (previous.isEmpty()) {
            return List.of();
        }
        DrugHistory.Use use = previous.get();
        double halfLife = use.drug().halfLifeDays().orElseThrow();
        long washoutDays = Math.round(halfLife * halfLives.doubleValue());
        LocalDate earliest = use.lastDose().plusDays(washoutDays);
        if (!facts.today().isBefore(earliest)) {
            return List.of();
        }
        String drug = order.drug().name();
        String previousName = use.drug().name();
        return List.of(new Finding(ID, Indicator.WARNING,
                "Switching from " + previousName + " too soon: start " + drug + " on or after " + earliest,
                List.of("Last " + previousName + ": " + use.use().describe() + ", last dose on or about " + use.lastDose(),
                        previousName + " half-life " + format(halfLife) + " days x " + halfLives.stripTrailingZeros().toPlainString()
                                + " = " + washoutDays + " days",
                        "Earliest start of " + drug + ": " + earliest),
                "Start " + drug + " on or after " + earliest + ", or document why an earlier switch is needed.",
                List.of()));
    }

    private static String format(double days) {
        return days == Math.rint(days) ? String.valueOf((long) days) : String.valueOf(days);
    }
}

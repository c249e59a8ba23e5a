package org.biologicscds.guidance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.RuleParameters;

/**
 * The tiers of the screening rules by course state (clinical-v2.md 1.2, 1.3, 3.1, 3.2): a new start or
 * restart gets the rule's {@code indicator} (per drug where the knowledge says), maintenance and
 * patient-view its {@code indicator-maintenance}, shown only in a reminder window; yearly items are due
 * on the anniversaries of the course start.
 */
final class ScreeningTiers {

    private ScreeningTiers() {
    }

    /** The indicator for this order: the new-start tier, or the maintenance tier. */
    static Indicator tier(RuleParameters parameters, BiologicOrder order, boolean startsCourse) {
        return startsCourse ? PerDrug.pick(parameters.indicatorsByDrug(), order, parameters.indicator())
                : indicator(parameters, "indicator-maintenance");
    }

    /** An indicator parameter other than {@code indicator}; a wrong code is a knowledge error naming it. */
    static Indicator indicator(RuleParameters parameters, String name) {
        String code = parameters.string(name);
        try {
            return Indicator.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw parameters.invalid(name, "must be info, warning or critical, not '" + code + "'");
        }
    }

    /**
     * The due date of a yearly item counted from the course start: the latest anniversary of the
     * start on or before today (the start itself in the first year); today when the start is unknown.
     */
    static LocalDate yearlyFrom(Optional<LocalDate> courseStart, LocalDate today) {
        if (courseStart.isEmpty() || courseStart.get().isAfter(today)) {
            return today;
        }
        long years = ChronoUnit.YEARS.between(courseStart.get(), today);
        return courseStart.get().plusYears(years);
    }
}

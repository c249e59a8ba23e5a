package org.biologicscds.guidance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The stateless "at most once" of a periodic maintenance item (clinical-v2.md 1.3 and amendment 1):
 * an item due on a day shows from that day for {@code windowDays}; while it is still not done it is
 * due again every {@code recurDays}, each time for the same window. Scenario 42: a yearly TB re-test
 * due 5 days ago shows; one due 60 days ago does not; at 90-117 days overdue it shows again.
 *
 * @param windowDays how long each reminder shows (28 d)
 * @param recurDays  how often an overdue item comes back (90 d)
 */
public record Reminders(int windowDays, int recurDays) {

    public Reminders {
        if (windowDays <= 0 || recurDays < windowDays) {
            throw new IllegalArgumentException("a reminder window must be positive and no longer than its recurrence");
        }
    }

    /** True if an item due on {@code due} is shown {@code today}. */
    public boolean open(LocalDate due, LocalDate today) {
        if (today.isBefore(due)) {
            return false;
        }
        return ChronoUnit.DAYS.between(due, today) % recurDays < windowDays;
    }
}

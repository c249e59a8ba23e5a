package org.biologicscds.guidance;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Type;

/**
 * Calendar days from FHIR dates as sent, at whatever precision. A year-only date counts as 1
 * January and a month-only date as its first day: the earliest day it can mean, so a window check
 * never treats an old result as recent.
 */
final class FhirDates {

    private FhirDates() {
    }

    /**
     * The day as written, in the date's own time zone: the {@code YYYY[-MM[-DD]]} that every FHIR
     * date, dateTime and instant starts with, read from the text rather than from HAPI's Calendar,
     * which costs a new Calendar per question ({@code FhirDatesTest} checks they agree). A value
     * HAPI's lenient parser kept that does not start that way is read through the Calendar, as
     * before.
     */
    static Optional<LocalDate> day(BaseDateTimeType date) {
        if (date == null || !date.hasValue()) {
            return Optional.empty();
        }
        LocalDate written = asWritten(date.getValueAsString());
        return written != null ? Optional.of(written) : fromCalendar(date);
    }

    /**
     * The day {@code text} starts with: {@code YYYY}, {@code YYYY-MM}, or {@code YYYY-MM-DD} and
     * anything after it (a time); null for any other shape or an impossible day.
     */
    private static LocalDate asWritten(String text) {
        if (text == null) {
            return null;
        }
        int length = text.length();
        boolean yearOnly = length == 4;
        boolean yearMonth = length == 7 && text.charAt(4) == '-';
        boolean fullDay = length >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-';
        if (!yearOnly && !yearMonth && !fullDay) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = yearOnly ? 1 : digits(text, 5, 7);
        int dayOfMonth = fullDay ? digits(text, 8, 10) : 1;
        if (year < 0 || month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, dayOfMonth);
    }

    /** The number in {@code text[from..to)}, or -1 if it is not all digits. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static Optional<LocalDate> fromCalendar(BaseDateTimeType date) {
        Integer year = date.getYear();
        if (year == null) {
            return Optional.empty();
        }
        return Optional.of(switch (date.getPrecision()) {
            case YEAR -> LocalDate.of(year, 1, 1);
            case MONTH -> LocalDate.of(year, date.getMonth() + 1, 1);
            default -> LocalDate.of(year, date.getMonth() + 1, date.getDay());
        });
    }

    /** The start of a {@code dateTime}, {@code Period} or {@code instant} choice element. */
    static Optional<LocalDate> start(Type value) {
        if (value instanceof BaseDateTimeType date) {
            return day(date);
        }
        if (value instanceof Period period) {
            return period.hasStart() ? day(period.getStartElement()) : day(period.getEndElement());
        }
        return Optional.empty();
    }

    /** The end of a {@code Period}; a {@code dateTime} is its own end. */
    static Optional<LocalDate> end(Type value) {
        if (value instanceof Period period) {
            return period.hasEnd() ? day(period.getEndElement()) : Optional.empty();
        }
        if (value instanceof DateTimeType date) {
            return day(date);
        }
        return Optional.empty();
    }

    /**
     * A FHIR Duration (UCUM d, wk, mo, a, h) in whole days; empty when it has no value or another unit.
     * Months count as 30 days and years as 365, as the knowledge's own durations do.
     */
    static Optional<Long> days(org.hl7.fhir.r4.model.Duration duration) {
        if (duration == null || !duration.hasValue()) {
            return Optional.empty();
        }
        double value = duration.getValue().doubleValue();
        String unit = duration.hasCode() ? duration.getCode() : duration.getUnit() == null ? "" : duration.getUnit();
        double days = switch (unit) {
            case "d", "day", "days" -> value;
            case "wk", "week", "weeks" -> value * 7;
            case "mo", "month", "months" -> value * 30;
            case "a", "year", "years" -> value * 365;
            case "h", "hour", "hours" -> value / 24;
            default -> -1;
        };
        return days < 0 ? Optional.empty() : Optional.of(Math.round(days));
    }
}

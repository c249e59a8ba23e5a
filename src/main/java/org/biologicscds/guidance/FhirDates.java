package org.biologicscds.guidance;

import java.time.LocalDate;
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
     * date, dateTime and instant starts with. Read from the text, not from HAPI's Calendar, which
     * costs a Calendar per question and gives the same fields ({@code FhirDatesTest}).
     */
    static Optional<LocalDate> day(BaseDateTimeType date) {
        if (date == null || !date.hasValue()) {
            return Optional.empty();
        }
        String text = date.getValueAsString();
        if (text == null || text.length() < 4) {
            return Optional.empty();
        }
        int year = digits(text, 0, 4);
        int month = text.length() >= 7 ? digits(text, 5, 7) : 1;
        int dayOfMonth = text.length() >= 10 ? digits(text, 8, 10) : 1;
        return Optional.of(LocalDate.of(year, month, dayOfMonth));
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a FHIR date: " + text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
}

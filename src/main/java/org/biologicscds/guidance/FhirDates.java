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

    static Optional<LocalDate> day(BaseDateTimeType date) {
        if (date == null || !date.hasValue()) {
            return Optional.empty();
        }
        Integer year = date.getYear();
        Integer month = date.getMonth();
        Integer dayOfMonth = date.getDay();
        if (year == null) {
            return Optional.empty();
        }
        return Optional.of(switch (date.getPrecision()) {
            case YEAR -> LocalDate.of(year, 1, 1);
            case MONTH -> LocalDate.of(year, month + 1, 1);
            default -> LocalDate.of(year, month + 1, dayOfMonth);
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
}

package org.biologicscds.sandbox;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Date;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;

/**
 * FHIR R4 date search: the parameter and the resource's value are both ranges (a date's precision
 * makes it a day, month or year long; a Period is its start to its end, open where missing), and
 * the prefix says how they must relate (R4 "Search", 3.1.1.4.2): {@code eq} the value's range lies
 * within the parameter's, {@code gt}/{@code lt} it reaches above/below it, {@code ge}/{@code le}
 * either, {@code sa}/{@code eb} it starts after/ends before it, {@code ne} not {@code eq},
 * {@code ap} they overlap.
 */
final class DateMatch {

    private record Range(long low, long high) {
    }

    private DateMatch() {
    }

    static boolean matches(IBase value, String query) {
        String prefix = query.length() > 2 && Character.isLetter(query.charAt(0)) ? query.substring(0, 2) : "eq";
        Range wanted = parse(Character.isLetter(query.charAt(0)) ? query.substring(2) : query);
        Range has = range(value);
        if (has == null) {
            return false;
        }
        boolean within = has.low() >= wanted.low() && has.high() <= wanted.high();
        return switch (prefix) {
            case "eq" -> within;
            case "ne" -> !within;
            case "gt" -> has.high() > wanted.high();
            case "lt" -> has.low() < wanted.low();
            case "ge" -> within || has.high() > wanted.high();
            case "le" -> within || has.low() < wanted.low();
            case "sa" -> has.low() >= wanted.high();
            case "eb" -> has.high() <= wanted.low();
            case "ap" -> has.low() < wanted.high() && has.high() > wanted.low();
            default -> throw new InvalidRequestException("unknown date prefix '" + prefix + "'");
        };
    }

    private static Range parse(String text) {
        try {
            return range(new DateTimeType(text));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("'" + text + "' is not a FHIR date or dateTime");
        }
    }

    private static Range range(IBase value) {
        if (value instanceof BaseDateTimeType date && date.getValue() != null) {
            return range(date);
        }
        if (value instanceof Period period && (period.hasStart() || period.hasEnd())) {
            long low = period.hasStart() ? range(period.getStartElement()).low() : Long.MIN_VALUE;
            long high = period.hasEnd() ? range(period.getEndElement()).high() : Long.MAX_VALUE;
            return new Range(low, high);
        }
        return null;
    }

    private static Range range(BaseDateTimeType date) {
        Date start = date.getValue();
        Date end = date.getPrecision().add(start, 1);
        return new Range(start.getTime(), end.getTime());
    }
}

package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.api.Test;

class FhirDatesTest {

    /** The day as HAPI's Calendar fields give it, in the date's own zone: what {@link FhirDates#day} must agree with. */
    private static Optional<LocalDate> calendarDay(BaseDateTimeType date) {
        if (!date.hasValue() || date.getYear() == null) {
            return Optional.empty();
        }
        return Optional.of(switch (date.getPrecision()) {
            case YEAR -> LocalDate.of(date.getYear(), 1, 1);
            case MONTH -> LocalDate.of(date.getYear(), date.getMonth() + 1, 1);
            default -> LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
        });
    }

    @Test
    void everyPrecisionAndZone_givesTheDayAsWritten() {
        assertThat(FhirDates.day(new DateTimeType("2024"))).contains(LocalDate.of(2024, 1, 1));
        assertThat(FhirDates.day(new DateTimeType("2024-07"))).contains(LocalDate.of(2024, 7, 1));
        assertThat(FhirDates.day(new DateType("2024-02-29"))).contains(LocalDate.of(2024, 2, 29));
        // Late evening west of UTC is the next day in UTC; the day meant is the one written.
        assertThat(FhirDates.day(new DateTimeType("2024-12-31T23:30:00-08:00"))).contains(LocalDate.of(2024, 12, 31));
        assertThat(FhirDates.day(new DateTimeType("2025-01-01T00:15:00+14:00"))).contains(LocalDate.of(2025, 1, 1));
        assertThat(FhirDates.day(new InstantType("2023-03-05T10:00:00.123Z"))).contains(LocalDate.of(2023, 3, 5));
        assertThat(FhirDates.day(new DateTimeType())).isEmpty();
        assertThat(FhirDates.day(null)).isEmpty();
    }

    @Test
    void aValueTheLenientParserKeptThatIsNotADate_isReadAsBefore_neverAnError() {
        // Found by the HTTP fuzzer: HAPI's lenient parser keeps this as a dateTime with a value.
        for (String text : List.of("2 hepatitis b virus surface ag presence in serum or plasma by imm026-09-15",
                "2024-13-01", "2023-02-30", "20x4-01-01", "2024-1-5")) {
            // Read as the service reads a prefetch: lenient, values HAPI cannot read kept as text.
            Observation observation = (Observation) new org.biologicscds.record.FhirReader(TestKnowledge.FHIR).read(
                    "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                            + "\"effectiveDateTime\":\"" + text + "\"}");
            DateTimeType effective = observation.getEffectiveDateTimeType();
            assertThat(FhirDates.day(effective)).as(text).isEqualTo(calendarDay(effective));
        }
    }

    @Test
    void agreesWithHapisCalendarFields_onRandomDatesAsParsedFromJson() {
        FhirContext fhir = TestKnowledge.FHIR;
        Random random = new Random(20261123);
        List<String> zones = List.of("Z", "+00:00", "-05:00", "+05:30", "-12:00", "+14:00");
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            LocalDate day = LocalDate.of(1900 + random.nextInt(200), 1, 1).plusDays(random.nextInt(366));
            String text = switch (random.nextInt(5)) {
                case 0 -> String.valueOf(day.getYear());
                case 1 -> day.toString().substring(0, 7);
                case 2 -> day.toString();
                case 3 -> day + "T" + String.format("%02d:%02d:%02d", random.nextInt(24), random.nextInt(60),
                        random.nextInt(60)) + zones.get(random.nextInt(zones.size()));
                default -> day + "T23:59:59.999" + zones.get(random.nextInt(zones.size()));
            };
            written.add(text);
        }
        for (String text : written) {
            // Parsed the way a prefetch is, so the element holds what HAPI keeps from the wire.
            Observation observation = fhir.newJsonParser().parseResource(Observation.class,
                    "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                            + "\"effectivePeriod\":{\"start\":\"" + text + "\"}}");
            DateTimeType start = ((Period) observation.getEffective()).getStartElement();
            assertThat(FhirDates.day(start)).as(text).isEqualTo(calendarDay(start));
        }
    }
}

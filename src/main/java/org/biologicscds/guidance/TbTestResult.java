package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * One tuberculosis test read from the record.
 *
 * @param test     "IGRA" or "Tuberculin skin test", with the test's name as recorded
 * @param kind     the kind of test for a summary: "IGRA" or "skin test"
 * @param reading  what the result means for a patient about to be immunosuppressed
 * @param value    the value as recorded, for the card ("0.12 IU/mL", "Negative", "7 mm")
 * @param record   "Observation/id" of the result
 */
record TbTestResult(String test, String kind, Reading reading, String value, Optional<LocalDate> date, String record) {

    enum Reading { POSITIVE, NEGATIVE, INDETERMINATE }

    /** "IGRA (QuantiFERON-TB Gold Plus) Negative on 2025-03-02". */
    String describe() {
        return test + ": " + value + date.map(d -> " on " + d).orElse(" (no date)");
    }

    /** "negative", "indeterminate", "positive". */
    String readingWord() {
        return reading.name().toLowerCase(Locale.ROOT);
    }

    /** The date for a summary, or "an unknown date". */
    String dateText() {
        return date.map(LocalDate::toString).orElse("an unknown date");
    }

    boolean within(LocalDate from) {
        return date.map(d -> !d.isBefore(from)).orElse(false);
    }
}

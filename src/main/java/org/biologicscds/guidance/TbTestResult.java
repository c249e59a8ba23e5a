package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One tuberculosis test read from the record.
 *
 * @param test     "IGRA" or "TST", with the test's name
 * @param reading  what the result means for a patient about to be immunosuppressed
 * @param value    the value as recorded, for the card ("0.12 IU/mL", "Negative", "7 mm")
 */
record TbTestResult(String test, Reading reading, String value, Optional<LocalDate> date) {

    enum Reading { POSITIVE, NEGATIVE, INDETERMINATE }

    /** "IGRA (QuantiFERON-TB Gold Plus) Negative on 2025-03-02". */
    String describe() {
        return test + ": " + value + date.map(d -> " on " + d).orElse(" (no date)");
    }

    boolean within(LocalDate from) {
        return date.map(d -> !d.isBefore(from)).orElse(false);
    }
}

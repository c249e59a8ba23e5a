package org.biologicscds.guidance;

import java.time.LocalDate;

/**
 * An advanced therapy of the catalogue the patient is on or was recently given (clinical-v2.md 1.3),
 * as the reverse direction (1.4 R) and patient-view read it.
 *
 * @param order     the therapy as an ongoing order ({@link BiologicOrder#ongoing()} true): drug, start of course
 * @param lastDose  the last dose L(D) (amendment 4): an active order or statement counts as today
 * @param onTherapy "on therapy" (1.3): an active or on-hold order, an active statement, or an administration
 *                  within twice the drug's maintenance interval; false for a therapy only recently exposed
 *                  (what live vaccines also look at, {@code after-last-dose})
 */
public record Therapy(BiologicOrder order, LocalDate lastDose, boolean onTherapy) {
}

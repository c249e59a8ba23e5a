package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the co-medication rules (clinical-v2.md 3.3) ask of the record: the systemic medications of a
 * value set the patient takes now (the indication is {@link Alternatives#indicated}).
 */
final class CoMedications {

    private CoMedications() {
    }

    /**
     * Current medications of the value set (active by status and period, or a draft of this request),
     * leaving out those of {@code exclude} (topical and eye forms), newest first.
     */
    static List<MedicationUse> current(BiologicOrder order, PatientFacts facts, String valueSet, Optional<String> exclude) {
        return facts.medications(valueSet, order).stream()
                .filter(MedicationUse::active)
                .filter(m -> exclude.map(vs -> !facts.codes().matchesMedication(vs, m.concept())).orElse(true))
                .toList();
    }

    /** The last day a medication was (or may have been) taken: its end, else its start. */
    static Optional<LocalDate> lastDay(MedicationUse use) {
        return use.end().isPresent() ? use.end() : use.start();
    }

    /** "ResourceType/id" is not kept for medications: their description names the record instead (Finding.evidence). */
    static List<String> evidence(List<MedicationUse> uses) {
        return uses.stream().map(MedicationUse::describe).toList();
    }
}

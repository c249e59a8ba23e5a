package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;

/**
 * What the co-medication rules (clinical-v2.md 3.3) ask of the record: the systemic medications of a
 * value set the patient takes now, and whether the order is for an indication.
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

    /**
     * True if the order is for an indication of the value set: its {@code reasonCode} or referenced
     * condition says so, or (when it gives no reason) an active condition of the record (1.7).
     */
    static boolean indicated(BiologicOrder order, PatientFacts facts, String valueSet) {
        if (order.draft() != null && (order.draft().hasReasonCode() || order.draft().hasReasonReference())) {
            for (CodeableConcept reason : order.draft().getReasonCode()) {
                if (facts.codes().matches(valueSet, reason)) {
                    return true;
                }
            }
            for (Reference reference : order.draft().getReasonReference()) {
                String id = reference.getReferenceElement().getIdPart();
                if (facts.record().all(Condition.class).stream().anyMatch(c -> id != null
                        && id.equals(c.getIdElement().getIdPart()) && facts.codes().matches(valueSet, c.getCode()))) {
                    return true;
                }
            }
            return false;
        }
        return !facts.activeConditions(valueSet).isEmpty();
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

package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.biologicscds.knowledge.Drug;
import org.biologicscds.knowledge.DrugCatalog;

/** Past and current use of biologics, read from administrations, statements and earlier orders. */
final class DrugHistory {

    /** One use of a biologic and the last day it was (or may have been) given. */
    record Use(Drug drug, MedicationUse use, LocalDate lastDose) {
    }

    private DrugHistory() {
    }

    /** Every use of a catalogued biologic other than the order under review, newest last dose first. */
    static List<Use> biologics(PatientFacts facts, DrugCatalog drugs, BiologicOrder order) {
        return uses(facts.medications(order), drugs, facts.today());
    }

    /** Every use of a catalogued biologic in the record, newest last dose first. */
    static List<Use> biologics(PatientFacts facts, DrugCatalog drugs) {
        return uses(facts.medications(), drugs, facts.today());
    }

    private static List<Use> uses(List<MedicationUse> medications, DrugCatalog drugs, LocalDate today) {
        return medications.stream()
                .filter(m -> !m.status().equals("draft"))
                .flatMap(m -> drugs.identify(m.concept()).map(d -> new Use(d, m, lastDose(m, today))).stream())
                .sorted((a, b) -> b.lastDose().compareTo(a.lastDose()))
                .toList();
    }

    /** An active order or statement is still being given today; otherwise its end, else its start. */
    private static LocalDate lastDose(MedicationUse use, LocalDate today) {
        if (use.active()) {
            return today;
        }
        return use.end().or(use::start).orElse(LocalDate.MIN);
    }

    /** The earliest recorded start of the ordered drug, if it was used before. */
    static Optional<LocalDate> firstUse(List<Use> uses, Drug drug) {
        return uses.stream().filter(u -> u.drug().id().equals(drug.id()))
                .map(u -> u.use().start()).flatMap(Optional::stream).min(LocalDate::compareTo);
    }
}

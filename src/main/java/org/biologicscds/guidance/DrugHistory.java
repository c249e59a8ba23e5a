package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.biologicscds.knowledge.Drug;

/** Past and current use of biologics, read from administrations, statements and earlier orders. */
final class DrugHistory {

    /** One use of a biologic and the last day it was (or may have been) given. */
    record Use(Drug drug, MedicationUse use, LocalDate lastDose) {
    }

    private DrugHistory() {
    }

    /**
     * Every use of a catalogued biologic other than the order under review that is exposure evidence
     * (clinical-v2.md 1.3), newest last dose first.
     */
    static List<Use> biologics(PatientFacts facts, BiologicOrder order) {
        return uses(facts, facts.medications(order));
    }

    /** Every use of a catalogued biologic in the record, newest last dose first. */
    static List<Use> biologics(PatientFacts facts) {
        return uses(facts, facts.medications());
    }

    /**
     * Where a drug has recorded administrations, they are the truth about when it was given: orders
     * are written before the first dose and stay open (or get a validity end) after the last. Without
     * administrations, an active order or statement is still being given today; otherwise its end,
     * else its start, is the last dose.
     */
    private static List<Use> uses(PatientFacts facts, List<MedicationUse> medications) {
        LocalDate today = facts.today();
        List<Use> identified = medications.stream()
                .filter(MedicationUse::exposure)
                .flatMap(m -> facts.drug(m.concept()).map(d -> new Use(d, m, LocalDate.MIN)).stream())
                .toList();
        java.util.Set<String> administered = new java.util.HashSet<>();
        identified.stream().filter(u -> u.use().kind() == MedicationUse.Kind.ADMINISTRATION)
                .forEach(u -> administered.add(u.drug().id()));
        return identified.stream()
                .map(u -> new Use(u.drug(), u.use(), lastDose(u, administered.contains(u.drug().id()), today)))
                .sorted((a, b) -> b.lastDose().compareTo(a.lastDose()))
                .toList();
    }

    private static LocalDate lastDose(Use use, boolean drugHasAdministrations, LocalDate today) {
        MedicationUse m = use.use();
        if (drugHasAdministrations) {
            return m.kind() == MedicationUse.Kind.ADMINISTRATION ? m.start().orElse(LocalDate.MIN) : LocalDate.MIN;
        }
        if (m.active()) {
            return today;
        }
        LocalDate last = m.end().or(m::start).orElse(LocalDate.MIN);
        return last.isAfter(today) ? today : last;
    }

    /** The first dose of the drug: its earliest administration if any is recorded, else its earliest recorded start. */
    static Optional<LocalDate> firstUse(List<Use> uses, Drug drug) {
        List<Use> ofDrug = uses.stream().filter(u -> u.drug().id().equals(drug.id())).toList();
        boolean administered = ofDrug.stream().anyMatch(u -> u.use().kind() == MedicationUse.Kind.ADMINISTRATION);
        return ofDrug.stream()
                .filter(u -> !administered || u.use().kind() == MedicationUse.Kind.ADMINISTRATION)
                .map(u -> u.use().start()).flatMap(Optional::stream).min(LocalDate::compareTo);
    }
}

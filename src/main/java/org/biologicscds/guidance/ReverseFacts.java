package org.biologicscds.guidance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the reverse-direction rules (clinical-v2.md 1.4 R, section 4 "Reverse direction, exactly") share:
 * the therapies on therapy, their names for a summary, the facts and records a card about a draft
 * names, "Remove this order", and whether the co-medication was already taken (once per course).
 */
final class ReverseFacts {

    private ReverseFacts() {
    }

    /** The therapies the patient is on (1.3 "on therapy"), not those only recently exposed. */
    static List<Therapy> onTherapy(List<Therapy> therapies) {
        return therapies.stream().filter(Therapy::onTherapy).toList();
    }

    /** "adalimumab", "adalimumab and secukinumab", "a, b and c". */
    static String names(List<Therapy> therapies) {
        List<String> names = therapies.stream().map(t -> t.order().drug().name()).distinct().toList();
        if (names.size() <= 1) {
            return names.isEmpty() ? "" : names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** "Ustekinumab: on therapy (active order or statement, or dosed within 2 intervals); last dose 2026-10-12 (42 days ago)". */
    static String describe(Therapy therapy, LocalDate today) {
        long days = ChronoUnit.DAYS.between(therapy.lastDose(), today);
        String last = days == 0 ? "active order or statement (no later dose recorded)"
                : "last dose " + therapy.lastDose() + " (" + days + " days ago)";
        return Describe.capitalized(therapy.order().drug().name()) + ": " + (therapy.onTherapy() ? "on therapy" : "stopped")
                + ", " + last + therapy.order().therapyStart().map(s -> "; first recorded " + s).orElse("");
    }

    /** "Draft order: Azathioprine 50 MG Oral Tablet". */
    static String draftLine(CoMedicationDraft draft) {
        return "Draft order in this request: " + Describe.concept(draft.concept());
    }

    /** The records a card about the draft is about: the draft, then every record of each therapy it names. */
    static List<String> evidence(CoMedicationDraft draft, List<Therapy> therapies, PatientFacts facts) {
        List<String> evidence = new ArrayList<>(List.of(draft.reference()));
        therapies.forEach(t -> evidence.addAll(DrugRecords.references(facts, t.order().drug())));
        return evidence;
    }

    /** "Remove this order": delete the draft under review. */
    static SuggestedAction remove(CoMedicationDraft draft) {
        return new SuggestedAction.RemoveDraft(draft.reference(), "Remove this order");
    }

    /**
     * True if a medication of the value set (not a draft of this request, not a topical or eye form) was
     * taken or ordered on or after {@code since}: the draft continues a course rather than starting one.
     */
    static boolean takenSince(PatientFacts facts, String valueSet, Optional<String> exclude, LocalDate since) {
        return facts.medications().stream()
                .filter(m -> m.kind() != MedicationUse.Kind.DRAFT)
                .filter(m -> m.active() || m.exposure())
                .filter(m -> facts.codes().matchesMedication(valueSet, m.concept()))
                .filter(m -> exclude.map(vs -> !facts.codes().matchesMedication(vs, m.concept())).orElse(true))
                .anyMatch(m -> m.active() || CoMedications.lastDay(m).map(d -> !d.isBefore(since)).orElse(false));
    }
}

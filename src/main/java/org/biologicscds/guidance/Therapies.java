package org.biologicscds.guidance;

import java.util.List;

/** How a reverse card (clinical-v2.md 1.4 R) names the advanced therapies a draft meets: every one of them. */
final class Therapies {

    private Therapies() {
    }

    /** "adalimumab", "adalimumab and secukinumab", "a, b and c" (each drug once, newest last dose first). */
    static String names(List<Therapy> therapies) {
        List<String> names = therapies.stream().map(t -> t.order().drug().name()).distinct().toList();
        if (names.size() <= 1) {
            return names.isEmpty() ? "" : names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** One line per therapy: "On adalimumab (last dose 2026-11-09)" or "Recently given ...". */
    static List<String> describe(List<Therapy> therapies) {
        return therapies.stream().map(t -> (t.onTherapy() ? "On " : "Recently given ") + t.order().drug().name()
                + (t.lastDose() == null ? "" : " (last dose " + t.lastDose() + ")")).toList();
    }
}

package org.biologicscds.guidance;

import java.util.List;

/**
 * What the drafts of a request order, as {@link Guidance#review} recognised them.
 *
 * @param orders        the drafts that order a biologic of the catalogue (trigger F)
 * @param notRecognised the drafts no catalogue drug matches that look like an advanced therapy, each
 *                      with its {@code drug-not-recognised} finding (it needs no patient data)
 * @param unresolved    the medication references of drafts that nothing resolves
 * @param reverse       the drafts that are a reverse trigger (clinical-v2.md 1.4 R): a co-medication or a
 *                      live vaccine, checked against the therapies of the record
 */
public record DraftReview(List<BiologicOrder> orders, List<OrderFindings> notRecognised, List<String> unresolved,
                          List<CoMedicationDraft> reverse) {

    public DraftReview {
        orders = List.copyOf(orders);
        notRecognised = List.copyOf(notRecognised);
        unresolved = List.copyOf(unresolved);
        reverse = List.copyOf(reverse);
    }

    /** A review with no reverse triggers. */
    public DraftReview(List<BiologicOrder> orders, List<OrderFindings> notRecognised, List<String> unresolved) {
        this(orders, notRecognised, unresolved, List.of());
    }

    /**
     * True if the record is needed to answer: a catalogue biologic is ordered, a reverse trigger is
     * (1.4: "such drafts need the prefetch"), or a medication must be resolved.
     */
    public boolean needsRecord() {
        return !orders.isEmpty() || !unresolved.isEmpty() || !reverse.isEmpty();
    }
}

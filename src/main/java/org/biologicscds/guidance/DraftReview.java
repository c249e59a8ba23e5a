package org.biologicscds.guidance;

import java.util.List;

/**
 * What the drafts of a request order, as {@link Guidance#review} recognised them.
 *
 * @param orders        the drafts that order a biologic of the catalogue
 * @param notRecognised the drafts no catalogue drug matches that look like an advanced therapy, each
 *                      with its {@code drug-not-recognised} finding (it needs no patient data)
 * @param unresolved    the medication references of drafts that nothing resolves
 */
public record DraftReview(List<BiologicOrder> orders, List<OrderFindings> notRecognised, List<String> unresolved) {

    public DraftReview {
        orders = List.copyOf(orders);
        notRecognised = List.copyOf(notRecognised);
        unresolved = List.copyOf(unresolved);
    }

    /** True if the record is needed to answer: a catalogue biologic is ordered, or a medication must be resolved. */
    public boolean needsRecord() {
        return !orders.isEmpty() || !unresolved.isEmpty();
    }
}

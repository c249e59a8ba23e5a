package org.biologicscds.knowledge;

import java.util.Objects;
import java.util.Optional;

/**
 * One source of the catalogue ({@code Library/source-catalogue}, clinical-v2.md section 2): a label,
 * guideline, trial or seed document a card may cite.
 *
 * @param id           the catalogue id, e.g. {@code aad-npf-2019}, {@code label-remicade-us}
 * @param display      the short title shown on cards
 * @param citation     the full citation
 * @param url          a stable address (DOI, DailyMed, EMA EPAR); empty when none is confirmed
 * @param labelOf      the drug id this is the reference label of; empty for guidelines and for
 *                     biosimilar or other-form labels, which rules cite by id
 * @param verification whether a (verify) item of the specification was confirmed (amendment 3)
 * @param verificationNote where it was confirmed, or what remains open; empty for {@link Verification#STATED}
 */
public record CitedSource(String id, String display, String citation, Optional<String> url, Optional<String> labelOf,
                          Verification verification, String verificationNote) {

    /** How far the catalogue entry is confirmed. */
    public enum Verification {
        /** Stated with confidence by the specification (no (verify) marker). */
        STATED,
        /** Marked (verify) in the specification and confirmed; the note says where. */
        CONFIRMED,
        /** Marked (verify) and not confirmed yet: cards say so (amendment 3). */
        OPEN
    }

    public CitedSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(display, "display");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(labelOf, "labelOf");
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(verificationNote, "verificationNote");
    }

    /** True while a detail of this citation (address, DOI, authors, registration number) is unconfirmed. */
    public boolean unverified() {
        return verification == Verification.OPEN;
    }
}

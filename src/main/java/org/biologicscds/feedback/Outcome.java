package org.biologicscds.feedback;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** What the user did with a card, as the CDS Hooks 2.0 feedback {@code outcome} spells it. */
public enum Outcome {
    ACCEPTED("accepted"),
    OVERRIDDEN("overridden");

    private final String code;

    Outcome(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** The outcome for a wire code; empty for anything outside the vocabulary (case matters). */
    public static Optional<Outcome> fromCode(String code) {
        for (Outcome outcome : values()) {
            if (outcome.code.equals(code)) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }
}

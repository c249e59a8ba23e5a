package org.biologicscds.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One CDS Hooks 2.0 feedback entry, validated: the card it is about, what the user did, when.
 * Invariants (the spec's): {@code accepted} names at least one accepted suggestion and no override
 * reason; {@code overridden} names no accepted suggestion and may carry an override reason.
 *
 * @param card                 the {@code card.uuid} the service issued; not blank
 * @param outcome              accepted or overridden
 * @param acceptedSuggestions  the accepted {@code suggestion.uuid}s, sorted, without duplicates
 * @param overrideReason       null unless the user gave a reason or comment for an override
 * @param outcomeTimestamp     when the user acted (the client's clock), as an instant
 */
public record FeedbackEntry(String card, Outcome outcome, List<String> acceptedSuggestions,
                            OverrideReason overrideReason, Instant outcomeTimestamp) {

    public FeedbackEntry {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(outcomeTimestamp, "outcomeTimestamp");
        acceptedSuggestions = List.copyOf(new TreeSet<>(acceptedSuggestions));
        if (outcome == Outcome.ACCEPTED && (acceptedSuggestions.isEmpty() || overrideReason != null)) {
            throw new IllegalArgumentException("accepted needs acceptedSuggestions and no overrideReason");
        }
        if (outcome == Outcome.OVERRIDDEN && !acceptedSuggestions.isEmpty()) {
            throw new IllegalArgumentException("overridden cannot accept suggestions");
        }
    }

    /** An accepted entry. */
    public static FeedbackEntry accepted(String card, List<String> suggestions, Instant at) {
        return new FeedbackEntry(card, Outcome.ACCEPTED, suggestions, null, at);
    }

    /** An overridden entry; {@code reason} may be null. */
    public static FeedbackEntry overridden(String card, OverrideReason reason, Instant at) {
        return new FeedbackEntry(card, Outcome.OVERRIDDEN, List.of(), reason, at);
    }

    /**
     * The entry's identity: a SHA-256 (hex) of every field that says what the user did. Two entries
     * with the same key are the same feedback sent twice. The order of accepted suggestions and a
     * reason's display text do not matter; the timestamp is compared as an instant.
     */
    public String key() {
        StringBuilder canonical = new StringBuilder();
        field(canonical, card);
        field(canonical, outcome.code());
        for (String suggestion : acceptedSuggestions) {
            field(canonical, suggestion);
        }
        field(canonical, "|");
        if (overrideReason != null) {
            field(canonical, overrideReason.reason() == null ? null : overrideReason.reason().system());
            field(canonical, overrideReason.reason() == null ? null : overrideReason.reason().code());
            field(canonical, overrideReason.userComment());
        }
        field(canonical, outcomeTimestamp.toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Length-prefixed, so that no two different field lists produce the same text. */
    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append("-1:");
        } else {
            out.append(value.length()).append(':').append(value);
        }
    }
}

package org.biologicscds.hooks;

import java.util.List;
import java.util.Objects;

/**
 * A CDS Hooks 2.0 card. The constructor enforces the spec's card rules, so an invalid card cannot
 * be built: summary present and under 140 characters, a source label, {@code selectionBehavior}
 * whenever there are suggestions, at most one recommended suggestion with {@code at-most-one}, and
 * override reasons with a display.
 */
public record Card(String uuid, String summary, String detail, Indicator indicator, Source source,
                   List<Suggestion> suggestions, SelectionBehavior selectionBehavior,
                   List<Coding> overrideReasons, List<Link> links) {

    /** The spec: "summary ... SHOULD be under a 140-character limit". */
    public static final int MAX_SUMMARY_LENGTH = 140;

    public Card {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(source.label(), "source.label");
        suggestions = List.copyOf(suggestions);
        overrideReasons = List.copyOf(overrideReasons);
        links = List.copyOf(links);
        if (summary.isBlank() || summary.length() >= MAX_SUMMARY_LENGTH) {
            throw new IllegalArgumentException("summary must have 1 to 139 characters: " + summary.length());
        }
        if (!suggestions.isEmpty() && selectionBehavior == null) {
            throw new IllegalArgumentException("selectionBehavior is required with suggestions");
        }
        if (selectionBehavior == SelectionBehavior.AT_MOST_ONE
                && suggestions.stream().filter(s -> Boolean.TRUE.equals(s.isRecommended())).count() > 1) {
            throw new IllegalArgumentException("at most one suggestion may be recommended with at-most-one");
        }
        for (Coding reason : overrideReasons) {
            if (reason.display() == null || reason.display().isBlank()) {
                throw new IllegalArgumentException("override reasons need a display: " + reason.code());
            }
        }
    }
}

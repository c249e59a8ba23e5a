package org.biologicscds.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.biologicscds.hooks.Coding;
import org.biologicscds.hooks.HookRequestException;

/**
 * Reads a CDS Hooks 2.0 feedback body, {@code {"feedback": [...]}}, into validated entries. Every
 * rule of the spec is checked before anything is returned, so a batch with one bad entry is
 * rejected whole (a 400 naming the entry, the member and the expectation, with a stable
 * {@code BCDS-16nn} code). Unknown members and override reasons the service never offered are
 * accepted. Thread-safe and stateless.
 */
public final class FeedbackParser {

    /** Longest card or suggestion id kept; our own are 36-character UUIDs. */
    static final int MAX_ID_LENGTH = 256;
    static final int MAX_CODE_LENGTH = 256;
    static final int MAX_TEXT_LENGTH = 1024;
    static final int MAX_COMMENT_LENGTH = 8192;

    /** Parses a feedback document (already JSON); throws {@link HookRequestException} (400) when it breaks a rule. */
    public List<FeedbackEntry> parse(JsonNode root) {
        JsonNode feedback = root.isObject() ? root.get("feedback") : null;
        if (feedback == null || !feedback.isArray()) {
            throw bad("BCDS-1601", "the body must be a JSON object with a 'feedback' array");
        }
        if (feedback.isEmpty()) {
            throw bad("BCDS-1602", "'feedback' must list at least one entry");
        }
        List<FeedbackEntry> entries = new ArrayList<>();
        for (int i = 0; i < feedback.size(); i++) {
            entries.add(entry(feedback.get(i), "feedback[" + i + "]"));
        }
        return entries;
    }

    private static FeedbackEntry entry(JsonNode node, String path) {
        if (!node.isObject()) {
            throw bad("BCDS-1603", path + " must be an object");
        }
        String card = requiredText(node, "card", path, MAX_ID_LENGTH, "BCDS-1604", "the card.uuid the service issued");
        JsonNode outcomeNode = node.get("outcome");
        Outcome outcome = Outcome.fromCode(outcomeNode != null && outcomeNode.isTextual() ? outcomeNode.asText() : "")
                .orElseThrow(() -> bad("BCDS-1605", path + ".outcome must be 'accepted' or 'overridden'"));
        Instant at = timestamp(node.get("outcomeTimestamp"), path + ".outcomeTimestamp");
        JsonNode suggestions = node.get("acceptedSuggestions");
        JsonNode reason = node.get("overrideReason");
        return switch (outcome) {
            case ACCEPTED -> {
                if (present(reason)) {
                    throw bad("BCDS-1608", path + ".overrideReason is only for 'overridden' outcomes");
                }
                yield FeedbackEntry.accepted(card, suggestions(suggestions, path + ".acceptedSuggestions"), at);
            }
            case OVERRIDDEN -> {
                if (present(suggestions)) {
                    throw bad("BCDS-1608", path + ".acceptedSuggestions is only for 'accepted' outcomes:"
                            + " a card is either accepted or overridden");
                }
                yield FeedbackEntry.overridden(card, present(reason) ? overrideReason(reason, path + ".overrideReason") : null, at);
            }
        };
    }

    /** The spec: acceptedSuggestions is "Required for accepted outcomes", each with the suggestion's id. */
    private static List<String> suggestions(JsonNode node, String path) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw bad("BCDS-1606", path + " must list the accepted suggestions ({\"id\": suggestion.uuid})"
                    + " when the outcome is 'accepted'");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int j = 0; j < node.size(); j++) {
            JsonNode suggestion = node.get(j);
            if (!suggestion.isObject()) {
                throw bad("BCDS-1607", path + "[" + j + "] must be an object with an 'id'");
            }
            ids.add(requiredText(suggestion, "id", path + "[" + j + "]", MAX_ID_LENGTH, "BCDS-1607", "the suggestion.uuid"));
        }
        return List.copyOf(ids);
    }

    /** The spec: reason is "Required if user selected an override reason ... (instead of only leaving a userComment)". */
    private static OverrideReason overrideReason(JsonNode node, String path) {
        if (!node.isObject()) {
            throw bad("BCDS-1609", path + " must be an object with a 'reason' Coding and/or a 'userComment'");
        }
        JsonNode reasonNode = node.get("reason");
        Coding reason = null;
        if (present(reasonNode)) {
            if (!reasonNode.isObject()) {
                throw bad("BCDS-1609", path + ".reason must be a Coding object");
            }
            String p = path + ".reason";
            reason = new Coding(optionalText(reasonNode, "system", p, MAX_TEXT_LENGTH),
                    requiredText(reasonNode, "code", p, MAX_CODE_LENGTH, "BCDS-1609", "the code of the reason picked"),
                    optionalText(reasonNode, "display", p, MAX_TEXT_LENGTH));
        }
        String comment = optionalText(node, "userComment", path, MAX_COMMENT_LENGTH);
        if (reason == null && comment == null) {
            throw bad("BCDS-1609", path + " must carry a 'reason' Coding or a 'userComment' (or be left out)");
        }
        return new OverrideReason(reason, comment);
    }

    /** The spec: "ISO8601 representation of the date and time in UTC ... as profiled in section 5.6 of RFC3339". */
    private static Instant timestamp(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            throw bad("BCDS-1610", path + " is required: an RFC 3339 date-time such as 2021-12-11T10:05:31Z");
        }
        try {
            return OffsetDateTime.parse(node.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw bad("BCDS-1610", path + " must be an RFC 3339 date-time with a time zone, such as 2021-12-11T10:05:31Z");
        }
    }

    private static String requiredText(JsonNode node, String field, String path, int maxLength, String code, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw bad(code, path + "." + field + " is required: " + what);
        }
        return limited(value.asText(), path + "." + field, maxLength);
    }

    private static String optionalText(JsonNode node, String field, String path, int maxLength) {
        JsonNode value = node.get(field);
        if (!present(value)) {
            return null;
        }
        if (!value.isTextual()) {
            throw bad("BCDS-1609", path + "." + field + " must be a string");
        }
        return value.asText().isBlank() ? null : limited(value.asText(), path + "." + field, maxLength);
    }

    private static String limited(String text, String path, int maxLength) {
        if (text.length() > maxLength) {
            throw bad("BCDS-1611", path + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    /** JSON null counts as absent: clients that serialise empty fields as null mean "not given". */
    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static HookRequestException bad(String code, String message) {
        return HookRequestException.badRequest(code, message);
    }
}

package org.biologicscds.feedback;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.List;

/**
 * Override analytics, per rule: how many cards each rule issued, how many of them users accepted
 * or overrode, and why they overrode. Counts are of distinct cards; feedback maps to its rule
 * through the issued-card log. The override rate is {@code overridden / (accepted + overridden)}:
 * of the cards users acted on, the share they overrode (ignored cards send no feedback).
 *
 * @param since      the first day counted (UTC), or null for everything
 * @param rules      one row per rule that issued a card or got feedback, by rule id (in JSON even when empty)
 * @param unmatched  feedback on cards the issued-card log does not know
 */
@JsonPropertyOrder({"since", "rules", "unmatched"})
public record FeedbackReport(@JsonIgnore LocalDate since, @JsonInclude(JsonInclude.Include.ALWAYS) List<RuleStats> rules,
                             Unmatched unmatched) {

    public FeedbackReport {
        rules = List.copyOf(rules);
    }

    /** {@code since} in JSON, as {@code yyyy-MM-dd} (left out when null). */
    @JsonProperty("since")
    public String sinceDate() {
        return since == null ? null : since.toString();
    }

    /**
     * @param overrideRate        null when no card of the rule got feedback
     * @param topOverrideReasons  the most frequent reasons first (at most {@link FeedbackAnalytics#TOP_REASONS})
     */
    public record RuleStats(String ruleId, long issued, long accepted, long overridden, Double overrideRate,
                            List<ReasonCount> topOverrideReasons) {

        public RuleStats {
            topOverrideReasons = List.copyOf(topOverrideReasons);
        }
    }

    /**
     * An override reason and on how many cards it was given. Overrides without a reason Coding are
     * counted under {@link #NO_REASON} or {@link #COMMENT_ONLY} (system and code null).
     */
    public record ReasonCount(String system, String code, String display, long count) {

        public static final String NO_REASON = "(no reason given)";
        public static final String COMMENT_ONLY = "(comment only)";

        /** The code, or the display of the two reasonless groups. */
        @JsonIgnore
        public String label() {
            return code != null ? code : display;
        }
    }

    /** Feedback (distinct cards) whose card is not in the issued-card log: lost from it, or issued before it existed. */
    public record Unmatched(long accepted, long overridden) {
    }
}

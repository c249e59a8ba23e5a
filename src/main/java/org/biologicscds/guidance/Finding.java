package org.biologicscds.guidance;

import java.util.List;
import java.util.Objects;
import org.biologicscds.hooks.Indicator;

/**
 * What a rule found about one biologic order: the rule, how urgent, a one-line summary, the facts
 * that made it fire (each a short Markdown-safe sentence with values and dates), what to do next,
 * the actions the clinician could take in one click, and the records it is about.
 *
 * @param evidence the records the finding is about, as {@code ResourceType/id} (or the record's text
 *                 when it has no id); empty when the finding is about an absence (no test on record).
 *                 {@link org.biologicscds.knowledge.OneCardPerFact} compares them to tell whether two findings state one fact.
 */
public record Finding(String ruleId, Indicator indicator, String summary, List<String> facts, String nextStep,
                      List<SuggestedAction> suggestions, List<String> evidence) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(summary, "summary");
        facts = List.copyOf(facts);
        suggestions = List.copyOf(suggestions);
        evidence = List.copyOf(evidence);
    }

    /** A finding that names no records (an absence, or a rule that does not say). */
    public Finding(String ruleId, Indicator indicator, String summary, List<String> facts, String nextStep,
                   List<SuggestedAction> suggestions) {
        this(ruleId, indicator, summary, facts, nextStep, suggestions, List.of());
    }

    /** The same finding at another indicator (a site policy). */
    public Finding withIndicator(Indicator other) {
        return new Finding(ruleId, other, summary, facts, nextStep, suggestions, evidence);
    }

    /** The same finding, about these records. */
    public Finding about(List<String> records) {
        return new Finding(ruleId, indicator, summary, facts, nextStep, suggestions, records);
    }
}

package org.biologicscds.guidance;

import java.util.List;
import java.util.Objects;
import org.biologicscds.hooks.Indicator;

/**
 * What a rule found about one biologic order: the rule, how urgent, a one-line summary, the facts
 * that made it fire (each a short Markdown-safe sentence with values and dates), what to do next,
 * and the actions the clinician could take in one click.
 */
public record Finding(String ruleId, Indicator indicator, String summary, List<String> facts, String nextStep,
                      List<SuggestedAction> suggestions) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(summary, "summary");
        facts = List.copyOf(facts);
        suggestions = List.copyOf(suggestions);
    }
}

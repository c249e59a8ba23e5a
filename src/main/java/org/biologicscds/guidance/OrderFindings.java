package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.biologicscds.knowledge.SitePolicy;

/**
 * The findings for one biologic order of the request, at most one per rule, most urgent first, and
 * the findings withheld because another rule owns their fact (clinical-v2.md 1.1).
 *
 * @param withheld findings that {@link FactOwnership} left out, each with the rule that owns its fact;
 *                 a site that switches the owner off gets them back
 */
public record OrderFindings(BiologicOrder order, List<Finding> findings, List<Withheld> withheld) {

    /** A finding left out because {@code owner} fired for the same fact. */
    public record Withheld(Finding finding, String owner) {
    }

    private static final Comparator<Finding> MOST_URGENT_FIRST =
            Comparator.comparing((Finding f) -> f.indicator().ordinal()).reversed();

    public OrderFindings {
        findings = List.copyOf(findings);
        withheld = List.copyOf(withheld);
    }

    public OrderFindings(BiologicOrder order, List<Finding> findings) {
        this(order, findings, List.of());
    }

    /**
     * The findings as the site wants them: switched-off rules dropped, a finding withheld for an
     * owner the site switched off given back, indicators the site set applied.
     */
    public OrderFindings under(SitePolicy policy) {
        List<Finding> kept = new ArrayList<>(findings.stream().filter(f -> policy.enabled(f.ruleId())).toList());
        for (Withheld w : withheld) {
            boolean ownerGone = !policy.enabled(w.owner());
            boolean notYetBack = kept.stream().noneMatch(f -> f.ruleId().equals(w.finding().ruleId()));
            if (ownerGone && notYetBack && policy.enabled(w.finding().ruleId())) {
                kept.add(w.finding());
            }
        }
        List<Finding> adjusted = kept.stream()
                .map(f -> policy.indicator(f.ruleId()).map(f::withIndicator).orElse(f))
                .sorted(MOST_URGENT_FIRST)
                .toList();
        return new OrderFindings(order, adjusted, List.of());
    }

    static List<Finding> mostUrgentFirst(List<Finding> findings) {
        return findings.stream().sorted(MOST_URGENT_FIRST).toList();
    }
}

package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.biologicscds.knowledge.SitePolicy;

/**
 * The findings for one draft of the request, at most one per rule, most urgent first: a biologic
 * order of the catalogue ({@link #order()} present), or a draft the catalogue does not know, which
 * can only carry {@code drug-not-recognised}. It also keeps the findings withheld because another
 * rule owns their fact (clinical-v2.md 1.1).
 *
 * @param reference {@code MedicationRequest/<id>}, as the request names the draft
 * @param withheld  findings that {@link FactOwnership} left out, each with the rule that owns its fact;
 *                  a site that switches the owner off gets them back
 */
public record OrderFindings(String reference, Optional<BiologicOrder> order, List<Finding> findings,
                            List<Withheld> withheld) {

    /** A finding left out because {@code owner} fired for the same fact. */
    public record Withheld(Finding finding, String owner) {
    }

    private static final Comparator<Finding> MOST_URGENT_FIRST =
            Comparator.comparing((Finding f) -> f.indicator().ordinal()).reversed();

    public OrderFindings {
        findings = List.copyOf(findings);
        withheld = List.copyOf(withheld);
    }

    /** The findings for a biologic order of the catalogue. */
    public OrderFindings(BiologicOrder order, List<Finding> findings) {
        this(order.reference(), Optional.of(order), findings, List.of());
    }

    /** The findings for a biologic order of the catalogue, with those withheld for their owner. */
    public OrderFindings(BiologicOrder order, List<Finding> findings, List<Withheld> withheld) {
        this(order.reference(), Optional.of(order), findings, withheld);
    }

    /** The findings for a draft no drug of the catalogue matches. */
    public static OrderFindings notInCatalogue(String reference, List<Finding> findings) {
        return new OrderFindings(reference, Optional.empty(), findings, List.of());
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
        return new OrderFindings(reference, order, adjusted, List.of());
    }

    static List<Finding> mostUrgentFirst(List<Finding> findings) {
        return findings.stream().sorted(MOST_URGENT_FIRST).toList();
    }
}

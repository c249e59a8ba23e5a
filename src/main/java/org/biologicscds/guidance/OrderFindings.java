package org.biologicscds.guidance;

import java.util.List;
import java.util.Optional;

/**
 * The findings for one draft of the request, at most one per rule, most urgent first: a biologic
 * order of the catalogue ({@link #order()} present), or a draft the catalogue does not know, which
 * can only carry {@code drug-not-recognised}.
 *
 * @param reference {@code MedicationRequest/<id>}, as the request names the draft
 */
public record OrderFindings(String reference, Optional<BiologicOrder> order, List<Finding> findings) {

    public OrderFindings {
        findings = List.copyOf(findings);
    }

    /** The findings for a biologic order of the catalogue. */
    public OrderFindings(BiologicOrder order, List<Finding> findings) {
        this(order.reference(), Optional.of(order), findings);
    }

    /** The findings for a draft no drug of the catalogue matches. */
    public static OrderFindings notInCatalogue(String reference, List<Finding> findings) {
        return new OrderFindings(reference, Optional.empty(), findings);
    }

    /** The findings as the site wants them: switched-off rules dropped, indicators the site set applied. */
    public OrderFindings under(org.biologicscds.knowledge.SitePolicy policy) {
        List<Finding> adjusted = findings.stream()
                .filter(f -> policy.enabled(f.ruleId()))
                .map(f -> policy.indicator(f.ruleId())
                        .map(i -> new Finding(f.ruleId(), i, f.summary(), f.facts(), f.nextStep(), f.suggestions()))
                        .orElse(f))
                .sorted(java.util.Comparator.comparing((Finding f) -> f.indicator().ordinal()).reversed())
                .toList();
        return new OrderFindings(reference, order, adjusted);
    }
}

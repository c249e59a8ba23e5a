package org.biologicscds.guidance;

import java.util.List;

/** The findings for one biologic order of the request, at most one per rule, most urgent first. */
public record OrderFindings(BiologicOrder order, List<Finding> findings) {

    public OrderFindings {
        findings = List.copyOf(findings);
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
        return new OrderFindings(order, adjusted);
    }
}

package org.biologicscds.guidance;

import java.util.List;

/** The findings for one biologic order of the request, at most one per rule, most urgent first. */
public record OrderFindings(BiologicOrder order, List<Finding> findings) {

    public OrderFindings {
        findings = List.copyOf(findings);
    }
}

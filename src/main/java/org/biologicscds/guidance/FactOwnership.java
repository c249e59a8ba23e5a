package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.knowledge.OneCardPerFact;

/**
 * One card per clinical fact (clinical-v2.md 1.1), the one mechanism that applies the knowledge's
 * owner/suppressed table ({@code ConceptMap/one-card-per-fact}) to the findings of one order after
 * every rule has run. A suppressed finding is withheld when its owner fired on the same order and
 * either the row says the two rules state one fact, or every record the suppressed finding names is
 * named by the owner's finding too (so it stays for facts the owner does not speak about).
 * Immutable and thread-safe.
 */
final class FactOwnership {

    private final OneCardPerFact table;

    FactOwnership(OneCardPerFact table) {
        this.table = table;
    }

    /** The order's findings with those whose fact another rule owns withheld; most urgent first. */
    OrderFindings apply(BiologicOrder order, List<Finding> findings) {
        Kept kept = keep(findings);
        return new OrderFindings(order, OrderFindings.mostUrgentFirst(kept.kept()), kept.withheld());
    }

    /** The findings that stay and those withheld for their owner (one draft's findings). */
    record Kept(List<Finding> kept, List<OrderFindings.Withheld> withheld) {
    }

    /** One draft's findings with those whose fact another rule owns withheld (the reverse direction, 1.4 R). */
    Kept keep(List<Finding> findings) {
        Map<String, Finding> byRule = new LinkedHashMap<>();
        findings.forEach(f -> byRule.putIfAbsent(f.ruleId(), f));
        List<Finding> kept = new ArrayList<>();
        List<OrderFindings.Withheld> withheld = new ArrayList<>();
        for (Finding finding : byRule.values()) {
            Optional<String> owner = ownerOf(finding, byRule);
            if (owner.isPresent()) {
                withheld.add(new OrderFindings.Withheld(finding, owner.get()));
            } else {
                kept.add(finding);
            }
        }
        return new Kept(kept, withheld);
    }

    private Optional<String> ownerOf(Finding finding, Map<String, Finding> byRule) {
        for (OneCardPerFact.Row row : table.rows()) {
            if (!row.suppressed().equals(finding.ruleId())) {
                continue;
            }
            Finding owner = byRule.get(row.owner());
            if (owner == null) {
                continue;
            }
            if (row.wholeCard() || owner.evidence().containsAll(finding.evidence())) {
                return Optional.of(row.owner());
            }
        }
        return Optional.empty();
    }
}

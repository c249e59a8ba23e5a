package org.biologicscds.guidance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biologicscds.knowledge.Knowledge;

/**
 * Which drugs each rule of a family applies to (clinical-v2.md 5.2, rule families by class): the
 * {@code applies-to} parameters of each rule's PlanDefinition, drug ids or class codes (a class may
 * be named before its drugs exist); no {@code applies-to} means every drug. A family rule computes
 * its one finding as before and keeps it only if that finding's rule applies to the order's drug, so
 * a class outside a rule gets no card of it (IL-4R/IL-13: no TB card; rituximab and S1P: only
 * {@code tb-active}). Immutable.
 */
final class RuleFamily {

    private final Map<String, List<String>> appliesTo = new LinkedHashMap<>();

    RuleFamily(Knowledge knowledge, String... ruleIds) {
        for (String ruleId : ruleIds) {
            appliesTo.put(ruleId, knowledge.parameters(ruleId).strings("applies-to"));
        }
    }

    /** True if the rule applies to the order's drug (a rule outside the family: always). */
    boolean covers(String ruleId, BiologicOrder order) {
        return order.isOneOf(appliesTo.getOrDefault(ruleId, List.of()));
    }

    /** True if any rule of the family applies to the order's drug. */
    boolean coversAny(BiologicOrder order) {
        return appliesTo.keySet().stream().anyMatch(id -> covers(id, order));
    }

    /** The findings whose rule applies to the order's drug. */
    List<Finding> keep(BiologicOrder order, List<Finding> findings) {
        return findings.stream().filter(f -> covers(f.ruleId(), order)).toList();
    }
}

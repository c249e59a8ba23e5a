package org.biologicscds.guidance;

import java.util.Map;

/** Picks a per-drug value from knowledge keyed by drug id, class code or {@code default}, most specific first. */
final class PerDrug {

    private PerDrug() {
    }

    static <T> T pick(Map<String, T> byDrug, BiologicOrder order, T fallback) {
        if (byDrug.containsKey(order.drug().id())) {
            return byDrug.get(order.drug().id());
        }
        if (byDrug.containsKey(order.drug().drugClass())) {
            return byDrug.get(order.drug().drugClass());
        }
        return byDrug.getOrDefault("default", fallback);
    }
}

package org.biologicscds.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the rules read, rule by rule, from their PlanDefinitions' {@code action.input}. The service
 * derives from it what it asks for and what it parses; {@link #everything()} (no declarations) reads
 * every resource of every type. Immutable.
 */
public final class DataNeeds {

    /**
     * The id under which the shared machinery's reads are declared ({@code Library/record-reads}):
     * course state, medication lists, Medication resolution, the Patient, indications, triggers.
     */
    public static final String SHARED = "shared";

    private final Map<String, List<DataNeed>> byRule;
    private final boolean everything;

    /** The needs of each rule (or shared reader) by its id. */
    public DataNeeds(Map<String, List<DataNeed>> byRule) {
        this(byRule, false);
    }

    private DataNeeds(Map<String, List<DataNeed>> byRule, boolean everything) {
        Map<String, List<DataNeed>> copy = new LinkedHashMap<>();
        byRule.forEach((rule, needs) -> copy.put(rule, List.copyOf(needs)));
        this.byRule = Map.copyOf(copy);
        this.everything = everything;
    }

    /** No declarations: every resource may be read, so nothing may be left unread. */
    public static DataNeeds everything() {
        return new DataNeeds(Map.of(), true);
    }

    /** True when nothing was declared and every resource must be read. */
    public boolean isEverything() {
        return everything;
    }

    /** What {@code ruleId} declares; empty if it declares nothing. */
    public List<DataNeed> of(String ruleId) {
        return byRule.getOrDefault(ruleId, List.of());
    }

    /** The ids that declare needs, sorted. */
    public Set<String> ruleIds() {
        return new TreeSet<>(byRule.keySet());
    }

    /** Every need of every rule, in no particular order, duplicates removed. */
    public List<DataNeed> all() {
        List<DataNeed> all = new ArrayList<>();
        byRule.values().forEach(needs -> needs.stream().filter(n -> !all.contains(n)).forEach(all::add));
        return all;
    }
}

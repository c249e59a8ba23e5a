package org.biologicscds.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.biologicscds.hooks.Coding;

/** The card rules and override reasons of the knowledge. Immutable and thread-safe. */
public final class RuleCatalog {

    private final String system;
    private final Map<String, RuleInfo> rules;
    private final List<String> ids;
    private final List<Coding> overrideReasons;
    private final SourceCatalog sources;

    RuleCatalog(String system, List<RuleInfo> rules, List<Coding> overrideReasons, SourceCatalog sources) {
        this.system = system;
        this.sources = sources;
        this.rules = rules.stream().collect(Collectors.toUnmodifiableMap(RuleInfo::id, Function.identity()));
        this.ids = rules.stream().map(RuleInfo::id).toList();
        this.overrideReasons = List.copyOf(overrideReasons);
    }

    /** The canonical URL of the rule CodeSystem: the {@code system} of every card's topic. */
    public String system() {
        return system;
    }

    public Optional<RuleInfo> find(String ruleId) {
        return Optional.ofNullable(rules.get(ruleId));
    }

    /** The rule, which must exist: rules check their ids against the catalogue at start. */
    public RuleInfo get(String ruleId) {
        return find(ruleId).orElseThrow(() -> new IllegalArgumentException("rule '" + ruleId
                + "' is not in CodeSystem/biologic-rule"));
    }

    /** The source catalogue every rule cites from (clinical-v2.md section 2). */
    public SourceCatalog sourceCatalog() {
        return sources;
    }

    /**
     * The sources of a rule for a card about {@code drugId}, in the rule's order, the rule's
     * {@value SourceCatalog#DRUG_LABELS} replaced by that drug's labels.
     */
    public List<CitedSource> sources(String ruleId, String drugId) {
        return sources.resolve(get(ruleId).sourceIds(), drugId);
    }

    public List<Coding> overrideReasons() {
        return overrideReasons;
    }

    /** The rule ids in the order of the CodeSystem. */
    public List<String> ids() {
        return ids;
    }

    public int size() {
        return rules.size();
    }
}

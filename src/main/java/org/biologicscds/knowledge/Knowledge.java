package org.biologicscds.knowledge;

import java.util.List;
import java.util.Map;

/**
 * Everything the rules know, loaded from the {@code fhir-profiles/} folder by
 * {@link KnowledgeLoader}. Immutable and thread-safe; load it once at start and share it.
 */
public final class Knowledge {

    /** Canonical base of every CodeSystem and ValueSet defined by the knowledge. */
    public static final String CANONICAL_BASE = "http://biologics-cds.org/fhir";

    private final RuleCatalog rules;
    private final ValueSets valueSets;
    private final DrugCatalog drugs;
    private final Map<String, RuleParameters> parameters;
    private final List<KnowledgeFile> files;

    Knowledge(RuleCatalog rules, ValueSets valueSets, DrugCatalog drugs, Map<String, RuleParameters> parameters,
              List<KnowledgeFile> files) {
        this.rules = rules;
        this.valueSets = valueSets;
        this.drugs = drugs;
        this.parameters = Map.copyOf(parameters);
        this.files = List.copyOf(files);
    }

    public RuleCatalog rules() {
        return rules;
    }

    public ValueSets valueSets() {
        return valueSets;
    }

    public DrugCatalog drugs() {
        return drugs;
    }

    /** The parameters of a rule; a rule without an entry gets an empty set whose getters fail. */
    public RuleParameters parameters(String ruleId) {
        return parameters.getOrDefault(ruleId, RuleParameters.empty(ruleId));
    }

    /** The resources as loaded, with their file names, in file-name order. */
    public List<KnowledgeFile> files() {
        return files;
    }
}

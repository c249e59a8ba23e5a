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
    private final RuleParameters course;
    private final Map<String, RuleParameters> libraries;
    private final OneCardPerFact oneCardPerFact;
    private final List<KnowledgeFile> files;
    private final DataNeeds dataNeeds;

    Knowledge(RuleCatalog rules, ValueSets valueSets, DrugCatalog drugs, Map<String, RuleParameters> parameters,
              RuleParameters course, Map<String, RuleParameters> libraries, OneCardPerFact oneCardPerFact,
              List<KnowledgeFile> files, DataNeeds dataNeeds) {
        this.rules = rules;
        this.valueSets = valueSets;
        this.drugs = drugs;
        this.parameters = Map.copyOf(parameters);
        this.course = course;
        this.libraries = Map.copyOf(libraries);
        this.oneCardPerFact = oneCardPerFact;
        this.files = List.copyOf(files);
        this.dataNeeds = dataNeeds;
    }

    /**
     * The course-state parameters ({@code Library/course-state}): {@code restart-after},
     * {@code switch-window}, {@code reminder-window}, {@code reminder-recur} (clinical-v2.md 1.3,
     * amendments 1 and 19).
     */
    public RuleParameters course() {
        return course;
    }

    /**
     * The parameters of a shared knowledge {@code Library} other than the course state, by id (e.g.
     * {@code indication-alternatives}, clinical-v2.md 1.7); fails naming the file when it is missing.
     */
    public RuleParameters library(String id) {
        RuleParameters found = libraries.get(id);
        if (found == null) {
            throw new KnowledgeException("Library-" + id + ".json", "is missing from the knowledge folder");
        }
        return found;
    }

    /** Which rule owns a fact two rules can see (clinical-v2.md 1.1). */
    public OneCardPerFact oneCardPerFact() {
        return oneCardPerFact;
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

    /**
     * The value set a rule parameter names, checked to be loaded: a typo in a PlanDefinition fails
     * the start, naming the file.
     */
    public String valueSet(String ruleId, String parameterName) {
        RuleParameters ruleParameters = parameters(ruleId);
        String id = ruleParameters.string(parameterName);
        if (!valueSets.has(id)) {
            throw ruleParameters.invalid(parameterName, "names value set '" + id + "', which is not loaded");
        }
        return id;
    }

    /** Every value set a repeated rule parameter names, each checked to be loaded. */
    public java.util.List<String> valueSets(String ruleId, String parameterName) {
        RuleParameters ruleParameters = parameters(ruleId);
        java.util.List<String> ids = ruleParameters.strings(parameterName);
        for (String id : ids) {
            if (!valueSets.has(id)) {
                throw ruleParameters.invalid(parameterName, "names value set '" + id + "', which is not loaded");
            }
        }
        return ids;
    }

    /**
     * What each rule reads from the record (its PlanDefinition's {@code action.input}), and under
     * {@link DataNeeds#SHARED} what the shared machinery reads ({@code Library/record-reads}).
     */
    public DataNeeds dataNeeds() {
        return dataNeeds;
    }

    /** The resources as loaded, with their file names, in file-name order. */
    public List<KnowledgeFile> files() {
        return files;
    }
}

package org.biologicscds.knowledge;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.DataRequirement;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.PlanDefinition;

/**
 * Reads what the rules read of the record (issue 18): each rule's PlanDefinition declares it in
 * {@code action[0].input}, the shared machinery in {@code Library/record-reads}'s {@code dataRequirement},
 * both FHIR {@code DataRequirement}s: a resource type, and at most one {@code codeFilter} (a path and
 * the canonical of a value set of the knowledge) when only the resources in that value set are read.
 * A rule without input, a type that is not a FHIR R4 resource, or a value set that is not loaded
 * fails the load, naming the file.
 */
final class DataNeedsReader {

    /** The Library of the reads no single rule owns (course state, medication lists, the Patient...). */
    static final String SHARED_LIBRARY = "record-reads";
    private static final String VALUE_SET_BASE = Knowledge.CANONICAL_BASE + "/ValueSet/";

    private final Set<String> resourceTypes;
    private final ValueSets valueSets;

    DataNeedsReader(FhirContext fhir, ValueSets valueSets) {
        this.resourceTypes = fhir.getResourceTypes();
        this.valueSets = valueSets;
    }

    /** The needs of every rule (by PlanDefinition id) and, under {@link DataNeeds#SHARED}, of the shared Library. */
    DataNeeds read(Map<String, KnowledgeFile> plans, KnowledgeFile shared) {
        Map<String, List<DataNeed>> byRule = new LinkedHashMap<>();
        for (KnowledgeFile file : plans.values()) {
            PlanDefinition plan = (PlanDefinition) file.resource();
            List<DataRequirement> input = plan.hasAction() ? plan.getActionFirstRep().getInput() : List.of();
            if (input.isEmpty()) {
                throw new KnowledgeException(file.fileName(), "action[0].input must declare what the rule reads of the "
                        + "record (DataRequirement: type, and codeFilter path and valueSet when it selects by value set)");
            }
            byRule.put(plan.getIdPart(), needs(file, input));
        }
        String sharedFile = "Library-" + SHARED_LIBRARY + ".json";
        if (shared == null) {
            throw new KnowledgeException(sharedFile, "is missing: the reads of the record no single rule owns live there");
        }
        List<DataRequirement> requirements = ((Library) shared.resource()).getDataRequirement();
        if (requirements.isEmpty()) {
            throw new KnowledgeException(sharedFile, "needs a dataRequirement for each read of the record no rule owns");
        }
        byRule.put(DataNeeds.SHARED, needs(shared, requirements));
        return new DataNeeds(byRule);
    }

    private List<DataNeed> needs(KnowledgeFile file, List<DataRequirement> requirements) {
        List<DataNeed> needs = new ArrayList<>();
        for (DataRequirement requirement : requirements) {
            String type = requirement.getType();
            if (type == null || !resourceTypes.contains(type)) {
                throw new KnowledgeException(file.fileName(), "data requirement type '" + type + "' is not a FHIR R4 resource type");
            }
            if (requirement.getCodeFilter().size() > 1) {
                throw new KnowledgeException(file.fileName(), "a data requirement of " + type
                        + " takes one codeFilter (one value set); declare one data requirement per value set");
            }
            if (requirement.getCodeFilter().isEmpty()) {
                needs.add(DataNeed.all(type));
                continue;
            }
            DataRequirement.DataRequirementCodeFilterComponent filter = requirement.getCodeFilterFirstRep();
            String canonical = filter.getValueSet();
            if (!filter.hasPath() || canonical == null || !canonical.startsWith(VALUE_SET_BASE)) {
                throw new KnowledgeException(file.fileName(), "the codeFilter of " + type + " needs a path and a valueSet "
                        + VALUE_SET_BASE + "<id>, not " + canonical);
            }
            String id = canonical.substring(VALUE_SET_BASE.length());
            if (!valueSets.has(id)) {
                throw new KnowledgeException(file.fileName(), "the codeFilter of " + type + " names value set '" + id
                        + "', which is not loaded");
            }
            needs.add(DataNeed.coded(type, filter.getPath(), id));
        }
        return needs;
    }
}

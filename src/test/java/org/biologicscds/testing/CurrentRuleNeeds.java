package org.biologicscds.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biologicscds.knowledge.DataNeed;
import org.biologicscds.knowledge.DataNeeds;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.KnowledgeFile;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * A hand-written statement of what today's rules read, for testing the prefetch screen and the
 * derived templates end to end until the PlanDefinitions declare it ({@code action.input}): the
 * types the rules read whole (allergies) and those they read only through a value set at a concept
 * path, here against every value set of the knowledge: conditions by code (an order's
 * reasonReference finds a condition by id, but only its code in an indication value set counts),
 * observations by code and component code, medication records by their medication (the drug
 * catalogue identifies a drug by its value set), immunizations by vaccine code, procedures and
 * service requests by code and category. Once the real declarations are loaded, tests use
 * {@link Knowledge#dataNeeds()} too.
 */
public final class CurrentRuleNeeds {

    private static final List<String> READ_WHOLE = List.of("AllergyIntolerance");
    private static final Map<String, List<String>> READ_BY_CONCEPT = Map.of(
            "Condition", List.of("code"),
            "MedicationRequest", List.of("medication"),
            "MedicationStatement", List.of("medication"),
            "MedicationAdministration", List.of("medication"),
            "Observation", List.of("code", "component.code"),
            "Immunization", List.of("vaccineCode"),
            "Procedure", List.of("code", "category"),
            "ServiceRequest", List.of("code", "category"));
    /** Phrases that negate a name: not a value set any resource is read by. */
    private static final String NEGATION_CUES = "text-negation-cues";

    private CurrentRuleNeeds() {
    }

    public static DataNeeds of(Knowledge knowledge) {
        List<DataNeed> needs = new ArrayList<>();
        READ_WHOLE.forEach(type -> needs.add(DataNeed.all(type)));
        List<String> valueSets = knowledge.files().stream().map(KnowledgeFile::resource)
                .filter(ValueSet.class::isInstance).map(r -> r.getIdElement().getIdPart())
                .filter(id -> !id.equals(NEGATION_CUES)).sorted().toList();
        READ_BY_CONCEPT.forEach((type, paths) -> paths.forEach(path -> valueSets.forEach(
                id -> needs.add(DataNeed.coded(type, path, id)))));
        return new DataNeeds(Map.of("current-rules", needs));
    }
}

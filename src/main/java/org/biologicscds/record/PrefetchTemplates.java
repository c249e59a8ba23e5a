package org.biologicscds.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.hooks.ServiceDefinition;
import org.biologicscds.knowledge.DataNeed;
import org.biologicscds.knowledge.DataNeeds;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.ValueSets;
import org.hl7.fhir.r4.model.Coding;

/**
 * The prefetch templates of a service derived from what its rules read ({@link DataNeeds}), so the
 * discovery document, and the queries {@link FhirFetcher} runs from it, ask for exactly that: one
 * template per resource type read, {@code Patient/{{context.patientId}}} for the patient, and
 * {@code Type?patient={{context.patientId}}} for the others, narrowed by {@code code} only where a
 * code search finds everything the rules would match (value sets of listed codes only: no names to
 * match text by, no ICD-10 prefixes). The keys are those of the service's {@code hooks/*.json}
 * definition where it has a template for the type (EHRs prefetch by key), and so are any other
 * parameters of that template ({@code _include}). Until the rules declare what they read
 * ({@link DataNeeds#everything()}), the definition's templates stand as written.
 */
public final class PrefetchTemplates {

    private static final String PATIENT = "{{context.patientId}}";
    /** The search parameter of a concept path, for the paths a code search can narrow. */
    private static final Map<String, String> SEARCH_PARAMETER = Map.of(
            "code", "code", "vaccineCode", "vaccine-code", "medication", "code");

    private PrefetchTemplates() {
    }

    /** Every service of {@code declared} with its templates derived from the knowledge's data needs. */
    public static ServiceCatalog derive(ServiceCatalog declared, Knowledge knowledge) {
        return derive(declared, knowledge.dataNeeds(), knowledge.valueSets());
    }

    /** Every service of {@code declared} with its templates derived from {@code needs}. */
    public static ServiceCatalog derive(ServiceCatalog declared, DataNeeds needs, ValueSets valueSets) {
        if (needs.isEverything()) {
            return declared;
        }
        return new ServiceCatalog(declared.discovery().services().stream()
                .map(service -> derive(service, needs, valueSets)).toList());
    }

    /** One service with its templates derived from the knowledge's data needs. */
    public static ServiceDefinition derive(ServiceDefinition declared, Knowledge knowledge) {
        return derive(declared, knowledge.dataNeeds(), knowledge.valueSets());
    }

    /** {@code declared} with its templates derived from {@code needs}; as declared when the needs are everything. */
    public static ServiceDefinition derive(ServiceDefinition declared, DataNeeds needs, ValueSets valueSets) {
        if (needs.isEverything()) {
            return declared;
        }
        Map<String, List<DataNeed>> byType = new LinkedHashMap<>();
        byType.put("Patient", new ArrayList<>(List.of(DataNeed.all("Patient"))));
        for (DataNeed need : needs.all()) {
            byType.computeIfAbsent(need.resourceType(), t -> new ArrayList<>()).add(need);
        }
        // Medications arrive with the requests that name them (_include), as the definitions ask.
        byType.remove("Medication");
        Map<String, String> templates = new LinkedHashMap<>();
        Set<String> placed = new LinkedHashSet<>();
        declared.prefetch().forEach((key, template) -> {
            String type = typeOf(template);
            if (byType.containsKey(type) && placed.add(type)) {
                templates.put(key, template(type, byType.get(type), extraParameters(template), valueSets));
            }
        });
        for (String type : new TreeSet<>(byType.keySet())) {
            if (placed.add(type)) {
                templates.put(keyOf(type), template(type, byType.get(type), "", valueSets));
            }
        }
        return new ServiceDefinition(declared.hook(), declared.title(), declared.description(), declared.id(),
                templates, declared.usageRequirements());
    }

    private static String template(String type, List<DataNeed> needs, String extra, ValueSets valueSets) {
        if (type.equals("Patient")) {
            return "Patient/" + PATIENT;
        }
        String query = type + "?patient=" + PATIENT;
        String codes = codeFilter(needs, valueSets);
        return query + (codes.isEmpty() ? "" : "&" + codes) + extra;
    }

    /** {@code code=system|code,...}, or empty when a code search could miss a resource a rule reads. */
    private static String codeFilter(List<DataNeed> needs, ValueSets valueSets) {
        Set<String> paths = new LinkedHashSet<>();
        for (DataNeed need : needs) {
            if (need.unfiltered() || !valueSets.matchesOnlyByListedCodes(need.valueSetId())) {
                return "";
            }
            paths.add(need.path());
        }
        if (paths.size() != 1 || !SEARCH_PARAMETER.containsKey(paths.iterator().next())) {
            return "";
        }
        Set<String> tokens = new LinkedHashSet<>();
        for (DataNeed need : needs) {
            for (Coding concept : valueSets.concepts(need.valueSetId())) {
                tokens.add(concept.getSystem() + "|" + concept.getCode());
            }
        }
        return SEARCH_PARAMETER.get(paths.iterator().next()) + "=" + String.join(",", tokens);
    }

    /** The type a template reads: {@code Condition?patient=...} or {@code Patient/...}. */
    static String typeOf(String template) {
        int end = template.length();
        for (char c : new char[] {'?', '/'}) {
            int at = template.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return template.substring(0, end);
    }

    /** The template's parameters other than {@code patient} and {@code code}, each with its {@code &}. */
    private static String extraParameters(String template) {
        int query = template.indexOf('?');
        if (query < 0) {
            return "";
        }
        StringBuilder extra = new StringBuilder();
        for (String parameter : template.substring(query + 1).split("&")) {
            String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
            if (!name.isEmpty() && !name.equals("patient") && !name.equals("code") && !name.equals("vaccine-code")) {
                extra.append('&').append(parameter);
            }
        }
        return extra.toString();
    }

    /** The key of a type the definition has no template for: {@code Encounter} → {@code encounters}. */
    private static String keyOf(String type) {
        return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "s";
    }
}

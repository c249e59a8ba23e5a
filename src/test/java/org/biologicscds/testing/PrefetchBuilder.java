package org.biologicscds.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The prefetch an EHR would send for a record: each template of the service run over the record
 * the way a FHIR server would, written independently of the sandbox's search so that comparing the
 * two means something. Understands what our templates use: a read {@code Type/{{context.patientId}}},
 * and searches by {@code patient}, {@code code}, {@code vaccine-code}, {@code category},
 * {@code clinical-status} (token lists), {@code status}, {@code _count} (no paging here) and
 * {@code _include=Type:medication}. Any other parameter fails loudly: extend this class rather than
 * let a scenario pass on data the template would not have fetched.
 */
public final class PrefetchBuilder {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PrefetchBuilder() {
    }

    /** The prefetch object: key to the resource (read), a searchset Bundle (search), or null (read of nothing). */
    public static ObjectNode build(Map<String, String> templates, String patientId, List<Resource> record) {
        ObjectNode prefetch = MAPPER.createObjectNode();
        templates.forEach((key, template) -> prefetch.set(key, fetch(template.replace("{{context.patientId}}", patientId),
                patientId, record)));
        return prefetch;
    }

    private static JsonNode fetch(String query, String patientId, List<Resource> record) {
        if (!query.contains("?")) {
            String type = query.substring(0, query.indexOf('/'));
            String id = query.substring(query.indexOf('/') + 1);
            return record.stream().filter(r -> r.fhirType().equals(type) && id.equals(r.getIdElement().getIdPart()))
                    .findFirst().map(PrefetchBuilder::json).orElse(NullNode.getInstance());
        }
        String type = query.substring(0, query.indexOf('?'));
        Map<String, String> parameters = parameters(query.substring(query.indexOf('?') + 1));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        List<Resource> matches = new ArrayList<>();
        for (Resource resource : record) {
            if (resource.fhirType().equals(type) && matches(resource, parameters, patientId)) {
                matches.add(resource);
                bundle.addEntry().setResource(resource).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
            }
        }
        String include = parameters.get("_include");
        if (include != null) {
            if (!include.equals(type + ":medication")) {
                throw new IllegalArgumentException("PrefetchBuilder cannot include " + include);
            }
            for (Resource match : matches) {
                for (Base value : values(match, "medication")) {
                    if (value instanceof Reference reference && reference.hasReference()) {
                        String id = reference.getReference().substring(reference.getReference().lastIndexOf('/') + 1);
                        record.stream().filter(r -> r.fhirType().equals("Medication") && id.equals(r.getIdElement().getIdPart()))
                                .findFirst().ifPresent(m -> bundle.addEntry().setResource(m).getSearch()
                                        .setMode(Bundle.SearchEntryMode.INCLUDE));
                    }
                }
            }
        }
        bundle.setTotal(matches.size());
        return json(bundle);
    }

    private static boolean matches(Resource resource, Map<String, String> parameters, String patientId) {
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            boolean ok = switch (parameter.getKey()) {
                case "patient" -> refersTo(resource, parameter.getValue());
                case "code" -> hasCode(resource, List.of("code", "medication"), parameter.getValue().split(","));
                case "vaccine-code" -> hasCode(resource, List.of("vaccineCode"), parameter.getValue().split(","));
                case "category" -> hasCode(resource, List.of("category"), parameter.getValue().split(","));
                case "clinical-status" -> hasCode(resource, List.of("clinicalStatus"), parameter.getValue().split(","));
                case "status" -> List.of(parameter.getValue().split(",")).contains(primitive(resource, "status"));
                case "_include", "_count" -> true;
                default -> throw new IllegalArgumentException("PrefetchBuilder does not know the search parameter '"
                        + parameter.getKey() + "'; teach it before using such a template in a scenario");
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean refersTo(Resource resource, String patientId) {
        for (String element : List.of("subject", "patient")) {
            for (Base value : values(resource, element)) {
                if (value instanceof Reference reference && ("Patient/" + patientId).equals(reference.getReference())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasCode(Resource resource, List<String> elements, String[] tokens) {
        List<Coding> codings = new ArrayList<>();
        for (String element : elements) {
            for (Base value : values(resource, element)) {
                if (value instanceof CodeableConcept concept) {
                    codings.addAll(concept.getCoding());
                }
            }
        }
        for (String token : tokens) {
            String system = token.contains("|") ? token.substring(0, token.indexOf('|')) : null;
            String code = token.contains("|") ? token.substring(token.indexOf('|') + 1) : token;
            if (codings.stream().anyMatch(c -> code.equals(c.getCode()) && (system == null || system.equals(c.getSystem())))) {
                return true;
            }
        }
        return false;
    }

    private static List<Base> values(Resource resource, String element) {
        Property property = resource.getNamedProperty(element);
        return property == null ? List.of() : property.getValues();
    }

    private static String primitive(Resource resource, String element) {
        return values(resource, element).stream().filter(Base::isPrimitive).map(Base::primitiveValue).findFirst().orElse(null);
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static JsonNode json(Resource resource) {
        try {
            return MAPPER.readTree(TestKnowledge.FHIR.newJsonParser().encodeResourceToString(resource));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

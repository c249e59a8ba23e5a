package org.biologicscds.sandbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a search request's parameters into {@link Criterion}s using the FHIR R4 search parameter
 * definitions (name, type, FHIRPath expression) that HAPI ships. What the sandbox cannot answer
 * faithfully (chains, {@code _has}, number, quantity and composite parameters, unknown modifiers,
 * {@code _sort}, {@code _revinclude}) is a 400 naming it: a sandbox that ignored a filter would
 * return data the real server would not.
 */
final class SearchCriteria {

    /** Result controls that HAPI's server applies itself or that the provider takes separately. */
    private static final Set<String> HANDLED_ELSEWHERE = Set.of("_count", "_include", "_format", "_pretty",
            "_summary", "_elements", "_getpages", "_getpagesoffset", "_bundletype", "_total");
    private static final Set<RestSearchParameterTypeEnum> SUPPORTED = Set.of(RestSearchParameterTypeEnum.TOKEN,
            RestSearchParameterTypeEnum.REFERENCE, RestSearchParameterTypeEnum.DATE, RestSearchParameterTypeEnum.STRING,
            RestSearchParameterTypeEnum.URI);
    private static final Set<String> MODIFIERS = Set.of("", "missing", "not", "text", "exact", "contains");

    private final FhirContext fhir;

    SearchCriteria(FhirContext fhir) {
        this.fhir = fhir;
    }

    List<Criterion> parse(String resourceType, Map<String, List<String>> parameters) {
        RuntimeResourceDefinition definition = fhir.getResourceDefinition(resourceType);
        List<Criterion> criteria = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String key = parameter.getKey();
            String name = key.contains(":") ? key.substring(0, key.indexOf(':')) : key;
            String modifier = key.contains(":") ? key.substring(key.indexOf(':') + 1) : "";
            if (HANDLED_ELSEWHERE.contains(name)) {
                continue;
            }
            if (name.contains(".")) {
                throw bad("chained search parameters (" + key + ") are not supported by the sandbox");
            }
            RestSearchParameterTypeEnum type;
            String path;
            if (name.equals("_id")) {
                type = RestSearchParameterTypeEnum.TOKEN;
                path = "Resource.id";
            } else if (name.equals("_lastUpdated")) {
                type = RestSearchParameterTypeEnum.DATE;
                path = "Resource.meta.lastUpdated";
            } else {
                RuntimeSearchParam searchParam = definition.getSearchParam(name);
                if (searchParam == null) {
                    throw bad("'" + name + "' is not a search parameter of " + resourceType);
                }
                type = searchParam.getParamType();
                path = searchParam.getPath();
                if (!SUPPORTED.contains(type) || path == null || path.isBlank()) {
                    throw bad("'" + name + "' is a " + type + " parameter, which the sandbox does not search");
                }
            }
            if (!MODIFIERS.contains(modifier) && !(type == RestSearchParameterTypeEnum.REFERENCE
                    && fhir.getResourceTypes().contains(modifier))) {
                throw bad("the modifier ':" + modifier + "' is not supported by the sandbox");
            }
            for (String value : parameter.getValue()) {
                criteria.add(new Criterion(name, modifier, type, path, split(value)));
            }
        }
        return criteria;
    }

    /** Splits on commas not escaped with a backslash, and unescapes {@code \,} {@code \|} {@code \$} {@code \\}. */
    static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && ",$|\\".indexOf(value.charAt(i + 1)) >= 0) {
                current.append('\\').append(value.charAt(++i));
            } else if (c == ',') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static InvalidRequestException bad(String message) {
        return new InvalidRequestException(message);
    }
}

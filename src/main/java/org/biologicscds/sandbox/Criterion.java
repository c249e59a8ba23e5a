package org.biologicscds.sandbox;

import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import java.util.List;

/**
 * One search parameter of a request, as the sandbox evaluates it: the values are alternatives
 * (comma-separated in the query: OR); repeating the parameter gives several criteria (AND).
 *
 * @param name     the parameter, e.g. {@code code}
 * @param modifier the modifier after {@code :}, or empty
 * @param type     the parameter's type
 * @param path     the FHIRPath expression that selects the values to compare
 * @param values   the alternatives, unescaped
 */
record Criterion(String name, String modifier, RestSearchParameterTypeEnum type, String path, List<String> values) {

    Criterion {
        values = List.copyOf(values);
    }
}

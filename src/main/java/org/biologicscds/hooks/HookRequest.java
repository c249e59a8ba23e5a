package org.biologicscds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * A validated CDS Hooks 2.0 service request.
 *
 * <p>{@code prefetch} keeps the spec's three states apart: a key that is absent was not fetched
 * by the client; a key mapped to a JSON {@code null} node was fetched and found nothing; any other
 * value is what the client fetched (which may be an OperationOutcome saying its fetch failed).
 */
public record HookRequest(String hook, String hookInstance, String fhirServer,
                          FhirAuthorization fhirAuthorization, HookContext context,
                          Map<String, JsonNode> prefetch) {

    public HookRequest {
        prefetch = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(prefetch));
    }

    public Optional<FhirAuthorization> authorization() {
        return Optional.ofNullable(fhirAuthorization);
    }
}

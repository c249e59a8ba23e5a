package org.biologicscds.hooks;

import java.util.Map;
import java.util.Objects;

/**
 * One CDS service as discovery announces it (CDS Hooks 2.0 "Response" of the discovery endpoint):
 * {@code id}, {@code hook}, {@code description} required; {@code prefetch} maps a key to a FHIR
 * query template.
 */
public record ServiceDefinition(String hook, String title, String description, String id,
                                Map<String, String> prefetch, String usageRequirements) {

    public ServiceDefinition {
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(id, "id");
        prefetch = prefetch == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(prefetch));
    }
}

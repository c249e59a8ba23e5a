package org.biologicscds.knowledge;

import java.util.Objects;

/**
 * One thing a rule reads from the patient's record, as its PlanDefinition declares it in
 * {@code action.input} (a FHIR {@code DataRequirement}): the resources of a type, either all of them
 * ({@code path} and {@code valueSetId} null) or those whose concept at {@code path} (e.g. {@code code},
 * {@code vaccineCode}) is in the knowledge's value set {@code valueSetId} (its id, not its canonical).
 */
public record DataNeed(String resourceType, String path, String valueSetId) {

    public DataNeed {
        Objects.requireNonNull(resourceType, "resourceType");
        if ((path == null) != (valueSetId == null)) {
            throw new IllegalArgumentException("a code filter needs both a path and a value set");
        }
    }

    /** Every resource of {@code resourceType}. */
    public static DataNeed all(String resourceType) {
        return new DataNeed(resourceType, null, null);
    }

    /** The resources of {@code resourceType} whose concept at {@code path} is in {@code valueSetId}. */
    public static DataNeed coded(String resourceType, String path, String valueSetId) {
        return new DataNeed(resourceType, path, valueSetId);
    }

    /** True when the need takes every resource of its type. */
    public boolean unfiltered() {
        return valueSetId == null;
    }
}

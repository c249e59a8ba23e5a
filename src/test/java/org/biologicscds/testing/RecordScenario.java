package org.biologicscds.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A patient's record and a hook call about it, for the "same answer either way" harness.
 *
 * @param name      shown in test names: the file and the hook
 * @param serviceId the CDS service to call
 * @param request   the CDS Hooks request without {@code prefetch} and {@code fhirServer}
 * @param record    the record as FHIR JSON (a resource or any bundle, e.g. a transaction bundle)
 * @param prefetch  the prefetch the EHR sent with the request, or null to build it from the record
 *                  ({@link PrefetchBuilder})
 */
public record RecordScenario(String name, String serviceId, ObjectNode request, String record, ObjectNode prefetch) {

    @Override
    public String toString() {
        return name;
    }
}

package org.biologicscds.service;

import java.util.List;
import org.biologicscds.hooks.CdsResponse;

/**
 * The outcome of one hook call, with the opaque ids the server may log and record.
 *
 * @param patientId  the request's {@code context.patientId} (opaque FHIR id); may be null
 */
public record CdsCall(CdsResponse response, String hookInstance, List<String> ruleIds, String patientId) {

    public CdsCall {
        ruleIds = List.copyOf(ruleIds);
    }
}

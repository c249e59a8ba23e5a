package org.biologicscds.service;

import java.util.List;
import org.biologicscds.hooks.CdsResponse;

/**
 * The outcome of one hook call, with the opaque ids the server may log and record.
 *
 * @param patientId     the request's {@code context.patientId} (opaque FHIR id); may be null
 * @param checksNotRun  the rules that threw and whose checks could not run (their names), one card each
 */
public record CdsCall(CdsResponse response, String hookInstance, List<String> ruleIds, String patientId,
                      List<String> checksNotRun) {

    public CdsCall {
        ruleIds = List.copyOf(ruleIds);
        checksNotRun = List.copyOf(checksNotRun);
    }

    /** A call whose every check ran. */
    public CdsCall(CdsResponse response, String hookInstance, List<String> ruleIds, String patientId) {
        this(response, hookInstance, ruleIds, patientId, List.of());
    }
}

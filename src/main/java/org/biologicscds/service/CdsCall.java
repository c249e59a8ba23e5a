package org.biologicscds.service;

import java.util.List;
import org.biologicscds.hooks.CdsResponse;

/** The outcome of one hook call, with the opaque ids the server may log. */
public record CdsCall(CdsResponse response, String hookInstance, List<String> ruleIds) {

    public CdsCall {
        ruleIds = List.copyOf(ruleIds);
    }
}

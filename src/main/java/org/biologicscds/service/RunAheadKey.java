package org.biologicscds.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.biologicscds.hooks.HookRequest;
import org.biologicscds.hooks.ServiceDefinition;

/**
 * What an assembled record was made of, so that a record is only ever answered again for the very
 * same inputs: the patient id, the fhirServer (or none), the prefetch templates in the order the
 * assembler reads them, the knowledge in use (by identity: a reload is another knowledge, and what
 * the assembler parses may depend on it), and the prefetch itself, compared member by member
 * ({@link ExactJson}), never by its hash alone.
 *
 * <p>Not in it, on purpose: {@code hookInstance}, {@code fhirAuthorization}, the user, the encounter
 * and the draft orders. A record assembled only from prefetch is a function of the inputs above: the
 * access token is read only to fetch, and a record that needed a fetch is never kept ({@link RunAhead}).
 * The drafts are added to a copy of the record per call ({@code PatientRecord.plus}).
 */
final class RunAheadKey {

    private final String patientId;
    private final String fhirServer;
    private final Map<String, String> templates;
    private final Object knowledge;
    private final Map<String, JsonNode> prefetch;
    private final int hash;

    RunAheadKey(String patientId, String fhirServer, Map<String, String> templates, Object knowledge,
                Map<String, JsonNode> prefetch) {
        this.patientId = patientId;
        this.fhirServer = fhirServer;
        this.templates = templates;
        this.knowledge = knowledge;
        this.prefetch = prefetch;
        // Jackson's hashCode is deep (every member and value); the knowledge counts by identity.
        this.hash = Objects.hash(patientId, fhirServer, templates, System.identityHashCode(knowledge), prefetch);
    }

    static RunAheadKey of(HookRequest request, ServiceDefinition service, Object knowledge) {
        return new RunAheadKey(request.context().patientId(), request.fhirServer(), service.prefetch(), knowledge,
                request.prefetch());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RunAheadKey other) || hash != other.hash) {
            return false;
        }
        return knowledge == other.knowledge && Objects.equals(patientId, other.patientId)
                && Objects.equals(fhirServer, other.fhirServer) && sameInOrder(templates, other.templates)
                && samePrefetch(prefetch, other.prefetch);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Map.equals ignores the order; the assembler adds resources in the templates' order. */
    private static boolean sameInOrder(Map<String, String> a, Map<String, String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<Map.Entry<String, String>> right = b.entrySet().iterator();
        for (Map.Entry<String, String> l : a.entrySet()) {
            if (!l.equals(right.next())) {
                return false;
            }
        }
        return true;
    }

    private static boolean samePrefetch(Map<String, JsonNode> a, Map<String, JsonNode> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> right = b.entrySet().iterator();
        for (Map.Entry<String, JsonNode> l : a.entrySet()) {
            Map.Entry<String, JsonNode> r = right.next();
            if (!l.getKey().equals(r.getKey()) || !ExactJson.same(l.getValue(), r.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** No patient data: the key may end up in a debugger or a heap dump label, never in a log. */
    @Override
    public String toString() {
        return "RunAheadKey#" + Integer.toHexString(hash);
    }
}

package org.biologicscds.metrics;

/**
 * Counts the patient-data fetches that failed (the service went to the EHR's FHIR server for
 * prefetch the client did not send, and did not get it). Implementations are thread-safe and
 * never throw. The fetching code increments it once per failed fetch; a 412 or a card then says
 * what could not be checked.
 */
public interface FetchFailures {

    /** Why a fetch failed: a small closed vocabulary, so the metric's label values stay few. */
    enum Cause {
        /** No answer within the deadline. */
        TIMEOUT("timeout"),
        /** The FHIR server answered an error status (401, 403, 404, 5xx). */
        HTTP_ERROR("http-error"),
        /** The FHIR server could not be reached (DNS, connection refused, TLS). */
        UNREACHABLE("unreachable"),
        /** The answer was not the FHIR resource or Bundle expected. */
        INVALID_RESPONSE("invalid-response");

        private final String label;

        Cause(String label) {
            this.label = label;
        }

        /** The metric label value. */
        public String label() {
            return label;
        }
    }

    /** Fetch failures that count nothing: for tests and for code run without a server (evaluate). */
    FetchFailures NONE = (prefetchKey, cause) -> { };

    /**
     * Counts one failed fetch.
     *
     * @param prefetchKey  the prefetch key of the service definition it was for ({@code observations}),
     *                     never a URL or an id
     * @param cause        why it failed
     */
    void failed(String prefetchKey, Cause cause);
}

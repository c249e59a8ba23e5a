package org.biologicscds.record;

/**
 * Why patient data a check needs could not be had. Each is answered with a 412 naming the key and
 * the reason; none is ever treated as "nothing found".
 */
public enum FetchFailure {
    /** Not prefetched (or prefetched as an OperationOutcome) and the request names no fhirServer. */
    NO_FHIR_SERVER,
    /** The prefetch template uses a token the request has no value for (e.g. {@code {{userPatientId}}}). */
    UNRESOLVED_TOKEN,
    /** The template is neither a read ({@code Type/id}) nor a search ({@code Type?params}). */
    UNSUPPORTED_TEMPLATE,
    /** No complete answer within the per-request deadline. */
    TIMEOUT,
    /** Connection refused, unknown host, no route. */
    UNREACHABLE,
    /** HTTP 401: the server did not accept the access token. */
    UNAUTHORIZED,
    /** HTTP 403: the token does not allow this read. */
    FORBIDDEN,
    /** HTTP 5xx. */
    SERVER_ERROR,
    /** Any other non-2xx status (404, 400, 410...). */
    REJECTED,
    /** A body that is not FHIR, or not the FHIR the query asks for; or an error issue inside a search result. */
    NOT_FHIR,
    /** More result pages than the cap: reading only some would make a partial record. */
    TOO_MANY_PAGES,
    /** A {@code next} link to another origin: the token is not sent anywhere but the fhirServer. */
    FOREIGN_NEXT_LINK,
    /** Anything else that went wrong while fetching. */
    FAILED
}

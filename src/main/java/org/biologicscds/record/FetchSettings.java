package org.biologicscds.record;

import java.time.Duration;
import java.util.Objects;

/**
 * How the service fetches the patient data a request did not prefetch.
 *
 * @param timeout      one deadline for all of a request's fetches together, paging included
 *                     (default {@link #DEFAULT_TIMEOUT}); past it, what is missing is a 412
 * @param maxPages     how many result pages of one search are read, the first included (default
 *                     {@link #DEFAULT_MAX_PAGES}); a search with more is a 412, never a partial record
 * @param requireHttps when true, a request whose {@code fhirServer} is plain {@code http} is a 400
 *                     (default false: the CDS Hooks sandbox and local test beds serve http)
 * @param allowedServers URL prefixes of the FHIR servers the service may fetch from; empty: any.
 *                     Fetching from the request's {@code fhirServer} is the protocol, so any caller
 *                     that may call the service can make it open connections: a deployment that
 *                     knows its EHRs lists them (a server-side request forgery guard)
 */
public record FetchSettings(Duration timeout, int maxPages, boolean requireHttps, java.util.List<String> allowedServers) {

    /** Any FHIR server. */
    public FetchSettings(Duration timeout, int maxPages, boolean requireHttps) {
        this(timeout, maxPages, requireHttps, java.util.List.of());
    }

    /** 2 s: an order-sign must not wait on a slow EHR for longer than a clinician notices. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** 20 pages: hundreds of entries at any server's page size, yet a bound on a runaway search. */
    public static final int DEFAULT_MAX_PAGES = 20;

    public FetchSettings {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the fetch timeout must be positive: " + timeout);
        }
        if (maxPages < 1) {
            throw new IllegalArgumentException("the page cap must be at least 1: " + maxPages);
        }
        allowedServers = java.util.List.copyOf(allowedServers);
    }

    /** True if the service may fetch from {@code fhirServer}. */
    public boolean allows(String fhirServer) {
        return allowedServers.isEmpty() || allowedServers.stream().anyMatch(fhirServer::startsWith);
    }

    /** These settings, fetching only from servers whose URL starts with one of {@code prefixes}. */
    public FetchSettings onlyFrom(java.util.List<String> prefixes) {
        return new FetchSettings(timeout, maxPages, requireHttps, prefixes);
    }

    public static FetchSettings defaults() {
        return new FetchSettings(DEFAULT_TIMEOUT, DEFAULT_MAX_PAGES, false);
    }
}

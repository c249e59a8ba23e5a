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
 */
public record FetchSettings(Duration timeout, int maxPages, boolean requireHttps) {

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
    }

    public static FetchSettings defaults() {
        return new FetchSettings(DEFAULT_TIMEOUT, DEFAULT_MAX_PAGES, false);
    }
}

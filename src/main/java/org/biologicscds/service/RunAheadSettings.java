package org.biologicscds.service;

import java.time.Duration;

/**
 * How much the run-ahead keeps ({@link RunAhead}): at most {@code maxRecords} assembled records,
 * whose requests were at most {@code maxBytes} of JSON together, each for at most {@code ttl} after
 * it was assembled. {@code maxRecords} 0 turns it off.
 */
public record RunAheadSettings(int maxRecords, long maxBytes, Duration ttl) {

    /**
     * 256 records: the patients of the calls of a few minutes on a busy site. 2 MiB of requests
     * (about 160 of the typical 12.5 KB order-sign): a kept record (its HAPI resources and the
     * prefetch tree of its key) takes about ten times its request's bytes on the heap, about 20 MB
     * in all, and the service's heap is meant to stay small.
     */
    public static final int DEFAULT_MAX_RECORDS = 256;
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024;
    /** Long enough for a clinician to edit an order (order-select, ...) and sign it (order-sign). */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    public RunAheadSettings {
        if (maxRecords < 0) {
            throw new IllegalArgumentException("the run-ahead record count cannot be negative: " + maxRecords);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("the run-ahead byte bound cannot be negative: " + maxBytes);
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the run-ahead time to live must be positive: " + ttl);
        }
    }

    public static RunAheadSettings defaults() {
        return new RunAheadSettings(DEFAULT_MAX_RECORDS, DEFAULT_MAX_BYTES, DEFAULT_TTL);
    }

    public static RunAheadSettings off() {
        return new RunAheadSettings(0, 0, DEFAULT_TTL);
    }

    public boolean on() {
        return maxRecords > 0 && maxBytes > 0;
    }
}

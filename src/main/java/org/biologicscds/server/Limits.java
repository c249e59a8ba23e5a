package org.biologicscds.server;

import java.time.Duration;

/**
 * What one client may cost the server, so that a slow or huge client cannot starve the others.
 * The largest body is {@link ServerConfig#maxBodyBytes()}. Immutable.
 *
 * @param maxResources   most FHIR resources (JSON objects with a {@code resourceType}) in one
 *                       request, drafts and prefetch together; more is a 413
 * @param maxThreads     size of the request thread pool; bodies are read without holding a thread
 * @param maxConnections open connections accepted at once; further ones wait in the OS backlog
 * @param idleTimeout    a connection with no traffic for this long is closed
 * @param requestTimeout time from the request's headers to its complete body; slower is a 408
 * @param maxConcurrentCalls calls (and feedback posts) admitted at once; the rest wait their turn in
 *                       arrival order, holding no thread. Of those admitted, one per core computes
 *                       at a time (the service's compute turns); the others wait for the EHR's FHIR
 *                       server or for a compute turn
 * @param callQueueTimeout longest wait for a turn; longer is a 503 (an EHR has given up on a hook
 *                       call by then)
 */
public record Limits(int maxResources, int maxThreads, int maxConnections, Duration idleTimeout,
                     Duration requestTimeout, int maxConcurrentCalls, Duration callQueueTimeout) {

    /** Far above a real prefetch (a few hundred resources), far below what strains the parser. */
    public static final int DEFAULT_MAX_RESOURCES = 5_000;
    public static final int DEFAULT_MAX_THREADS = 64;
    public static final int DEFAULT_MAX_CONNECTIONS = 1_000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CALL_QUEUE_TIMEOUT = Duration.ofSeconds(10);

    public Limits {
        if (maxResources < 1 || maxThreads < 8 || maxConnections < 1
                || idleTimeout.isNegative() || idleTimeout.isZero()
                || requestTimeout.isNegative() || requestTimeout.isZero()
                || maxConcurrentCalls < 1 || callQueueTimeout.isNegative() || callQueueTimeout.isZero()) {
            throw new IllegalArgumentException("limits must be positive, with at least 8 threads");
        }
    }

    public static Limits defaults() {
        return new Limits(DEFAULT_MAX_RESOURCES, DEFAULT_MAX_THREADS, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, defaultConcurrentCalls(), DEFAULT_CALL_QUEUE_TIMEOUT);
    }

    /**
     * Four times the cores: one call per core computing, and room for three per core waiting on the
     * EHR's FHIR server meanwhile, which costs a blocked thread and no CPU.
     */
    public static int defaultConcurrentCalls() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /** These limits with the given call concurrency and queue timeout. */
    public Limits withCalls(int concurrentCalls, Duration queueTimeout) {
        return new Limits(maxResources, maxThreads, maxConnections, idleTimeout, requestTimeout, concurrentCalls, queueTimeout);
    }
}

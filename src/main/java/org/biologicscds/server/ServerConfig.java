package org.biologicscds.server;

/**
 * How the HTTP server listens.
 *
 * @param host                 the address to bind; loopback by default
 * @param port                 the port; 0 picks a free one (tests)
 * @param maxBodyBytes         the largest request body accepted; larger is a 413
 * @param metricsNeedAdminToken whether {@code GET /metrics} needs the admin token (else open, like a health check)
 */
public record ServerConfig(String host, int port, long maxBodyBytes, boolean metricsNeedAdminToken) {

    /** Open {@code /metrics}. */
    public ServerConfig(String host, int port, long maxBodyBytes) {
        this(host, port, maxBodyBytes, false);
    }

    /** 5 MB: far above any real hook request, small enough that a flood cannot exhaust memory. */
    public static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;

    public static ServerConfig loopback(int port) {
        return new ServerConfig("127.0.0.1", port, DEFAULT_MAX_BODY_BYTES);
    }
}

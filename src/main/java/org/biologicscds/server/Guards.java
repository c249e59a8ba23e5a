package org.biologicscds.server;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.QoSHandler;

/**
 * The protective handlers around the endpoints, outermost first:
 * {@link CorsHandler} → {@link BodySizeLimitHandler} → {@link ClientAuthHandler} (when client
 * authentication is on) → {@link BufferedBodyHandler} → Jetty's {@link QoSHandler} → the endpoints.
 * Cheap refusals come first; a body is read only for an authenticated caller; a turn at the CPU is
 * taken only with the whole body in hand, so a slow upload never holds one.
 */
final class Guards {

    private Guards() {
    }

    static Handler around(Handler endpoints, ServerConfig config, HttpProtection protection, OperationOutcomes outcomes) {
        Limits limits = protection.limits();
        QoSHandler turns = new QoSHandler(endpoints);
        turns.setMaxRequestCount(limits.maxConcurrentCalls());
        turns.setMaxSuspend(limits.callQueueTimeout());
        // Each connection has one request at a time, so no one waiting is turned away for the queue's length.
        turns.setMaxSuspendedRequestCount(limits.maxConnections());
        Handler inner = new BufferedBodyHandler(config.maxBodyBytes(), limits, outcomes, turns);
        if (protection.clientTokens().isPresent()) {
            inner = new ClientAuthHandler(protection.clientTokens().get(), protection.publicBaseUrl(), inner);
        }
        inner = new BodySizeLimitHandler(config.maxBodyBytes(), outcomes, inner);
        return new CorsHandler(protection.cors(), outcomes, inner);
    }
}

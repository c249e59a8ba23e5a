package org.biologicscds.server;

import org.eclipse.jetty.server.Handler;

/**
 * The protective handlers around the endpoints, outermost first:
 * {@link CorsHandler} → {@link BodySizeLimitHandler} → {@link ClientAuthHandler} (when client
 * authentication is on) → {@link BufferedBodyHandler} → the endpoints. Cheap refusals come first; a
 * body is read only for an authenticated caller.
 */
final class Guards {

    private Guards() {
    }

    static Handler around(Handler endpoints, ServerConfig config, HttpProtection protection, OperationOutcomes outcomes) {
        Handler inner = new BufferedBodyHandler(config.maxBodyBytes(), protection.limits(), outcomes, endpoints);
        if (protection.clientTokens().isPresent()) {
            inner = new ClientAuthHandler(protection.clientTokens().get(), protection.publicBaseUrl(), inner);
        }
        inner = new BodySizeLimitHandler(config.maxBodyBytes(), outcomes, inner);
        return new CorsHandler(protection.cors(), outcomes, inner);
    }
}

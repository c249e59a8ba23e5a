package org.biologicscds.server;

import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * CORS for browser clients (the CDS Hooks sandbox calls from a web page). Puts
 * {@code Access-Control-Allow-Origin} on every response to an allowed origin, errors included, and
 * answers preflight requests itself (204, {@code Authorization} and {@code Content-Type} allowed),
 * before authentication: a browser never sends credentials on a preflight.
 *
 * <p>A preflight from an origin that is not allowed gets a 403 OperationOutcome; any other request
 * from it is served without CORS headers, so the browser withholds the answer from the page.
 */
final class CorsHandler extends Handler.Wrapper {

    static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type";
    static final String PREFLIGHT_MAX_AGE_SECONDS = "600";
    private static final HttpField VARY_ORIGIN = new HttpField(HttpHeader.VARY, "Origin");

    private final CorsPolicy policy;
    private final OperationOutcomes outcomes;

    CorsHandler(CorsPolicy policy, OperationOutcomes outcomes, Handler next) {
        super(next);
        this.policy = policy;
        this.outcomes = outcomes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        boolean allowed = apply(policy, request, response);
        if (!isPreflight(request)) {
            return super.handle(request, response, callback);
        }
        if (!allowed) {
            outcomes.respond(response, callback, HttpStatus.FORBIDDEN_403, "forbidden",
                    "BCDS-1403: this origin may not call the service from a browser (see --cors-origin)");
            return true;
        }
        response.setStatus(HttpStatus.NO_CONTENT_204);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE_SECONDS);
        response.write(true, null, callback);
        return true;
    }

    /**
     * The error handler with the same CORS headers on its answers. Jetty answers a failed request
     * with a fresh response, dropping the headers set before the failure; this puts them back.
     */
    static Request.Handler aroundErrors(CorsPolicy policy, Request.Handler errorHandler) {
        return new ErrorsWithCors(policy, errorHandler);
    }

    /** Sets the CORS response headers for this request; whether its origin is allowed. */
    private static boolean apply(CorsPolicy policy, Request request, Response response) {
        Optional<String> allowOrigin = policy.allowOrigin(request.getHeaders().get(HttpHeader.ORIGIN));
        allowOrigin.ifPresent(origin -> response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin));
        if (policy.variesByOrigin()) {
            response.getHeaders().ensureField(VARY_ORIGIN);
        }
        return allowOrigin.isPresent();
    }

    private static boolean isPreflight(Request request) {
        return HttpMethod.OPTIONS.is(request.getMethod())
                && request.getHeaders().contains(HttpHeader.ORIGIN)
                && request.getHeaders().contains(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD);
    }

    private record ErrorsWithCors(CorsPolicy policy, Request.Handler errorHandler) implements Request.Handler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            apply(policy, request, response);
            return errorHandler.handle(request, response, callback);
        }
    }
}

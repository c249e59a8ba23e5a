package org.biologicscds.server;

import org.biologicscds.metrics.CdsMetrics;
import java.util.Optional;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /metrics}: the Prometheus text exposition. Open like a health check by default: it holds
 * counts and latencies labelled with service and rule ids, no patient data. With
 * {@code --metrics-need-admin-token} it answers only a scraper that sends the admin token (401
 * {@code BCDS-1401} otherwise, as {@code /admin/*}).
 */
final class MetricsEndpoint extends Handler.Abstract {

    static final String PATH = "/metrics";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final CdsMetrics metrics;
    private final Replies replies;
    private final Optional<AdminToken> token;

    /** @param token the admin token a scraper must send, or empty for an open endpoint */
    MetricsEndpoint(CdsMetrics metrics, Replies replies, Optional<AdminToken> token) {
        this.metrics = metrics;
        this.replies = replies;
        this.token = token;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return false;
        }
        if (token.isPresent() && token.get().turnsAway(request, response, callback, replies)) {
            return true;
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            replies.methodNotAllowed(response, callback, "GET");
            return true;
        }
        replies.text(response, callback, PROMETHEUS_TEXT, metrics.scrape());
        return true;
    }
}

package org.biologicscds.server;

import org.biologicscds.metrics.CdsMetrics;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /metrics}: the Prometheus text exposition. Open like a health check: it holds counts
 * and latencies labelled with service and rule ids, no patient data.
 */
final class MetricsEndpoint extends Handler.Abstract {

    static final String PATH = "/metrics";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final CdsMetrics metrics;
    private final Replies replies;

    MetricsEndpoint(CdsMetrics metrics, Replies replies) {
        this.metrics = metrics;
        this.replies = replies;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return false;
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            replies.methodNotAllowed(response, callback, "GET");
            return true;
        }
        replies.text(response, callback, PROMETHEUS_TEXT, metrics.scrape());
        return true;
    }
}

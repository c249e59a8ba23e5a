package org.biologicscds.server;

import java.time.Duration;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.metrics.CdsMetrics;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Times every request and records it by endpoint, service and status when its response completes.
 * Service ids not in the catalogue are recorded as {@code unknown}, so a client cannot create
 * label values at will.
 */
final class RequestMetrics extends Handler.Wrapper {

    private static final String SERVICES = "/cds-services";

    private final CdsMetrics metrics;
    private final ServiceCatalog catalog;

    RequestMetrics(CdsMetrics metrics, ServiceCatalog catalog, Handler handler) {
        super(handler);
        this.metrics = metrics;
        this.catalog = catalog;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long started = System.nanoTime();
        String path = Request.getPathInContext(request);
        Callback timed = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                record();
                super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                record();
                super.failed(failure);
            }

            private void record() {
                String[] labels = labels(path);
                metrics.request(labels[0], labels[1], response.getStatus(), Duration.ofNanos(System.nanoTime() - started));
            }
        };
        return super.handle(request, response, timed);
    }

    /** {endpoint, service} for a path. */
    private String[] labels(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (trimmed.equals(SERVICES)) {
            return new String[] {"discovery", "none"};
        }
        String feedbackOf = FeedbackHandler.serviceId(trimmed);
        if (feedbackOf != null) {
            return new String[] {"feedback", known(feedbackOf)};
        }
        if (trimmed.startsWith(SERVICES + "/") && trimmed.indexOf('/', SERVICES.length() + 1) < 0) {
            return new String[] {"service", known(trimmed.substring(SERVICES.length() + 1))};
        }
        if (trimmed.startsWith("/admin/")) {
            return new String[] {"admin", "none"};
        }
        if (trimmed.equals(MetricsEndpoint.PATH)) {
            return new String[] {"metrics", "none"};
        }
        return new String[] {"other", "none"};
    }

    private String known(String serviceId) {
        return catalog.find(serviceId).isPresent() ? serviceId : "unknown";
    }
}

package org.biologicscds.server;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import org.biologicscds.feedback.Feedback;
import org.biologicscds.feedback.IssuedCardLog;
import org.biologicscds.metrics.CdsMetrics;
import org.biologicscds.service.BiologicCdsService;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The embedded Jetty 12 server: CDS Hooks endpoints, feedback ({@code /cds-services/{id}/feedback}),
 * the admin report ({@code /admin/feedback-report}), Prometheus metrics ({@code /metrics}), JSON
 * errors for everything else, a bounded thread pool. Construct, {@link #start()}, {@link #close()}.
 * The feedback and metrics passed in stay owned by the caller (close them after the server).
 */
public final class CdsServer implements AutoCloseable {

    private static final int MAX_THREADS = 64;
    private static final long IDLE_TIMEOUT_MS = 30_000;

    private final Server server;
    private final ServerConnector connector;

    public CdsServer(BiologicCdsService service, FhirContext fhir, ServerConfig config, Feedback feedback,
                     CdsMetrics metrics, AdminToken adminToken) {
        this(service, fhir, config, feedback, metrics, adminToken, List.of());
    }

    /**
     * As above, with more handlers on the same port, tried after the service endpoints and before
     * the JSON 404 (the embedded sandbox FHIR server at {@code /fhir}, for one).
     */
    public CdsServer(BiologicCdsService service, FhirContext fhir, ServerConfig config, Feedback feedback,
                     CdsMetrics metrics, AdminToken adminToken, List<Handler> mounts) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("cds-http");
        this.server = new Server(threads);
        this.connector = new ServerConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        server.addConnector(connector);
        OperationOutcomes outcomes = new OperationOutcomes(fhir);
        Replies replies = new Replies(outcomes);
        IssuedCardLog issuedCards = feedback.issuedCards();
        CdsHandler cds = new CdsHandler(service, outcomes, config.maxBodyBytes(),
                new IssuedCardRecorder(issuedCards, metrics, feedback.clock()));
        List<Handler> handlers = new ArrayList<>();
        handlers.add(cds);
        handlers.add(new FeedbackHandler(service, feedback, metrics, replies, config.maxBodyBytes()));
        handlers.add(new AdminHandler(feedback.analytics(), adminToken, service.json(), replies));
        handlers.add(new MetricsEndpoint(metrics, replies));
        handlers.addAll(mounts);
        handlers.add(new NotFound());
        server.setHandler(new RequestMetrics(metrics, service.catalog(), new Handler.Sequence(handlers)));
        metrics.issuedCards(issuedCards, "recorded", log -> log.stats().recorded());
        metrics.issuedCards(issuedCards, "written", log -> log.stats().written());
        metrics.issuedCards(issuedCards, "dropped", log -> log.stats().dropped());
        metrics.issuedCards(issuedCards, "lost", log -> log.stats().lost());
        server.setErrorHandler(new JsonErrorHandler(outcomes));
    }

    public void start() throws Exception {
        server.start();
    }

    /** The port bound, once started (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    /** Answers every request no other handler took with a 404 through the error handler. */
    private static final class NotFound extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Response.writeError(request, response, callback, 404);
            return true;
        }
    }
}

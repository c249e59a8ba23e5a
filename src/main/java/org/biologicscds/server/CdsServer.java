package org.biologicscds.server;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biologicscds.feedback.Feedback;
import org.biologicscds.feedback.IssuedCardLog;
import org.biologicscds.metrics.CdsMetrics;
import org.biologicscds.service.BiologicCdsService;
import org.biologicscds.service.ComputeTurns;
import org.biologicscds.service.RunAhead;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The embedded Jetty 12 server. {@code /cds-services} (discovery, hooks, feedback) sits behind the
 * {@link Guards} (CORS, size limit, client JWTs, body limits); the admin report (its own token),
 * {@code /metrics}, and mounted handlers such as the sandbox FHIR server get CORS only. JSON errors
 * for everything else; a bounded thread pool and connection count. Construct, {@link #start()},
 * {@link #close()}. The feedback and metrics passed in stay owned by the caller (close them after).
 */
public final class CdsServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    public CdsServer(BiologicCdsService service, FhirContext fhir, ServerConfig config, Feedback feedback,
                     CdsMetrics metrics, AdminToken adminToken) {
        this(service, fhir, config, HttpProtection.openLoopback(), feedback, metrics, adminToken, List.of());
    }

    /**
     * @param mounts more handlers on the same port, tried after the service endpoints and before the
     *               JSON 404 (the embedded sandbox FHIR server at {@code /fhir}, for one)
     * @throws IllegalStateException when {@code protection} is open and {@code config} binds an
     *                               address other machines can reach, without {@code openOffLoopback}
     */
    public CdsServer(BiologicCdsService service, FhirContext fhir, ServerConfig config, HttpProtection protection,
                     Feedback feedback, CdsMetrics metrics, AdminToken adminToken, List<Handler> mounts) {
        protection.checkBind(config.host());
        Limits limits = protection.limits();
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), 4);
        threads.setName("cds-http");
        this.server = new Server(threads);
        this.connector = new ServerConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().setSendServerVersion(false);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
        OperationOutcomes outcomes = new OperationOutcomes(fhir);
        Replies replies = new Replies(outcomes);
        IssuedCardLog issuedCards = feedback.issuedCards();
        CdsHandler cds = new CdsHandler(service, outcomes, config.maxBodyBytes(),
                new IssuedCardRecorder(issuedCards, metrics, feedback.clock()));
        Handler cdsEndpoints = new Handler.Sequence(cds,
                new FeedbackHandler(service, feedback, metrics, replies, config.maxBodyBytes()));
        List<Handler> others = new ArrayList<>();
        others.add(new AdminHandler(feedback.analytics(), adminToken, service.json(), replies));
        others.add(new KnowledgeReloadHandler(service, adminToken, replies));
        others.add(new MetricsEndpoint(metrics, replies,
                config.metricsNeedAdminToken() ? Optional.of(adminToken) : Optional.empty()));
        others.addAll(mounts);
        others.add(new NotFound());
        Handler routes = new Handler.Sequence(
                new PathPrefix("/cds-services", Guards.around(cdsEndpoints, config, protection, outcomes)),
                new CorsHandler(protection.cors(), outcomes, new Handler.Sequence(others)));
        server.setHandler(new RequestMetrics(metrics, service.catalog(), routes));
        metrics.issuedCards(issuedCards, "recorded", log -> log.stats().recorded());
        metrics.issuedCards(issuedCards, "written", log -> log.stats().written());
        metrics.issuedCards(issuedCards, "dropped", log -> log.stats().dropped());
        metrics.issuedCards(issuedCards, "lost", log -> log.stats().lost());
        metrics.callsWaiting(service.turns(), "compute-turn", ComputeTurns::waitingForTurn);
        metrics.callsWaiting(service.turns(), "fhir-server", ComputeTurns::waitingOutside);
        metrics.runAhead(service.runAhead(), "hit", RunAhead::hits);
        metrics.runAhead(service.runAhead(), "miss", RunAhead::misses);
        metrics.runAhead(service.runAhead(), "fetched", RunAhead::fetched);
        metrics.runAheadRecords(service.runAhead(), RunAhead::size);
        server.setErrorHandler(CorsHandler.aroundErrors(protection.cors(), new JsonErrorHandler(outcomes)));
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

    /** The Jetty server, for tests in this package that add an in-memory connector before start. */
    Server jetty() {
        return server;
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

package org.biologicscds.server;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import org.biologicscds.service.BiologicCdsService;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The embedded Jetty 12 server: CDS Hooks endpoints, JSON errors for everything else, a bounded
 * thread pool. Construct, {@link #start()}, {@link #close()}.
 */
public final class CdsServer implements AutoCloseable {

    private static final int MAX_THREADS = 64;
    private static final long IDLE_TIMEOUT_MS = 30_000;

    private final Server server;
    private final ServerConnector connector;

    public CdsServer(BiologicCdsService service, FhirContext fhir, ServerConfig config) {
        this(service, fhir, config, List.of());
    }

    /**
     * As above, with more handlers on the same port, tried after the CDS endpoints and before the
     * JSON 404 (the embedded sandbox FHIR server at {@code /fhir}, for one).
     */
    public CdsServer(BiologicCdsService service, FhirContext fhir, ServerConfig config, List<Handler> mounts) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("cds-http");
        this.server = new Server(threads);
        this.connector = new ServerConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        server.addConnector(connector);
        OperationOutcomes outcomes = new OperationOutcomes(fhir);
        CdsHandler cds = new CdsHandler(service, outcomes, config.maxBodyBytes());
        List<Handler> handlers = new ArrayList<>();
        handlers.add(cds);
        handlers.addAll(mounts);
        handlers.add(new NotFound());
        server.setHandler(new Handler.Sequence(handlers));
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

package org.biologicscds.server;

import ca.uhn.fhir.context.FhirContext;
import org.biologicscds.service.BiologicCdsService;
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
 * The embedded Jetty 12 server: CDS Hooks endpoints behind the {@link Guards} (CORS, size limit,
 * client JWTs, body limits), JSON errors for everything else, a bounded thread pool and connection
 * count. Construct, {@link #start()}, {@link #close()}.
 */
public final class CdsServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    /** Open, for loopback only: {@link HttpProtection#openLoopback()}. */
    public CdsServer(BiologicCdsService service, FhirContext fhir, ServerConfig config) {
        this(service, fhir, config, HttpProtection.openLoopback());
    }

    /**
     * @throws IllegalStateException when {@code protection} is open and {@code config} binds an
     *                               address other machines can reach, without {@code openOffLoopback}
     */
    public CdsServer(BiologicCdsService service, FhirContext fhir, ServerConfig config, HttpProtection protection) {
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
        CdsHandler cds = new CdsHandler(service, outcomes, config.maxBodyBytes());
        server.setHandler(Guards.around(new Handler.Sequence(cds, new NotFound()), config, protection, outcomes));
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

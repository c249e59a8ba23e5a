package org.biologicscds.cli;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.biologicscds.knowledge.KnowledgeException;
import org.biologicscds.metrics.CdsMetrics;
import org.biologicscds.server.CdsServer;
import org.biologicscds.server.ServerConfig;
import org.biologicscds.service.BiologicCdsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the CDS Hooks service (discovery at /cds-services).")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--max-body-bytes", defaultValue = "" + ServerConfig.DEFAULT_MAX_BODY_BYTES,
            description = "Largest request body accepted (default ${DEFAULT-VALUE}); larger gets 413.")
    long maxBodyBytes;

    @Mixin
    Folders folders;

    @Mixin
    FeedbackOptions feedbackOptions;

    @Override
    public Integer call() throws Exception {
        FhirContext fhir = FhirContext.forR4Cached();
        CdsMetrics metrics = new CdsMetrics();
        BiologicCdsService service;
        try {
            service = BiologicCdsService.load(folders.knowledge(), folders.hooks(), folders.policy, fhir, Clock.systemUTC());
        } catch (KnowledgeException e) {
            System.err.println("biologics-cds: the knowledge folder is broken, not starting: " + e.getMessage());
            return 2;
        }
        FeedbackOptions.Opened feedback;
        try {
            feedback = feedbackOptions.open(System.getenv());
        } catch (FeedbackOptions.StartupException e) {
            System.err.println("biologics-cds: " + e.getMessage() + "; not starting");
            return 2;
        }
        CdsServer server = new CdsServer(service, fhir, new ServerConfig(host, port, maxBodyBytes), feedback.feedback(),
                metrics, feedback.adminToken());
        // SIGTERM and Ctrl-C stop the server, drain the issued-card log and close the database.
        Shutdown shutdown = new Shutdown(server, feedback);
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown::run, "biologics-cds-shutdown"));
        try {
            server.start();
            LOG.info("biologics-cds listening on http://{}:{}/cds-services (feedback database {})", host, server.port(),
                    feedback.database().settings().redactedUrl());
            server.join();
        } finally {
            shutdown.run();
        }
        return 0;
    }

    /** Stops everything once, whether the server ended or the JVM is shutting down. */
    private static final class Shutdown {
        private final CdsServer server;
        private final FeedbackOptions.Opened feedback;
        private boolean done;

        Shutdown(CdsServer server, FeedbackOptions.Opened feedback) {
            this.server = server;
            this.feedback = feedback;
        }

        synchronized void run() {
            if (done) {
                return;
            }
            done = true;
            try (feedback; server) {
                LOG.info("biologics-cds stopping");
            } catch (Exception e) {
                LOG.error("biologics-cds: error while stopping: {}", e.toString());
            }
        }
    }
}

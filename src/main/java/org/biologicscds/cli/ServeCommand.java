package org.biologicscds.cli;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.biologicscds.knowledge.BundledFolder;
import org.biologicscds.knowledge.KnowledgeException;
import org.biologicscds.logging.RequestLog;
import org.biologicscds.metrics.CdsMetrics;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.record.QuietFhir;
import org.biologicscds.sandbox.ResourceStore;
import org.biologicscds.sandbox.SandboxFhirServer;
import org.biologicscds.sandbox.SandboxLoadException;
import org.biologicscds.server.CdsServer;
import org.biologicscds.server.DemoPage;
import org.biologicscds.server.HttpProtection;
import org.biologicscds.server.OperationOutcomes;
import org.biologicscds.server.ServerConfig;
import org.biologicscds.server.StartingMount;
import org.biologicscds.service.BiologicCdsService;
import org.biologicscds.service.KnowledgeSource;
import org.biologicscds.service.RunAhead;
import org.biologicscds.service.RunAheadSettings;
import org.biologicscds.trust.DatabaseReplayStore;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the CDS Hooks service (discovery at /cds-services) and the sandbox FHIR server (/fhir).")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--max-body-bytes", defaultValue = "" + ServerConfig.DEFAULT_MAX_BODY_BYTES,
            description = "Largest request body accepted (default ${DEFAULT-VALUE}); larger gets 413.")
    long maxBodyBytes;

    @Option(names = "--fetch-timeout", defaultValue = "2s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "One deadline for fetching all missing prefetch of a request from its fhirServer, "
                    + "paging included (default ${DEFAULT-VALUE}; e.g. 1500ms, 3s); past it the answer is 412.")
    Duration fetchTimeout;

    @Option(names = "--fetch-max-pages", defaultValue = "" + FetchSettings.DEFAULT_MAX_PAGES,
            description = "Result pages read per search (default ${DEFAULT-VALUE}); a search with more is a 412.")
    int fetchMaxPages;

    @Option(names = "--require-https-fhir",
            description = "Refuse (400) requests whose fhirServer is plain http; by default http is accepted.")
    boolean requireHttpsFhir;

    @Option(names = "--fhir-server-allow", paramLabel = "URL_PREFIX",
            description = "Fetch missing prefetch only from FHIR servers whose URL starts with this (repeatable;"
                    + " default: any). Guards against requests that make the service call other hosts.")
    List<String> fhirServerAllow = new ArrayList<>();

    @Option(names = "--run-ahead-records", paramLabel = "N", defaultValue = "" + RunAheadSettings.DEFAULT_MAX_RECORDS,
            description = "Patient records assembled from an order-select's prefetch, kept for the next calls with the"
                    + " very same patient, prefetch and knowledge (order-select again, order-sign): at most this many"
                    + " (default ${DEFAULT-VALUE}; 0 turns it off). Memory only; see docs/run-ahead.md.")
    int runAheadRecords;

    @Option(names = "--run-ahead-bytes", paramLabel = "BYTES", defaultValue = "" + RunAheadSettings.DEFAULT_MAX_BYTES,
            description = "At most this many bytes of requests behind the kept records (default ${DEFAULT-VALUE}).")
    long runAheadBytes;

    @Option(names = "--run-ahead-ttl", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long a kept record may answer after it was assembled (default ${DEFAULT-VALUE}).")
    Duration runAheadTtl;

    @Option(names = "--load", paramLabel = "BUNDLE_OR_FOLDER",
            description = "Load FHIR JSON (a resource, a bundle such as a Synthea transaction bundle, or a folder of "
                    + "them) into the sandbox FHIR server at /fhir. Repeatable.")
    List<Path> load = new ArrayList<>();

    @Option(names = "--no-sandbox", description = "Do not start the sandbox FHIR server at /fhir (demo data).")
    boolean noSandbox;

    @Option(names = "--sandbox-writable",
            description = "Let clients write to the sandbox FHIR server at /fhir even when the service is exposed "
                    + "(bound beyond loopback, or with --trust); without it the sandbox is read-only then.")
    boolean sandboxWritable;

    @Option(names = "--metrics-need-admin-token",
            description = "GET /metrics answers only with the admin token (Authorization: Bearer ...); 401 otherwise.")
    boolean metricsNeedAdminToken;

    @Mixin
    Folders folders;

    @Mixin
    FeedbackOptions feedbackOptions;

    @Mixin
    ProtectionOptions protection;

    @Override
    public Integer call() throws Exception {
        HttpProtection httpProtection;
        try {
            httpProtection = protection.resolve(host, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("biologics-cds: not starting: " + e.getMessage());
            return 2;
        }
        // One FHIR context for the service, the client and the sandbox: HAPI scans the model of each
        // resource type once per context, the largest part of start-up. Every parser of the service
        // sets its own error handler; this context's default is the client's and the sandbox's.
        FhirContext fhir = QuietFhir.context();
        CdsMetrics metrics = new CdsMetrics();
        // The feedback database (H2 or PostgreSQL, Flyway) does not depend on the knowledge: open it
        // on another core while the knowledge loads.
        ExecutorService startup = Executors.newSingleThreadExecutor(r -> new Thread(r, "startup-feedback-database"));
        Future<FeedbackOptions.Opened> opening = startup.submit(() -> feedbackOptions.open(System.getenv()));
        startup.shutdown();
        BiologicCdsService service;
        FetchSettings fetch;
        RunAheadSettings runAhead;
        try {
            fetch = new FetchSettings(fetchTimeout, fetchMaxPages, requireHttpsFhir, fhirServerAllow);
            runAhead = new RunAheadSettings(runAheadRecords, runAheadBytes, runAheadTtl);
        } catch (IllegalArgumentException e) {
            System.err.println("biologics-cds: " + e.getMessage());
            closeOnceOpen(opening);
            return 2;
        }
        try {
            service = BiologicCdsService.load(folders.knowledge(), folders.hooks(), folders.policy, fhir, Clock.systemUTC(),
                    fetch, RunAhead.of(runAhead));
            if (folders.knowledge != null) {
                // POST /admin/reload-knowledge loads this folder (and the policy) again.
                service.reloadingFrom(new KnowledgeSource(folders.knowledge, folders.policy));
            }
        } catch (KnowledgeException e) {
            System.err.println("biologics-cds: the knowledge folder is broken, not starting: " + e.getMessage());
            closeOnceOpen(opening);
            return 2;
        }
        FeedbackOptions.Opened feedback;
        try {
            feedback = opening.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FeedbackOptions.StartupException failed) {
                System.err.println("biologics-cds: " + failed.getMessage() + "; not starting");
                return 2;
            }
            throw e;
        }
        // Client JWT ids are remembered in the feedback database, which instances behind one load
        // balancer share: a token accepted by one is refused by all (README "Running several instances").
        httpProtection = httpProtection.withReplayStore(
                new DatabaseReplayStore(feedback.database().dataSource(), Clock.systemUTC()));
        List<Handler> mounts = new ArrayList<>();
        mounts.add(new DemoPage());
        // The sandbox (HAPI's RestfulServer and the demo patients) takes about a second of CPU to come
        // up and no CDS call with prefetch needs it: the server listens without it, a call to /fhir
        // waits for it (a 503 after 10 s), and a sandbox that cannot load still stops serve (below).
        StartingMount sandboxMount = null;
        boolean writable = sandboxWritable(host, httpProtection, sandboxWritable);
        if (!noSandbox) {
            sandboxMount = new StartingMount(SandboxFhirServer.CONTEXT_PATH, "the sandbox FHIR server",
                    new OperationOutcomes(fhir), Duration.ofSeconds(10));
            mounts.add(sandboxMount);
        }
        CdsServer server = new CdsServer(service, fhir, new ServerConfig(host, port, maxBodyBytes, metricsNeedAdminToken),
                httpProtection,
                feedback.feedback(), metrics, feedback.adminToken(), mounts);
        // SIGTERM and Ctrl-C stop the server, drain the issued-card log and close the database.
        Shutdown shutdown = new Shutdown(server, feedback);
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown::run, "biologics-cds-shutdown"));
        try {
            server.start();
            LOG.info("biologics-cds listening on http://{}:{}/cds-services{} (feedback database {})", host, server.port(),
                    noSandbox ? "" : ", sandbox FHIR server at http://" + host + ":" + server.port() + "/fhir",
                    feedback.database().settings().redactedUrl());
            if (sandboxMount != null) {
                try {
                    sandboxMount.ready(sandbox(service).handler(writable));
                    LOG.info("sandbox FHIR server ready at /fhir");
                    if (!writable) {
                        LOG.info("sandbox FHIR server at /fhir is read-only: the service is exposed (--sandbox-writable to allow writes)");
                    }
                } catch (SandboxLoadException e) {
                    System.err.println("biologics-cds: cannot load into the sandbox FHIR server, not starting: " + e.getMessage());
                    return 2;
                }
            }
            server.join();
        } finally {
            shutdown.run();
        }
        return 0;
    }

    /**
     * Whether clients may write to the sandbox: on loopback without client authentication (a demo
     * on this machine) yes; exposed, only if {@code --sandbox-writable} says so.
     */
    static boolean sandboxWritable(String host, HttpProtection protection, boolean option) {
        boolean exposed = !HttpProtection.isLoopback(host) || protection.clientTokens().isPresent();
        return option || !exposed;
    }

    /** Closes the feedback database when its opening succeeds: start-up stopped before it was used. */
    private static void closeOnceOpen(Future<FeedbackOptions.Opened> opening) throws InterruptedException {
        try {
            opening.get().close();
        } catch (ExecutionException e) {
            // Nothing to close; the operator hears of this problem too, after the one that stopped start-up.
            System.err.println("biologics-cds: also: " + e.getCause().getMessage());
        }
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
            } finally {
                RequestLog.flush(); // the server is closed: no more request lines
            }
        }
    }

    /** The sandbox FHIR server with the knowledge, the demo patients and whatever --load names. */
    private SandboxFhirServer sandbox(BiologicCdsService service) {
        SandboxFhirServer sandbox = new SandboxFhirServer(new ResourceStore());
        sandbox.addKnowledge(service.knowledge());
        int demo = sandbox.load(BundledFolder.path("demo-patients"));
        int loaded = 0;
        for (Path path : load) {
            loaded += sandbox.load(path);
        }
        LOG.info("sandbox FHIR server: {} demo resources, {} loaded", demo, loaded);
        return sandbox;
    }
}

package org.biologicscds.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.biologicscds.feedback.DatabaseSettings;
import org.biologicscds.feedback.Feedback;
import org.biologicscds.feedback.FeedbackDatabase;
import org.biologicscds.feedback.IssuedCardLog;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.metrics.CdsMetrics;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.server.AdminToken;
import org.biologicscds.server.CdsServer;
import org.biologicscds.server.HttpProtection;
import org.biologicscds.server.ServerConfig;
import org.biologicscds.guidance.Guidance;
import org.biologicscds.guidance.Rule;
import org.biologicscds.service.BiologicCdsService;
import org.eclipse.jetty.server.Handler;

/**
 * The real server (Jetty on a random loopback port) with the project's knowledge and hooks, its
 * clock fixed at {@link #TODAY}. Every 200 response to a hook call is checked against the CDS Hooks
 * card rules ({@link ResponseChecker}) before a test sees it. Its feedback store is a private
 * in-memory H2 database (or the one given), its admin token {@link #ADMIN_TOKEN}.
 */
public final class RunningServer implements AutoCloseable {

    /** The day the server believes it is: test records are dated relative to it. */
    public static final String TODAY = "2026-11-23";

    /** A response: status, content type and body. */
    public record Reply(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("response is not JSON: " + body, e);
            }
        }
    }

    /** The admin token the server accepts. */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private final CdsServer server;
    private final FeedbackDatabase database;
    private final Feedback feedback;
    private final CdsMetrics metrics = new CdsMetrics();
    private final HttpClient client = HttpClient.newHttpClient();

    public RunningServer() throws Exception {
        this(ServerConfig.DEFAULT_MAX_BODY_BYTES);
    }

    public RunningServer(long maxBodyBytes) throws Exception {
        this(maxBodyBytes, HttpProtection.openLoopback());
    }

    /** With client authentication, CORS and limits as given. */
    public RunningServer(long maxBodyBytes, HttpProtection protection) throws Exception {
        this(maxBodyBytes, protection, new DatabaseSettings("jdbc:h2:mem:running-server-" + UUID.randomUUID(), null, null),
                LOOPBACK_ONLY, List.of());
    }

    public RunningServer(long maxBodyBytes, DatabaseSettings databaseSettings) throws Exception {
        this(maxBodyBytes, HttpProtection.openLoopback(), databaseSettings, LOOPBACK_ONLY, List.of());
    }

    /**
     * Tests never make the service connect beyond this machine: fixtures name real hosts
     * (hooks.smarthealthit.org) as their fhirServer.
     */
    public static final FetchSettings LOOPBACK_ONLY = FetchSettings.defaults()
            .onlyFrom(List.of("http://127.0.0.1", "http://localhost", "https://127.0.0.1", "https://localhost"));

    /** A server that fetches missing prefetch as {@code fetch} says, with more handlers mounted (e.g. the sandbox). */
    public RunningServer(FetchSettings fetch, List<Handler> mounts) throws Exception {
        this(ServerConfig.DEFAULT_MAX_BODY_BYTES, HttpProtection.openLoopback(),
                new DatabaseSettings("jdbc:h2:mem:running-server-" + UUID.randomUUID(), null, null), fetch, mounts);
    }

    /** With the given protection (limits), fetching missing prefetch as {@code fetch} says. */
    public RunningServer(HttpProtection protection, FetchSettings fetch) throws Exception {
        this(ServerConfig.DEFAULT_MAX_BODY_BYTES, protection,
                new DatabaseSettings("jdbc:h2:mem:running-server-" + UUID.randomUUID(), null, null), fetch, List.of());
    }

    private RunningServer(long maxBodyBytes, HttpProtection protection, DatabaseSettings databaseSettings,
                          FetchSettings fetch, List<Handler> mounts) throws Exception {
        this(maxBodyBytes, protection, databaseSettings, fetch, mounts, new Guidance(TestKnowledge.get()));
    }

    /** A server whose guidance runs {@code extra} after the knowledge's rules (e.g. a rule made to throw). */
    public static RunningServer withRule(Rule extra) throws Exception {
        return new RunningServer(ServerConfig.DEFAULT_MAX_BODY_BYTES, HttpProtection.openLoopback(),
                new DatabaseSettings("jdbc:h2:mem:running-server-" + UUID.randomUUID(), null, null), LOOPBACK_ONLY, List.of(),
                new Guidance(TestKnowledge.get()).withRule(extra));
    }

    /**
     * A server whose knowledge and site policy come from {@code source} (as {@code serve --knowledge DIR
     * --policy FILE}), reloaded from there by {@code POST /admin/reload-knowledge}.
     */
    public static RunningServer reloadingFrom(org.biologicscds.service.KnowledgeSource source) throws Exception {
        return new RunningServer(ServerConfig.DEFAULT_MAX_BODY_BYTES, HttpProtection.openLoopback(),
                new DatabaseSettings("jdbc:h2:mem:running-server-" + UUID.randomUUID(), null, null), LOOPBACK_ONLY, List.of(),
                clock -> BiologicCdsService.load(source.folder(), TestKnowledge.HOOKS, source.policyFile(), TestKnowledge.FHIR,
                        clock, LOOPBACK_ONLY).reloadingFrom(source));
    }

    private RunningServer(long maxBodyBytes, HttpProtection protection, DatabaseSettings databaseSettings,
                          FetchSettings fetch, List<Handler> mounts, Guidance guidance) throws Exception {
        this(maxBodyBytes, protection, databaseSettings, fetch, mounts, clock -> {
            CdsJson json = new CdsJson();
            return new BiologicCdsService(ServiceCatalog.load(TestKnowledge.HOOKS, json),
                    TestKnowledge.get(), org.biologicscds.knowledge.SitePolicy.none(), TestKnowledge.FHIR, json, clock, fetch,
                    org.biologicscds.service.ComputeTurns.perProcessor(), guidance);
        });
    }

    private RunningServer(long maxBodyBytes, HttpProtection protection, DatabaseSettings databaseSettings,
                          FetchSettings fetch, List<Handler> mounts,
                          java.util.function.Function<Clock, BiologicCdsService> services) throws Exception {
        Clock clock = Clock.fixed(Instant.parse(TODAY + "T10:00:00Z"), ZoneOffset.UTC);
        BiologicCdsService service = services.apply(clock);
        database = FeedbackDatabase.open(databaseSettings);
        feedback = new Feedback(database, clock, IssuedCardLog.Settings.DEFAULT);
        server = new CdsServer(service, TestKnowledge.FHIR, new ServerConfig("127.0.0.1", 0, maxBodyBytes), protection,
                feedback, metrics, AdminToken.of(ADMIN_TOKEN), mounts);
        server.start();
    }

    /** The feedback store, issued-card log and analytics behind the server. */
    public Feedback feedback() {
        return feedback;
    }

    public FeedbackDatabase database() {
        return database;
    }

    public CdsMetrics metrics() {
        return metrics;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** POSTs JSON to a service; a 200 answer must pass the card rules. */
    public Reply call(String serviceId, String body) throws IOException, InterruptedException {
        Reply reply = post("/cds-services/" + serviceId, "application/json", body);
        if (reply.status() == 200) {
            var problems = ResponseChecker.violations(reply.json());
            if (!problems.isEmpty()) {
                throw new AssertionError("response breaks the CDS Hooks card rules: " + problems + "\n" + reply.body());
            }
        }
        return reply;
    }

    public Reply post(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    public Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    @Override
    public void close() throws Exception {
        try (database; feedback; server) {
            // closes the server, then drains the issued-card log, then closes the database
        }
    }
}

package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.ECKey;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.service.BiologicCdsService;
import org.biologicscds.testing.ClientJwt;
import org.biologicscds.testing.Json;
import org.biologicscds.testing.TestKnowledge;
import org.biologicscds.trust.ClientTokenVerifier;
import org.biologicscds.trust.TrustConfig;
import org.biologicscds.trust.TrustedIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * No patient data in logs. Requests carry a distinctive patient name, birth date, FHIR access token
 * and client JWT through every path that logs (accepted, 4xx, 412, 401 replay, a 500 whose exception
 * message quotes the patient), with the service's loggers at TRACE so every level it uses is on, and
 * the libraries at the levels the shipped logback.xml sets. The captured log, stack traces included,
 * holds the opaque ids and none of the patient's data.
 */
class PatientDataLoggingTest {

    private static final String NAME_GIVEN = "Quentorius";
    private static final String NAME_FAMILY = "Vandermeerschaert";
    private static final String BIRTH_DATE = "1937-04-19";
    private static final String ACCESS_TOKEN = "fhir-at-7f3c9e1d5b2a4680zz";
    private static final String HOOK_INSTANCE = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea";
    private static final String ISSUER = "https://ehr.example.org";
    private static final ECKey KEY = ClientJwt.es384Key("ehr-log-test");

    @TempDir
    Path dir;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    private Level serviceLevelBefore;
    private final List<CdsServer> servers = new ArrayList<>();
    private final List<String> tokensSent = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void captureEveryLevel() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(logback);
        encoder.setPattern("%-5level %logger - %msg%n%ex{full}");
        encoder.start();
        appender.setContext(logback);
        appender.setEncoder(encoder);
        appender.setOutputStream(captured);
        appender.start();
        logback.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        Logger service = logback.getLogger("org.biologicscds");
        serviceLevelBefore = service.getLevel();
        service.setLevel(Level.TRACE);
    }

    @AfterEach
    void restore() throws Exception {
        logback.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        logback.getLogger("org.biologicscds").setLevel(serviceLevelBefore);
        for (CdsServer server : servers) {
            server.close();
        }
    }

    private CdsServer start(Clock clock) throws Exception {
        CdsJson json = new CdsJson();
        BiologicCdsService service = new BiologicCdsService(ServiceCatalog.load(TestKnowledge.HOOKS, json),
                TestKnowledge.get(), TestKnowledge.FHIR, json, clock);
        ClientTokenVerifier verifier = new ClientTokenVerifier(TrustConfig.of(List.of(new TrustedIssuer(ISSUER,
                List.of(ClientJwt.writeJwks(dir.resolve("ehr-" + servers.size() + ".json"), KEY)), List.of()))), Clock.systemUTC());
        CdsServer server = new CdsServer(service, TestKnowledge.FHIR, new ServerConfig("127.0.0.1", 0, 1024 * 1024),
                new HttpProtection(Optional.of(verifier), Optional.empty(), CorsPolicy.noOrigin(), Limits.defaults(), false),
                org.biologicscds.testing.InMemoryFeedback.open(Clock.systemUTC()), new org.biologicscds.metrics.CdsMetrics(),
                AdminToken.none(), List.of());
        servers.add(server);
        server.start();
        return server;
    }

    /** The order-sign example for a patient with a distinctive name and birth date, and a FHIR access token. */
    private static String identifyingRequest() throws Exception {
        return Json.edit(Files.readString(Path.of("hooks/examples/order-sign-infliximab-no-tb-screening.json")), root -> {
            root.put("hookInstance", HOOK_INSTANCE);
            ObjectNode patient = (ObjectNode) root.at("/prefetch/patient");
            patient.putArray("name").addObject().put("family", NAME_FAMILY).putArray("given").add(NAME_GIVEN);
            patient.put("birthDate", BIRTH_DATE);
            root.putObject("fhirAuthorization").put("access_token", ACCESS_TOKEN).put("token_type", "Bearer")
                    .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "biologics-cds");
        });
    }

    private int post(CdsServer server, String path, String body, String token) throws Exception {
        String url = "http://127.0.0.1:" + server.port() + path;
        String jwt = token != null ? token : ClientJwt.sandboxStyle(KEY, url).issuer(ISSUER).sign();
        tokensSent.add(jwt);
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Authorization", "Bearer " + jwt).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void requestsCarryingNameBirthDateAndTokens_leaveOnlyOpaqueIdsInTheLog() throws Exception {
        CdsServer server = start(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
        CdsServer failing = start(new QuotingClock());
        String request = identifyingRequest();
        String signPath = "/cds-services/biologic-order-sign";
        String reusedToken = ClientJwt.sandboxStyle(KEY, "http://127.0.0.1:" + server.port() + signPath).issuer(ISSUER).sign();

        List<Integer> statuses = List.of(
                post(server, signPath, request, reusedToken),
                post(server, signPath, request, reusedToken),
                post(server, signPath, Json.edit(request, root -> ((ObjectNode) root.get("prefetch")).remove("observations")), null),
                post(server, "/cds-services/biologic-order-select", request, null),
                post(server, signPath, request.replace("\"hook\"", "\"hook\" " + NAME_FAMILY), null),
                post(server, signPath, Json.edit(request, root -> root.put("hookInstance", NAME_GIVEN + " " + NAME_FAMILY + "\nINFO forged")), null),
                post(failing, signPath, request, null));
        String log = captured.toString(StandardCharsets.UTF_8);

        assertThat(statuses).containsExactly(200, 401, 412, 400, 400, 200, 500);
        assertThat(log).contains("DEBUG", "INFO", "ERROR")
                .contains("hookInstance=" + HOOK_INSTANCE, "service=biologic-order-sign", "rules=[tb-screening-missing",
                        "reason=replayed iss=" + ISSUER, "hookInstance=(not-an-id)", "java.lang.IllegalStateException (message withheld");
        assertThat(log).doesNotContain(NAME_GIVEN).doesNotContain(NAME_FAMILY).doesNotContain(BIRTH_DATE)
                .doesNotContain(ACCESS_TOKEN).doesNotContain("INFO forged");
        for (String token : tokensSent) {
            assertThat(log).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
    }

    /**
     * A clock that fails the way a parser does: with a message quoting the patient. It stands for
     * any component whose exception message echoes its input.
     */
    private static final class QuotingClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            throw new IllegalStateException("cannot date the order of " + NAME_GIVEN + " " + NAME_FAMILY + ", born " + BIRTH_DATE);
        }
    }
}

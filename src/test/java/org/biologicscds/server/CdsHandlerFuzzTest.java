package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.jwk.ECKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.service.BiologicCdsService;
import org.biologicscds.testing.ClientJwt;
import org.biologicscds.testing.FuzzSeeds;
import org.biologicscds.testing.TestKnowledge;
import org.biologicscds.trust.ClientTokenVerifier;
import org.biologicscds.trust.TrustConfig;
import org.biologicscds.trust.TrustedIssuer;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.biologicscds.testing.NeedsSharedFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the whole HTTP handler chain as deployed (CORS, size limit, client JWT, buffered body,
 * CDS endpoints, error handler), in memory, with client authentication on. The first input byte
 * picks method, path, whether a valid JWT for the URL is sent (so most inputs reach the service),
 * a fuzzed bearer token instead, the content type, chunked encoding and an Origin; the rest is the
 * body. Invariant: every answer is an HTTP response below 500 whose body shows no exception or
 * stack trace. Seeded with the project's own requests; the shared fixtures' requests are replayed by
 * a test of their own, skipped by name on a clone without them.
 */
class CdsHandlerFuzzTest {

    private static final String ISSUER = "https://ehr.example.org";
    private static final ECKey KEY = ClientJwt.es256Key("fuzz-client");
    private static final String[] METHODS = {"POST", "POST", "GET", "OPTIONS"};
    private static final String[] PATHS = {"/cds-services/biologic-order-sign", "/cds-services/biologic-order-select",
            "/cds-services", "/cds-services/biologic-order-sign/feedback"};
    private static final AtomicLong EXECUTIONS = new AtomicLong();

    private static CdsServer server;
    private static LocalConnector connector;

    @BeforeAll
    static void start() throws Exception {
        Path jwks = ClientJwt.writeJwks(Files.createTempFile("fuzz-client", ".json"), KEY);
        ClientTokenVerifier verifier = new ClientTokenVerifier(
                TrustConfig.of(List.of(new TrustedIssuer(ISSUER, List.of(jwks), List.of()))), Clock.systemUTC());
        CdsJson json = new CdsJson();
        // Fetching from the request's fhirServer is the protocol; fuzzed requests must not make the
        // service connect anywhere (Jazzer's SSRF detector would rightly flag it), so nothing is allowed.
        BiologicCdsService service = new BiologicCdsService(ServiceCatalog.load(TestKnowledge.HOOKS, json), TestKnowledge.get(),
                org.biologicscds.knowledge.SitePolicy.none(), TestKnowledge.FHIR, json,
                Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC),
                org.biologicscds.record.FetchSettings.defaults().onlyFrom(List.of("http://fuzzing-fetches-nothing.invalid/")));
        server = new CdsServer(service, TestKnowledge.FHIR, new ServerConfig("127.0.0.1", 0, 256 * 1024),
                new HttpProtection(Optional.of(verifier), Optional.empty(), new CorsPolicy(Set.of("https://sandbox.cds-hooks.org")),
                        Limits.defaults(), false),
                org.biologicscds.testing.InMemoryFeedback.open(Clock.systemUTC()), new org.biologicscds.metrics.CdsMetrics(),
                AdminToken.none(), List.of());
        connector = new LocalConnector(server.jetty());
        server.jetty().addConnector(connector);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        // How much was tried, for the CI log (target/surefire-reports/*-output.txt).
        System.out.println("CdsHandlerFuzzTest: " + EXECUTIONS.get() + " requests sent");
        server.close();
    }

    /** Each fixture request, sent as a signed POST to each service. */
    static Stream<byte[]> fixtureRequests() {
        return signedPosts(FuzzSeeds.requestBodies());
    }

    static Stream<byte[]> sharedFixtureRequests() {
        return signedPosts(FuzzSeeds.sharedFixtureBodies());
    }

    private static Stream<byte[]> signedPosts(List<byte[]> bodies) {
        List<byte[]> seeds = new ArrayList<>();
        for (byte[] body : bodies) {
            for (byte selector : new byte[] {0x00, 0x01}) {
                byte[] seed = new byte[body.length + 1];
                seed[0] = selector;
                System.arraycopy(body, 0, seed, 1, body.length);
                seeds.add(seed);
            }
        }
        return seeds.stream();
    }

    /** The requests other systems wrote (../shared/fixtures), replayed through the same invariant. */
    @ParameterizedTest
    @MethodSource("sharedFixtureRequests")
    @NeedsSharedFixtures
    void sharedFixtureRequest_isAnsweredBelow500WithoutAStackTrace(byte[] input) throws Exception {
        anyRequest_isAnsweredBelow500WithoutAStackTrace(input);
    }

    @MethodSource("fixtureRequests")
    @FuzzTest(maxDuration = "40s")
    void anyRequest_isAnsweredBelow500WithoutAStackTrace(byte[] input) throws Exception {
        EXECUTIONS.incrementAndGet();
        int selector = input.length == 0 ? 0 : input[0] & 0xff;
        byte[] rest = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        String method = METHODS[selector & 3];
        String path = PATHS[(selector >> 2) & 3];
        int authMode = (selector >> 4) & 3;
        String authorization = null;
        if (authMode < 2) {
            authorization = "Bearer " + ClientJwt.sandboxStyle(KEY, "http://localhost" + path).issuer(ISSUER).sign();
        } else if (authMode == 3) {
            int newline = indexOf(rest, (byte) '\n');
            int end = newline < 0 ? Math.min(rest.length, 2048) : newline;
            authorization = "Bearer " + new String(rest, 0, end, StandardCharsets.ISO_8859_1).replaceAll("[\\r\\n]", "");
            rest = Arrays.copyOfRange(rest, Math.min(rest.length, end + 1), rest.length);
        }
        String contentType = (selector & 0x40) == 0 ? "application/json" : "application/fhir+json; charset=utf-8";
        boolean chunked = (selector & 0x80) != 0;

        HttpTester.Response response = send(method, path, authorization, contentType, chunked, selector % 5 == 0, rest);

        assertThat(response).as("an HTTP response").isNotNull();
        assertThat(response.getStatus()).as("status").isBetween(200, 499);
        String body = response.getContent();
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at org.").doesNotContain("at java.");
    }

    private static HttpTester.Response send(String method, String path, String authorization, String contentType,
                                            boolean chunked, boolean withOrigin, byte[] body) throws Exception {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (withOrigin) {
            head.append("Origin: https://sandbox.cds-hooks.org\r\n");
        }
        head.append("Content-Type: ").append(contentType).append("\r\nConnection: close\r\n");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            raw.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body.length > 0) {
                raw.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                raw.writeBytes(body);
                raw.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            raw.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else {
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            raw.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            raw.writeBytes(body);
        }
        ByteBuffer answer = connector.getResponse(ByteBuffer.wrap(raw.toByteArray()), 30, TimeUnit.SECONDS);
        return answer == null ? null : HttpTester.parseResponse(answer);
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}

package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.ECKey;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.biologicscds.testing.ClientJwt;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.NeedsSharedFixtures;
import org.biologicscds.testing.SharedFixtures;
import org.biologicscds.trust.ClientTokenVerifier;
import org.biologicscds.trust.TrustConfig;
import org.biologicscds.trust.TrustedIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server with client authentication on, called the way the CDS Hooks sandbox calls
 * (its captured requests, its JWT shape, from its origin), signed with a test key trusted for the
 * sandbox's issuer. Every call, discovery included, needs the JWT; failures are a bare 401.
 */
class TrustedServerTest {

    private static final String SANDBOX_ORIGIN = "https://sandbox.cds-hooks.org";
    private static final ECKey SANDBOX_TEST_KEY = ClientJwt.es384Key("sandbox-test-key");

    @TempDir
    static Path dir;
    private static RunningServer server;
    private static RunningServer behindProxy;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path jwks = ClientJwt.writeJwks(dir.resolve("sandbox-test-jwks.json"), SANDBOX_TEST_KEY);
        ClientTokenVerifier verifier = new ClientTokenVerifier(
                TrustConfig.of(TrustedIssuer.parse(List.of(ClientJwt.SANDBOX_ISSUER + "=" + jwks))), Clock.systemUTC());
        server = new RunningServer(64 * 1024, new HttpProtection(Optional.of(verifier), Optional.empty(),
                new CorsPolicy(Set.of(SANDBOX_ORIGIN)), Limits.defaults(), false));
        behindProxy = new RunningServer(64 * 1024, new HttpProtection(Optional.of(verifier),
                Optional.of("https://cds.example.org/biologics/"), CorsPolicy.noOrigin(), Limits.defaults(), false));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        behindProxy.close();
    }

    private static String url(RunningServer on, String path) {
        return on.uri(path).toString();
    }

    /** A token signed as the sandbox signs, for the URL called. */
    private static String sandboxToken(String audience) {
        return ClientJwt.sandboxStyle(SANDBOX_TEST_KEY, audience).sign();
    }

    private HttpResponse<String> send(RunningServer on, String method, String path, String token, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(on.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sandboxCaptured(String file) throws Exception {
        JsonNode wrapper = new ObjectMapper().readTree(SharedFixtures.folder().resolve("sandbox-captured").resolve(file).toFile());
        return wrapper.get("request").toString();
    }

    /** Our own request in the sandbox's shape (src/test/resources/interop/requests). */
    private static String sandboxShaped(String file) throws Exception {
        return Files.readString(Path.of("src/test/resources/interop/requests", file));
    }

    private static String example(String name) throws Exception {
        return Files.readString(Path.of("hooks/examples", name));
    }

    @Test
    void sandboxSignedDiscovery_isAnswered() throws Exception {
        HttpResponse<String> response = send(server, "GET", "/cds-services", sandboxToken(url(server, "/cds-services")), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"biologic-order-sign\"");
    }

    @Test
    void sandboxSignedSandboxShapedRequests_areAnswered() throws Exception {
        for (String request : List.of("sandbox-order-sign-methotrexate.json", "sandbox-order-select-methotrexate-psa.json")) {
            String path = "/cds-services/" + (request.startsWith("sandbox-order-sign") ? "biologic-order-sign" : "biologic-order-select");

            HttpResponse<String> response = send(server, "POST", path, sandboxToken(url(server, path)), sandboxShaped(request),
                    "Origin", SANDBOX_ORIGIN);

            // Accepted (signed, CORS): a methotrexate draft is a reverse trigger (clinical-v2.md 1.4 R) that
            // needs the record, which the sandbox's fhirServer (localhost:8081) cannot give here: 412.
            assertThat(response.statusCode()).as(request).isEqualTo(412);
            assertThat(response.body()).as(request).contains("BCDS-2002");
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SANDBOX_ORIGIN);
        }
    }

    @Test
    @NeedsSharedFixtures
    void sandboxSignedCapturedRequests_areAnswered() throws Exception {
        for (String captured : List.of("order-sign-methotrexate.json", "order-select-methotrexate-ra.json")) {
            String path = "/cds-services/" + (captured.startsWith("order-sign") ? "biologic-order-sign" : "biologic-order-select");

            HttpResponse<String> response = send(server, "POST", path, sandboxToken(url(server, path)), sandboxCaptured(captured),
                    "Origin", SANDBOX_ORIGIN);

            // Accepted; the methotrexate draft is a reverse trigger needing the record (1.4 R): 412 here.
            assertThat(response.statusCode()).as(captured).isEqualTo(412);
            assertThat(response.body()).as(captured).contains("BCDS-2002");
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SANDBOX_ORIGIN);
        }
    }

    @Test
    void sandboxSignedBiologicOrder_getsItsCards() throws Exception {
        String path = "/cds-services/biologic-order-sign";

        HttpResponse<String> response = send(server, "POST", path, sandboxToken(url(server, path)),
                example("order-sign-infliximab-no-tb-screening.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(response.body()).at("/cards/0/source/topic/code").asText()).isEqualTo("tb-screening-missing");
    }

    @Test
    void pathsOutsideTheCdsServices_areNotBehindTheClientJwt() throws Exception {
        // The sandbox FHIR server, /metrics and the admin report (its own token) are not CDS client calls.
        HttpResponse<String> response = send(server, "GET", "/no-such-path", null, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void callsWithoutAToken_areABare401_discoveryIncluded() throws Exception {
        for (HttpResponse<String> response : List.of(
                send(server, "GET", "/cds-services", null, null),
                send(server, "POST", "/cds-services/biologic-order-sign", null, example("order-sign-infliximab-no-tb-screening.json")),
                send(server, "POST", "/cds-services/no-such-service", null, "{}"),
                send(server, "POST", "/cds-services/biologic-order-sign/feedback", null, "{\"feedback\": []}"),
                send(server, "GET", "/cds-services", null, null, "Authorization", "Basic dXNlcjpwYXNz"))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).isEmpty();
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
    }

    @Test
    void answers_doNotAdvertiseTheServerSoftware() throws Exception {
        assertThat(send(server, "GET", "/cds-services", null, null).headers().firstValue("Server")).isEmpty();
    }

    @Test
    void tokenForDiscovery_isRefusedOnAServiceEndpoint() throws Exception {
        HttpResponse<String> response = send(server, "POST", "/cds-services/biologic-order-sign",
                sandboxToken(url(server, "/cds-services")), example("order-sign-infliximab-no-tb-screening.json"));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void sameTokenSentAgain_isRefused() throws Exception {
        String token = sandboxToken(url(server, "/cds-services"));

        assertThat(List.of(send(server, "GET", "/cds-services", token, null).statusCode(),
                send(server, "GET", "/cds-services", token, null).statusCode())).containsExactly(200, 401);
    }

    @Test
    void refusalToABrowser_carriesAllowOriginSoThePageSeesThe401() throws Exception {
        HttpResponse<String> response = send(server, "GET", "/cds-services", null, null, "Origin", SANDBOX_ORIGIN);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SANDBOX_ORIGIN);
    }

    @Test
    void preflight_isAnsweredWithoutAToken() throws Exception {
        HttpResponse<String> response = send(server, "OPTIONS", "/cds-services/biologic-order-sign", null, null,
                "Origin", SANDBOX_ORIGIN, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(Map.of("origin", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""),
                "headers", response.headers().firstValue("Access-Control-Allow-Headers").orElse("")))
                .isEqualTo(Map.of("origin", SANDBOX_ORIGIN, "headers", "Authorization, Content-Type"));
    }

    @Test
    void unknownPathWithAValidToken_is404Json() throws Exception {
        HttpResponse<String> response = send(server, "GET", "/nothing-here", sandboxToken(url(server, "/nothing-here")), null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("OperationOutcome");
    }

    @Test
    void bodyOverTheLimitWithoutAToken_is413BeforeAuthentication() throws Exception {
        HttpResponse<String> response = send(server, "POST", "/cds-services/biologic-order-sign", null, "x".repeat(65 * 1024));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void behindAProxy_audienceIsThePublicUrlNotTheLocalOne() throws Exception {
        String publicUrl = "https://cds.example.org/biologics/cds-services";

        assertThat(List.of(send(behindProxy, "GET", "/cds-services", sandboxToken(publicUrl), null).statusCode(),
                send(behindProxy, "GET", "/cds-services", sandboxToken(url(behindProxy, "/cds-services")), null).statusCode()))
                .containsExactly(200, 401);
    }
}

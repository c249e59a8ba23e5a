package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.biologicscds.server.InMemoryJetty.Echo;
import org.biologicscds.server.InMemoryJetty.Failing;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.Handler;
import org.junit.jupiter.api.Test;

/** CORS alone: preflight answered, Access-Control-Allow-Origin on every answer to an allowed origin, errors included. */
class CorsHandlerTest {

    private static final CorsPolicy SANDBOX_ONLY = new CorsPolicy(Set.of("https://sandbox.cds-hooks.org"));

    private static InMemoryJetty jetty(CorsPolicy policy, Handler inner) throws Exception {
        return new InMemoryJetty(new CorsHandler(policy, InMemoryJetty.OUTCOMES, inner),
                CorsHandler.aroundErrors(policy, new JsonErrorHandler(InMemoryJetty.OUTCOMES)));
    }

    private static Map<String, String> corsHeaders(HttpTester.Response response) {
        Map<String, String> headers = new java.util.TreeMap<>();
        for (var field : response) {
            if (field.getName().startsWith("Access-Control-") || field.getName().equals("Vary")) {
                headers.put(field.getName(), field.getValue());
            }
        }
        return headers;
    }

    @Test
    void preflightFromAnAllowedOrigin_isAnsweredWithoutReachingTheService() throws Exception {
        try (InMemoryJetty jetty = jetty(SANDBOX_ONLY, new Failing())) {
            HttpTester.Response response = jetty.send("""
                    OPTIONS /cds-services/biologic-order-sign HTTP/1.1\r
                    Host: localhost\r
                    Origin: https://sandbox.cds-hooks.org\r
                    Access-Control-Request-Method: POST\r
                    Access-Control-Request-Headers: authorization, content-type\r
                    \r
                    """);

            assertThat(response.getStatus()).isEqualTo(204);
            assertThat(corsHeaders(response)).isEqualTo(Map.of(
                    "Access-Control-Allow-Origin", "https://sandbox.cds-hooks.org",
                    "Access-Control-Allow-Methods", "GET, POST, OPTIONS",
                    "Access-Control-Allow-Headers", "Authorization, Content-Type",
                    "Access-Control-Max-Age", "600",
                    "Vary", "Origin"));
        }
    }

    @Test
    void preflightFromAnotherOrigin_is403WithoutCorsHeaders() throws Exception {
        try (InMemoryJetty jetty = jetty(SANDBOX_ONLY, new Echo())) {
            HttpTester.Response response = jetty.send("""
                    OPTIONS /cds-services HTTP/1.1\r
                    Host: localhost\r
                    Origin: https://evil.example\r
                    Access-Control-Request-Method: GET\r
                    \r
                    """);

            assertThat(response.getStatus()).isEqualTo(403);
            assertThat(response.getContent()).contains("BCDS-1403");
            assertThat(corsHeaders(response)).isEqualTo(Map.of("Vary", "Origin"));
        }
    }

    @Test
    void postFromAnAllowedOrigin_carriesAllowOriginAndReachesTheService() throws Exception {
        try (InMemoryJetty jetty = jetty(SANDBOX_ONLY, new Echo())) {
            HttpTester.Response response = jetty.send("""
                    POST /cds-services/biologic-order-sign HTTP/1.1\r
                    Host: localhost\r
                    Origin: https://sandbox.cds-hooks.org\r
                    Content-Type: application/json\r
                    Content-Length: 2\r
                    \r
                    {}""");

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContent()).isEqualTo("got 2 bytes: {}");
            assertThat(corsHeaders(response)).isEqualTo(Map.of("Access-Control-Allow-Origin", "https://sandbox.cds-hooks.org", "Vary", "Origin"));
        }
    }

    @Test
    void requestFromAnotherOrigin_isServedWithoutAllowOrigin() throws Exception {
        try (InMemoryJetty jetty = jetty(SANDBOX_ONLY, new Echo())) {
            HttpTester.Response response = jetty.send("""
                    GET /cds-services HTTP/1.1\r
                    Host: localhost\r
                    Origin: https://evil.example\r
                    \r
                    """);

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(corsHeaders(response)).isEqualTo(Map.of("Vary", "Origin"));
        }
    }

    @Test
    void anyOriginPolicy_putsAStarOnEveryAnswerEvenWithoutOrigin() throws Exception {
        try (InMemoryJetty jetty = jetty(CorsPolicy.anyOrigin(), new Echo())) {
            HttpTester.Response response = jetty.send("GET /cds-services HTTP/1.1\r\nHost: localhost\r\n\r\n");

            assertThat(corsHeaders(response)).isEqualTo(Map.of("Access-Control-Allow-Origin", "*"));
        }
    }

    @Test
    void noOriginPolicy_putsNoCorsHeaderAnywhere() throws Exception {
        try (InMemoryJetty jetty = jetty(CorsPolicy.noOrigin(), new Echo())) {
            HttpTester.Response response = jetty.send("GET /cds-services HTTP/1.1\r\nHost: localhost\r\nOrigin: https://sandbox.cds-hooks.org\r\n\r\n");

            assertThat(corsHeaders(response)).isEmpty();
        }
    }

    @Test
    void errorFromAFailingHandler_stillCarriesAllowOrigin() throws Exception {
        try (InMemoryJetty jetty = jetty(SANDBOX_ONLY, new Failing())) {
            HttpTester.Response response = jetty.send("""
                    GET /cds-services HTTP/1.1\r
                    Host: localhost\r
                    Origin: https://sandbox.cds-hooks.org\r
                    \r
                    """);

            assertThat(response.getStatus()).isEqualTo(500);
            assertThat(response.getContent()).contains("OperationOutcome").doesNotContain("a bug");
            assertThat(corsHeaders(response)).isEqualTo(Map.of("Access-Control-Allow-Origin", "https://sandbox.cds-hooks.org", "Vary", "Origin"));
        }
    }

    @Test
    void originsThatAreNotOrigins_areRefusedAtConfiguration() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CorsPolicy(Set.of("https://sandbox.cds-hooks.org/path")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CORS origin 'https://sandbox.cds-hooks.org/path' must be * or scheme://host[:port], e.g. https://sandbox.cds-hooks.org");
        assertThat(new CorsPolicy(Set.of("HTTPS://Sandbox.CDS-Hooks.org/")).allowedOrigins()).containsExactly("https://sandbox.cds-hooks.org");
    }
}

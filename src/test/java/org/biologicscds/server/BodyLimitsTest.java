package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.biologicscds.server.InMemoryJetty.Echo;
import org.eclipse.jetty.http.HttpTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The size limit and the buffered body alone: a declared length over the limit, a chunked body
 * over it, a body that does not arrive in time, too many resources; and a body within the limits
 * reaching the service intact.
 */
class BodyLimitsTest {

    private static final long MAX_BYTES = 1_000;
    private static final Limits LIMITS = new Limits(3, 8, 100, Duration.ofSeconds(30), Duration.ofMillis(500),
            Limits.defaultConcurrentCalls(), Limits.DEFAULT_CALL_QUEUE_TIMEOUT);
    private static InMemoryJetty jetty;

    @BeforeAll
    static void start() throws Exception {
        jetty = new InMemoryJetty(new BodySizeLimitHandler(MAX_BYTES, InMemoryJetty.OUTCOMES,
                new BufferedBodyHandler(MAX_BYTES, LIMITS, InMemoryJetty.OUTCOMES, new Echo())));
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
    }

    private static String post(String headers, String body) {
        return "POST /cds-services/biologic-order-sign HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + headers + "\r\n" + body;
    }

    private static String diagnostics(HttpTester.Response response) {
        return org.biologicscds.testing.Json.object(response.getContent()).at("/issue/0/diagnostics").asText();
    }

    @Test
    void bodyWithinTheLimits_reachesTheServiceIntact() throws Exception {
        String body = "{\"prefetch\":{\"a\":{\"resourceType\":\"Patient\"},\"b\":{\"resourceType\":\"Observation\"}}}";

        HttpTester.Response response = jetty.send(post("Content-Length: " + body.length() + "\r\n", body));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContent()).isEqualTo("got " + body.length() + " bytes: " + body);
    }

    @Test
    void chunkedBodyWithinTheLimits_reachesTheServiceIntact() throws Exception {
        HttpTester.Response response = jetty.send(post("Transfer-Encoding: chunked\r\n", "3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n"));

        assertThat(response.getContent()).isEqualTo("got 7 bytes: {\"a\":1}");
    }

    @Test
    void bodyLargerThanTheFirstBufferInManyChunks_reachesTheServiceIntact() throws Exception {
        StringBuilder body = new StringBuilder();
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            String chunk = String.format("%04d", i).repeat(250);
            body.append(chunk);
            chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        try (InMemoryJetty large = new InMemoryJetty(new BufferedBodyHandler(1024 * 1024, LIMITS, InMemoryJetty.OUTCOMES, new Echo()))) {
            HttpTester.Response response = large.send(post("Transfer-Encoding: chunked\r\n", chunks + "0\r\n\r\n"));

            assertThat(response.getContent()).isEqualTo("got 300000 bytes: " + body);
        }
    }

    @Test
    void declaredLengthOverTheLimit_is413BeforeTheBodyIsSent() throws Exception {
        HttpTester.Response response = jetty.sendPartly(post("Content-Length: 5000000000\r\n", ""), 5);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(diagnostics(response)).isEqualTo("BCDS-1413: the request body is larger than 1000 bytes");
    }

    @Test
    void chunkedBodyOverTheLimit_is413() throws Exception {
        String chunk = "x".repeat(600);
        String chunks = "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n";

        HttpTester.Response response = jetty.send(post("Transfer-Encoding: chunked\r\n", chunks));

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(diagnostics(response)).isEqualTo("BCDS-1413: the request body is larger than 1000 bytes");
    }

    @Test
    void declaredLengthSomewhatOverTheLimit_is413_andTheBodyIsReadAndThrownAway() throws Exception {
        // up to 4 x the limit the body is drained after the answer, so the client, still sending, gets its 413
        String body = "{\"hook\":\"order-sign\",\"pad\":\"" + "x".repeat(1500) + "\"}";

        HttpTester.Response response = jetty.send(post("Content-Length: " + body.length() + "\r\n", body));

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(diagnostics(response)).isEqualTo("BCDS-1413: the request body is larger than 1000 bytes");
    }

    @Test
    void declaredLengthSomewhatOverTheLimit_is413BeforeTheBodyIsSent() throws Exception {
        HttpTester.Response response = jetty.sendPartly(post("Content-Length: 1500\r\n", "{\"hook\":"), 5);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(diagnostics(response)).isEqualTo("BCDS-1413: the request body is larger than 1000 bytes");
    }

    @Test
    void bodyThatStopsArriving_is408AfterTheRequestTimeout() throws Exception {
        HttpTester.Response response = jetty.sendPartly(post("Content-Length: 100\r\n", "{\"hook\":"), 5);

        assertThat(response.getStatus()).isEqualTo(408);
        assertThat(diagnostics(response)).isEqualTo("BCDS-1408: the request body did not arrive within 500 ms");
    }

    @Test
    void moreResourcesThanAllowed_is413NamingTheLimit() throws Exception {
        String body = "{\"entry\":[{\"resourceType\":\"A\"},{\"resourceType\":\"B\"},{\"resourceType\":\"C\"},{\"resourceType\":\"D\"}]}";

        HttpTester.Response response = jetty.send(post("Content-Length: " + body.length() + "\r\n", body));

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(diagnostics(response)).isEqualTo("BCDS-1416: the request carries more than 3 FHIR resources");
    }

    @Test
    void bodyThatIsNotJson_isLeftForTheServiceToReport() throws Exception {
        HttpTester.Response response = jetty.send(post("Content-Length: 5\r\n", "{{{{{"));

        assertThat(response.getContent()).isEqualTo("got 5 bytes: {{{{{");
    }

    @Test
    void resourceCount_findsResourcesAtAnyDepthButNotOtherStrings() {
        String body = """
                {"resourceType": "Parameters",
                 "context": {"draftOrders": {"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "MedicationRequest",
                   "contained": [{"resourceType": "Medication"}], "note": [{"text": "resourceType"}]}}]}},
                 "prefetch": {"p": {"resourceType": "Patient"}, "q": null, "r": {"resourceType": 7}}}
                """;

        assertThat(ResourceCounter.count(body.getBytes(), body.length(), 100)).isEqualTo(5);
    }
}

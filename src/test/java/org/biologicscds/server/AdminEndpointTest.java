package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.testing.FeedbackSample;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/feedback-report}: the analytics as JSON, for the admin token only. */
class AdminEndpointTest {

    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new RunningServer();
        FeedbackSample.write(server.database());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Reply report(String query, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/admin/feedback-report" + query)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return server.send(request.build());
    }

    @Test
    void withTheAdminToken_answersTheSameNumbersAsTheAnalytics() throws Exception {
        Reply reply = report("?since=2026-11-01", "Bearer " + RunningServer.ADMIN_TOKEN);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.body()).isEqualTo(new String(new CdsJson().write(FeedbackSample.SINCE_NOVEMBER), StandardCharsets.UTF_8));
        assertThat(reply.json().at("/rules/1/ruleId").asText()).isEqualTo("tb-screening-missing");
        assertThat(reply.json().at("/rules/1/overrideRate").asDouble()).isEqualTo(0.75);
        assertThat(reply.json().at("/rules/1/topOverrideReasons/0/code").asText()).isEqualTo("done-elsewhere");
    }

    @Test
    void withoutSince_countsEverything() throws Exception {
        Reply reply = report("", "bearer " + RunningServer.ADMIN_TOKEN);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(new String(new CdsJson().write(FeedbackSample.ALL_TIME), StandardCharsets.UTF_8));
    }

    @Test
    void withoutOrWithAWrongToken_is401SayingNothingMore() throws Exception {
        for (String authorization : new String[] {null, "Bearer wrong-token-0123456789", "Basic " + RunningServer.ADMIN_TOKEN,
            "Bearer " + RunningServer.ADMIN_TOKEN + "x", "Bearer"}) {
            Reply reply = report("", authorization);

            assertThat(reply.status()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(reply.json().at("/issue/0/diagnostics").asText())
                    .isEqualTo("BCDS-1401: this endpoint needs the admin token (Authorization: Bearer ...)");
            assertThat(reply.body()).doesNotContain("tb-screening-missing");
        }
    }

    @Test
    void badSince_is400() throws Exception {
        Reply reply = report("?since=last-week", "Bearer " + RunningServer.ADMIN_TOKEN);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/issue/0/diagnostics").asText()).isEqualTo("BCDS-1620: 'since' must be a date such as 2026-01-31");
    }
}

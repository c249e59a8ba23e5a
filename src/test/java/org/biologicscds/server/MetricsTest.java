package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.biologicscds.metrics.FetchFailures;
import org.biologicscds.testing.InfliximabOrder;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.biologicscds.testing.StalledFhirServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: Prometheus text with requests, latency, cards, fetch failures, feedback outcomes and waiting calls. */
class MetricsTest {

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RunningServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** The sample lines of the scrape (no comments), for exact comparison. */
    private List<String> samples() throws Exception {
        Reply reply = server.get("/metrics");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/plain; version=0.0.4");
        return reply.body().lines().filter(line -> !line.startsWith("#")).toList();
    }

    @Test
    void hookCall_countsTheRequestByServiceAndStatusAndTheCardsByRuleAndIndicator() throws Exception {
        server.call("biologic-order-sign", InfliximabOrder.withPrefetch());
        server.call("no-such-service", "{}");

        assertThat(samples()).contains(
                "cds_requests_seconds_count{endpoint=\"service\",service=\"biologic-order-sign\",status=\"200\"} 1",
                "cds_requests_seconds_count{endpoint=\"service\",service=\"unknown\",status=\"404\"} 1",
                "cds_cards_total{indicator=\"warning\",rule=\"tb-screening-missing\"} 1.0");
        assertThat(samples()).anyMatch(line -> line.matches(
                "cds_requests_seconds_sum\\{endpoint=\"service\",service=\"biologic-order-sign\",status=\"200\"} 0\\.\\d+"));
    }

    @Test
    void feedback_countsStoredOutcomesButNotDuplicates() throws Exception {
        String accepted = """
                {"feedback": [{"card": "c-1", "outcome": "accepted", "acceptedSuggestions": [{"id": "s-1"}],
                  "outcomeTimestamp": "2026-11-23T10:00:00Z"}]}""";
        String overridden = """
                {"feedback": [{"card": "c-2", "outcome": "overridden", "outcomeTimestamp": "2026-11-23T10:00:00Z"},
                              {"card": "c-3", "outcome": "overridden", "outcomeTimestamp": "2026-11-23T10:00:00Z"}]}""";
        server.post("/cds-services/biologic-order-sign/feedback", "application/json", accepted);
        server.post("/cds-services/biologic-order-sign/feedback", "application/json", accepted);
        server.post("/cds-services/biologic-order-sign/feedback", "application/json", overridden);

        assertThat(samples()).contains(
                "cds_feedback_total{outcome=\"accepted\",service=\"biologic-order-sign\"} 1.0",
                "cds_feedback_total{outcome=\"overridden\",service=\"biologic-order-sign\"} 2.0",
                "cds_requests_seconds_count{endpoint=\"feedback\",service=\"biologic-order-sign\",status=\"200\"} 3");
    }

    @Test
    void fetchFailures_areCountedByPrefetchKeyAndCause() throws Exception {
        FetchFailures failures = server.metrics().fetchFailures();

        failures.failed("observations", FetchFailures.Cause.TIMEOUT);
        failures.failed("observations", FetchFailures.Cause.TIMEOUT);
        failures.failed("patient", FetchFailures.Cause.HTTP_ERROR);

        assertThat(samples()).contains(
                "cds_fetch_failures_total{cause=\"timeout\",prefetch_key=\"observations\"} 2.0",
                "cds_fetch_failures_total{cause=\"http-error\",prefetch_key=\"patient\"} 1.0");
    }

    @Test
    void issuedCardLog_showsWhatItWrote() throws Exception {
        server.call("biologic-order-sign", InfliximabOrder.withPrefetch());
        assertThat(server.feedback().issuedCards().flush(Duration.ofSeconds(30))).isTrue();

        assertThat(samples()).contains(
                "cds_issued_cards_total{state=\"recorded\"} 1.0",
                "cds_issued_cards_total{state=\"written\"} 1.0",
                "cds_issued_cards_total{state=\"dropped\"} 0.0",
                "cds_issued_cards_total{state=\"lost\"} 0.0");
    }

    @Test
    void callsWaiting_showsACallWaitingOnTheFhirServer_whileItWaits() throws Exception {
        try (StalledFhirServer ehr = new StalledFhirServer()) {
            String withoutPrefetch = InfliximabOrder.withoutPrefetch(ehr.base());
            assertThat(samples()).contains("cds_calls_waiting{on=\"compute-turn\"} 0.0",
                    "cds_calls_waiting{on=\"fhir-server\"} 0.0");
            CompletableFuture<Reply> call = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.call("biologic-order-sign", withoutPrefetch);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ehr.awaitStalled();

            assertThat(samples()).contains("cds_calls_waiting{on=\"compute-turn\"} 0.0",
                    "cds_calls_waiting{on=\"fhir-server\"} 1.0");
            ehr.release();
            assertThat(call.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(samples()).contains("cds_calls_waiting{on=\"fhir-server\"} 0.0");
        }
    }
}

package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.testing.Json;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.biologicscds.testing.StubFhirServer;
import org.biologicscds.testing.StubFhirServer.Answer;
import org.junit.jupiter.api.Test;

/**
 * Calls beyond {@link Limits#maxConcurrentCalls()} wait their turn: none is lost or answered
 * differently, and one that waits longer than {@link Limits#callQueueTimeout()} is told so with a
 * 503 OperationOutcome rather than left hanging.
 */
class CallQueueTest {

    private static final String EXAMPLE = "hooks/examples/order-sign-infliximab-no-tb-screening.json";

    private static HttpProtection oneCallAtATime(Duration queueTimeout) {
        HttpProtection open = HttpProtection.openLoopback();
        return open.withLimits(open.limits().withCalls(1, queueTimeout));
    }

    @Test
    void twelveCallsAtOnce_oneAtATime_areAllAnsweredAlike() throws Exception {
        String body = Files.readString(Path.of(EXAMPLE));
        try (RunningServer server = new RunningServer(oneCallAtATime(Duration.ofSeconds(20)), RunningServer.LOOPBACK_ONLY)) {
            String alone = server.call("biologic-order-sign", body).json().findValuesAsText("code").toString();
            ExecutorService clients = Executors.newFixedThreadPool(12);
            try {
                List<Future<Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    replies.add(clients.submit(() -> server.call("biologic-order-sign", body)));
                }
                for (Future<Reply> reply : replies) {
                    assertThat(reply.get().status()).isEqualTo(200);
                    assertThat(reply.get().json().findValuesAsText("code").toString()).isEqualTo(alone);
                }
            } finally {
                clients.shutdownNow();
            }
        }
    }

    @Test
    void aCallThatWaitsLongerThanTheQueueTimeout_is503WithAnOperationOutcome() throws Exception {
        String example = Files.readString(Path.of(EXAMPLE));
        try (StubFhirServer slowEhr = new StubFhirServer((request, base) ->
                     Answer.fhir(StubFhirServer.searchset(null)).delayed(1_500));
             RunningServer server = new RunningServer(oneCallAtATime(Duration.ofMillis(200)),
                     RunningServer.LOOPBACK_ONLY)) {
            // The first call holds the only place among the admitted calls while its fhirServer takes 1.5 s to answer.
            String fetching = Json.edit(example, root -> {
                root.put("fhirServer", slowEhr.base());
                ((ObjectNode) root.get("prefetch")).remove("conditions");
            });
            CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.call("biologic-order-sign", fetching);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            while (slowEhr.seen().isEmpty()) {
                Thread.sleep(10);
            }

            Reply waited = server.call("biologic-order-sign", example);

            assertThat(waited.status()).isEqualTo(503);
            assertThat(waited.contentType()).startsWith("application/json");
            assertThat(waited.json().get("resourceType").asText()).isEqualTo("OperationOutcome");
            assertThat(waited.json().at("/issue/0/code").asText()).isEqualTo("transient");
            assertThat(waited.json().at("/issue/0/diagnostics").asText()).startsWith("BCDS-5033: the service is busy");
            assertThat(first.get().status()).isEqualTo(200);
            assertThat(server.call("biologic-order-sign", example).status()).as("the turn is free again").isEqualTo(200);
        }
    }
}

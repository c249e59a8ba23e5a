package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.biologicscds.feedback.FeedbackEntry;
import org.biologicscds.feedback.FeedbackReport;
import org.biologicscds.feedback.FeedbackReport.ReasonCount;
import org.biologicscds.feedback.FeedbackReport.RuleStats;
import org.biologicscds.feedback.OverrideReason;
import org.biologicscds.feedback.StoredFeedback;
import org.biologicscds.hooks.Coding;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.biologicscds.testing.NeedsSharedFixtures;
import org.biologicscds.testing.SharedFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /cds-services/{id}/feedback} over HTTP: the spec's examples, the mapping to rules, idempotency, errors. */
class FeedbackEndpointTest {

    private static final String SIGN = "biologic-order-sign";
    private static final Instant NOW = Instant.parse(RunningServer.TODAY + "T10:00:00Z");

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RunningServer(64 * 1024);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Reply postFeedback(String serviceId, String body) throws Exception {
        return server.post("/cds-services/" + serviceId + "/feedback", "application/json", body);
    }

    /**
     * The status for a body whose declared length is over the limit. Sent on a raw socket without the
     * body: the 413 comes before any of it is read, and a client still sending a body the server will
     * not read can see the connection reset before it reads the answer.
     */
    private int declaredTooLarge() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /cds-services/" + SIGN + "/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 70000\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private List<FeedbackEntry> stored() {
        return server.feedback().store().all().stream().map(StoredFeedback::entry).toList();
    }

    private static String spec(String file) throws Exception {
        return Files.readString(SharedFixtures.folder().resolve("hl7-cds-hooks-2.0.1").resolve(file));
    }

    /** Our own feedback in the spec examples' shape (src/test/resources/interop/feedback). */
    private static String ours(String file) throws Exception {
        return Files.readString(Path.of("src/test/resources/interop/feedback").resolve(file));
    }

    @Test
    void specShapedFeedback_isStoredAndAnswered200() throws Exception {
        for (String example : List.of("accepted-suggestion.json", "overridden-without-reason.json",
                "overridden-with-unknown-reason.json")) {
            Reply reply = postFeedback(SIGN, ours(example));

            assertThat(reply.status()).as(example).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("application/json");
            assertThat(reply.body()).isEqualTo("{\"received\":1,\"stored\":1}");
        }
        // Listed by outcome time, then card.
        assertThat(server.feedback().store().all()).containsExactly(
                new StoredFeedback(SIGN, FeedbackEntry.overridden("7d2e9f10-5a6b-4c7d-8e9f-0a1b2c3d4e73", null,
                        Instant.parse("2026-09-14T00:00:00Z")), NOW),
                new StoredFeedback(SIGN, FeedbackEntry.overridden("c3b4a5d6-7e8f-4091-a2b3-c4d5e6f7a894",
                        new OverrideReason(new Coding("https://ehr.example.net/cds-hooks/override-reason", "x41", null),
                                "Discussed with the patient; she prefers to wait."), Instant.parse("2026-09-14T00:00:00Z")), NOW),
                new StoredFeedback(SIGN, FeedbackEntry.accepted("0b6f7c84-3e0d-4d7b-9d0e-1f2a3b4c5d61",
                        List.of("6a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a52"), Instant.parse("2026-09-14T09:12:45Z")), NOW));
    }

    @Test
    @NeedsSharedFixtures
    void specExamples_areStoredAndAnswered200() throws Exception {
        for (String example : List.of("spec-21-fragment.json", "spec-22-fragment.json", "spec-23-fragment.json")) {
            Reply reply = postFeedback(SIGN, spec(example));

            assertThat(reply.status()).as(example).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("application/json");
            assertThat(reply.body()).isEqualTo("{\"received\":1,\"stored\":1}");
        }
        // Listed by outcome time, then card.
        assertThat(server.feedback().store().all()).containsExactly(
                new StoredFeedback(SIGN, FeedbackEntry.overridden("9368d37b-283f-44a0-93ea-547cebab93ed",
                        new OverrideReason(new Coding("https://example.com/cds-hooks/override-reason-system", "d7ecf885", null),
                                "A comment entered by the clinician."), Instant.parse("2020-12-11T00:00:00Z")), NOW),
                new StoredFeedback(SIGN, FeedbackEntry.overridden("f6b95768-b1c8-40dc-8385-bf3504b82ffb", null,
                        Instant.parse("2020-12-11T00:00:00Z")), NOW),
                new StoredFeedback(SIGN, FeedbackEntry.accepted("4e0a3a1e-3283-4575-ab82-028d55fe2719",
                        List.of("e56e1945-20b3-4393-8503-a1a20fd73152"), Instant.parse("2021-12-11T10:05:31Z")), NOW));
    }

    @Test
    void feedbackOnCardsTheHookAnswered_mapsToTheRulesThatProducedThem() throws Exception {
        JsonNode cards = server.call(SIGN, ustekinumabInstead(Files.readString(
                        Path.of("hooks/examples/order-sign-infliximab-no-tb-screening.json"))))
                .json().get("cards");
        String tbCard = cards.get(0).get("uuid").asText();
        String tbSuggestion = cards.get(0).at("/suggestions/0/uuid").asText();
        String mtxCard = cards.get(1).get("uuid").asText();

        Reply reply = postFeedback(SIGN, """
                {"feedback": [
                  {"card": "%s", "outcome": "accepted", "acceptedSuggestions": [{"id": "%s"}],
                   "outcomeTimestamp": "2026-11-23T10:01:00Z"},
                  {"card": "%s", "outcome": "overridden",
                   "overrideReason": {"reason": {"system": "https://ehr.example/reasons", "code": "pharmacist-reviewed",
                                                 "display": "Reviewed by pharmacist"}},
                   "outcomeTimestamp": "2026-11-23T10:02:00Z"}]}""".formatted(tbCard, tbSuggestion, mtxCard));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(server.feedback().issuedCards().flush(Duration.ofSeconds(30))).isTrue();

        assertThat(server.feedback().analytics().report(LocalDate.parse(RunningServer.TODAY))).isEqualTo(new FeedbackReport(
                LocalDate.parse(RunningServer.TODAY), List.of(
                        new RuleStats("methotrexate-combination", 1, 0, 1, 1.0, List.of(new ReasonCount(
                                "https://ehr.example/reasons", "pharmacist-reviewed", "Reviewed by pharmacist", 1))),
                        new RuleStats("tb-screening-missing", 1, 1, 0, 0.0, List.of())),
                new FeedbackReport.Unmatched(0, 0)));
    }

    @Test
    void sameEntrySentTwice_isStoredOnce() throws Exception {
        assertThat(postFeedback(SIGN, ours("accepted-suggestion.json")).body()).isEqualTo("{\"received\":1,\"stored\":1}");

        Reply again = postFeedback(SIGN, ours("accepted-suggestion.json"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("{\"received\":1,\"stored\":0}");
        assertThat(stored()).hasSize(1);
    }

    @Test
    void batchWithOneBadEntry_is400NamingItAndStoresNothing() throws Exception {
        Reply reply = postFeedback(SIGN, """
                {"feedback": [
                  {"card": "c-1", "outcome": "overridden", "outcomeTimestamp": "2026-11-23T10:00:00Z"},
                  {"card": "c-2", "outcome": "accepted", "outcomeTimestamp": "2026-11-23T10:00:00Z"}]}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(reply.json().at("/issue/0/diagnostics").asText()).isEqualTo("BCDS-1606: feedback[1].acceptedSuggestions"
                + " must list the accepted suggestions ({\"id\": suggestion.uuid}) when the outcome is 'accepted'");
        assertThat(stored()).isEmpty();
    }

    @Test
    void feedbackForAnUnknownService_is404() throws Exception {
        Reply reply = postFeedback("no-such-service", ours("accepted-suggestion.json"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().at("/issue/0/diagnostics").asText()).isEqualTo("BCDS-1404: no CDS service with id 'no-such-service'");
        assertThat(stored()).isEmpty();
    }

    @Test
    void transportErrors_haveTheirStatusAndChangeNothing() throws Exception {
        Reply get = server.get("/cds-services/" + SIGN + "/feedback");
        Reply text = server.post("/cds-services/" + SIGN + "/feedback", "text/plain", ours("accepted-suggestion.json"));
        Reply notJson = postFeedback(SIGN, "{\"feedback\": [");
        int tooLarge = declaredTooLarge();

        assertThat(List.of(get.status(), text.status(), notJson.status(), tooLarge)).containsExactly(405, 415, 400, 413);
        assertThat(get.json().at("/issue/0/diagnostics").asText()).isEqualTo("BCDS-1405: use POST on this path");
        assertThat(notJson.json().at("/issue/0/diagnostics").asText()).startsWith("BCDS-1002: the request body is not valid JSON");
        assertThat(stored()).isEmpty();
    }

    @Test
    void databaseDown_is503SayingSendAgain_never200() throws Exception {
        server.database().close();

        Reply reply = postFeedback(SIGN, ours("accepted-suggestion.json"));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().at("/issue/0/diagnostics").asText())
                .isEqualTo("BCDS-5030: the feedback could not be stored; nothing of this batch was kept, send it again");
    }

    @Test
    void hookStillAnswersWhileTheDatabaseIsDown() throws Exception {
        server.database().close();

        Reply reply = server.call(SIGN, ustekinumabInstead(Files.readString(
                Path.of("hooks/examples/order-sign-infliximab-no-tb-screening.json"))));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("cards")).hasSize(2);
    }

    /**
     * The example's patient with ustekinumab ordered instead of infliximab: two cards (TB screening, and
     * methotrexate, which is infliximab's recommended co-therapy but not ustekinumab's, clinical-v2.md 3.3).
     */
    private static String ustekinumabInstead(String example) {
        return example.replace("\"code\": \"1790546\"", "\"code\": \"847083\"")
                .replace("infliximab-dyyb 100 MG Injection [Inflectra]", "ustekinumab")
                .replace("Inflectra 100 mg IV", "Stelara 45 mg SC");
    }

    @Test
    void requestWithoutBody_isNotA500() throws Exception {
        Reply reply = server.send(HttpRequest.newBuilder(server.uri("/cds-services/" + SIGN + "/feedback"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/issue/0/diagnostics").asText()).startsWith("BCDS-1001");
    }
}

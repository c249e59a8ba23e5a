package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.biologicscds.feedback.FeedbackDatabase;
import org.biologicscds.feedback.FeedbackEntry;
import org.biologicscds.feedback.FeedbackParser;
import org.biologicscds.feedback.FeedbackStore;
import org.biologicscds.feedback.StoredFeedback;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.testing.RunningServer.Reply;
import org.biologicscds.testing.ServerProcess;
import org.biologicscds.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Feedback is never lost: the server runs as its own process, answers 200 to every feedback
 * post, is killed with SIGKILL right after the last 200, and every entry is found after a restart,
 * on H2 (the embedded default) and on PostgreSQL.
 */
class FeedbackDurabilityTest {

    private static final String ADMIN_TOKEN = "durability-admin-token-123456";
    private static final int BATCHES = 20;

    @TempDir
    Path folder;

    /** Batch {@code i}: three entries on three cards, accepted, overridden with a reason, overridden bare. */
    private static String batch(int i) {
        return """
                {"feedback": [
                  {"card": "durable-%1$d-a", "outcome": "accepted", "acceptedSuggestions": [{"id": "s-%1$d"}],
                   "outcomeTimestamp": "2026-11-23T10:%2$02d:00Z"},
                  {"card": "durable-%1$d-b", "outcome": "overridden",
                   "overrideReason": {"reason": {"system": "http://biologics-cds.org/fhir/CodeSystem/override-reason",
                     "code": "done-elsewhere", "display": "Already done or documented elsewhere (outside records)"},
                     "userComment": "batch %1$d"},
                   "outcomeTimestamp": "2026-11-23T10:%2$02d:01Z"},
                  {"card": "durable-%1$d-c", "outcome": "overridden", "outcomeTimestamp": "2026-11-23T10:%2$02d:02Z"}]}
                """.formatted(i, i % 60);
    }

    private static Map<String, String> environment(TestDatabase test) {
        Map<String, String> environment = new HashMap<>();
        environment.put("BIOLOGICS_CDS_ADMIN_TOKEN", ADMIN_TOKEN);
        if (test.settings().user() != null) {
            environment.put("BIOLOGICS_CDS_DB_USER", test.settings().user());
        }
        return environment;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void everyEntryAnswered200_survivesSigkillAndRestart(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, folder)) {
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < BATCHES; i++) {
                bodies.add(batch(i));
            }

            try (ServerProcess first = ServerProcess.start(test.settings().url(), environment(test))) {
                Reply hook = first.post("/cds-services/biologic-order-sign",
                        Files.readString(Path.of("hooks/examples/order-sign-infliximab-no-tb-screening.json")));
                assertThat(hook.status()).as(first.log()).isEqualTo(200);
                for (String body : bodies) {
                    Reply reply = first.post("/cds-services/biologic-order-sign/feedback", body);
                    assertThat(reply.status()).as(first.log()).isEqualTo(200);
                    assertThat(reply.body()).isEqualTo("{\"received\":3,\"stored\":3}");
                }
                first.kill(); // at once after the last 200
            }

            try (ServerProcess second = ServerProcess.start(test.settings().url(), environment(test))) {
                for (String body : bodies) {
                    Reply again = second.post("/cds-services/biologic-order-sign/feedback", body);
                    assertThat(again.body()).as("each entry was already stored").isEqualTo("{\"received\":3,\"stored\":0}");
                }
                Reply report = second.get("/admin/feedback-report", "Bearer " + ADMIN_TOKEN);
                assertThat(report.status()).as(second.log()).isEqualTo(200);
                // Every card is counted once: under its rule, or as unmatched (these cards were never issued).
                assertThat(report.json().at("/unmatched/accepted").asLong()).isEqualTo(BATCHES);
                assertThat(report.json().at("/unmatched/overridden").asLong()).isEqualTo(2L * BATCHES);
                if (kind == TestDatabase.Kind.H2) {
                    assertThat(reportWhileTheServerHoldsTheFile(test)).contains("The file is locked")
                            .contains("GET /admin/feedback-report");
                }
                second.kill();
            }

            try (FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
                List<FeedbackEntry> expected = new ArrayList<>();
                FeedbackParser parser = new FeedbackParser();
                CdsJson json = new CdsJson();
                bodies.forEach(body -> expected.addAll(parser.parse(json.readTree(body))));
                assertThat(new FeedbackStore(db, Clock.systemUTC()).all()).extracting(StoredFeedback::entry)
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    /** The CLI on the same H2 file while a server process has it open. */
    private static String reportWhileTheServerHoldsTheFile(TestDatabase test) {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
            int code = org.biologicscds.cli.Main.run("feedback-report", "--db", test.settings().url());
            assertThat(code).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}

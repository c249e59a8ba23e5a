package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.biologicscds.guidance.Rule;
import org.biologicscds.testing.CapturedLogs;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rule that throws does not take the answer down: the answer is a 200 with every other rule's
 * cards plus one card saying which check could not run (no patient data in it), the error is
 * logged with the rule's name and without the exception's message, and /metrics counts it.
 */
class CheckNotRunTest {

    /** Throws with a message quoting the record, as a parser meeting an unforeseen shape would. */
    private static final Rule EXPLODING = new Rule() {
        @Override
        public List<org.biologicscds.guidance.Finding> evaluate(org.biologicscds.guidance.BiologicOrder order,
                                                                org.biologicscds.guidance.PatientFacts facts) {
            throw new IllegalStateException("cannot read value 'Ostrowska, Jadwiga 1968-04-30' of pt-psoriasis-1");
        }

        @Override
        public String name() {
            return "exploding-test-rule";
        }
    };

    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.withRule(EXPLODING);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static List<String> topics(JsonNode cards) {
        List<String> topics = new ArrayList<>();
        cards.forEach(c -> topics.add(c.at("/source/topic/code").asText()));
        return topics;
    }

    @Test
    void aRuleThatThrows_leavesEveryOtherCard_andAddsOneCardSayingWhichCheckCouldNotRun() throws Exception {
        String body = Files.readString(Path.of("hooks/examples/order-sign-infliximab-no-tb-screening.json"));
        Reply reply;
        String logs;
        try (CapturedLogs captured = new CapturedLogs()) {
            reply = server.call("biologic-order-sign", body);
            logs = captured.text();
        }

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode cards = reply.json().get("cards");
        // The example's own two cards stand, and one more says what could not be checked.
        assertThat(topics(cards)).containsExactlyInAnyOrder("tb-screening-missing", "check-not-run");
        JsonNode notRun = cards.get(topics(cards).indexOf("check-not-run"));
        assertThat(notRun.get("indicator").asText()).isEqualTo("warning");
        assertThat(notRun.get("summary").asText()).isEqualTo("A check could not run (exploding-test-rule): review this point yourself");
        assertThat(notRun.get("detail").asText()).contains("exploding-test-rule").contains("unknown, not clear");
        assertThat(notRun.toString()).doesNotContain("Ostrowska").doesNotContain("pt-psoriasis-1").doesNotContain("1968");

        assertThat(logs).contains("rule=exploding-test-rule could not run: java.lang.IllegalStateException");
        assertThat(logs).doesNotContain("Ostrowska").doesNotContain("pt-psoriasis-1");
        assertThat(server.get("/metrics").body()).contains("cds_checks_not_run_total{rule=\"exploding-test-rule\"} 1.0");
    }

    @Test
    void anOrderOfNoBiologic_runsNoRule_andStaysWithoutCards() throws Exception {
        // The sandbox's request with its methotrexate draft made paracetamol: methotrexate is now a reverse
        // trigger (clinical-v2.md 1.4 R) that needs the record, paracetamol meets nothing.
        Reply reply = server.call("biologic-order-sign", org.biologicscds.testing.Json.edit(
                Files.readString(Path.of("src/test/resources/interop/requests/sandbox-order-sign-methotrexate.json")),
                root -> ((com.fasterxml.jackson.databind.node.ObjectNode) root.at("/context/draftOrders/entry/0/resource"))
                        .set("medicationCodeableConcept", org.biologicscds.testing.Json.object("{\"text\": \"Paracetamol 500 MG Oral Tablet\"}"))));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"cards\":[]}");
    }
}

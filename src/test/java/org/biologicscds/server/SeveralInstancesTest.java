package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.biologicscds.testing.ClientJwt;
import org.biologicscds.testing.RunningServer.Reply;
import org.biologicscds.testing.ServerProcess;
import org.biologicscds.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve} processes on one PostgreSQL database behave as one service, as behind a load
 * balancer (both with the same {@code --public-base-url}, which the client JWT's {@code aud} names):
 * a token accepted by one is refused by the other, and the cards either issued and the feedback
 * either received show in one report, asked of either.
 */
class SeveralInstancesTest {

    private static final String ISSUER = "https://ehr.example.org";
    private static final String PUBLIC = "https://cds.example.org";
    private static final String SIGN = "/cds-services/biologic-order-sign";
    private static final String ADMIN_TOKEN = "several-instances-admin-token";
    private static final ECKey KEY = ClientJwt.es256Key("ehr-key-1");

    @TempDir
    Path dir;

    private static String token(String path) {
        return "Bearer " + ClientJwt.sandboxStyle(KEY, PUBLIC + path).issuer(ISSUER).jku(null).sign();
    }

    private static Reply call(ServerProcess instance, String path, String body, String authorization) throws Exception {
        return instance.send("POST", path, body, "Content-Type", "application/json", "Authorization", authorization);
    }

    @Test
    void twoInstancesOnOneDatabase_refuseATokenTheOtherAccepted_andReportTogether() throws Exception {
        String example = Files.readString(Path.of("hooks/examples/order-sign-infliximab-no-tb-screening.json"));
        Path keys = ClientJwt.writeJwks(dir.resolve("ehr-keys.json"), KEY);
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, dir)) {
            Map<String, String> environment = new HashMap<>(Map.of("BIOLOGICS_CDS_ADMIN_TOKEN", ADMIN_TOKEN));
            environment.put("BIOLOGICS_CDS_DB_USER", database.settings().user());
            List<String> options = List.of("--trust", ISSUER + "=" + keys, "--public-base-url", PUBLIC);
            try (ServerProcess a = ServerProcess.start(database.settings().url(), environment, options);
                 ServerProcess b = ServerProcess.start(database.settings().url(), environment, options)) {
                // A token used on one instance is refused on the other, whichever comes first.
                String first = token(SIGN);
                Reply onA = call(a, SIGN, example, first);
                assertThat(onA.status()).as(a.log()).isEqualTo(200);
                assertThat(call(b, SIGN, example, first).status()).isEqualTo(401);
                String second = token(SIGN);
                Reply onB = call(b, SIGN, example, second);
                assertThat(onB.status()).as(b.log()).isEqualTo(200);
                assertThat(call(a, SIGN, example, second).status()).isEqualTo(401);
                assertThat(a.log() + b.log()).contains("replayed");

                // Feedback on A's card goes to B, on B's card to A.
                String cardOfA = onA.json().at("/cards/0/uuid").asText();
                String cardOfB = onB.json().at("/cards/0/uuid").asText();
                assertThat(onA.json().at("/cards/0/source/topic/code").asText()).isEqualTo("tb-screening-missing");
                Reply feedbackOnB = call(b, SIGN + "/feedback", """
                        {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "2026-11-23T10:01:00Z",
                          "overrideReason": {"reason": {"system": "http://biologics-cds.org/fhir/CodeSystem/override-reason",
                                                        "code": "done-elsewhere"}}}]}""".formatted(cardOfA),
                        token(SIGN + "/feedback"));
                Reply feedbackOnA = call(a, SIGN + "/feedback", """
                        {"feedback": [{"card": "%s", "outcome": "accepted", "outcomeTimestamp": "2026-11-23T10:02:00Z",
                          "acceptedSuggestions": [{"id": "%s"}]}]}""".formatted(cardOfB,
                                onB.json().at("/cards/0/suggestions/0/uuid").asText()),
                        token(SIGN + "/feedback"));
                assertThat(feedbackOnB.body()).isEqualTo("{\"received\":1,\"stored\":1}");
                assertThat(feedbackOnA.body()).isEqualTo("{\"received\":1,\"stored\":1}");

                // Both answers' cards and both feedback entries, in the report of either instance.
                for (ServerProcess instance : List.of(a, b)) {
                    JsonNode tb = tbRow(instance);
                    assertThat(tb.get("issued").asLong()).as(tb.toString()).isEqualTo(2);
                    assertThat(tb.get("accepted").asLong()).isEqualTo(1);
                    assertThat(tb.get("overridden").asLong()).isEqualTo(1);
                }
            }
        }
    }

    /** The report's tb-screening-missing row once both instances' issued cards are written (off the request thread). */
    private static JsonNode tbRow(ServerProcess instance) throws Exception {
        JsonNode row = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            Reply report = instance.get("/admin/feedback-report", "Bearer " + ADMIN_TOKEN);
            assertThat(report.status()).as(instance.log()).isEqualTo(200);
            for (JsonNode rule : report.json().path("rules")) {
                if (rule.path("ruleId").asText().equals("tb-screening-missing")) {
                    row = rule;
                }
            }
            if (row != null && row.path("issued").asLong() >= 2) {
                return row;
            }
            Thread.sleep(500);
        }
        return row == null ? new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode() : row;
    }
}

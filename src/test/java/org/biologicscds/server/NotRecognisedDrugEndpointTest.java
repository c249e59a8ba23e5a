package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.biologicscds.testing.Json;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Over HTTP, a draft that orders no catalogue biologic is answered from the request alone (no
 * prefetch, no FHIR server): empty for an ordinary drug, the {@code drug-not-recognised} info card
 * for an advanced therapy outside the catalogue (clinical-v2.md 1.6: no silent all-clear).
 */
class NotRecognisedDrugEndpointTest {

    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new RunningServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The example order-sign request with its draft ordering {@code text}, and neither prefetch nor fhirServer. */
    private static String orderWithoutPatientData(String text) throws Exception {
        return Json.edit(Files.readString(Path.of("hooks/examples/order-sign-infliximab-no-tb-screening.json")), root -> {
            root.remove("prefetch");
            root.remove("fhirServer");
            ObjectNode draft = (ObjectNode) root.at("/context/draftOrders/entry/0/resource");
            draft.remove("dosageInstruction");
            draft.set("medicationCodeableConcept", Json.object("{\"text\": \"" + text + "\"}"));
        });
    }

    @Test
    void ozoralizumabDraft_answersTheNotCheckedInfoCard_withoutPatientData() throws Exception {
        Reply reply = server.call("biologic-order-sign", orderWithoutPatientData("ozoralizumab 30 mg"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("cards")).hasSize(1);
        assertThat(reply.json().at("/cards/0/source/topic/code").asText()).isEqualTo("drug-not-recognised");
        assertThat(reply.json().at("/cards/0/indicator").asText()).isEqualTo("info");
        assertThat(reply.json().at("/cards/0/summary").asText())
                .isEqualTo("Not checked: ozoralizumab 30 mg is not in the biologic catalogue");
    }

    @Test
    void denosumabDraft_answersNoCards_withoutPatientData() throws Exception {
        Reply reply = server.call("biologic-order-sign", orderWithoutPatientData("denosumab 60 mg SC"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"cards\":[]}");
    }

    @Test
    void catalogueBiologicWithoutPatientData_stillNeedsTheRecord() throws Exception {
        // The contrast: Efleyra is netakimab, whose checks need the record, which this request lacks.
        Reply reply = server.call("biologic-order-sign", orderWithoutPatientData("Efleyra 120 mg SC"));

        assertThat(reply.status()).isEqualTo(412);
    }
}

package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * Over HTTP, what a request without patient data (no prefetch, no fhirServer) gets when its drafts are
 * not a catalogue biologic (clinical-v2.md 1.4): a draft that meets nothing (paracetamol, an inactivated
 * vaccine) is answered at once with no cards; a reverse trigger (a co-medication, a live vaccine as a
 * MedicationRequest or a CVX-coded ServiceRequest) needs the record and is answered 412, as a biologic
 * draft is, for both order hooks. The cards themselves, with the record, are the scenario files s31-s35
 * (ScenarioSuiteTest, with prefetch; SameAnswerTest, fetched from a FHIR server).
 */
class ReverseTriggerEndpointTest {

    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new RunningServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The example order request with {@code draft} as its only draft, and neither prefetch nor fhirServer. */
    private static String withoutPatientData(String hook, String draft, String selection) throws Exception {
        return Json.edit(Files.readString(Path.of("hooks/examples/order-sign-infliximab-no-tb-screening.json")), root -> {
            root.remove("prefetch");
            root.remove("fhirServer");
            root.put("hook", hook);
            ArrayNode entries = (ArrayNode) root.at("/context/draftOrders/entry");
            entries.removeAll();
            entries.addObject().set("resource", Json.object(draft));
            if (selection != null) {
                ((ObjectNode) root.get("context")).putArray("selections").add(selection);
            }
        });
    }

    private static String medication(String coding, String text) {
        return """
                {"resourceType":"MedicationRequest","id":"d-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-psoriasis-1"},
                 "medicationCodeableConcept":{%s"text":"%s"}}
                """.formatted(coding == null ? "" : "\"coding\":[" + coding + "],", text);
    }

    private static String vaccineService(String cvx, String text) {
        return """
                {"resourceType":"ServiceRequest","id":"s-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-psoriasis-1"},
                 "code":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"%s"}],"text":"%s"}}
                """.formatted(cvx, text);
    }

    private static Reply sign(String draft) throws Exception {
        return server.call("biologic-order-sign", withoutPatientData("order-sign", draft, null));
    }

    @Test
    void paracetamol_orAnInactivatedVaccine_answerNoCards_withoutPatientData() throws Exception {
        for (String draft : new String[] {
                medication("{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"161\"}", "paracetamol 500 mg"),
                medication("{\"system\":\"http://hl7.org/fhir/sid/cvx\",\"code\":\"187\"}", "Shingrix 0.5 mL IM"),
                vaccineService("158", "Influenza vaccine, injectable, quadrivalent")}) {
            Reply reply = sign(draft);
            assertThat(reply.status()).as(draft + reply.body()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("{\"cards\":[]}");
        }
    }

    @Test
    void aCoMedicationOrLiveVaccineDraft_needsTheRecord_412WithoutIt() throws Exception {
        for (String draft : new String[] {
                medication("{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"197388\"}", "azathioprine 50 mg"),
                medication(null, "methotrexate 2.5 mg tablet"),
                medication("{\"system\":\"http://hl7.org/fhir/sid/cvx\",\"code\":\"03\"}", "M-M-R II"),
                vaccineService("37", "yellow fever vaccine")}) {
            assertThat(sign(draft).status()).as(draft).isEqualTo(412);
        }
    }

    @Test
    void orderSelect_aSelectedLiveVaccineService_needsTheRecord_anUnselectedOneDoesNot() throws Exception {
        String vaccine = vaccineService("03", "MMR vaccine");
        Reply selected = server.call("biologic-order-select", withoutPatientData("order-select", vaccine, "ServiceRequest/s-1"));
        assertThat(selected.status()).isEqualTo(412);

        // The same vaccine beside a paracetamol draft that is the one selected: only paracetamol is checked.
        String paracetamol = medication("{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"161\"}",
                "paracetamol 500 mg");
        String notSelected = Json.edit(withoutPatientData("order-select", vaccine, "MedicationRequest/d-1"),
                root -> ((ArrayNode) root.at("/context/draftOrders/entry")).addObject().set("resource", Json.object(paracetamol)));
        Reply unselected = server.call("biologic-order-select", notSelected);
        assertThat(unselected.status()).as(unselected.body()).isEqualTo(200);
        assertThat(unselected.body()).isEqualTo("{\"cards\":[]}");
    }
}

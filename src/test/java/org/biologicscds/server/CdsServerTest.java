package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.biologicscds.testing.Json;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP contract against the real Jetty server on a random port: discovery, each hook, each error status. */
class CdsServerTest {

    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new RunningServer(64 * 1024);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String example(String name) throws Exception {
        return Files.readString(Path.of("hooks/examples", name));
    }

    @Test
    void discovery_listsBothOrderServicesWithPrefetchTemplates() throws Exception {
        Reply reply = server.get("/cds-services");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode services = reply.json().get("services");
        List<String> idsAndHooks = new ArrayList<>();
        services.forEach(s -> idsAndHooks.add(s.get("id").asText() + "=" + s.get("hook").asText()));
        assertThat(idsAndHooks).contains("biologic-order-select=order-select", "biologic-order-sign=order-sign");
        for (JsonNode service : services) {
            assertThat(service.get("description").asText()).isNotBlank();
            assertThat(service.get("prefetch").get("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
            // Derived from the rules' data needs: they match local laboratory codes by their text, so a
            // search by LOINC codes could miss a result a rule reads (PrefetchTemplates).
            assertThat(service.get("prefetch").get("observations").asText())
                    .isEqualTo("Observation?patient={{context.patientId}}");
        }
        assertThat(reply.body()).doesNotContain("null").doesNotContain("\"\"").doesNotContain("[]").doesNotContain("{}");
    }

    @Test
    void orderSign_infliximabWithoutTbScreeningAndWithMethotrexate_answersTheTbCard_methotrexateIsCoTherapy() throws Exception {
        Reply reply = server.call("biologic-order-sign", example("order-sign-infliximab-no-tb-screening.json"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode cards = reply.json().get("cards");
        // clinical-v2.md 3.3: methotrexate is the recommended co-therapy of infliximab, so no combination card
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).at("/source/topic/code").asText()).isEqualTo("tb-screening-missing");
        assertThat(cards.get(0).get("indicator").asText()).isEqualTo("warning");
        assertThat(cards.get(0).at("/suggestions/0/actions/0/resource/code/coding/0/code").asText()).isEqualTo("71773-6");
        assertThat(cards.get(0).at("/suggestions/0/actions/0/resource/subject/reference").asText())
                .isEqualTo("Patient/pt-psoriasis-1");
    }

    @Test
    void orderSelect_screenedPatient_answersNoCards() throws Exception {
        Reply reply = server.call("biologic-order-select", example("order-select-infliximab-screened.json"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"cards\":[]}");
    }

    @Test
    void orderSelect_onlyTheSelectedDraftIsChecked() throws Exception {
        String body = Json.edit(example("order-sign-infliximab-no-tb-screening.json"), root -> {
            root.put("hook", "order-select");
            ObjectNode context = (ObjectNode) root.get("context");
            context.putArray("selections").add("MedicationRequest/other");
            ((ArrayNode) context.at("/draftOrders/entry")).insertObject(0).set("resource", Json.object("""
                    {"resourceType":"MedicationRequest","id":"other","status":"draft","intent":"order",
                     "subject":{"reference":"Patient/pt-psoriasis-1"},"medicationCodeableConcept":{"text":"Folic acid 5 mg"}}"""));
        });

        Reply reply = server.call("biologic-order-select", body);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("cards")).isEmpty();
    }

    @Test
    void orderSelect_selectionNotInDraftOrders_is400() throws Exception {
        String body = Json.edit(example("order-select-infliximab-screened.json"), root ->
                ((ObjectNode) root.get("context")).putArray("selections").add("MedicationRequest/missing"));

        Reply reply = server.call("biologic-order-select", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/issue/0/diagnostics").asText()).startsWith("BCDS-1012");
    }

    @Test
    void sandboxDraftWithNonR4CategoryAndReasonCode_isReadLeniently() throws Exception {
        // Our own request in the sandbox's shape (src/test/resources/interop/requests).
        JsonNode sandbox = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                Path.of("src/test/resources/interop/requests/sandbox-order-select-methotrexate-psa.json").toFile());
        ObjectNode draft = (ObjectNode) sandbox.at("/context/draftOrders/entry/0/resource").deepCopy();
        assertThat(draft.get("category").isObject()).isTrue();
        assertThat(draft.get("reasonCode").isObject()).isTrue();
        draft.set("subject", Json.object("{\"reference\": \"Patient/pt-psoriasis-1\"}"));
        draft.set("medicationCodeableConcept", Json.object("""
                {"text": "Remicade 100 mg", "coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
                 "code": "213361", "display": "infliximab 100 MG Injection [Remicade]"}]}"""));
        String body = Json.edit(example("order-sign-infliximab-no-tb-screening.json"), root ->
                ((ObjectNode) root.at("/context/draftOrders/entry/0")).set("resource", draft));

        Reply reply = server.call("biologic-order-sign", body);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/cards/0/source/topic/code").asText()).isEqualTo("tb-screening-missing");
    }

    @Test
    void recordWithStatusCodesOutsideTheVocabulary_isAnsweredNot500() throws Exception {
        // Found by the HTTP fuzzer: a lenient parse keeps an Observation whose status is not an R4 code.
        String body = Json.edit(example("order-sign-infliximab-no-tb-screening.json"), root -> {
            ArrayNode entries = (ArrayNode) root.at("/prefetch/observations/entry");
            ((ObjectNode) entries.get(0).get("resource")).put("status", "finalized-ish");
            ((ObjectNode) root.at("/prefetch/medicationRequests/entry/0/resource")).put("status", "running");
        });

        Reply reply = server.call("biologic-order-sign", body);

        assertThat(reply.status()).isEqualTo(200);
        // An unreadable status is not a real result and not an active order: the screening counts as
        // missing only for the lab that lost its status, and methotrexate is not taken as active.
        assertThat(reply.json().get("cards").findValuesAsText("code")).doesNotContain("methotrexate-combination");
    }

    @Test
    void draftReferencingAMedicationInTheSameBundle_isRecognisedAsTheBiologic() throws Exception {
        String body = Json.edit(example("order-sign-infliximab-no-tb-screening.json"), root -> {
            ObjectNode draft = (ObjectNode) root.at("/context/draftOrders/entry/0/resource");
            draft.remove("medicationCodeableConcept");
            draft.set("medicationReference", Json.object("{\"reference\": \"Medication/med-ifx\"}"));
            ((ArrayNode) root.at("/context/draftOrders/entry")).addObject().set("resource", Json.object("""
                    {"resourceType": "Medication", "id": "med-ifx", "code": {"coding": [{"system":
                     "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "213361",
                     "display": "infliximab 100 MG Injection [Remicade]"}]}}"""));
        });

        Reply reply = server.call("biologic-order-sign", body);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/cards/0/source/topic/code").asText()).isEqualTo("tb-screening-missing");
    }

    @Test
    void draftWhoseMedicationCannotBeResolved_is412_neverNoCards() throws Exception {
        String body = Json.edit(example("order-sign-infliximab-no-tb-screening.json"), root -> {
            ObjectNode draft = (ObjectNode) root.at("/context/draftOrders/entry/0/resource");
            draft.remove("medicationCodeableConcept");
            draft.set("medicationReference", Json.object("{\"reference\": \"Medication/nowhere\"}"));
        });

        Reply reply = server.call("biologic-order-sign", body);

        assertThat(reply.status()).isEqualTo(412);
        assertThat(reply.json().at("/issue/0/diagnostics").asText()).startsWith("BCDS-2004").contains("Medication/nowhere");
    }

    @Test
    void unknownService_is404WithOperationOutcome() throws Exception {
        Reply reply = server.call("no-such-service", example("order-select-infliximab-screened.json"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(reply.json().at("/issue/0/diagnostics").asText()).contains("no-such-service");
    }

    @Test
    void wrongHookForService_is400() throws Exception {
        Reply reply = server.call("biologic-order-sign", example("order-select-infliximab-screened.json"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/issue/0/diagnostics").asText())
                .startsWith("BCDS-1004").contains("order-select").contains("biologic-order-sign");
    }

    @Test
    void malformedJson_is400NamingTheLine() throws Exception {
        Reply reply = server.call("biologic-order-sign", "{\"hook\": \"order-sign\",\n \"context\": {");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/issue/0/code").asText()).isEqualTo("invalid");
        assertThat(reply.json().at("/issue/0/diagnostics").asText()).startsWith("BCDS-1002").contains("line");
    }

    @Test
    void fhirAuthorizationWithoutFhirServer_is400() throws Exception {
        String body = example("order-sign-infliximab-no-tb-screening.json")
                .replace("\"fhirServer\": \"http://127.0.0.1:8080/fhir\",",
                        "\"fhirAuthorization\": {\"access_token\": \"secret-token-value\", \"token_type\": \"Bearer\","
                                + " \"expires_in\": 300, \"scope\": \"patient/*.read\", \"subject\": \"cds\"},");

        Reply reply = server.call("biologic-order-sign", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/issue/0/diagnostics").asText()).startsWith("BCDS-1007");
        assertThat(reply.body()).doesNotContain("secret-token-value");
    }

    @Test
    void missingPrefetchForABiologicOrder_is412NamingTheKeys() throws Exception {
        String body = example("order-sign-infliximab-no-tb-screening.json");
        String edited = Json.edit(body, root -> {
            root.remove("fhirServer"); // with a fhirServer the service fetches them instead (FhirServerFetchTest)
            ((ObjectNode) root.get("prefetch")).remove(List.of("observations", "allergies"));
        });

        Reply reply = server.call("biologic-order-sign", edited);

        assertThat(reply.status()).isEqualTo(412);
        assertThat(reply.json().at("/issue/0/diagnostics").asText())
                .startsWith("BCDS-2001").contains("allergies").contains("observations");
    }

    @Test
    void prefetchThatIsAnOperationOutcome_is412() throws Exception {
        String body = example("order-sign-infliximab-no-tb-screening.json").replace("\"allergies\": null",
                "\"allergies\": {\"resourceType\": \"OperationOutcome\", \"issue\": [{\"severity\": \"error\", \"code\": \"timeout\"}]}")
                .replace("\"fhirServer\": \"http://127.0.0.1:8080/fhir\",", "");
        assertThat(body).contains("OperationOutcome").doesNotContain("fhirServer");

        Reply reply = server.call("biologic-order-sign", body);

        assertThat(reply.status()).isEqualTo(412);
        assertThat(reply.json().at("/issue/0/diagnostics").asText()).startsWith("BCDS-2001").contains("allergies");
    }

    @Test
    void bodyOverTheLimit_is413() throws Exception {
        String huge = "{\"hook\":\"order-sign\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";

        Reply reply = server.call("biologic-order-sign", huge);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().at("/issue/0/diagnostics").asText()).startsWith("BCDS-1413");
    }

    @Test
    void nonJsonContentType_is415() throws Exception {
        Reply reply = server.post("/cds-services/biologic-order-sign", "text/plain", "hello");

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.json().at("/issue/0/diagnostics").asText()).startsWith("BCDS-1415");
    }

    @Test
    void missingContentType_is415() throws Exception {
        Reply reply = server.post("/cds-services/biologic-order-sign", null, "{}");

        assertThat(reply.status()).isEqualTo(415);
    }

    @Test
    void getOnAServiceEndpoint_is405WithAllow() throws Exception {
        Reply reply = server.get("/cds-services/biologic-order-sign");

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.json().get("resourceType").asText()).isEqualTo("OperationOutcome");
    }

    @Test
    void unknownPath_is404Json() throws Exception {
        Reply reply = server.get("/nothing-here");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().get("resourceType").asText()).isEqualTo("OperationOutcome");
    }

    @Test
    void draftForAnotherPatient_is400() throws Exception {
        String body = Json.edit(example("order-sign-infliximab-no-tb-screening.json"), root ->
                ((ObjectNode) root.at("/context/draftOrders/entry/0/resource/subject")).put("reference", "Patient/someone-else"));

        Reply reply = server.call("biologic-order-sign", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/issue/0/diagnostics").asText()).startsWith("BCDS-1015");
    }

    @Test
    void requestWithExtensionsAndUnknownMembers_isAccepted() throws Exception {
        String body = example("order-select-infliximab-screened.json").replaceFirst("\\{",
                "{\"extension\": {\"com.example.timestamp\": \"2017-11-27T22:13:25Z\"}, \"somethingNew\": 42,");

        Reply reply = server.call("biologic-order-select", body);

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void badInputNeverAnswers500() throws Exception {
        List<String> bodies = List.of("", "null", "[]", "42", "\"text\"", "{}", "{\"hook\":7}",
                "{\"hook\":\"order-sign\",\"hookInstance\":\"x\",\"context\":[]}",
                "{\"hook\":\"order-sign\",\"hookInstance\":\"x\",\"context\":{\"userId\":\"u\",\"patientId\":\"p\",\"draftOrders\":{\"resourceType\":\"Bundle\",\"entry\":{}}}}",
                "{\"hook\":\"order-sign\",\"hookInstance\":\"x\",\"context\":{\"userId\":\"u\",\"patientId\":\"p\",\"draftOrders\":{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"MedicationRequest\",\"status\":\"bogus\",\"medicationCodeableConcept\":7}}]}}}",
                "{\"hook\":\"order-sign\",\"hookInstance\":\"x\",\"context\":{\"userId\":\"u\",\"patientId\":\"p\",\"draftOrders\":{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"NoSuchType\"}}]}}}",
                "{\"hook\":\"order-sign\",\"hookInstance\":\"x\",\"fhirServer\":\"ftp://x\",\"context\":{}}",
                "{\"hook\":\"order-sign\",\"hookInstance\":\"x\",\"prefetch\":[1],\"context\":{\"userId\":\"u\",\"patientId\":\"p\",\"draftOrders\":{\"resourceType\":\"Bundle\"}}}",
                "[".repeat(5000));
        for (String body : bodies) {
            Reply reply = server.call("biologic-order-sign", body);
            assertThat(reply.status()).as(body.length() > 80 ? body.substring(0, 80) : body).isBetween(200, 499);
            assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void preflightAndHeadAreNotAnsweredWith500() throws Exception {
        Reply reply = server.send(HttpRequest.newBuilder(server.uri("/cds-services/biologic-order-sign"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(reply.status()).isLessThan(500);
    }
}

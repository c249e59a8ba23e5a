package org.biologicscds.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.biologicscds.testing.ScenarioRequests.ScenarioFile;
import org.junit.jupiter.api.Test;

/** How a scenario becomes a CDS Hooks request: keys read from the service definitions, resources grouped by type. */
class ScenarioRequestsTest {

    private final ScenarioRequests requests = new ScenarioRequests(TestKnowledge.HOOKS);

    private static ScenarioFile scenario(String json) {
        return new ScenarioFile(Path.of("99-test.json"), Json.object(json));
    }

    private static final String SCENARIO = """
            {"description":"test","hook":"order-sign",
             "patient":{"resourceType":"Patient","id":"p1","birthDate":"1980-01-01"},
             "record":[
               {"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"}},
               {"resourceType":"MedicationRequest","id":"m1","status":"active","intent":"order",
                "medicationReference":{"reference":"Medication/med1"},"subject":{"reference":"Patient/p1"}},
               {"resourceType":"Medication","id":"med1"},
               {"resourceType":"Observation","id":"o1","status":"final","subject":{"reference":"Patient/p1"}},
               {"resourceType":"Observation","id":"o2","status":"final","subject":{"reference":"Patient/p1"}}],
             "draftOrders":[{"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                "subject":{"reference":"Patient/p1"}}],
             "expect":[],"mustNotFire":[]}
            """;

    @Test
    void prefetchKeys_areReadFromTheServiceDefinition() {
        List<ScenarioRequests.PrefetchKey> keys = requests.prefetchKeys("biologic-order-sign");

        assertThat(keys).extracting(ScenarioRequests.PrefetchKey::key).contains("patient", "conditions", "observations",
                "medicationRequests", "medicationStatements", "allergies", "immunizations");
        ScenarioRequests.PrefetchKey medicationRequests = keys.stream()
                .filter(k -> k.key().equals("medicationRequests")).findFirst().orElseThrow();
        assertThat(medicationRequests.type()).isEqualTo("MedicationRequest");
        assertThat(medicationRequests.includedTypes()).containsExactly("Medication");
        assertThat(keys.stream().filter(ScenarioRequests.PrefetchKey::single)).extracting(ScenarioRequests.PrefetchKey::type)
                .containsExactly("Patient");
    }

    @Test
    void request_groupsTheRecordIntoSearchsetBundlesAndSendsNullForEmptyKeys() {
        ObjectNode request = requests.request(scenario(SCENARIO));

        assertThat(request.path("hook").asText()).isEqualTo("order-sign");
        assertThat(request.path("hookInstance").asText()).hasSize(36);
        assertThat(request.at("/context/patientId").asText()).isEqualTo("p1");
        assertThat(request.at("/context/draftOrders/entry/0/resource/id").asText()).isEqualTo("draft-1");
        assertThat(request.at("/context").has("selections")).isFalse();
        JsonNode prefetch = request.get("prefetch");
        assertThat(prefetch.at("/patient/resourceType").asText()).isEqualTo("Patient");
        assertThat(prefetch.at("/conditions/type").asText()).isEqualTo("searchset");
        assertThat(prefetch.at("/conditions/total").asInt()).isEqualTo(1);
        assertThat(prefetch.at("/observations/entry").size()).isEqualTo(2);
        assertThat(prefetch.at("/medicationRequests/total").asInt()).isEqualTo(1);
        List<String> modes = new ArrayList<>();
        prefetch.at("/medicationRequests/entry").forEach(e -> modes.add(
                e.at("/resource/resourceType").asText() + ":" + e.at("/search/mode").asText()));
        assertThat(modes).containsExactly("MedicationRequest:match", "Medication:include");
        assertThat(prefetch.get("allergies").isNull()).isTrue();
        assertThat(prefetch.get("immunizations").isNull()).isTrue();
        assertThat(request.has("fhirServer")).isFalse();
    }

    @Test
    void requestWithoutPrefetch_namesTheFhirServerInstead() {
        ObjectNode request = requests.requestWithoutPrefetch(scenario(SCENARIO), "http://127.0.0.1:9999/fhir");

        assertThat(request.has("prefetch")).isFalse();
        assertThat(request.path("fhirServer").asText()).isEqualTo("http://127.0.0.1:9999/fhir");
        assertThat(scenario(SCENARIO).resources()).extracting(r -> r.path("resourceType").asText())
                .containsExactly("Patient", "Condition", "MedicationRequest", "Medication", "Observation", "Observation");
    }

    @Test
    void orderSelect_carriesTheSelectionsToTheSelectService() {
        ScenarioFile select = scenario(Json.edit(SCENARIO, root -> {
            root.put("hook", "order-select");
            root.putArray("selections").add("MedicationRequest/draft-1");
        }));

        ObjectNode request = requests.request(select);

        assertThat(select.serviceId()).isEqualTo("biologic-order-select");
        assertThat(request.at("/context/selections/0").asText()).isEqualTo("MedicationRequest/draft-1");
    }

    @Test
    void aRecordResourceNoKeyReturns_isAnError() {
        ScenarioFile encounter = scenario(Json.edit(SCENARIO, root -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                root.get("record")).addObject().put("resourceType", "Encounter").put("id", "e1")));

        assertThatThrownBy(() -> requests.request(encounter)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Encounter");
    }
}

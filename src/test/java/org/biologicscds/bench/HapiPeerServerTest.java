package org.biologicscds.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The side-by-side benchmark's HAPI peer answers the benchmark's request (order-sign for infliximab,
 * the 10-resource record as full prefetch, our service's templates) with its one card, and no card
 * when the record holds no active methotrexate: its rule reads what the module parsed.
 */
class HapiPeerServerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static HapiPeerServer peer;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        peer = HapiPeerServer.start(0);
    }

    @AfterAll
    static void stop() throws Exception {
        peer.close();
    }

    @Test
    void benchRequest_answersTheOneWarningCard() throws Exception {
        JsonNode answer = post(benchRequest());
        assertThat(answer.get("cards")).hasSize(1);
        assertThat(answer.at("/cards/0/summary").asText()).isEqualTo(MethotrexateWithTnfInhibitorService.SUMMARY);
        assertThat(answer.at("/cards/0/indicator").asText()).isEqualTo("warning");
    }

    @Test
    void withoutMethotrexate_answersNoCard() throws Exception {
        ObjectNode request = benchRequest();
        int removed = 0;
        for (Iterator<JsonNode> entries = medicationRequestEntries(request).elements(); entries.hasNext(); ) {
            if (entries.next().at("/resource/medicationCodeableConcept/text").asText().contains("Methotrexate")) {
                entries.remove();
                removed++;
            }
        }
        assertThat(removed).isEqualTo(1);
        assertThat(post(request)).isEqualTo(MAPPER.readTree("{\"cards\":[]}"));
    }

    @Test
    void methotrexateNoLongerActive_answersNoCard() throws Exception {
        ObjectNode request = benchRequest();
        for (JsonNode entry : medicationRequestEntries(request)) {
            ((ObjectNode) entry.get("resource")).put("status", "completed");
        }
        assertThat(post(request)).isEqualTo(MAPPER.readTree("{\"cards\":[]}"));
    }

    @Test
    void discovery_listsTheOneService() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode services = MAPPER.readTree(response.body()).get("services");
        assertThat(services).hasSize(1);
        assertThat(services.get(0).get("id").asText()).isEqualTo(MethotrexateWithTnfInhibitorService.ID);
        assertThat(services.get(0).get("hook").asText()).isEqualTo("order-sign");
    }

    /** Exactly what bench/side-by-side.sh sends (BenchFiles' full-prefetch.json for size 10). */
    private static ObjectNode benchRequest() {
        ServiceCatalog catalog = ServiceCatalog.load(TestKnowledge.HOOKS, new CdsJson());
        return BenchRecord.of(10).withPrefetch(catalog.find(HookCallBenchmark.SERVICE).orElseThrow().prefetch());
    }

    private static ArrayNode medicationRequestEntries(ObjectNode request) {
        return (ArrayNode) request.at("/prefetch/medicationRequests/entry");
    }

    private String base() {
        return "http://127.0.0.1:" + peer.port() + "/cds-services";
    }

    private JsonNode post(ObjectNode request) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base() + "/" + MethotrexateWithTnfInhibitorService.ID))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return MAPPER.readTree(response.body());
    }
}

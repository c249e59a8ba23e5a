package org.biologicscds.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.sandbox.ResourceStore;
import org.biologicscds.sandbox.SandboxFhirServer;
import org.hl7.fhir.r4.model.Resource;

/**
 * The "same answer either way" harness: one running service with the sandbox FHIR server mounted
 * at /fhir. For a {@link RecordScenario} it loads the record into the sandbox, then calls the
 * service over HTTP twice: with the full prefetch (the scenario's, or built from the record), and
 * with no prefetch and {@code fhirServer} pointing at the sandbox. Scenarios run one at a time
 * (the sandbox holds one record at a time).
 */
public final class SameAnswer implements AutoCloseable {

    /** Both replies of one scenario. */
    public record Answers(RunningServer.Reply withPrefetch, RunningServer.Reply fetched) {
    }

    private final SandboxFhirServer sandbox = new SandboxFhirServer(new ResourceStore());
    private final RunningServer server;
    private final ServiceCatalog catalog = ServiceCatalog.load(TestKnowledge.HOOKS, new CdsJson());

    public SameAnswer() throws Exception {
        this.server = new RunningServer(FetchSettings.defaults(), List.of(sandbox.handler()));
    }

    public synchronized Answers call(RecordScenario scenario) throws Exception {
        sandbox.store().clear();
        sandbox.load(scenario.record(), scenario.name());
        ObjectNode withPrefetch = scenario.request().deepCopy();
        withPrefetch.set("prefetch", scenario.prefetch() != null ? scenario.prefetch()
                : PrefetchBuilder.build(catalog.find(scenario.serviceId()).orElseThrow().prefetch(),
                        scenario.request().at("/context/patientId").asText(), storedRecord()));
        ObjectNode withoutPrefetch = scenario.request().deepCopy();
        withoutPrefetch.put("fhirServer", server.uri(SandboxFhirServer.CONTEXT_PATH).toString());
        return new Answers(server.call(scenario.serviceId(), withPrefetch.toString()),
                server.call(scenario.serviceId(), withoutPrefetch.toString()));
    }

    private List<Resource> storedRecord() {
        List<Resource> record = new ArrayList<>();
        sandbox.store().counts().keySet().forEach(type -> record.addAll(sandbox.store().all(type)));
        return record;
    }

    /** The cards of a response with the uuids (new on every call) taken out. */
    public static JsonNode cardsWithoutUuids(JsonNode response) {
        ArrayNode cards = response.path("cards").deepCopy();
        for (JsonNode card : cards) {
            ((ObjectNode) card).remove("uuid");
            card.path("suggestions").forEach(s -> ((ObjectNode) s).remove("uuid"));
        }
        return cards;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}

package org.biologicscds.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.biologicscds.guidance.Guidance;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.knowledge.SitePolicy;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.SameAnswer;
import org.biologicscds.testing.TestKnowledge;

/** Services for the run-ahead tests: with a given run-ahead, clock fixed at the suites' day. */
final class RunAheadServices {

    static final CdsJson JSON = new CdsJson();
    static final Clock TODAY = Clock.fixed(Instant.parse(RunningServer.TODAY + "T10:00:00Z"), ZoneOffset.UTC);
    static final ServiceCatalog CATALOG = ServiceCatalog.load(TestKnowledge.HOOKS, JSON);

    private RunAheadServices() {
    }

    static BiologicCdsService with(RunAhead runAhead) {
        return with(CATALOG, runAhead);
    }

    static BiologicCdsService with(ServiceCatalog catalog, RunAhead runAhead) {
        return new BiologicCdsService(catalog, TestKnowledge.get(), SitePolicy.none(), TestKnowledge.FHIR, JSON, TODAY,
                FetchSettings.defaults(), ComputeTurns.perProcessor(), new Guidance(TestKnowledge.get()), runAhead);
    }

    static BiologicCdsService uncached() {
        return with(RunAhead.off());
    }

    /** The answer's cards without their uuids (new on every call): what must be identical either way. */
    static JsonNode cards(CdsCall call) {
        return SameAnswer.cardsWithoutUuids(JSON.readTree(JSON.write(call.response())));
    }

    /**
     * The request with its context (patientId, the drafts' subjects) for {@code to} instead of
     * {@code from}, and its prefetch untouched: another patient's call carrying this one's prefetch.
     */
    static String contextFor(String body, String from, String to) {
        ObjectNode root = (ObjectNode) JSON.readTree(body);
        root.set("context", JSON.readTree(root.get("context").toString().replace(from, to)));
        return root.toString();
    }

    static CdsCall call(BiologicCdsService service, String serviceId, String body) {
        return service.call(serviceId, body.getBytes(StandardCharsets.UTF_8));
    }
}

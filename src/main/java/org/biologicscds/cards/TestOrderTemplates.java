package org.biologicscds.cards;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.biologicscds.hooks.CdsJson;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * The draft ServiceRequest a "order the test" suggestion creates, encoded by HAPI once per test
 * rather than once per card: the tests come from the knowledge's value sets, so the same few
 * codings recur in every answer, and HAPI's encoder was a tenth of a call's CPU (bench/profile.sh,
 * docs/performance.md). Only the patient differs between answers: each answer gets its own copy
 * with its own {@code subject}. Thread-safe; bounded, so codings from elsewhere can never grow it
 * without limit (past the bound they are encoded each time, as before).
 */
final class TestOrderTemplates {

    /** Far above the tests the knowledge orders (about 40); past it nothing more is kept. */
    static final int MAX_TEMPLATES = 512;

    private final FhirContext fhir;
    private final CdsJson json;
    private final Map<TestKey, ObjectNode> templates = new ConcurrentHashMap<>();

    TestOrderTemplates(FhirContext fhir, CdsJson json) {
        this.fhir = fhir;
        this.json = json;
    }

    /** A new draft order of {@code test} for {@code patientId}, as FHIR JSON the caller may keep. */
    JsonNode draftFor(Coding test, String patientId) {
        TestKey key = TestKey.of(test);
        ObjectNode template = key == null ? null : templates.get(key);
        if (template == null) {
            template = encode(test);
            if (key != null && templates.size() < MAX_TEMPLATES) {
                templates.putIfAbsent(key, template);
            }
        }
        ObjectNode draft = template.deepCopy();
        // FHIR JSON orders a resource's elements as the definition does: subject follows code, the
        // last element the template holds, so appending it keeps HAPI's order.
        draft.putObject("subject").put("reference", "Patient/" + patientId);
        return draft;
    }

    /** How many tests it keeps encoded. */
    int size() {
        return templates.size();
    }

    private ObjectNode encode(Coding test) {
        ServiceRequest request = new ServiceRequest();
        request.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.setCode(new CodeableConcept(test.copy()).setText(test.getDisplay()));
        return (ObjectNode) json.readTree(fhir.newJsonParser().encodeResourceToString(request));
    }

    /**
     * What the encoding of a plain coding depends on; null for a coding that carries anything else
     * (an id, extensions, userSelected), which is then encoded each time rather than keyed wrongly.
     */
    record TestKey(String system, String version, String code, String display) {
        static TestKey of(Coding coding) {
            if (coding.hasId() || coding.hasExtension() || coding.hasUserSelected()) {
                return null;
            }
            return new TestKey(coding.getSystem(), coding.getVersion(), coding.getCode(), coding.getDisplay());
        }
    }
}

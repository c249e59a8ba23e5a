package org.biologicscds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.biologicscds.hooks.CdsJson;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class TestOrderTemplatesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final CdsJson json = new CdsJson();
    private final TestOrderTemplates templates = new TestOrderTemplates(FHIR, json);

    /** What the renderer encoded with HAPI for every card before the templates. */
    private JsonNode encodedByHapi(Coding test, String patientId) {
        ServiceRequest request = new ServiceRequest();
        request.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.setCode(new CodeableConcept(test.copy()).setText(test.getDisplay()));
        request.setSubject(new Reference("Patient/" + patientId));
        return json.readTree(FHIR.newJsonParser().encodeResourceToString(request));
    }

    @Test
    void eachDraftIsWhatHapiEncodesForItsPatient_inHapisOrder() {
        List<Coding> tests = List.of(
                new Coding("http://loinc.org", "71773-6", "QuantiFERON-TB Gold Plus"),
                new Coding("http://loinc.org", "5196-1", "Hepatitis B virus surface Ag").setVersion("2.77"),
                new Coding(null, "LOCAL-7", "Тест на гепатит C"));
        for (Coding test : tests) {
            for (String patient : List.of("p-1", "p-2", "p-1")) {
                JsonNode draft = templates.draftFor(test, patient);
                assertThat(draft).isEqualTo(encodedByHapi(test, patient));
                assertThat(json.mapper().valueToTree(draft).toString())
                        .isEqualTo(encodedByHapi(test, patient).toString()); // same member order too
            }
        }
    }

    @Test
    void aDraftHandedOutIsTheCallersOwn_theNextPatientNeverSeesIt() {
        Coding igra = new Coding("http://loinc.org", "71773-6", "QuantiFERON-TB Gold Plus");
        JsonNode first = templates.draftFor(igra, "patient-a");
        ((com.fasterxml.jackson.databind.node.ObjectNode) first).put("status", "active");
        JsonNode second = templates.draftFor(igra, "patient-b");
        assertThat(second.path("subject").path("reference").asText()).isEqualTo("Patient/patient-b");
        assertThat(second.path("status").asText()).isEqualTo("draft");
        assertThat(second.toString()).doesNotContain("patient-a");
    }

    @Test
    void aCodingWithMoreThanSystemVersionCodeAndDisplay_isEncodedAsItIs() {
        Coding odd = new Coding("http://loinc.org", "71773-6", "QuantiFERON-TB Gold Plus");
        odd.addExtension("http://example.org/local-name", new StringType("Квантиферон"));
        Coding plain = new Coding("http://loinc.org", "71773-6", "QuantiFERON-TB Gold Plus");
        assertThat(templates.draftFor(plain, "p")).isEqualTo(encodedByHapi(plain, "p"));
        JsonNode draft = templates.draftFor(odd, "p");
        assertThat(draft).isEqualTo(encodedByHapi(odd, "p"));
        assertThat(draft.toString()).contains("Квантиферон");
    }

    @Test
    void keepsNoMoreThanItsBound() {
        for (int i = 0; i < TestOrderTemplates.MAX_TEMPLATES + 50; i++) {
            Coding test = new Coding("http://example.org/lab", "T" + i, "Test " + i);
            assertThat(templates.draftFor(test, "p")).isEqualTo(encodedByHapi(test, "p"));
        }
        assertThat(templates.size()).isEqualTo(TestOrderTemplates.MAX_TEMPLATES);
    }
}

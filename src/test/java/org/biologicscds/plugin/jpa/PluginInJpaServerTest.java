package org.biologicscds.plugin.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import org.hl7.fhir.instance.model.api.IIdType;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestJson;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.hapi.fhir.cdshooks.api.ICdsServiceRegistry;
import ca.uhn.hapi.fhir.cdshooks.config.CdsHooksConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.biologicscds.hooks.HookRequestException;
import org.biologicscds.plugin.BiologicOrderInterceptor;
import org.biologicscds.service.BiologicCdsService;
import org.biologicscds.testing.ScenarioRequests;
import org.biologicscds.testing.ScenarioRequests.ScenarioFile;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin in a real HAPI FHIR 8.8.0 JPA server (issue 17, point 6): H2 in memory, configured as
 * the starter configures it ({@link StarterLikeJpaConfig}), the plugin registered by class name
 * only ({@code hapi.fhir.custom-interceptor-classes}) with its defaults (reject critical, bundled
 * knowledge), and {@code hapi.fhir.server_address} set to a public URL this machine cannot reach,
 * as in the report that filed the issue: nothing the plugin does goes over HTTP, so every check
 * below runs. HAPI's CDS Hooks module runs too, with our services registered in it
 * ({@link StarterLikeCdsHooksConfig}). One server for the whole class: its boot is most of the run time.
 */
class PluginInJpaServerTest {

    private static final String PUBLIC_ADDRESS = "https://fhir.example.org/fhir";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String TODAY = LocalDate.now().toString();
    private static final String ADALIMUMAB = """
            {"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"327361","display":"adalimumab"}]}""";
    private static final String METHOTREXATE = """
            {"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"6851","display":"methotrexate"}]}""";
    private static final String OVERRIDE = """
            "extension":[{"url":"http://biologics-cds.org/fhir/StructureDefinition/critical-finding-override",
              "valueCoding":{"system":"http://biologics-cds.org/fhir/CodeSystem/override-reason","code":"specialist-advice"}}],""";

    private static JpaFhirServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new JpaFhirServer(List.of(BiologicOrderInterceptor.class.getName()), PUBLIC_ADDRESS,
                StarterLikeCdsHooksConfig.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void positiveIgraStoredOneSecondBeforeTheOrder_isSeen_evenThoughTheSearchCacheStillHidesIt() throws Exception {
        put("Patient/jpa-igra", patient("jpa-igra"));
        // The record's observation search, as a REST read-back would make it: HAPI caches its result.
        String search = "/fhir/" + orderSignTemplate("observations").replace("{{context.patientId}}", "jpa-igra")
                .replace("|", "%7C");
        assertThat(get(search).path("total").asInt(-1)).isZero();
        assertThat(send("POST", "/fhir/Observation", igra("Patient/jpa-igra", "LA6576-8", "Positive")).statusCode()).isEqualTo(201);
        assertThat(get(search).path("total").asInt(-1))
                .as("HAPI's search cache answers the same search from before the IGRA").isZero();
        Thread.sleep(1000);

        HttpResponse<String> order = send("POST", "/fhir/MedicationRequest", order("Patient/jpa-igra", "", ADALIMUMAB));

        assertThat(order.statusCode()).as(order.body()).isEqualTo(422);
        assertThat(ruleIds(json(order.body()))).contains("tb-positive-untreated").doesNotContain("tb-screening-missing");
        assertThat(order.body()).contains("BCDS-4221");
        assertThat(ruleIds(header(order))).contains("tb-positive-untreated");
        assertThat(get("/fhir/MedicationRequest?subject=Patient/jpa-igra").path("total").asInt(-1)).isZero();
    }

    @Test
    void medicationReference_toAMedicationNoEarlierOrderReferences_isReadAndChecked() throws Exception {
        put("Patient/jpa-medref", patient("jpa-medref"));
        send("POST", "/fhir/Observation", igra("Patient/jpa-medref", "LA6576-8", "Positive"));
        put("Medication/jpa-humira", """
                {"resourceType":"Medication","id":"jpa-humira","code":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                  "code":"327361","display":"adalimumab"}],"text":"Humira 40 mg/0.4 ml"}}""");
        String byReference = """
                {"resourceType":"MedicationRequest",%s"status":"active","intent":"order","subject":{"reference":"Patient/jpa-medref"},
                 "authoredOn":"%s","medicationReference":{"reference":"Medication/jpa-humira"}}""";

        HttpResponse<String> refused = send("POST", "/fhir/MedicationRequest", byReference.formatted("", TODAY));
        HttpResponse<String> overridden = send("POST", "/fhir/MedicationRequest", byReference.formatted(OVERRIDE, TODAY));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(ruleIds(json(refused.body()))).contains("tb-positive-untreated");
        assertThat(overridden.statusCode()).as(overridden.body()).isEqualTo(201);
        assertThat(ruleIds(header(overridden))).contains("tb-positive-untreated");
    }

    @Test
    void transactionCarryingACriticalOrder_isRefusedWhole_andNothingOfItIsStored() throws Exception {
        String transaction = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:7a1f0c55-0000-4000-8000-000000000001","resource":%s,"request":{"method":"POST","url":"Patient"}},
                 {"fullUrl":"urn:uuid:7a1f0c55-0000-4000-8000-000000000002","resource":%s,"request":{"method":"POST","url":"Observation"}},
                 {"fullUrl":"urn:uuid:7a1f0c55-0000-4000-8000-000000000003","resource":%s,"request":{"method":"POST","url":"MedicationRequest"}}]}"""
                .formatted(patientWithIdentifier("tx-critical"),
                        igra("urn:uuid:7a1f0c55-0000-4000-8000-000000000001", "LA6576-8", "Positive"),
                        order("urn:uuid:7a1f0c55-0000-4000-8000-000000000001", "", ADALIMUMAB));

        HttpResponse<String> response = send("POST", "/fhir", transaction);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(ruleIds(json(response.body()))).as(response.body()).contains("tb-positive-untreated");
        assertThat(get("/fhir/Patient?identifier=urn:test:plugin%7Ctx-critical").path("total").asInt(-1)).isZero();
    }

    @Test
    void batch_refusesOnlyItsCriticalOrder() throws Exception {
        put("Patient/jpa-batch", patient("jpa-batch"));
        send("POST", "/fhir/Observation", igra("Patient/jpa-batch", "LA6576-8", "Positive"));
        String batch = """
                {"resourceType":"Bundle","type":"batch","entry":[
                 {"resource":%s,"request":{"method":"POST","url":"MedicationRequest"}},
                 {"resource":%s,"request":{"method":"POST","url":"MedicationRequest"}}]}"""
                .formatted(order("Patient/jpa-batch", "", METHOTREXATE), order("Patient/jpa-batch", "", ADALIMUMAB));

        HttpResponse<String> response = send("POST", "/fhir", batch);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode entries = json(response.body()).path("entry");
        assertThat(entries.path(0).at("/response/status").asText()).startsWith("201");
        assertThat(entries.path(1).at("/response/status").asText()).startsWith("422");
        assertThat(get("/fhir/MedicationRequest?subject=Patient/jpa-batch").path("total").asInt(-1)).isEqualTo(1);
    }

    @Test
    void plainMethotrexateOrder_isStoredNormally_withNoFindings() throws Exception {
        put("Patient/jpa-mtx", patient("jpa-mtx"));

        HttpResponse<String> response = send("POST", "/fhir/MedicationRequest", order("Patient/jpa-mtx", "", METHOTREXATE));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response.body()).path("resourceType").asText()).isEqualTo("MedicationRequest");
        assertThat(header(response).at("/issue/0/details/text").asText()).isEqualTo(BiologicOrderInterceptor.NO_FINDINGS);
        assertThat(ruleIds(header(response))).isEmpty();
    }

    @Test
    void findings_comeInTheHeader_andInTheOperationOutcomeWhenAskedFor() throws Exception {
        put("Patient/jpa-header", patient("jpa-header"));
        send("POST", "/fhir/Observation", igra("Patient/jpa-header", "LA6577-6", "Negative"));

        HttpResponse<String> plain = send("POST", "/fhir/MedicationRequest", order("Patient/jpa-header", "", ADALIMUMAB));
        HttpResponse<String> asked = send("POST", "/fhir/MedicationRequest", order("Patient/jpa-header", OVERRIDE, ADALIMUMAB),
                "Prefer", "return=OperationOutcome");

        // A negative IGRA today; no hepatitis B screening on record: a warning, and the order is stored.
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(201);
        assertThat(ruleIds(header(plain))).contains("hbv-screening-missing").doesNotContain("tb-screening-missing");
        assertThat(json(asked.body()).path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(ruleIds(json(asked.body()))).contains("hbv-screening-missing");
    }

    @Test
    void cdsServicesInHapisCdsHooksModule_answerTheScenarioSuiteAsTheStandaloneServiceDoes() throws Exception {
        ICdsServiceRegistry registry = server.spring().getBean(ICdsServiceRegistry.class);
        assertThat(registry.getCdsServicesJson().getServices()).extracting(s -> s.getId())
                .contains("biologic-order-sign", "biologic-order-select", "biologic-patient-view");
        ScenarioRequests requests = new ScenarioRequests(TestKnowledge.HOOKS);
        List<ScenarioFile> scenarios = ScenarioRequests.load(ScenarioRequests.FOLDER);
        loadAsTheServer(scenarios);
        BiologicCdsService standalone = BiologicCdsService.load(Path.of("fhir-profiles"), TestKnowledge.HOOKS,
                FhirContext.forR4Cached(), Clock.systemUTC());
        ObjectMapper hapiMapper = server.spring().getBean(CdsHooksConfig.CDS_HOOKS_OBJECT_MAPPER_FACTORY, ObjectMapper.class);

        List<String> differences = new ArrayList<>();
        int cards = 0;
        for (ScenarioFile scenario : scenarios) {
            ObjectNode request = requests.request(scenario);
            String expected = answer(() -> cards(JSON.readTree(standalone.json().write(
                    standalone.call(scenario.serviceId(), request.toString().getBytes(StandardCharsets.UTF_8)).response()))));
            // As the starter's CdsHooksServlet hands a request to the module: read with the module's mapper.
            request.remove("prefetch");
            String actual = answer(() -> cards(JSON.readTree(hapiMapper.writeValueAsString(
                    registry.callService(scenario.serviceId(),
                            hapiMapper.readValue(request.toString(), CdsServiceRequestJson.class))))));
            cards += expected.isEmpty() ? 0 : expected.split("\n").length;
            if (!expected.equals(actual)) {
                differences.add(scenario.name() + ":\n  standalone: " + expected + "\n  HAPI module: " + actual);
            }
        }

        assertThat(differences).as("scenarios answered differently").isEmpty();
        assertThat(cards).as("cards compared (not a comparison of empty answers)").isGreaterThan(scenarios.size() / 2);
    }

    /**
     * Every scenario's patient and record, written as the server itself writes (no client order to
     * check). The starter enforces referential integrity on write, so what a record references but
     * does not carry (the prescriber, an organization) is written as an empty placeholder first.
     */
    private static void loadAsTheServer(List<ScenarioFile> scenarios) {
        @SuppressWarnings("unchecked")
        IFhirSystemDao<Bundle, ?> system = server.spring().getBean(IFhirSystemDao.class);
        FhirContext fhir = FhirContext.forR4Cached();
        IParser parser = fhir.newJsonParser();
        for (ScenarioFile scenario : scenarios) {
            List<Resource> resources = new ArrayList<>();
            for (ObjectNode resource : scenario.resources()) {
                resources.add((Resource) parser.parseResource(resource.toString()));
            }
            Set<String> present = new HashSet<>();
            resources.forEach(r -> present.add(r.fhirType() + "/" + r.getIdElement().getIdPart()));
            Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            List<Resource> placeholders = new ArrayList<>();
            for (Resource resource : resources) {
                for (ResourceReferenceInfo reference : fhir.newTerser().getAllResourceReferences(resource)) {
                    IIdType target = reference.getResourceReference().getReferenceElement();
                    String key = target.getResourceType() + "/" + target.getIdPart();
                    if (target.hasResourceType() && target.hasIdPart() && !target.isLocal() && present.add(key)) {
                        Resource placeholder = (Resource) fhir.getResourceDefinition(target.getResourceType()).newInstance();
                        placeholder.setId(key);
                        placeholders.add(placeholder);
                    }
                }
            }
            placeholders.addAll(resources);
            for (Resource resource : placeholders) {
                transaction.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                        .setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
            }
            system.transaction(new SystemRequestDetails(), transaction);
        }
    }

    /** Each card as indicator|summary|source topic, one a line; or the refusal's status and code. */
    private static String cards(JsonNode response) {
        List<String> lines = new ArrayList<>();
        for (JsonNode card : response.path("cards")) {
            lines.add(card.path("indicator").asText() + "|" + card.path("summary").asText() + "|"
                    + card.at("/source/topic/code").asText() + "|" + card.path("detail").asText().hashCode());
        }
        return String.join("\n", lines);
    }

    private interface Answer {
        String get() throws Exception;
    }

    private static String answer(Answer answer) throws Exception {
        try {
            return answer.get();
        } catch (HookRequestException e) {
            return "refused " + e.outcome().status() + " " + e.code();
        } catch (BaseServerResponseException e) {
            return "refused " + e.getStatusCode() + " " + e.getMessage().replaceAll("^(HAPI-\\d+: )?(BCDS-\\d+).*", "$2");
        }
    }

    // ---- helpers ----

    private static String orderSignTemplate(String key) throws IOException {
        return JSON.readTree(Path.of("hooks/biologic-order-sign.json").toFile()).path("prefetch").path(key).asText();
    }

    private static String patient(String id) {
        return """
                {"resourceType":"Patient","id":"%s","gender":"female","birthDate":"1975-03-02"}""".formatted(id);
    }

    private static String patientWithIdentifier(String value) {
        return """
                {"resourceType":"Patient","identifier":[{"system":"urn:test:plugin","value":"%s"}],"gender":"male",
                 "birthDate":"1969-08-14"}""".formatted(value);
    }

    private static String igra(String subject, String answer, String display) {
        return """
                {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"71773-6",
                  "display":"Mycobacterium tuberculosis stimulated gamma interferon [Interpretation] in Blood Qualitative"}],
                  "text":"QuantiFERON-TB Gold Plus"},"subject":{"reference":"%s"},"effectiveDateTime":"%s",
                 "valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"%s","display":"%s"}]}}"""
                .formatted(subject, TODAY, answer, display);
    }

    private static String order(String subject, String extra, String medication) {
        return """
                {"resourceType":"MedicationRequest",%s"status":"active","intent":"order","subject":{"reference":"%s"},
                 "authoredOn":"%s","medicationCodeableConcept":%s}""".formatted(extra, subject, TODAY, medication);
    }

    private static void put(String path, String body) throws Exception {
        HttpResponse<String> response = send("PUT", "/fhir/" + path, body);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(server.uri(path))
                .header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    private static JsonNode header(HttpResponse<String> response) throws IOException {
        return json(response.headers().firstValue(BiologicOrderInterceptor.FINDINGS_HEADER)
                .orElseThrow(() -> new AssertionError("no " + BiologicOrderInterceptor.FINDINGS_HEADER + " header")));
    }

    /** The rule ids of an OperationOutcome's issues, in order. */
    private static List<String> ruleIds(JsonNode outcome) {
        List<String> ids = new ArrayList<>();
        for (JsonNode issue : outcome.path("issue")) {
            String system = issue.at("/details/coding/0/system").asText();
            if (system.endsWith("/CodeSystem/biologic-rule")) {
                ids.add(issue.at("/details/coding/0/code").asText());
            }
        }
        return ids;
    }
}

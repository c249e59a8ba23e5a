package org.biologicscds.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.sandbox.ResourceStore;
import org.biologicscds.sandbox.SandboxFhirServer;
import org.biologicscds.testing.CapturedLogs;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin registered in a HAPI RestfulServer (the sandbox's, holding the demo patients): a
 * MedicationRequest POSTed or PUT is checked against that server's data; the findings come back as
 * OperationOutcome issues; in rejecting mode a critical finding is a 422 unless overridden.
 */
class BiologicOrderInterceptorTest {

    private static final Path DEMO = Path.of("src/main/resources/demo-patients");
    private static final String OVERRIDE = """
            "extension":[{"url":"http://biologics-cds.org/fhir/StructureDefinition/critical-finding-override",
              "valueCoding":{"system":"http://biologics-cds.org/fhir/CodeSystem/override-reason","code":"%s"}}],""";

    private static RunningServer reporting;
    private static RunningServer rejecting;
    /** Transactions the rejecting server's (test) transaction provider was handed. */
    private static final List<Bundle> TRANSACTIONS_RECEIVED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        reporting = server(PluginSettings.reporting());
        rejecting = server(PluginSettings.rejectingCritical());
    }

    /** A RestfulServer with the demo patients and the plugin registered, as the README shows. */
    private static RunningServer server(PluginSettings settings) throws Exception {
        SandboxFhirServer sandbox = new SandboxFhirServer(new ResourceStore());
        sandbox.load(DEMO);
        Clock clock = Clock.fixed(Instant.parse(RunningServer.TODAY + "T10:00:00Z"), ZoneOffset.UTC);
        // The sandbox has no transaction operation: this one only records what reaches it.
        sandbox.restfulServer().registerProvider(new TransactionRecorder());
        sandbox.restfulServer().registerInterceptor(new BiologicOrderInterceptor(TestKnowledge.get(),
                ServiceCatalog.load(TestKnowledge.HOOKS, new CdsJson()).find("biologic-order-sign").orElseThrow(),
                settings, clock));
        return new RunningServer(FetchSettings.defaults(), List.of(sandbox.handler()));
    }

    @AfterAll
    static void stop() throws Exception {
        reporting.close();
        rejecting.close();
    }

    private static String order(String patientId, String medication, String extra) {
        return """
                {"resourceType":"MedicationRequest",%s"status":"active","intent":"order",
                 "subject":{"reference":"Patient/%s"},"authoredOn":"2026-11-23","medicationCodeableConcept":%s}"""
                .formatted(extra, patientId, medication);
    }

    private static final String INFLECTRA = """
            {"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"1790546",
              "display":"infliximab-dyyb 100 MG Injection [Inflectra]"}]}""";
    private static final String HUMIRA = """
            {"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"327361","display":"adalimumab"}]}""";

    private static Reply write(RunningServer server, String method, String path, String body) throws Exception {
        return server.send(HttpRequest.newBuilder(server.uri("/fhir/" + path))
                .header("Content-Type", "application/fhir+json").header("Prefer", "return=OperationOutcome")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Each issue as severity|code|rule id|summary. */
    private static List<String> issues(Reply reply) {
        List<String> issues = new ArrayList<>();
        for (JsonNode issue : reply.json().path("issue")) {
            issues.add(issue.path("severity").asText() + "|" + issue.path("code").asText() + "|"
                    + issue.at("/details/coding/0/code").asText() + "|" + issue.at("/details/text").asText());
        }
        return issues;
    }

    private static int activeOrders(RunningServer server, String patientId) throws Exception {
        return server.get("/fhir/MedicationRequest?patient=" + patientId + "&status=active").json().path("entry").size();
    }

    @Test
    void postedBiologicOrder_isStored_andItsFindingsComeBackAsIssues() throws Exception {
        Reply reply = write(reporting, "POST", "MedicationRequest", order("pt-psoriasis-1", INFLECTRA, ""));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        // This patient's record has no TB, hepatitis or HIV tests, no recent weight, blood count, ALT or vaccines;
        // her methotrexate is infliximab's recommended co-therapy, so no combination card (clinical-v2.md 3.3).
        assertThat(issues(reply)).containsExactly(
                "warning|business-rule|tb-screening-missing|No TB screening (IGRA or skin test) on record before starting infliximab",
                "warning|business-rule|hbv-screening-missing|No hepatitis B screening on record (HBsAg, anti-HBc) before starting infliximab",
                "information|informational|hcv-screening-missing|No hepatitis C antibody test on record before starting infliximab",
                "information|informational|hiv-screening-missing|No HIV test on record before starting infliximab",
                "information|informational|weight-missing|No body weight in the last 90 days: the mg/kg dose of infliximab could not be checked",
                "information|informational|baseline-labs|No blood count or ALT in the last 90 days before starting infliximab",
                "information|informational|vaccination-before-start|Vaccines to consider before starting infliximab: zoster (RZV), "
                        + "pneumococcal, influenza");
        assertThat(reply.json().at("/issue/0/details/coding/0/system").asText())
                .isEqualTo("http://biologics-cds.org/fhir/CodeSystem/biologic-rule");
        assertThat(reply.json().at("/issue/0/diagnostics").asText()).contains("No IGRA or tuberculin skin test result");
    }

    @Test
    void criticalFinding_whenReporting_isStoredWithAnErrorIssue() throws Exception {
        Reply reply = write(reporting, "POST", "MedicationRequest", order("demo-tb-positive", HUMIRA, ""));

        assertThat(reply.status()).isEqualTo(201);
        // "before starting" or "while on": other tests of this class may have stored an adalimumab order for
        // this patient already, which makes this one a maintenance order (clinical-v2.md 1.3)
        assertThat(issues(reply)).singleElement().asString().startsWith("error|business-rule|tb-positive-untreated|"
                + "Positive TB test (IGRA, 2026-10-20) and no latent TB treatment: treat ");
    }

    @Test
    void criticalFinding_whenRejecting_is422_andNothingIsStored() throws Exception {
        int before = activeOrders(rejecting, "demo-tb-positive");
        Reply reply;
        String logged;
        try (CapturedLogs logs = new CapturedLogs()) {
            reply = write(rejecting, "POST", "MedicationRequest", order("demo-tb-positive", HUMIRA, ""));
            logged = logs.text();
        }

        assertThat(reply.status()).isEqualTo(422);
        assertThat(logged).contains("BCDS-4221").doesNotContain("Positive").doesNotContain("QuantiFERON");
        assertThat(issues(reply)).first().asString().startsWith("error|business-rule|tb-positive-untreated|");
        assertThat(reply.body()).contains("BCDS-4221").contains("critical-finding-override");
        assertThat(activeOrders(rejecting, "demo-tb-positive")).isEqualTo(before);
    }

    @Test
    void criticalFinding_withTheOverrideExtension_isStored() throws Exception {
        // v2 (clinical-v2.md 3.6): a therapy awaiting discontinuation is a warning; an untreated positive TB test stays critical.
        int before = activeOrders(rejecting, "demo-tb-positive");
        Reply reply = write(rejecting, "POST", "MedicationRequest",
                order("demo-tb-positive", HUMIRA, OVERRIDE.formatted("specialist-advice")));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        // on a new start the info cards of section 4 (baseline-labs, vaccination-before-start) come with it
        assertThat(issues(reply)).first().asString().startsWith("error|business-rule|tb-positive-untreated|");
        assertThat(issues(reply)).filteredOn(i -> !i.startsWith("information|")).hasSize(1);
        assertThat(activeOrders(rejecting, "demo-tb-positive")).isEqualTo(before + 1);
    }

    @Test
    void overrideWithAReasonThatIsNotInTheCodeSystem_isStillRejected() throws Exception {
        Reply reply = write(rejecting, "POST", "MedicationRequest",
                order("demo-hypersensitivity", INFLECTRA, OVERRIDE.formatted("because-i-said-so")));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body()).contains("BCDS-4222");
    }

    @Test
    void updateOfADraftToActive_isCheckedToo_andRejected() throws Exception {
        String draft = reporting.get("/fhir/MedicationRequest/draft-heart-failure-nyha-iv").body();

        Reply reply = write(rejecting, "PUT", "MedicationRequest/draft-heart-failure-nyha-iv",
                draft.replace("\"status\":\"draft\"", "\"status\":\"active\""));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(issues(reply)).first().asString().startsWith("error|business-rule|heart-failure|");
        assertThat(rejecting.get("/fhir/MedicationRequest/draft-heart-failure-nyha-iv").json().path("status").asText())
                .isEqualTo("draft");
    }

    @Test
    void advancedTherapyOutsideTheCatalogue_isStored_withTheNotCheckedIssue() throws Exception {
        // Clinical-v2 1.6: the plugin answers it as the CDS services do, without reading the record.
        Reply reply = write(rejecting, "POST", "MedicationRequest",
                order("demo-tb-positive", "{\"text\":\"ozoralizumab 30 mg\"}", ""));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(issues(reply)).containsExactly("information|informational|drug-not-recognised|"
                + "Not checked: ozoralizumab 30 mg is not in the biologic catalogue");
    }

    @Test
    void liveVaccineOrder_forAPatientOnABiologic_isCheckedInReverse() throws Exception {
        // demo-duplicate takes secukinumab (active statement): an MMR order meets it (clinical-v2.md 1.4 R)
        Reply reply = write(reporting, "POST", "MedicationRequest", order("demo-duplicate",
                "{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/cvx\",\"code\":\"03\"}],\"text\":\"M-M-R II\"}", ""));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(issues(reply)).singleElement().asString()
                .startsWith("error|business-rule|live-vaccine-on-biologic|M-M-R II is a live vaccine and secukinumab is ongoing");
    }

    @Test
    void orderThatIsNoBiologic_andOtherResources_passUntouched() throws Exception {
        Reply folicAcid = write(rejecting, "POST", "MedicationRequest",
                order("demo-tb-positive", "{\"text\":\"Folic acid 5 mg\"}", ""));
        Reply condition = write(rejecting, "POST", "Condition",
                "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/demo-clean\"},\"code\":{\"text\":\"Acne\"}}");

        assertThat(folicAcid.status()).isEqualTo(201);
        assertThat(issues(folicAcid)).containsExactly("information|informational||No biologic order findings");
        assertThat(condition.status()).isEqualTo(201);
        assertThat(condition.body()).isEmpty();
    }

    @Test
    void orderForAPatientTheServerDoesNotHave_whenReporting_isStored_andSaysNotChecked() throws Exception {
        Reply reply = write(reporting, "POST", "MedicationRequest", order("nobody-here", INFLECTRA, ""));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(issues(reply)).containsExactly("warning|incomplete|BCDS-2002|" + FindingIssues.NOT_CHECKED
                + ": the patient's record could not be read: patient (the fhirServer answered HTTP 404)");
    }

    @Test
    void orderForAPatientTheServerDoesNotHave_whenRejecting_is422_notChecked() throws Exception {
        Reply reply = write(rejecting, "POST", "MedicationRequest", order("nobody-here", INFLECTRA, ""));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(issues(reply)).first().asString().isEqualTo("warning|incomplete|BCDS-2002|" + FindingIssues.NOT_CHECKED
                + ": the patient's record could not be read: patient (the fhirServer answered HTTP 404)");
        assertThat(reply.body()).contains("BCDS-4223").contains("critical-finding-override");
    }

    @Test
    void medicationReference_toAMedicationOnTheServer_isResolved_andChecked() throws Exception {
        Reply medication = write(rejecting, "PUT", "Medication/plugin-test-humira", """
                {"resourceType":"Medication","id":"plugin-test-humira","code":{"coding":[{
                  "system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"327361",
                  "display":"adalimumab"}],"text":"Humira 40 mg"}}""");
        assertThat(medication.status()).as(medication.body()).isIn(200, 201);

        Reply reply = write(rejecting, "POST", "MedicationRequest", referencing("demo-tb-positive", "Medication/plugin-test-humira"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(issues(reply)).first().asString().startsWith("error|business-rule|tb-positive-untreated|");
    }

    @Test
    void medicationReference_thatNothingResolves_isNeverPassedAsNoBiologic() throws Exception {
        Reply rejected = write(rejecting, "POST", "MedicationRequest", referencing("demo-clean", "Medication/not-on-this-server"));
        Reply stored = write(reporting, "POST", "MedicationRequest", referencing("demo-clean", "Medication/not-on-this-server"));

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.body()).contains("BCDS-4223");
        assertThat(issues(rejected)).first().asString().startsWith("warning|incomplete|BCDS-2004|" + FindingIssues.NOT_CHECKED
                + ": the medication of the order could not be resolved [Medication/not-on-this-server]");
        assertThat(stored.status()).isEqualTo(201);
        assertThat(issues(stored)).singleElement().asString().startsWith("warning|incomplete|BCDS-2004|");
    }

    @Test
    void findings_comeInTheResponseHeader_withoutPreferReturnOperationOutcome() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        reporting.uri("/fhir/MedicationRequest")).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(order("demo-tb-positive", HUMIRA, ""))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        // The body is what the server answers by default (the stored order), not the findings.
        assertThat(response.body()).contains("\"resourceType\":\"MedicationRequest\"").doesNotContain("tb-positive-untreated");
        JsonNode header = new ObjectMapper().readTree(response.headers().firstValue(BiologicOrderInterceptor.FINDINGS_HEADER)
                .orElseThrow());
        assertThat(header.path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(header.at("/issue/0/severity").asText()).isEqualTo("error");
        assertThat(header.at("/issue/0/details/coding/0/code").asText()).isEqualTo("tb-positive-untreated");
        assertThat(header.at("/issue/0/details/text").asText()).startsWith("Positive TB test (IGRA, ").contains("and no latent TB treatment");
    }

    @Test
    void aWriteOfAnythingElse_hasNoFindingsHeader() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        reporting.uri("/fhir/Condition")).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Condition\",\"subject\":"
                        + "{\"reference\":\"Patient/demo-clean\"},\"code\":{\"text\":\"Acne\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue(BiologicOrderInterceptor.FINDINGS_HEADER)).isEmpty();
    }

    @Test
    void transactionCarryingACriticalOrder_isRefusedWhole_beforeTheServerSeesIt() throws Exception {
        TRANSACTIONS_RECEIVED.clear();
        String transaction = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"note"},
                   "subject":{"reference":"Patient/demo-tb-positive"}},"request":{"method":"POST","url":"Observation"}},
                 {"resource":%s,"request":{"method":"POST","url":"MedicationRequest"}}]}"""
                .formatted(order("demo-tb-positive", HUMIRA, ""));
        String harmless = transaction.replace(HUMIRA, "{\"text\":\"Folic acid 5 mg\"}");

        Reply refused = write(rejecting, "POST", "", transaction);
        int receivedAfterRefusal = TRANSACTIONS_RECEIVED.size();
        Reply passed = write(rejecting, "POST", "", harmless);

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(issues(refused)).first().asString().startsWith("error|business-rule|tb-positive-untreated|");
        assertThat(receivedAfterRefusal).isZero();
        assertThat(passed.status()).as(passed.body()).isEqualTo(200);
        assertThat(TRANSACTIONS_RECEIVED).hasSize(1);
    }

    /** A transaction operation for the test server: records the bundle, stores nothing. */
    public static final class TransactionRecorder {
        @Transaction
        public Bundle transaction(@TransactionParam Bundle bundle) {
            TRANSACTIONS_RECEIVED.add(bundle);
            return new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        }
    }

    private static String referencing(String patientId, String medicationReference) {
        return """
                {"resourceType":"MedicationRequest","status":"active","intent":"order",
                 "subject":{"reference":"Patient/%s"},"authoredOn":"2026-11-23",
                 "medicationReference":{"reference":"%s"}}""".formatted(patientId, medicationReference);
    }
}

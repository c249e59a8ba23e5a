package org.biologicscds.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.biologicscds.testing.NeedsSharedFixtures;
import org.biologicscds.testing.SharedFixtures;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded sandbox FHIR server at /fhir, over HTTP on the service's own port: loaded with the
 * demo patients, a Synthea transaction bundle as it is, and the knowledge; it answers the reads and
 * searches the prefetch templates use, pages, includes, and refuses what it cannot search.
 */
class SandboxFhirServerTest {

    /** Our own Synthea-shaped transaction bundle (src/test/resources/interop/synthea-style): 49 Observations. */
    static final String MAREN = "9d3c6a52-1b7e-4f20-8c41-6e0b2a7d5f93";
    private static final Path MAREN_BUNDLE = Path.of("src/test/resources/interop/synthea-style")
            .resolve("Maren_Lindqvist_" + MAREN + ".json");
    /** The same shape as Synthea itself wrote it, in ../shared/fixtures when it is beside the clone. */
    static final String HERSHEL = "4e122e91-c63f-4112-a778-6ccf5abfd6f2";
    private static final Path HERSHEL_BUNDLE = SharedFixtures.folder()
            .resolve("synthea-r4/Hershel_Marvin_71a7f9d4-45b7-481b-b571-7ee0caca6e2a.json");

    private static SandboxFhirServer sandbox;
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        sandbox = new SandboxFhirServer(new ResourceStore());
        sandbox.addKnowledge(TestKnowledge.get());
        sandbox.load(Path.of("src/main/resources/demo-patients"));
        sandbox.load(MAREN_BUNDLE);
        server = new RunningServer(FetchSettings.defaults(), List.of(sandbox.handler()));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static JsonNode fhir(String path) throws Exception {
        Reply reply = server.get("/fhir/" + path);
        assertThat(reply.status()).as(path + " -> " + reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> ids(JsonNode bundle) {
        List<String> ids = new ArrayList<>();
        bundle.path("entry").forEach(e -> ids.add(e.at("/resource/resourceType").asText() + "/" + e.at("/resource/id").asText()));
        return ids;
    }

    @Test
    void syntheaShapedTransactionBundle_loadsAsItIs_withItsUrnUuidReferencesResolved() throws Exception {
        JsonNode ra = fhir("Condition?patient=" + MAREN + "&code=http://snomed.info/sct%7C69896004");

        assertThat(ids(ra)).containsExactly("Condition/c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e51");
        JsonNode condition = ra.at("/entry/0/resource");
        assertThat(condition.at("/subject/reference").asText()).isEqualTo("Patient/" + MAREN);
        String encounter = condition.at("/encounter/reference").asText();
        assertThat(encounter).startsWith("Encounter/").doesNotContain("urn:uuid");
        assertThat(fhir(encounter).at("/subject/reference").asText()).isEqualTo("Patient/" + MAREN);
        assertThat(ids(fhir("MedicationRequest?patient=" + MAREN + "&status=active")))
                .containsExactly("MedicationRequest/d2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f62");
    }

    @Test
    @NeedsSharedFixtures
    void syntheaTransactionBundle_loadsAsItIs_withItsUrnUuidReferencesResolved() throws Exception {
        sandbox.load(HERSHEL_BUNDLE);

        JsonNode ra = fhir("Condition?patient=" + HERSHEL + "&code=http://snomed.info/sct%7C69896004");

        assertThat(ids(ra)).containsExactly("Condition/cd390cd5-e2d3-40ef-a8ed-eaa769deeac0");
        JsonNode condition = ra.at("/entry/0/resource");
        assertThat(condition.at("/subject/reference").asText()).isEqualTo("Patient/" + HERSHEL);
        String encounter = condition.at("/encounter/reference").asText();
        assertThat(encounter).startsWith("Encounter/").doesNotContain("urn:uuid");
        assertThat(fhir(encounter).at("/subject/reference").asText()).isEqualTo("Patient/" + HERSHEL);
    }

    @Test
    void aSearchAnswerGoesOutWhole_withItsLength_uncompressedToThisMachineEvenWhenGzipIsAsked() throws Exception {
        String path = "/fhir/Observation?patient=" + MAREN + "&_count=20";
        HttpClient http = HttpClient.newHttpClient();

        // HAPI's JSON writer flushes after many fields; each flush used to go out as a chunk of its own.
        HttpResponse<byte[]> plain = http.send(HttpRequest.newBuilder(server.uri(path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(plain.headers().firstValueAsLong("Content-Length")).hasValue(plain.body().length);
        JsonNode bundle = new ObjectMapper().readTree(plain.body());
        assertThat(bundle.path("entry")).hasSize(20);

        // As the service's fetcher asks (HAPI's client always asks for gzip): this client is on loopback.
        HttpResponse<byte[]> asked = http.send(HttpRequest.newBuilder(server.uri(path)).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(asked.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(asked.headers().firstValueAsLong("Content-Length")).hasValue(asked.body().length);
        assertThat(ids(new ObjectMapper().readTree(asked.body()))).isEqualTo(ids(bundle));
    }

    @Test
    void readById_andAnUnknownId_is404() throws Exception {
        assertThat(fhir("Patient/pt-psoriasis-1").at("/birthDate").asText()).isEqualTo("1979-04-12");
        assertThat(server.get("/fhir/Patient/no-such-patient").status()).isEqualTo(404);
    }

    @Test
    void searchByPatientAndCodeList_asTheObservationsTemplateAsks() throws Exception {
        JsonNode igra = fhir("Observation?patient=demo-clean&code=http://loinc.org%7C71773-6,http://loinc.org%7C1648-5");
        JsonNode other = fhir("Observation?patient=demo-clean&code=http://loinc.org%7C29463-7");

        assertThat(ids(igra)).containsExactly("Observation/clean-igra-neg");
        assertThat(ids(other)).containsExactly("Observation/clean-weight");
    }

    @Test
    void searchByStatus_andByDateWithPrefixes() throws Exception {
        assertThat(ids(fhir("MedicationRequest?patient=pt-psoriasis-1&status=active")))
                .containsExactly("MedicationRequest/psoriasis-1-mtx");
        assertThat(ids(fhir("MedicationRequest?patient=pt-psoriasis-1&status=draft")))
                .containsExactly("MedicationRequest/draft-tb-screening-missing");
        assertThat(ids(fhir("Observation?patient=demo-tb-expired&code=http://loinc.org%7C71773-6&date=lt2026")))
                .containsExactly("Observation/tb-expired-igra-neg");
        assertThat(ids(fhir("Observation?patient=demo-tb-expired&code=http://loinc.org%7C71773-6&date=ge2026-01-01")))
                .isEmpty();
        assertThat(ids(fhir("Condition?patient=demo-infection&onset-date=ge2026-11&clinical-status=active")))
                .containsExactly("Condition/infection-zoster");
    }

    @Test
    void countAndPaging_everyEntryOnceAcrossTheNextLinks() throws Exception {
        JsonNode page = fhir("Observation?patient=" + MAREN + "&_count=10");
        List<String> all = new ArrayList<>(ids(page));
        int pages = 1;
        while (page.path("link").findValues("relation").stream().anyMatch(r -> r.asText().equals("next"))) {
            String next = "";
            for (JsonNode link : page.path("link")) {
                if (link.path("relation").asText().equals("next")) {
                    next = link.path("url").asText();
                }
            }
            page = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(next)).GET().build()).json();
            all.addAll(ids(page));
            pages++;
        }

        assertThat(pages).as(page.toString()).isEqualTo(5);
        assertThat(all).hasSize(49).doesNotHaveDuplicates();
    }

    @Test
    void withoutCount_pagesHoldTheDefaultFifty() throws Exception {
        JsonNode first = fhir("Observation");

        assertThat(first.path("total").asInt()).isGreaterThan(SandboxFhirServer.DEFAULT_PAGE_SIZE);
        assertThat(first.path("entry").size()).isEqualTo(SandboxFhirServer.DEFAULT_PAGE_SIZE).isEqualTo(50);
    }

    @Test
    void includeMedication_addsTheReferencedMedicationAsAnInclude() throws Exception {
        JsonNode bundle = fhir("MedicationRequest?patient=demo-immunosuppressant&status=active"
                + "&_include=MedicationRequest:medication");

        assertThat(ids(bundle)).containsExactly("MedicationRequest/immunosuppressant-cyclosporine",
                "Medication/immunosuppressant-cyclosporine-medication");
        assertThat(bundle.at("/entry/1/search/mode").asText()).isEqualTo("include");
        assertThat(bundle.at("/entry/0/resource/medicationReference/reference").asText())
                .isEqualTo("Medication/immunosuppressant-cyclosporine-medication");
    }

    @Test
    void whatTheSandboxCannotSearch_is400NamingIt() throws Exception {
        Reply unknown = server.get("/fhir/Condition?patient=demo-clean&shoe-size=42");
        Reply chained = server.get("/fhir/Observation?subject.name=Demo");
        Reply sorted = server.get("/fhir/Observation?patient=demo-clean&_sort=date");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/issue/0/diagnostics").asText())
                .isEqualTo("'shoe-size' is not a search parameter of Condition");
        assertThat(chained.status()).isEqualTo(400);
        assertThat(chained.json().at("/issue/0/diagnostics").asText()).contains("chained search parameters");
        assertThat(sorted.status()).isEqualTo(400);
    }

    @Test
    void knowledgeResources_areReadableAndSearchableByUrl() throws Exception {
        JsonNode byUrl = fhir("ValueSet?url=http://biologics-cds.org/fhir/ValueSet/methotrexate");

        assertThat(ids(byUrl)).containsExactly("ValueSet/methotrexate");
        assertThat(fhir("CodeSystem/biologic-rule").at("/url").asText())
                .isEqualTo("http://biologics-cds.org/fhir/CodeSystem/biologic-rule");
        assertThat(fhir("MedicationKnowledge/infliximab").at("/resourceType").asText()).isEqualTo("MedicationKnowledge");
    }

    @Test
    void demoPatients_atLeastTwelve_eachWithOneDraftOrder() throws Exception {
        JsonNode patients = fhir("Patient?family=Demo&_count=100");
        JsonNode drafts = fhir("MedicationRequest?status=draft&_count=100");

        assertThat(patients.path("entry").size()).isGreaterThanOrEqualTo(12);
        assertThat(drafts.path("entry").size()).isEqualTo(patients.path("entry").size());
    }

    @Test
    void createThenUpdate_storesNewVersions() throws Exception {
        String condition = """
                {"resourceType":"Condition","subject":{"reference":"Patient/demo-clean"},
                 "code":{"coding":[{"system":"http://snomed.info/sct","code":"4740000","display":"Herpes zoster"}]}}""";
        Reply created = server.post("/fhir/Condition", "application/fhir+json", condition);
        String id = created.json().at("/id").asText();
        Reply updated = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/fhir/Condition/" + id))
                .header("Content-Type", "application/fhir+json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(condition.replaceFirst("\\{", "{\"id\":\"" + id + "\","))).build());

        assertThat(created.status()).isEqualTo(201);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().at("/meta/versionId").asText()).isEqualTo("2");
        assertThat(ids(fhir("Condition?patient=demo-clean&code=http://snomed.info/sct%7C4740000")))
                .containsExactly("Condition/" + id);
    }
}

package org.biologicscds.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.biologicscds.testing.CapturedLogs;
import org.biologicscds.testing.InfliximabOrder;
import org.biologicscds.testing.Json;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.biologicscds.testing.Scenario;
import org.biologicscds.testing.StubFhirServer;
import org.biologicscds.testing.StubFhirServer.Answer;
import org.biologicscds.testing.StubFhirServer.Seen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Prefetch the client did not send is fetched from its fhirServer (CDS Hooks 2.0, "Prefetch"), over
 * HTTP against small local FHIR servers that are healthy, slow, failing, garbled, unreachable or
 * paged. Whatever goes wrong, the answer is a 412 naming each key and why, never a 500 and never
 * cards built on part of the record.
 */
class FhirServerFetchTest {

    private static final String TOKEN = "secret-token-4711";
    private static final String PATIENT = InfliximabOrder.PATIENT;
    private static final String NEGATIVE_IGRA = Scenario.negativeIgra("2026-09-15").replace("Patient/pt-1", "Patient/pt-psoriasis-1");
    /** The rest of a screened patient's labs (hepatitis B/C, HIV, weight), as the screened example carries them. */
    private static final String[] OTHER_SCREENING = screeningLabs();

    private static String[] screeningLabs() {
        try {
            var example = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    java.nio.file.Path.of("hooks/examples/order-select-infliximab-screened.json").toFile());
            java.util.List<String> labs = new java.util.ArrayList<>();
            example.at("/prefetch/observations/entry").forEach(e -> {
                if (!e.at("/resource/code/coding/0/code").asText().equals("71773-6")) {
                    labs.add(e.get("resource").toString());
                }
            });
            return labs.toArray(String[]::new);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String[] withScreening(String... observations) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(observations));
        all.addAll(java.util.List.of(OTHER_SCREENING));
        return all.toArray(String[]::new);
    }
    private static final String INFLIXIMAB_ALLERGY = """
            {"resourceType":"AllergyIntolerance","id":"ifx-allergy","patient":{"reference":"Patient/pt-psoriasis-1"},
             "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"active"}]},
             "code":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"191831","display":"infliximab"}]}}""";

    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new RunningServer(FetchSettings.defaults(), List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The infliximab order of hooks/examples, sent with fhirServer and a token, without the given prefetch keys. */
    private static String request(String fhirServer, String... droppedKeys) throws Exception {
        String example = Files.readString(Path.of("hooks/examples/order-sign-infliximab-no-tb-screening.json"));
        return Json.edit(example, root -> {
            root.put("fhirServer", fhirServer);
            root.set("fhirAuthorization", Json.object("""
                    {"access_token":"%s","token_type":"Bearer","expires_in":300,"scope":"patient/*.read",
                     "subject":"biologics-cds"}""".formatted(TOKEN)));
            ((ObjectNode) root.get("prefetch")).remove(List.of(droppedKeys));
        });
    }

    private static final String[] ALL_KEYS = {"patient", "conditions", "observations", "medicationRequests",
            "medicationStatements", "allergies", "procedures"};

    /** A healthy server: the patient by id, the negative IGRA for observations, nothing else. */
    private static Answer healthy(Seen request, String base) {
        return switch (request.type()) {
            case "Patient" -> Answer.fhir(PATIENT);
            case "Observation" -> Answer.fhir(StubFhirServer.searchset(null, withScreening(NEGATIVE_IGRA)));
            default -> Answer.fhir(StubFhirServer.searchset(null));
        };
    }

    private static String diagnostics(Reply reply) {
        return reply.json().at("/issue/0/diagnostics").asText();
    }

    @Test
    void noPrefetch_everyKeyIsFetchedInParallelWithTheBearerToken_andItsDataIsUsed() throws Exception {
        try (StubFhirServer ehr = new StubFhirServer(FhirServerFetchTest::healthy)) {
            Reply reply = server.call("biologic-order-sign", request(ehr.base(), ALL_KEYS));

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            // The negative IGRA came from the server: no TB card, only the (fetched: none) co-medication.
            assertThat(reply.json().get("cards")).isEmpty();
            assertThat(ehr.seen()).extracting(Seen::authorization).containsOnly("Bearer " + TOKEN);
            assertThat(ehr.seen()).extracting(Seen::type).containsExactlyInAnyOrder("Patient", "Condition",
                    "Observation", "MedicationRequest", "MedicationStatement", "AllergyIntolerance", "Procedure");
            assertThat(ehr.seen("Patient").get(0).path()).isEqualTo("/Patient/pt-psoriasis-1");
            // Derived from the rules' data needs: laboratory value sets also match local codes by their
            // text, so the search asks for every Observation rather than a LOINC list (PrefetchTemplates).
            assertThat(ehr.seen("Observation").get(0).query()).contains("patient=pt-psoriasis-1")
                    .doesNotContain("code=");
            assertThat(ehr.seen("MedicationRequest").get(0).query())
                    .contains("_include=MedicationRequest%3Amedication");
        }
    }

    @Test
    void nullPrefetch_meansNothingFound_andIsNotFetchedAgain() throws Exception {
        try (StubFhirServer ehr = new StubFhirServer(FhirServerFetchTest::healthy)) {
            // The example sends observations, medicationStatements, allergies, procedures as null.
            Reply reply = server.call("biologic-order-sign", request(ehr.base(), "patient"));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(ehr.seen()).extracting(Seen::type).containsExactly("Patient");
            assertThat(reply.json().at("/cards/0/source/topic/code").asText()).isEqualTo("tb-screening-missing");
        }
    }

    static Stream<Arguments> failedPrefetch() {
        String outcome = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"timeout\"}]}";
        return Stream.of(Arguments.of("an OperationOutcome", outcome),
                Arguments.of("a search result reporting an error", "{\"resourceType\":\"Bundle\",\"type\":\"searchset\","
                        + "\"entry\":[{\"search\":{\"mode\":\"outcome\"},\"resource\":" + outcome + "}]}"),
                Arguments.of("JSON that is not FHIR", "{\"allergies\": \"none\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failedPrefetch")
    void prefetchThatSaysTheClientsFetchFailed_isFetchedFromTheServerInstead(String what, String value) throws Exception {
        try (StubFhirServer ehr = new StubFhirServer((request, base) -> request.type().equals("AllergyIntolerance")
                ? Answer.fhir(StubFhirServer.searchset(null, INFLIXIMAB_ALLERGY)) : healthy(request, base))) {
            String body = Json.edit(request(ehr.base()), root -> ((ObjectNode) root.get("prefetch")).set("allergies",
                    Json.object(value)));

            Reply reply = server.call("biologic-order-sign", body);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(ehr.seen()).extracting(Seen::type).containsExactly("AllergyIntolerance");
            // an allergy with no criticality or manifestation is a warning (clinical-v2.md 3.4), among the others
            assertThat(reply.json().get("cards")).extracting(c -> c.at("/source/topic/code").asText())
                    .contains("hypersensitivity");
        }
    }

    @Test
    void serverSlowerThanTheDeadline_is412Timeout_namingOnlyTheLateKey() throws Exception {
        try (RunningServer quick = new RunningServer(new FetchSettings(Duration.ofMillis(500), 20, false), List.of());
             StubFhirServer ehr = new StubFhirServer((request, base) -> request.type().equals("Observation")
                     ? healthy(request, base).delayed(3000) : healthy(request, base))) {
            Reply reply = quick.call("biologic-order-sign", request(ehr.base(), ALL_KEYS));

            assertThat(reply.status()).isEqualTo(412);
            assertThat(diagnostics(reply)).isEqualTo("BCDS-2002: the patient data these checks need could not be fetched"
                    + " from fhirServer: observations (no complete answer within 500 ms); nothing was checked");
        }
    }

    static Stream<Arguments> failingServers() {
        return Stream.of(
                Arguments.of("HTTP 500", Answer.status(500), "allergies (the fhirServer answered HTTP 500)"),
                Arguments.of("HTTP 503", Answer.status(503), "allergies (the fhirServer answered HTTP 503)"),
                Arguments.of("HTTP 401", Answer.status(401),
                        "allergies (the fhirServer answered HTTP 401: the access token was not accepted)"),
                Arguments.of("HTTP 403", Answer.status(403),
                        "allergies (the fhirServer answered HTTP 403: the access token does not allow this read)"),
                Arguments.of("HTTP 404", Answer.status(404), "allergies (the fhirServer answered HTTP 404)"),
                Arguments.of("an HTML page", new Answer(200, "text/html", "<html><body>Sign in</body></html>", 0),
                        "allergies (the fhirServer's answer is not FHIR)"),
                Arguments.of("garbled JSON", new Answer(200, "application/fhir+json", "{\"resourceType\": \"Bun", 0),
                        "allergies (the fhirServer's answer is not the FHIR asked for)"),
                Arguments.of("JSON that is not FHIR", new Answer(200, "application/json", "{\"hello\": \"world\"}", 0),
                        "allergies (the fhirServer's answer is not the FHIR asked for)"),
                Arguments.of("a Patient where a Bundle belongs", Answer.fhir(PATIENT),
                        "allergies (the fhirServer's answer is not the FHIR asked for)"),
                Arguments.of("a search result reporting an error", Answer.fhir("""
                        {"resourceType":"Bundle","type":"searchset","entry":[{"search":{"mode":"outcome"},"resource":
                         {"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"too-costly"}]}}]}"""),
                        "allergies (the search result reports an error)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingServers")
    void serverAnswering_isA412NamingTheKeyAndWhy(String what, Answer answer, String named) throws Exception {
        try (StubFhirServer ehr = new StubFhirServer((request, base) -> request.type().equals("AllergyIntolerance")
                ? answer : healthy(request, base))) {
            Reply reply = server.call("biologic-order-sign", request(ehr.base(), ALL_KEYS));

            assertThat(reply.status()).as(reply.body()).isEqualTo(412);
            assertThat(reply.json().at("/issue/0/code").asText()).isEqualTo("incomplete");
            assertThat(diagnostics(reply)).isEqualTo("BCDS-2002: the patient data these checks need could not be"
                    + " fetched from fhirServer: " + named + "; nothing was checked");
        }
    }

    @Test
    void unreachableServer_is412NamingEveryMissingKey() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Reply reply = server.call("biologic-order-sign",
                request("http://127.0.0.1:" + closedPort + "/fhir", "observations", "allergies"));

        assertThat(reply.status()).isEqualTo(412);
        assertThat(diagnostics(reply)).isEqualTo("BCDS-2002: the patient data these checks need could not be fetched"
                + " from fhirServer: observations (the fhirServer could not be reached);"
                + " allergies (the fhirServer could not be reached); nothing was checked");
    }

    /** Observations over three pages; the negative IGRA is on the last one. */
    private static Answer paged(Seen request, String base) {
        if (!request.type().isEmpty() && !request.type().equals("Observation")) {
            return healthy(request, base);
        }
        String query = request.query() == null ? "" : request.query();
        if (query.contains("page=2")) {
            return Answer.fhir(StubFhirServer.searchset(base + "?page=3"));
        }
        if (query.contains("page=3")) {
            return Answer.fhir(StubFhirServer.searchset(null, withScreening(NEGATIVE_IGRA)));
        }
        return Answer.fhir(StubFhirServer.searchset(base + "?page=2"));
    }

    @Test
    void fhirServerNotOnTheAllowlist_is412_andIsNeverCalled() throws Exception {
        try (StubFhirServer ehr = new StubFhirServer(FhirServerFetchTest::healthy);
             RunningServer guarded = new RunningServer(FetchSettings.defaults().onlyFrom(List.of("https://ehr.example.org/")),
                     List.of())) {
            Reply reply = guarded.call("biologic-order-sign", request(ehr.base(), ALL_KEYS));

            assertThat(reply.status()).isEqualTo(412);
            assertThat(diagnostics(reply)).startsWith("BCDS-2003").contains("--fhir-server-allow");
            assertThat(ehr.seen()).isEmpty();
        }
    }

    @Test
    void pagedSearch_everyNextLinkIsFollowed_withTheToken() throws Exception {
        try (StubFhirServer ehr = new StubFhirServer(FhirServerFetchTest::paged)) {
            Reply reply = server.call("biologic-order-sign", request(ehr.base(), "observations"));

            assertThat(reply.status()).isEqualTo(200);
            // the negative IGRA of the last page is read (no TB card); methotrexate is infliximab's co-therapy (3.3)
            assertThat(reply.json().get("cards")).isEmpty();
            assertThat(ehr.seen()).extracting(Seen::query).hasSize(3).last().asString().contains("page=3");
            assertThat(ehr.seen()).extracting(Seen::authorization).containsOnly("Bearer " + TOKEN);
        }
    }

    @Test
    void pagedSearchLongerThanTheCap_is412_notAPartialRecord() throws Exception {
        try (RunningServer capped = new RunningServer(new FetchSettings(Duration.ofSeconds(2), 2, false), List.of());
             StubFhirServer ehr = new StubFhirServer(FhirServerFetchTest::paged)) {
            Reply reply = capped.call("biologic-order-sign", request(ehr.base(), "observations"));

            assertThat(reply.status()).isEqualTo(412);
            assertThat(diagnostics(reply)).contains("observations (more than 2 result pages)");
            assertThat(ehr.seen()).hasSize(2);
        }
    }

    @Test
    void nextLinkToAnotherServer_isNotFollowed_soTheTokenStaysWithTheFhirServer() throws Exception {
        try (StubFhirServer elsewhere = new StubFhirServer(FhirServerFetchTest::healthy);
             StubFhirServer ehr = new StubFhirServer((request, base) ->
                     Answer.fhir(StubFhirServer.searchset(elsewhere.base() + "/Observation?page=2")))) {
            Reply reply = server.call("biologic-order-sign", request(ehr.base(), "observations"));

            assertThat(reply.status()).isEqualTo(412);
            assertThat(diagnostics(reply)).contains("observations (a next link leaves the fhirServer;"
                    + " the token is not sent elsewhere)");
            assertThat(elsewhere.seen()).isEmpty();
        }
    }

    @Test
    void orderWithoutABiologic_needsNoPatientData_andFetchesNothing() throws Exception {
        try (StubFhirServer ehr = new StubFhirServer(FhirServerFetchTest::healthy)) {
            String body = Json.edit(request(ehr.base(), ALL_KEYS), root -> ((ObjectNode) root.at(
                    "/context/draftOrders/entry/0/resource")).set("medicationCodeableConcept",
                    Json.object("{\"text\":\"Folic acid 5 mg\"}")));

            Reply reply = server.call("biologic-order-sign", body);

            assertThat(reply.body()).isEqualTo("{\"cards\":[]}");
            assertThat(ehr.seen()).isEmpty();
        }
    }

    @Test
    void theAccessTokenAndTheQueries_neverReachTheLogsOrTheAnswer() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (StubFhirServer ehr = new StubFhirServer((request, base) -> switch (request.type()) {
                case "Procedure" -> Answer.status(500);
                case "AllergyIntolerance" -> new Answer(200, "application/fhir+json", "{\"resourceType\": \"Bun", 0);
                case "Condition" -> new Answer(200, "text/html", "<html>" + TOKEN + "</html>", 0);
                case "MedicationStatement" -> Answer.status(401);
                default -> healthy(request, base);
            });
             CapturedLogs logs = new CapturedLogs()) {
            Reply failed = server.call("biologic-order-sign", request(ehr.base(), ALL_KEYS));
            Reply unreachable = server.call("biologic-order-sign", request("http://127.0.0.1:" + closedPort + "/fhir", ALL_KEYS));
            Reply fetched = server.call("biologic-order-sign", request(ehr.base(), "patient", "observations"));

            assertThat(failed.status()).isEqualTo(412);
            assertThat(unreachable.status()).isEqualTo(412);
            assertThat(fetched.status()).isEqualTo(200);
            assertThat(logs.text()).contains("fetched=[patient, conditions, observations")
                    .contains("failed=[conditions:NOT_FHIR, medicationStatements:UNAUTHORIZED, allergies:NOT_FHIR,"
                            + " procedures:SERVER_ERROR]")
                    .doesNotContain(TOKEN).doesNotContain("patient=").doesNotContain("71773-6")
                    .doesNotContain(ehr.base()).doesNotContain(String.valueOf(closedPort));
            assertThat(failed.body()).doesNotContain(TOKEN).doesNotContain(ehr.base());
        }
    }

    @Test
    void requireHttps_refusesAPlainHttpFhirServer_with400() throws Exception {
        try (RunningServer strict = new RunningServer(new FetchSettings(Duration.ofSeconds(2), 20, true), List.of())) {
            Reply http = strict.call("biologic-order-sign", request("http://ehr.example.org/fhir"));
            Reply https = strict.call("biologic-order-sign", request("https://ehr.example.org/fhir"));

            assertThat(http.status()).isEqualTo(400);
            assertThat(diagnostics(http)).isEqualTo("BCDS-1016: fhirServer must be an https URL:"
                    + " this service does not send access tokens over plain http");
            // With every key prefetched nothing is fetched, so an https server that does not exist is no matter.
            assertThat(https.status()).isEqualTo(200);
        }
    }
}

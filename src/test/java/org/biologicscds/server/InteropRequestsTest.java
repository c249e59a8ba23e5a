package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project's own requests in the shapes other systems write them (src/test/resources/interop/requests:
 * the CDS Hooks sandbox, the spec and its hook pages, HAPI, Da Vinci CRD) get the answer the spec
 * calls for: cards or the right 4xx with the right reason, never a 500. The same behaviours
 * {@link FixturesTest} checks on ../shared/fixtures, without needing that folder.
 */
class InteropRequestsTest {

    private static final Path FOLDER = Path.of("src/test/resources/interop/requests");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** file → expected status and, for errors, the error code the diagnostics must start with. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        // patient-view with only a "patientToGreet" prefetch: the monitoring needs the record, and
        // ehr.example.net is not a FHIR server the test server may fetch from -> 412.
        EXPECTED.put("spec-patient-view-greeting.json", "412 BCDS-2003");
        // patient-view without context.patientId.
        EXPECTED.put("spec-patient-view-without-patient.json", "400 BCDS-1009");
        // CDS Hooks 1.0 order-sign with context.medications (STU3 MedicationOrder): no draftOrders.
        EXPECTED.put("cds-hooks-1.0-order-sign-medications.json", "400 BCDS-1011");
        // Radiology order-select: a ServiceRequest only, nothing for this service to check.
        EXPECTED.put("spec-order-select-radiology.json", "200 0");
        // The hook pages' R4 contexts: a non-biologic draft beside a ServiceRequest.
        EXPECTED.put("spec-order-select-r4-context.json", "200 0");
        EXPECTED.put("spec-order-sign-r4-context.json", "200 0");
        // HAPI: hook "Hook Name" is no hook of ours.
        EXPECTED.put("hapi-placeholder-hook.json", "400 BCDS-1004");
        // HAPI CRD order-sign without context.userId, which order-sign requires.
        EXPECTED.put("hapi-crd-order-sign-without-user.json", "400 BCDS-1010");
        // Da Vinci CRD: the legacy medication-prescribe hook.
        EXPECTED.put("davinci-medication-prescribe.json", "400 BCDS-1004");
        // Da Vinci CRD order-sign with DeviceRequest drafts but no userId.
        EXPECTED.put("davinci-order-sign-device-without-user.json", "400 BCDS-1010");
        // Da Vinci CRD order-sign, DeviceRequest only (and fhirAuthorization null): nothing to check.
        EXPECTED.put("davinci-order-sign-device-only.json", "200 0");
        // The sandbox: an empty draft is not a biologic; its non-R4 category/reasonCode parse. A methotrexate
        // draft is a reverse trigger (clinical-v2.md 1.4 R): it needs the record, which the sandbox's
        // fhirServer (localhost:8081, not running here) cannot give, so 412 as for a biologic draft.
        EXPECTED.put("sandbox-order-select-empty-draft.json", "200 0");
        EXPECTED.put("sandbox-order-select-methotrexate-psa.json", "412 BCDS-2002");
        EXPECTED.put("sandbox-order-select-reason-only.json", "200 0");
        EXPECTED.put("sandbox-order-sign-methotrexate.json", "412 BCDS-2002");
    }

    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new RunningServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Stream<Arguments> requests() {
        return EXPECTED.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("requests")
    void interopShapedRequest_getsTheAnswerTheSpecCallsFor(String file, String expected) throws Exception {
        JsonNode request = MAPPER.readTree(FOLDER.resolve(file).toFile());
        String service = switch (request.path("hook").asText()) {
            case "order-sign" -> "biologic-order-sign";
            case "patient-view" -> "biologic-patient-view";
            default -> "biologic-order-select";
        };

        Reply reply = server.call(service, MAPPER.writeValueAsString(request));

        String[] parts = expected.split(" ");
        assertThat(reply.status()).as(reply.body()).isEqualTo(Integer.parseInt(parts[0]));
        if (reply.status() == 200) {
            assertThat(reply.json().get("cards")).hasSize(Integer.parseInt(parts[1]));
        } else {
            assertThat(reply.json().get("resourceType").asText()).isEqualTo("OperationOutcome");
            assertThat(reply.json().at("/issue/0/diagnostics").asText()).startsWith(parts[1]);
        }
    }

    @Test
    void everyRequestFileHasAnExpectation() throws Exception {
        try (Stream<Path> files = Files.list(FOLDER)) {
            assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(
                    files.map(f -> f.getFileName().toString()).toList());
        }
    }
}

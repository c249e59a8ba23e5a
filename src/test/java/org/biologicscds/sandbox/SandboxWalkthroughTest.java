package org.biologicscds.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.biologicscds.testing.RecordScenario;
import org.biologicscds.testing.RecordScenarios;
import org.biologicscds.testing.SameAnswer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's walk-through of the unmodified CDS Hooks sandbox, row by row: for each demo patient,
 * the order the sandbox itself builds when that drug is picked from its medication list
 * (cds-hooks/sandbox {@code src/reducers/medication-reducers.js}: id {@code request-123}, its RxNorm code
 * and name, a dose in pills, a frequency per day, 30 days' supply) is sent on Rx View
 * ({@code order-select}, the draft selected) and Rx Sign ({@code order-sign}), with the record read from
 * the sandbox FHIR server as the sandbox has the service do, and with prefetch: the card the README names
 * shows, the same either way; a drug that meets no biologic shows none ("All clear").
 */
class SandboxWalkthroughTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path FOLDER = DemoPatientsTest.FOLDER;
    private static SameAnswer harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new SameAnswer();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    static Stream<Arguments> readmeRows() {
        List<Arguments> rows = new ArrayList<>();
        for (String hook : List.of("order-select", "order-sign")) {
            rows.add(Arguments.of("19-ra-on-adalimumab-methotrexate.json", hook, "579782",
                    "Methotrexate 2.5 MG Oral Tablet [Rheumatrex]", "methotrexate-dosing:critical"));
            rows.add(Arguments.of("19-ra-on-adalimumab-methotrexate.json", hook, "576426", "Azathioprine 75 MG [Azasan]",
                    "immunosuppressant-combination:warning"));
            rows.add(Arguments.of("20-crohns-on-infliximab-azathioprine.json", hook, "576426", "Azathioprine 75 MG [Azasan]",
                    "hstcl-thiopurine:warning"));
            rows.add(Arguments.of("19-ra-on-adalimumab-methotrexate.json", hook, "332249", "Naproxen 750 MG", ""));
            rows.add(Arguments.of("02-clean.json", hook, "579782", "Methotrexate 2.5 MG Oral Tablet [Rheumatrex]", ""));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1} {3} -> {4}")
    @MethodSource("readmeRows")
    void theSandboxsOwnOrder_showsTheCardTheReadmeNames(String file, String hook, String rxnorm, String name,
                                                       String expected) throws Exception {
        RecordScenario demo = RecordScenarios.from(FOLDER.resolve(file)).stream()
                .filter(s -> s.serviceId().equals("biologic-" + hook)).findFirst().orElseThrow();
        ObjectNode request = demo.request().deepCopy();
        String patientId = request.at("/context/patientId").asText();
        ArrayNode entries = MAPPER.createArrayNode();
        entries.addObject().set("resource", sandboxOrder(patientId, rxnorm, name));
        ((ObjectNode) request.get("context")).putObject("draftOrders").put("resourceType", "Bundle")
                .put("type", "collection").set("entry", entries);
        if (hook.equals("order-select")) {
            ((ObjectNode) request.get("context")).putArray("selections").add("MedicationRequest/request-123");
        }

        SameAnswer.Answers answers = harness.call(new RecordScenario(demo.name(), demo.serviceId(), request,
                demo.record(), null));

        assertThat(answers.fetched().status()).as(answers.fetched().body()).isEqualTo(200);
        List<String> cards = new ArrayList<>();
        answers.fetched().json().path("cards").forEach(c ->
                cards.add(c.at("/source/topic/code").asText() + ":" + c.path("indicator").asText()));
        if (expected.isEmpty()) {
            assertThat(cards).isEmpty();
        } else {
            assertThat(cards).contains(expected);
        }
        assertThat(SameAnswer.cardsWithoutUuids(answers.withPrefetch().json()))
                .isEqualTo(SameAnswer.cardsWithoutUuids(answers.fetched().json()));
    }

    /** The MedicationRequest the sandbox builds for a drug picked from its list, once a day, 2 pills, 30 days. */
    private static JsonNode sandboxOrder(String patientId, String rxnorm, String name) throws Exception {
        return MAPPER.readTree("""
                {"resourceType":"MedicationRequest","id":"request-123","status":"draft",
                 "subject":{"reference":"Patient/%s"},"authoredOn":"2026-11-23",
                 "dosageInstruction":[{"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d"}},
                   "doseAndRate":[{"doseQuantity":{"value":2,"system":"http://unitsofmeasure.org","code":"{pill}"}}]}],
                 "dispenseRequest":{"expectedSupplyDuration":{"value":30,"unit":"days","system":"http://unitsofmeasure.org","code":"d"}},
                 "intent":"order",
                 "category":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/medicationrequest-category","code":"community"}]},
                 "medicationCodeableConcept":{"text":"%s","coding":[{"display":"%s","system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"%s"}]}}
                """.formatted(patientId, name, name, rxnorm));
    }
}

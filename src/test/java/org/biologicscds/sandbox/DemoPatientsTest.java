package org.biologicscds.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.biologicscds.knowledge.KnowledgeFile;
import org.biologicscds.knowledge.KnowledgeValidator;
import org.biologicscds.testing.RecordScenario;
import org.biologicscds.testing.RecordScenarios;
import org.biologicscds.testing.SameAnswer;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo patients of the sandbox (src/main/resources/demo-patients), each with its draft order
 * signed through the service with fhirServer pointing at the sandbox: each shows its card family
 * (rule id and indicator); the clean one shows none.
 */
class DemoPatientsTest {

    static final Path FOLDER = Path.of("src/main/resources/demo-patients");

    /** Demo file to the cards its order must at least show, as rule:indicator. */
    private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
            Map.entry("01-tb-screening-missing.json", List.of("tb-screening-missing:warning")),
            Map.entry("03-tb-screening-expired.json", List.of("tb-screening-expired:warning")),
            Map.entry("04-tb-positive-untreated.json", List.of("tb-positive-untreated:critical")),
            Map.entry("05-ltbi-treated.json", List.of("tb-positive-treated:info")),
            Map.entry("06-ltbi-treatment-too-recent.json", List.of("tb-ltbi-treatment-too-recent:warning")),
            Map.entry("07-heart-failure-nyha-iv.json", List.of("heart-failure:critical")),
            Map.entry("08-demyelinating-disease.json", List.of("demyelinating-disease:critical")),
            Map.entry("09-active-infection.json", List.of("active-infection:warning")),
            Map.entry("10-pregnancy.json", List.of("pregnancy:warning")),
            Map.entry("11-breastfeeding-netakimab.json", List.of("breastfeeding:critical")),
            Map.entry("12-hypersensitivity.json", List.of("hypersensitivity:critical")),
            Map.entry("13-duplicate-biologic.json", List.of("duplicate-biologic:warning")),
            Map.entry("14-immunosuppressant.json", List.of("conventional-systemic-overlap:info")),
            Map.entry("15-hepatitis-b.json", List.of("hbv-active:critical")),
            Map.entry("16-live-vaccine.json", List.of("live-vaccine-recent:warning")),
            Map.entry("17-young-thiopurine.json", List.of("hstcl-thiopurine:warning")),
            Map.entry("18-netakimab-adolescent.json", List.of("age-restriction:critical")),
            // The CDS Hooks sandbox's own orders (its medication list, daily frequency) for patients on a biologic:
            // the reverse direction (clinical-v2.md 1.4 R, issue 19 point 6).
            Map.entry("19-ra-on-adalimumab-methotrexate.json", List.of("methotrexate-dosing:critical")),
            Map.entry("20-crohns-on-infliximab-azathioprine.json", List.of("hstcl-thiopurine:warning")),
            Map.entry("21-psoriasis-on-ustekinumab-igra-positive.json", List.of("methotrexate-dosing:critical")));

    private static SameAnswer harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new SameAnswer();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    static Stream<Arguments> demoPatients() {
        return RecordScenarios.from(FOLDER).stream().filter(s -> s.serviceId().equals("biologic-order-sign"))
                .filter(s -> EXPECTED.containsKey(file(s))).map(s -> Arguments.of(file(s), s));
    }

    private static String file(RecordScenario scenario) {
        return scenario.name().substring(0, scenario.name().indexOf(' '));
    }

    private static List<String> cards(RecordScenario scenario) throws Exception {
        List<String> cards = new ArrayList<>();
        SameAnswer.Answers answers = harness.call(scenario);
        assertThat(answers.fetched().status()).as(answers.fetched().body()).isEqualTo(200);
        answers.fetched().json().path("cards").forEach(c ->
                cards.add(c.at("/source/topic/code").asText() + ":" + c.path("indicator").asText()));
        return cards;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoPatients")
    void demoPatientsOrder_showsItsCardFamily(String file, RecordScenario scenario) throws Exception {
        assertThat(cards(scenario)).containsAll(EXPECTED.get(file));
    }

    @Test
    void cleanDemoPatient_screenedAndWell_getsNoCards() throws Exception {
        RecordScenario clean = RecordScenarios.from(FOLDER.resolve("02-clean.json")).get(0);

        assertThat(cards(clean)).isEmpty();
    }

    /**
     * The sandbox's Patient View for a patient on ustekinumab with a positive IGRA since the start and no
     * latent TB treatment: the monitoring card, worded for a patient on the drug (clinical-v2.md 1.3: patient-view
     * never says "start"). The facts hold on any later day (an open order, a dated positive test), so the real
     * sandbox shows the same card whatever its date.
     */
    @Test
    void patientView_ofAPatientOnUstekinumabWithAPositiveIgra_showsTheUntreatedTbCard() throws Exception {
        RecordScenario order = RecordScenarios.from(FOLDER.resolve("21-psoriasis-on-ustekinumab-igra-positive.json")).get(0);
        ObjectNode request = new ObjectMapper().createObjectNode();
        request.put("hook", "patient-view");
        request.put("hookInstance", "demo-patient-view-21");
        request.putObject("context").put("userId", "Practitioner/demo").put("patientId", "demo-psoriasis-on-ustekinumab");
        RecordScenario patientView = new RecordScenario("21 patient-view", "biologic-patient-view", request, order.record(), null);

        SameAnswer.Answers answers = harness.call(patientView);

        assertThat(answers.fetched().status()).as(answers.fetched().body()).isEqualTo(200);
        JsonNode cards = answers.fetched().json().path("cards");
        List<String> families = new ArrayList<>();
        cards.forEach(c -> families.add(c.at("/source/topic/code").asText() + ":" + c.path("indicator").asText()));
        assertThat(families).contains("tb-positive-untreated:critical");
        cards.forEach(c -> assertThat(c.path("summary").asText()).doesNotContainIgnoringCase("start"));
        assertThat(SameAnswer.cardsWithoutUuids(answers.withPrefetch().json()))
                .isEqualTo(SameAnswer.cardsWithoutUuids(answers.fetched().json()));
    }

    /** The sandbox lists a patient's Conditions by {@code code.text} ("Treating"): every demo Condition has one. */
    @Test
    void everyDemoCondition_hasTheTextTheSandboxShows() throws Exception {
        try (Stream<Path> list = Files.list(FOLDER)) {
            for (Path file : list.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Bundle bundle = (Bundle) TestKnowledge.FHIR.newJsonParser().parseResource(Files.readString(file));
                bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                        .filter(r -> r instanceof org.hl7.fhir.r4.model.Condition)
                        .forEach(r -> assertThat(((org.hl7.fhir.r4.model.Condition) r).getCode().getText())
                                .as(file.getFileName() + " " + r.getIdElement().getIdPart()).isNotBlank());
            }
        }
    }

    @Test
    void demoFiles_areValidFhirR4TransactionBundles() throws Exception {
        List<KnowledgeFile> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(FOLDER)) {
            for (Path file : list.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                files.add(new KnowledgeFile(file.getFileName().toString(),
                        (Resource) TestKnowledge.FHIR.newJsonParser().parseResource(Files.readString(file))));
            }
        }

        assertThat(files).allSatisfy(f -> assertThat(((Bundle) f.resource()).getType())
                .isEqualTo(Bundle.BundleType.TRANSACTION));
        assertThat(new KnowledgeValidator(TestKnowledge.FHIR).validate(files)).isEmpty();
    }

    @Test
    void everyDemoFileIsAccountedFor_andTheyAreAtLeastTwelve() {
        List<String> files = RecordScenarios.from(FOLDER).stream().map(DemoPatientsTest::file).distinct().toList();

        assertThat(files).hasSizeGreaterThanOrEqualTo(12);
        for (String f : files) {
            assertThat(EXPECTED.containsKey(f) || f.equals("02-clean.json"))
                    .as(f + " has an expectation").isTrue();
        }
    }
}

package org.biologicscds.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.biologicscds.bench.BenchRecord;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.HookRequestException;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.knowledge.DataNeeds;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.record.PrefetchScreen;
import org.biologicscds.testing.CurrentRuleNeeds;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.SameAnswer;
import org.biologicscds.testing.ScenarioRequests;
import org.biologicscds.testing.ScenarioRequests.ScenarioFile;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No shortcut on safety: with the prefetch screened by what the rules read, every scenario is
 * answered exactly as when every prefetched resource is parsed (same cards, same refusals), while
 * a record with history no rule reads is parsed only in part. Run with the hand-written statement
 * of today's rules ({@link CurrentRuleNeeds}) and, once the PlanDefinitions declare them, with the
 * knowledge's own {@link Knowledge#dataNeeds()}.
 */
class ScreenedPrefetchTest {

    private static final Knowledge KNOWLEDGE = TestKnowledge.get();
    private static final CdsJson JSON = new CdsJson();
    private static final Clock CLOCK = Clock.fixed(Instant.parse(RunningServer.TODAY + "T10:00:00Z"), ZoneOffset.UTC);
    private static final ScenarioRequests REQUESTS = new ScenarioRequests(TestKnowledge.HOOKS);
    private static final List<ScenarioFile> SCENARIOS = ScenarioRequests.load(ScenarioRequests.FOLDER);

    private static final BiologicCdsService EVERYTHING = service(DataNeeds.everything());
    private static final Map<String, BiologicCdsService> SCREENED = screened();

    private static Map<String, BiologicCdsService> screened() {
        Map<String, BiologicCdsService> services = new LinkedHashMap<>();
        services.put("current rules (hand-written)", service(CurrentRuleNeeds.of(KNOWLEDGE)));
        if (!KNOWLEDGE.dataNeeds().isEverything()) {
            services.put("the knowledge's declarations", service(KNOWLEDGE.dataNeeds()));
        }
        return services;
    }

    private static BiologicCdsService service(DataNeeds needs) {
        return service(needs, CLOCK);
    }

    private static BiologicCdsService service(DataNeeds needs, Clock clock) {
        return new BiologicCdsService(ServiceCatalog.load(TestKnowledge.HOOKS, JSON), KNOWLEDGE, TestKnowledge.FHIR,
                JSON, clock).readingOnly(needs);
    }

    static Stream<Named<ScenarioFile>> scenarios() {
        return SCENARIOS.stream().map(s -> Named.of(s.name(), s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyScenarioIsAnsweredAsWhenEverythingIsParsed(ScenarioFile scenario) {
        byte[] body = REQUESTS.requestBody(scenario).getBytes(StandardCharsets.UTF_8);
        String expected = answer(EVERYTHING, scenario.serviceId(), body);
        SCREENED.forEach((needs, service) -> assertThat(answer(service, scenario.serviceId(), body))
                .as("%s screened by %s", scenario.name(), needs).isEqualTo(expected));
    }

    @Test
    void theScenariosExerciseTheScreen_itDropsSomeOfTheirResourcesAndKeepsOthers() {
        PrefetchScreen screen = PrefetchScreen.of(CurrentRuleNeeds.of(KNOWLEDGE), KNOWLEDGE);
        int total = 0;
        int kept = 0;
        for (ScenarioFile scenario : SCENARIOS) {
            for (JsonNode resource : scenario.record()) {
                total++;
                kept += screen.keeps(resource) ? 1 : 0;
            }
        }
        assertThat(kept).as("kept of %s", total).isLessThan(total).isGreaterThan(total / 2);
    }

    @Test
    void aRecordWithHistoryNoRuleReadsIsParsedInPart_andAnsweredWithItsCards() {
        BenchRecord record = BenchRecord.of(100);
        // The bench record is dated for the benchmarks, which run on the system clock.
        BiologicCdsService everything = service(DataNeeds.everything(), Clock.systemUTC());
        BiologicCdsService screened = service(CurrentRuleNeeds.of(KNOWLEDGE), Clock.systemUTC());
        Map<String, String> templates = everything.service("biologic-order-sign").prefetch();
        ObjectNode request = record.withPrefetch(templates);
        PrefetchScreen screen = PrefetchScreen.of(CurrentRuleNeeds.of(KNOWLEDGE), KNOWLEDGE);
        int sent = 0;
        int parsed = 0;
        for (JsonNode value : request.get("prefetch")) {
            sent += resources(value);
            parsed += resources(screen.screen(value));
        }
        assertThat(sent).isEqualTo(100);
        assertThat(parsed).as("resources parsed of %s sent", sent).isLessThan(sent).isGreaterThan(8);

        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        List<String> cards = screened.call("biologic-order-sign", body).ruleIds();
        assertThat(answer(screened, "biologic-order-sign", body)).isEqualTo(answer(everything, "biologic-order-sign", body));
        // BenchRecord.EXPECTED_CARDS is what it answered when written; its dates age with the clock (today
        // it also draws methotrexate-dosing, baseline-labs and vaccination-before-start): the same answer as
        // unscreened is the point here, and that it is not empty.
        assertThat(cards).contains("tb-screening-missing");
    }

    @Test
    void aSearchThatReportsAnErrorFailsItsKeyAsBefore_evenAmongEntriesTheScreenDrops() {
        BenchRecord record = BenchRecord.of(30);
        ObjectNode request = record.withPrefetch(EVERYTHING.service("biologic-order-sign").prefetch());
        ArrayNode procedures = (ArrayNode) request.at("/prefetch/procedures/entry");
        procedures.addObject().putObject("resource").put("resourceType", "OperationOutcome").putArray("issue")
                .addObject().put("severity", "error").put("code", "timeout");
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        for (BiologicCdsService service : List.of(EVERYTHING, SCREENED.values().iterator().next())) {
            assertThatThrownBy(() -> service.call("biologic-order-sign", body))
                    .isInstanceOfSatisfying(HookRequestException.class, e -> {
                        assertThat(e.code()).isEqualTo("BCDS-2001");
                        assertThat(e.diagnostics()).contains("prefetch failed or is not FHIR [procedures]");
                    });
        }
    }

    @Test
    void theDiscoveryTemplatesAreTheDefinitionsUntilTheRulesSayWhatTheyRead_thenDerivedWithTheSameKeys() {
        Map<String, String> declared = ServiceCatalog.load(TestKnowledge.HOOKS, JSON).find("biologic-order-sign")
                .orElseThrow().prefetch();
        assertThat(EVERYTHING.service("biologic-order-sign").prefetch()).isEqualTo(declared);

        Map<String, String> derived = SCREENED.values().iterator().next().catalog().find("biologic-order-sign")
                .orElseThrow().prefetch();
        assertThat(derived.keySet()).containsExactlyElementsOf(declared.keySet());
        assertThat(derived.get("patient")).isEqualTo("Patient/{{context.patientId}}");
        assertThat(derived.get("medicationRequests"))
                .isEqualTo("MedicationRequest?patient={{context.patientId}}&_include=MedicationRequest:medication");
        // The observation value sets name their members: a code search would miss text-only results.
        assertThat(derived.get("observations")).isEqualTo("Observation?patient={{context.patientId}}");
    }

    /** The answer as a client sees it: the cards without their per-call uuids, or the refusal. */
    private static String answer(BiologicCdsService service, String serviceId, byte[] body) {
        try {
            return SameAnswer.cardsWithoutUuids(JSON.mapper().valueToTree(service.call(serviceId, body).response()))
                    .toString();
        } catch (HookRequestException e) {
            return e.outcome() + " " + e.code() + " " + e.diagnostics();
        }
    }

    private static int resources(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        return "Bundle".equals(value.path("resourceType").asText()) ? value.path("entry").size() : 1;
    }
}

package org.biologicscds.service;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.parser.IParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.biologicscds.hooks.HookRequest;
import org.biologicscds.hooks.HookRequestException;
import org.biologicscds.hooks.RequestParser;
import org.biologicscds.hooks.ServiceDefinition;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.record.FhirFetcher;
import org.biologicscds.record.FhirReader;
import org.biologicscds.record.PatientRecord;
import org.biologicscds.record.PrefetchAssembler;
import org.biologicscds.testing.ScenarioRequests;
import org.biologicscds.testing.ScenarioRequests.ScenarioFile;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The scenario suite through the run-ahead: kept records are shared by the calls that repeat, so the
 * rules must leave the HAPI resources in them as parsed, and every answer must be the one the
 * service gives without a run-ahead, one call at a time or many at once.
 */
class RunAheadScenariosTest {

    private static final ScenarioRequests REQUESTS = new ScenarioRequests(TestKnowledge.HOOKS);
    private static final List<ScenarioFile> SCENARIOS = ScenarioRequests.load(ScenarioRequests.FOLDER);
    private static final BiologicCdsService UNCACHED = RunAheadServices.uncached();
    private static final RunAheadSettings ROOMY = new RunAheadSettings(10_000, Long.MAX_VALUE, Duration.ofHours(1));

    /** The cards of the answer, or the error it was: what must not change with the run-ahead. */
    private static String answer(BiologicCdsService service, String serviceId, String body) {
        try {
            return RunAheadServices.cards(RunAheadServices.call(service, serviceId, body)).toString();
        } catch (HookRequestException e) {
            return "HTTP " + e.outcome().status() + " " + e.code();
        }
    }

    /** Every resource of the record, encoded as FHIR JSON, type by type. */
    private static List<String> encoded(PatientRecord record) {
        IParser parser = TestKnowledge.FHIR.newJsonParser();
        List<String> all = new ArrayList<>();
        record.patient().ifPresent(p -> all.add(parser.encodeResourceToString(p)));
        for (String type : new java.util.TreeSet<>(TestKnowledge.FHIR.getResourceTypes())) {
            RuntimeResourceDefinition definition = TestKnowledge.FHIR.getResourceDefinition(type);
            @SuppressWarnings("unchecked")
            Class<? extends Resource> implementing = (Class<? extends Resource>) definition.getImplementingClass();
            if (!type.equals("Patient")) {
                record.all(implementing).forEach(r -> all.add(parser.encodeResourceToString(r)));
            }
        }
        return all;
    }

    /** The record assembled afresh from the request, as no call has seen it. */
    private static PatientRecord freshlyAssembled(ScenarioFile scenario, String body) {
        ServiceDefinition service = RunAheadServices.CATALOG.find("biologic-order-select").orElseThrow();
        HookRequest request = new RequestParser().parse(RunAheadServices.JSON.readTree(body), service);
        PrefetchAssembler assembler = new PrefetchAssembler(new FhirReader(TestKnowledge.FHIR),
                new FhirFetcher(FetchSettings.defaults()), fetch -> fetch.get())
                .screening(org.biologicscds.record.PrefetchScreen.of(TestKnowledge.get())); // as the service reads it
        return assembler.assemble(request, service);
    }

    /** The scenario's request as {@code hook}: order-select selects every draft order, order-sign selects none. */
    static String asHook(String body, String hook) {
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) RunAheadServices.JSON.readTree(body);
        root.put("hook", hook);
        com.fasterxml.jackson.databind.node.ObjectNode context = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("context");
        context.remove("selections");
        if (hook.equals("order-select")) {
            com.fasterxml.jackson.databind.node.ArrayNode selections = context.putArray("selections");
            for (com.fasterxml.jackson.databind.JsonNode entry : context.path("draftOrders").path("entry")) {
                String type = entry.path("resource").path("resourceType").asText();
                if (type.equals("MedicationRequest") || type.equals("ServiceRequest")) {
                    selections.add(type + "/" + entry.path("resource").path("id").asText());
                }
            }
        }
        return root.toString();
    }

    /**
     * Every scenario as the EHR sends it while an order is edited and signed: order-select (assembles
     * and keeps the record), order-select again and order-sign (both answered from the kept record).
     */
    @Test
    void everyScenario_selectSelectSign_leavesItsKeptRecordAsParsed_andAnswersAsWithoutTheRunAhead() {
        RunAhead runAhead = RunAhead.of(ROOMY);
        BiologicCdsService service = RunAheadServices.with(runAhead);
        SoftAssertions softly = new SoftAssertions();
        int kept = 0;
        for (ScenarioFile scenario : SCENARIOS) {
            String body = REQUESTS.requestBody(scenario);
            String select = asHook(body, "order-select");
            String sign = asHook(body, "order-sign");
            String selectUncached = answer(UNCACHED, "biologic-order-select", select);
            String signUncached = answer(UNCACHED, "biologic-order-sign", sign);
            long hitsBefore = runAhead.hits();

            String first = answer(service, "biologic-order-select", select);
            List<PatientRecord> mine = runAhead.records().stream()
                    .filter(r -> scenario.patientId().equals(r.patientId())).toList();
            String second = answer(service, "biologic-order-select", select);
            String signed = answer(service, "biologic-order-sign", sign);

            softly.assertThat(first).as("%s, order-select", scenario.name()).isEqualTo(selectUncached);
            softly.assertThat(second).as("%s, order-select again", scenario.name()).isEqualTo(selectUncached);
            softly.assertThat(signed).as("%s, order-sign", scenario.name()).isEqualTo(signUncached);
            if (!mine.isEmpty()) {
                kept++;
                softly.assertThat(mine).as("%s: one record kept", scenario.name()).hasSize(1);
                softly.assertThat(runAhead.hits()).as("%s: the second select and the sign hit", scenario.name())
                        .isEqualTo(hitsBefore + 2);
                softly.assertThat(encoded(mine.get(0))).as("%s: the kept record after three evaluations", scenario.name())
                        .isEqualTo(encoded(freshlyAssembled(scenario, select)));
            }
        }
        softly.assertAll();
        // Most scenarios order a catalogue biologic, so their calls assemble (and keep) a record.
        assertThat(kept).as("scenarios whose record was kept").isGreaterThan(SCENARIOS.size() * 3 / 4);
        assertThat(runAhead.size()).as("every record taken by its order-sign").isZero();
    }

    /**
     * Many threads, each call for its own patient (order-select twice, order-sign), in a shuffled order,
     * plus each scenario's prefetch sent for the next scenario's patient: every answer equals the one
     * without the run-ahead.
     */
    @Test
    void manyThreads_distinctPatients_everyAnswerIsItsOwn() throws Exception {
        record Call(String name, String serviceId, String body) {
        }
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < SCENARIOS.size(); i++) {
            ScenarioFile scenario = SCENARIOS.get(i);
            String body = REQUESTS.requestBody(scenario);
            String borrowed = RunAheadServices.contextFor(body, scenario.patientId(),
                    SCENARIOS.get((i + 1) % SCENARIOS.size()).patientId());
            assertThat(borrowed).isNotEqualTo(body);
            calls.add(new Call(scenario.name() + " select", "biologic-order-select", asHook(body, "order-select")));
            calls.add(new Call(scenario.name() + " select", "biologic-order-select", asHook(body, "order-select")));
            calls.add(new Call(scenario.name() + " sign", "biologic-order-sign", asHook(body, "order-sign")));
            calls.add(new Call(scenario.name() + " for the next patient", "biologic-order-select",
                    asHook(borrowed, "order-select")));
        }
        Map<String, String> expected = new ConcurrentHashMap<>();
        for (Call call : calls) {
            expected.computeIfAbsent(call.body(), b -> answer(UNCACHED, call.serviceId(), b));
        }
        assertThat(expected.values().stream().filter(a -> !a.startsWith("HTTP")).count())
                .as("calls answered with cards, not refused").isGreaterThan(expected.size() * 3L / 4);
        Collections.shuffle(calls, new Random(18));
        RunAhead runAhead = RunAhead.of(ROOMY);
        BiologicCdsService service = RunAheadServices.with(runAhead);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (Call call : calls) {
                answers.add(threads.submit(() -> answer(service, call.serviceId(), call.body())));
            }
            SoftAssertions softly = new SoftAssertions();
            for (int i = 0; i < calls.size(); i++) {
                softly.assertThat(answers.get(i).get(60, TimeUnit.SECONDS)).as(calls.get(i).name())
                        .isEqualTo(expected.get(calls.get(i).body()));
            }
            softly.assertAll();
        } finally {
            threads.shutdownNow();
        }
        assertThat(runAhead.hits()).as("repeated calls answered from kept records").isPositive();
    }
}

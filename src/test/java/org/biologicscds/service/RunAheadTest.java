package org.biologicscds.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.service.RunAheadServices.call;
import static org.biologicscds.service.RunAheadServices.cards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.hooks.ServiceDefinition;
import org.biologicscds.testing.InfliximabOrder;
import org.biologicscds.testing.Json;
import org.biologicscds.testing.MutableClock;
import org.biologicscds.testing.StubFhirServer;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.Test;

/**
 * The run-ahead of assembled records: a call with the very same patient, prefetch, templates,
 * fhirServer and knowledge is answered from the record kept for the first (counted, not timed); any
 * difference is a miss and answers as without it; fetched records are never kept; the bounds and the
 * time to live hold.
 */
class RunAheadTest {

    private static final String SIGN = "biologic-order-sign";
    private static final String SELECT = "biologic-order-select";
    private static final String EXAMPLE = InfliximabOrder.withPrefetch();
    private static final BiologicCdsService UNCACHED = RunAheadServices.uncached();

    private static RunAhead runAhead() {
        return RunAhead.of(RunAheadSettings.defaults());
    }

    /** The example for another patient: every mention of its patient id replaced, so the record is that patient's. */
    private static String forPatient(String patientId) {
        return EXAMPLE.replace("pt-psoriasis-1", patientId);
    }

    /** The example as order-select, the draft selected: what the EHR sends while the clinician edits. */
    private static String asOrderSelect(String body) {
        return Json.edit(body, root -> {
            root.put("hook", "order-select");
            ((ObjectNode) root.get("context")).putArray("selections").add("MedicationRequest/draft-infliximab");
        });
    }

    /** The order-select that keeps the example's record. */
    private static CdsCall select(BiologicCdsService service, String body) {
        return call(service, SELECT, asOrderSelect(body));
    }

    @Test
    void orderSelectAgain_isAHit_andAnswersAsWithoutIt() {
        RunAhead runAhead = runAhead();
        BiologicCdsService service = RunAheadServices.with(runAhead);

        JsonNode first = cards(select(service, EXAMPLE));
        JsonNode second = cards(select(service, EXAMPLE));

        assertThat(runAhead.misses()).isEqualTo(1);
        assertThat(runAhead.hits()).isEqualTo(1);
        assertThat(first).isEqualTo(second).isEqualTo(cards(select(UNCACHED, EXAMPLE)));
        assertThat(first.toString()).contains("tb-screening-missing");
    }

    @Test
    void orderSelectThenOrderSign_withTheSamePrefetch_shareTheRecord_andTheSignLetsItGo() {
        RunAhead runAhead = runAhead();
        BiologicCdsService service = RunAheadServices.with(runAhead);

        CdsCall select = select(service, EXAMPLE);
        assertThat(runAhead.size()).isEqualTo(1);
        CdsCall sign = call(service, SIGN, EXAMPLE);

        assertThat(runAhead.hits()).isEqualTo(1);
        assertThat(runAhead.size()).isZero();
        assertThat(cards(select)).isEqualTo(cards(select(UNCACHED, EXAMPLE)));
        assertThat(cards(sign)).isEqualTo(cards(call(UNCACHED, SIGN, EXAMPLE)));
    }

    @Test
    void orderSignsThatDoNotFollowAnOrderSelect_keepNothing() {
        RunAhead runAhead = runAhead();
        BiologicCdsService service = RunAheadServices.with(runAhead);

        call(service, SIGN, EXAMPLE);
        call(service, SIGN, EXAMPLE);

        assertThat(runAhead.hits()).isZero();
        assertThat(runAhead.misses()).isEqualTo(2);
        assertThat(runAhead.size()).isZero();
    }

    @Test
    void samePrefetch_otherPatientId_isAMiss_andAnswersForThatPatient() {
        RunAhead runAhead = runAhead();
        BiologicCdsService service = RunAheadServices.with(runAhead);
        // The same prefetch (pt-psoriasis-1's record) sent for another patient: none of it is that patient's.
        String other = RunAheadServices.contextFor(EXAMPLE, "pt-psoriasis-1", "pt-other");

        JsonNode mine = cards(select(service, EXAMPLE));
        CdsCall theirs = call(service, SIGN, other);

        assertThat(runAhead.hits()).isZero();
        assertThat(runAhead.misses()).isEqualTo(2);
        assertThat(theirs.patientId()).isEqualTo("pt-other");
        assertThat(cards(theirs)).isEqualTo(cards(call(UNCACHED, SIGN, other)))
                .isNotEqualTo(cards(call(UNCACHED, SIGN, EXAMPLE)));
        assertThat(mine).isNotEmpty();
    }

    @Test
    void oneByteOfThePrefetchChanged_isAMiss() {
        RunAhead runAhead = runAhead();
        BiologicCdsService service = RunAheadServices.with(runAhead);
        String birthDay = "\"birthDate\": \"1979-04-12\"";
        assertThat(EXAMPLE).containsOnlyOnce(birthDay); // in prefetch.patient, nowhere else
        String changed = EXAMPLE.replace(birthDay, "\"birthDate\": \"1979-04-13\"");
        assertThat(changed.getBytes(StandardCharsets.UTF_8)).hasSameSizeAs(EXAMPLE.getBytes(StandardCharsets.UTF_8));

        select(service, EXAMPLE);
        call(service, SIGN, changed);

        assertThat(runAhead.hits()).isZero();
        assertThat(runAhead.misses()).isEqualTo(2);
    }

    @Test
    void theSameResourcesInAnotherMemberOrder_isAMiss() {
        RunAhead runAhead = runAhead();
        BiologicCdsService service = RunAheadServices.with(runAhead);
        String reordered = Json.edit(EXAMPLE, root -> {
            ObjectNode patient = (ObjectNode) root.at("/prefetch/patient");
            JsonNode resourceType = patient.remove("resourceType");
            patient.set("resourceType", resourceType);
        });

        select(service, EXAMPLE);
        call(service, SIGN, reordered);

        assertThat(runAhead.hits()).isZero();
    }

    @Test
    void otherTemplates_forTheSamePrefetch_isAMiss() {
        ServiceDefinition sign = RunAheadServices.CATALOG.find(SIGN).orElseThrow();
        Map<String, String> wider = new LinkedHashMap<>(sign.prefetch());
        wider.computeIfPresent("observations", (k, template) -> template + "&_count=500");
        List<ServiceDefinition> services = new ArrayList<>(RunAheadServices.CATALOG.discovery().services());
        services.add(new ServiceDefinition(sign.hook(), sign.title(), sign.description(), "wider-order-sign", wider,
                sign.usageRequirements()));
        RunAhead runAhead = runAhead();
        BiologicCdsService service = RunAheadServices.with(new ServiceCatalog(services), runAhead);

        select(service, EXAMPLE);
        call(service, "wider-order-sign", EXAMPLE);
        call(service, SIGN, EXAMPLE);

        assertThat(runAhead.misses()).isEqualTo(2);
        assertThat(runAhead.hits()).isEqualTo(1);
    }

    @Test
    void otherFhirServer_isAMiss() {
        RunAhead runAhead = runAhead();
        BiologicCdsService service = RunAheadServices.with(runAhead);

        select(service, EXAMPLE);
        call(service, SIGN, Json.edit(EXAMPLE, root -> root.put("fhirServer", "https://other-ehr.example.org/fhir")));
        call(service, SIGN, Json.edit(EXAMPLE, root -> root.remove("fhirServer")));

        assertThat(runAhead.hits()).isZero();
        assertThat(runAhead.misses()).isEqualTo(3);
    }

    @Test
    void hookInstanceAndAccessToken_doNotMatter_forARecordMadeOfPrefetchAlone() {
        RunAhead runAhead = runAhead();
        BiologicCdsService service = RunAheadServices.with(runAhead);

        select(service, EXAMPLE);
        call(service, SIGN, Json.edit(EXAMPLE, root -> {
            root.put("hookInstance", "another-instance");
            root.putObject("fhirAuthorization").put("access_token", "another-token").put("token_type", "Bearer")
                    .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "cds-service");
        }));

        assertThat(runAhead.hits()).isEqualTo(1);
    }

    @Test
    void knowledgeReloaded_isAMiss() {
        RunAhead runAhead = runAhead();
        BiologicCdsService service = RunAheadServices.with(runAhead)
                .reloadingFrom(new KnowledgeSource(TestKnowledge.FOLDER, null));

        select(service, EXAMPLE);
        assertThat(service.reloadKnowledge().outcome()).isEqualTo(KnowledgeReload.Outcome.RELOADED);
        JsonNode afterReload = cards(call(service, SIGN, EXAMPLE));

        assertThat(runAhead.hits()).isZero();
        assertThat(runAhead.misses()).isEqualTo(2);
        assertThat(afterReload).isEqualTo(cards(call(UNCACHED, SIGN, EXAMPLE)));
    }

    @Test
    void aKey_namesTheKnowledgeByIdentity() {
        JsonNode prefetch = RunAheadServices.JSON.readTree(EXAMPLE).get("prefetch");
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        prefetch.properties().forEach(e -> entries.put(e.getKey(), e.getValue()));
        Map<String, String> templates = RunAheadServices.CATALOG.find(SIGN).orElseThrow().prefetch();
        Object knowledge = new Object();

        RunAheadKey key = new RunAheadKey("p", null, templates, knowledge, entries);

        assertThat(key).isEqualTo(new RunAheadKey("p", null, templates, knowledge, new LinkedHashMap<>(entries)));
        assertThat(key).isNotEqualTo(new RunAheadKey("p", null, templates, new Object(), entries));
        assertThat(key.toString()).doesNotContain("p\"").startsWith("RunAheadKey#");
    }

    @Test
    void aRecordFetchedFromTheFhirServer_isNeverKept() throws Exception {
        RunAhead runAhead = runAhead();
        BiologicCdsService service = RunAheadServices.with(runAhead);
        try (StubFhirServer ehr = new StubFhirServer(StubFhirServer.onlyThePatient())) {
            String noPrefetch = InfliximabOrder.withoutPrefetch(ehr.base());
            // Every key present, but the client's Patient read failed: the assembler fetches that one key.
            String failedKey = Json.edit(EXAMPLE, root -> {
                root.put("fhirServer", ehr.base());
                ((ObjectNode) root.get("prefetch")).set("patient", Json.object(
                        "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"exception\"}]}"));
            });

            for (int i = 0; i < 2; i++) {
                select(service, noPrefetch);
                select(service, failedKey);
            }

            assertThat(ehr.seen("Patient")).hasSize(4);
        }
        assertThat(runAhead.fetched()).isEqualTo(4);
        assertThat(runAhead.hits()).isZero();
        assertThat(runAhead.misses()).isZero();
        assertThat(runAhead.size()).isZero();
    }

    @Test
    void theRecordBound_holdsUnderManyDistinctPatients_theOldestGoesFirst() {
        RunAhead runAhead = RunAhead.of(new RunAheadSettings(3, Long.MAX_VALUE, Duration.ofMinutes(5)));
        BiologicCdsService service = RunAheadServices.with(runAhead);

        for (int i = 0; i < 12; i++) {
            select(service, forPatient("pt-" + i));
            assertThat(runAhead.size()).isLessThanOrEqualTo(3);
        }
        call(service, SIGN, forPatient("pt-11"));
        assertThat(runAhead.hits()).isEqualTo(1);
        call(service, SIGN, forPatient("pt-0"));
        assertThat(runAhead.hits()).isEqualTo(1);
        assertThat(runAhead.misses()).isEqualTo(13);
    }

    @Test
    void theByteBound_holds_andARequestLargerThanItIsNotKept() {
        long size = asOrderSelect(forPatient("pt-0")).getBytes(StandardCharsets.UTF_8).length;
        RunAhead runAhead = RunAhead.of(new RunAheadSettings(100, size * 5 / 2, Duration.ofMinutes(5)));
        BiologicCdsService service = RunAheadServices.with(runAhead);

        for (int i = 0; i < 6; i++) {
            select(service, forPatient("pt-" + i));
        }
        assertThat(runAhead.size()).isEqualTo(2);

        RunAhead small = RunAhead.of(new RunAheadSettings(100, size - 1, Duration.ofMinutes(5)));
        select(RunAheadServices.with(small), forPatient("pt-0"));
        assertThat(small.size()).isZero();
    }

    @Test
    void aRecordAnswersUntilItsTimeToLive_afterItIsAssembled_notLonger() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));
        RunAhead runAhead = new RunAhead(new RunAheadSettings(10, Long.MAX_VALUE, Duration.ofMinutes(5)), clock);
        BiologicCdsService service = RunAheadServices.with(runAhead);

        select(service, EXAMPLE);
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        select(service, EXAMPLE);
        assertThat(runAhead.hits()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1)); // a hit did not extend it: five minutes after it was assembled
        select(service, EXAMPLE);

        assertThat(runAhead.hits()).isEqualTo(1);
        assertThat(runAhead.misses()).isEqualTo(2);
    }

    @Test
    void off_keepsNothing() {
        RunAhead runAhead = RunAhead.off();
        BiologicCdsService service = RunAheadServices.with(runAhead);

        select(service, EXAMPLE);
        select(service, EXAMPLE);

        assertThat(runAhead.size()).isZero();
        assertThat(runAhead.hits() + runAhead.misses()).isZero();
    }
}

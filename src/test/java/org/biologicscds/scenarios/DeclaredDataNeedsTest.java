package org.biologicscds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.biologicscds.guidance.DraftReview;
import org.biologicscds.guidance.Guidance;
import org.biologicscds.guidance.Monitoring;
import org.biologicscds.hooks.HookContext;
import org.biologicscds.knowledge.DataNeed;
import org.biologicscds.knowledge.DataNeeds;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.record.DraftOrders;
import org.biologicscds.record.FhirReader;
import org.biologicscds.record.PatientRecord;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.ScenarioRequests;
import org.biologicscds.testing.ScenarioRequests.ScenarioFile;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules read only what their PlanDefinitions declare ({@code action.input}, issue 18): every scenario
 * of the suite is evaluated as the service does (review, then every rule on each biologic order and
 * every reverse rule on each trigger), and again as a chart opened on {@code patient-view}
 * ({@link Monitoring}), with every read of the record recorded for the rule being evaluated. A read
 * that neither that rule's declarations nor the shared ones ({@code Library/record-reads}) cover would
 * be data the service might not fetch or not parse: it fails here, naming rule, type and value set.
 */
class DeclaredDataNeedsTest {

    private static final Knowledge KNOWLEDGE = TestKnowledge.get();
    private static final LocalDate TODAY = LocalDate.parse(RunningServer.TODAY);
    private static final ScenarioRequests REQUESTS = new ScenarioRequests(TestKnowledge.HOOKS);
    private static final FhirReader READER = new FhirReader(TestKnowledge.FHIR);
    private static RecordedReads reads;

    @BeforeAll
    static void evaluateEveryScenario() {
        reads = new RecordedReads();
        Guidance guidance = new Guidance(KNOWLEDGE);
        Monitoring monitoring = new Monitoring(KNOWLEDGE);
        for (ScenarioFile scenario : ScenarioRequests.load(ScenarioRequests.FOLDER)) {
            ObjectNode request = REQUESTS.request(scenario);
            JsonNode context = request.path("context");
            HookContext hookContext = new HookContext(context.path("userId").asText(), scenario.patientId(), null,
                    scenario.selections(), context.get("draftOrders"));
            DraftOrders drafts = DraftOrders.read(hookContext, READER);
            List<Resource> resources = new ArrayList<>();
            scenario.resources().forEach(json -> resources.add(READER.read(json)));
            PatientRecord onRecord = PatientRecord.of(scenario.patientId(), resources);
            PatientRecord record = onRecord.plus(drafts.medications()).plus(drafts.serviceRequests());

            reads.scenario(scenario.name());
            DraftReview review = guidance.review(drafts, record, TODAY, reads);
            guidance.evaluate(review, drafts, record, TODAY, reads);
            reads.scenario(scenario.name() + " (patient-view)");
            monitoring.evaluate(onRecord, TODAY, reads);
        }
    }

    @Test
    void everyReadOfEveryRuleIsDeclared() {
        assertThat(reads.reads()).as("reads recorded over the scenario suite").hasSizeGreaterThan(100);
        assertThat(reads.undeclared(KNOWLEDGE.dataNeeds())).as("reads no action.input declares").isEmpty();
    }

    /**
     * The readers are exactly the rules of the catalogue and the shared reader: a reader id that is no
     * rule would be checked against nothing, and a rule no reader names would have its reads checked
     * against another rule's declarations.
     */
    @Test
    void theReadersAreTheRulesOfTheCatalogue() {
        Set<String> known = new TreeSet<>(KNOWLEDGE.rules().ids());
        known.add(DataNeeds.SHARED);
        assertThat(reads.readers()).isEqualTo(known);
        assertThat(KNOWLEDGE.dataNeeds().isEverything()).isFalse();
        assertThat(KNOWLEDGE.dataNeeds().ruleIds()).isEqualTo(known);
    }

    /** The check can fail: without one declaration, the opportunistic-infection rule's read of its history is named. */
    @Test
    void aReadWhoseDeclarationIsRemovedIsNamed() {
        String rule = "opportunistic-infection-history";
        DataNeeds declared = KNOWLEDGE.dataNeeds();
        DataNeed removed = DataNeed.coded("Condition", "code", "infection-opportunistic");
        assertThat(declared.of(rule)).contains(removed);
        Map<String, List<DataNeed>> without = new LinkedHashMap<>();
        for (String id : declared.ruleIds()) {
            without.put(id, declared.of(id).stream().filter(n -> !(id.equals(rule) && n.equals(removed))).toList());
        }

        List<RecordedReads.Read> undeclared = reads.undeclared(new DataNeeds(without));

        assertThat(undeclared).isNotEmpty().allSatisfy(read -> {
            assertThat(read.readerIds()).containsExactly(rule);
            assertThat(read.resourceType()).isEqualTo("Condition");
            assertThat(read.valueSetId()).isEqualTo("infection-opportunistic");
        });
        assertThat(undeclared.get(0).toString()).contains(rule + " reads Condition in value set infection-opportunistic");
    }
}

package org.biologicscds.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biologicscds.knowledge.DataNeed;
import org.biologicscds.knowledge.DataNeeds;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The prefetch screen keeps every resource a data need can read, judged by the rules' own concept
 * matching, and drops only what no need can read. Each resource here is also parsed by HAPI and
 * matched as the rules match it: the screen may keep more than that reading, never less.
 */
class PrefetchScreenTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Knowledge KNOWLEDGE = TestKnowledge.get();
    private static final FhirReader READER = new FhirReader(TestKnowledge.FHIR);
    private static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String LOINC = "http://loinc.org";
    private static final String LOCAL = "urn:oid:1.2.643.5.1.13.13.99";

    private static final List<DataNeed> NEEDS = List.of(
            DataNeed.coded("Condition", "code", "crohns-disease"),
            DataNeed.coded("Condition", "code", "heart-failure"),
            DataNeed.coded("Observation", "code", "hbsag"),
            DataNeed.coded("Observation", "code", "blood-count"),
            DataNeed.coded("Observation", "component.code", "blood-count"),
            DataNeed.coded("Observation", "code", "body-weight"),
            DataNeed.coded("Immunization", "vaccineCode", "live-vaccines"),
            DataNeed.coded("MedicationStatement", "medication", "infliximab"),
            DataNeed.all("MedicationRequest"));
    private static final PrefetchScreen SCREEN = PrefetchScreen.of(new DataNeeds(Map.of("rules", NEEDS)), KNOWLEDGE);

    // ---- conditions: ICD-10 subcodes, local codes, text

    @Test
    void icd10SubcodesAreKept_inEitherSystem_withOrWithoutTheDot_andOtherCodesDropped() {
        assertKept(condition(coding(ICD10CM, "K50.011", null), null));
        assertKept(condition(coding(ICD10, "k50011", null), null));
        assertKept(condition(coding(ICD10CM, "I50.22", null), null));
        assertDropped(condition(coding(ICD10CM, "I10", "Essential (primary) hypertension"), null));
        assertDropped(condition(coding(ICD10CM, "K52.9", null), null));
    }

    @Test
    void aLocalCodeIsKeptByItsMatchingDisplayOrText_andDroppedWhenItsTextNamesNothingRead() {
        assertKept(condition(coding(LOCAL, "GI-0042", "Crohn's disease of ileum"), null));
        assertKept(condition(coding(LOCAL, "GI-0042", null), "Crohn disease, ileocolic"));
        assertKept(condition(null, "Chronic heart failure"));
        assertDropped(condition(coding(LOCAL, "CV-0001", "Essential hypertension"), "hypertension"));
        assertDropped(condition(null, "Seasonal allergic rhinitis"));
    }

    @Test
    void cyrillicTextIsMatchedAsTheRulesMatchIt() {
        ObjectNode cbc = observation(coding(LOCAL, "ОАК", null), "Общий анализ крови");
        assertKept(cbc);
        assertDropped(observation(coding(LOCAL, "ХС", null), "Холестерин общий"));
    }

    @Test
    void aCodingWithoutSystemCountsByItsDisplayOnly_asForTheRules() {
        assertKept(observation(coding(null, "5196-1", "HBsAg"), null));
        // No system: the code alone is not a LOINC code, for the rules and the screen alike.
        assertDropped(observation(coding(null, "5196-1", null), null));
        assertKept(observation(coding(LOINC, "5196-1", null), null));
    }

    @Test
    void aPanelIsKeptByAComponentCode_andAnObservationWithoutAnyCodeIsKeptUnjudged() throws Exception {
        ObjectNode panel = observation(coding(LOINC, "24357-6", "Urinalysis macro panel"), null);
        panel.putArray("component").addObject().putObject("code").putArray("coding").addObject()
                .put("system", LOINC).put("code", "6690-2");
        assertKept(panel);
        ObjectNode noCode = (ObjectNode) MAPPER.readTree("{\"resourceType\":\"Observation\",\"status\":\"final\"}");
        assertThat(SCREEN.keeps(noCode)).isTrue();
    }

    @Test
    void aSingleCodingObjectWhereTheSpecWantsAnArray_isReadAsTheLenientParserReadsIt() {
        ObjectNode weight = observation(null, null);
        weight.putObject("code").putObject("coding").put("system", LOINC).put("code", "29463-7");
        assertKept(weight);
        ObjectNode other = observation(null, null);
        other.putObject("code").putObject("coding").put("system", LOINC).put("code", "2093-3");
        assertDropped(other);
    }

    // ---- what the screen cannot judge is kept

    @Test
    void oddShapesAreKept_forTheParserToJudgeAsBefore() throws Exception {
        assertThat(SCREEN.keeps(json("{\"resourceType\":\"Observation\",\"code\":\"5196-1\"}"))).isTrue();
        assertThat(SCREEN.keeps(json("{\"resourceType\":\"Observation\",\"code\":{\"coding\":[{\"code\":5196}]}}")))
                .isTrue();
        assertThat(SCREEN.keeps(json("{\"resourceType\":\"Observation\",\"code\":{\"reference\":\"Observation/1\"}}")))
                .isTrue();
        assertThat(SCREEN.keeps(json("{\"resourceType\":\"Observation\",\"code\":{\"coding\":[\"5196-1\"]}}")))
                .isTrue();
        assertThat(SCREEN.keeps(json("{\"resourceType\":\"NotAType\",\"code\":{\"text\":\"x\"}}"))).isTrue();
        assertThat(SCREEN.keeps(json("{\"code\":{\"text\":\"x\"}}"))).isTrue();
        assertThat(SCREEN.keeps(MAPPER.readTree("\"Observation\""))).isTrue();
    }

    @Test
    void aMedicationByReferenceIsKept_andOneByConceptJudgedByIt() throws Exception {
        assertThat(SCREEN.keeps(json("{\"resourceType\":\"MedicationStatement\",\"status\":\"active\","
                + "\"medicationReference\":{\"reference\":\"Medication/m1\"}}"))).isTrue();
        assertKept(json("{\"resourceType\":\"MedicationStatement\",\"status\":\"active\","
                + "\"medicationCodeableConcept\":{\"text\":\"Ремикейд 100 мг\"}}"));
        assertDropped(json("{\"resourceType\":\"MedicationStatement\",\"status\":\"active\","
                + "\"medicationCodeableConcept\":{\"text\":\"Atorvastatin 20 mg\"}}"));
    }

    // ---- types

    @Test
    void typesNoNeedReadsAreDropped_typesReadWholeAndTheAlwaysKeptAreKept() throws Exception {
        assertThat(SCREEN.keeps(json("{\"resourceType\":\"Encounter\",\"status\":\"finished\"}"))).isFalse();
        assertThat(SCREEN.keeps(json("{\"resourceType\":\"DocumentReference\",\"status\":\"current\"}"))).isFalse();
        assertThat(SCREEN.keeps(json("{\"resourceType\":\"MedicationRequest\",\"status\":\"active\","
                + "\"medicationCodeableConcept\":{\"text\":\"Atorvastatin 20 mg\"}}"))).isTrue();
        for (String type : List.of("Patient", "Medication", "OperationOutcome", "Bundle")) {
            assertThat(SCREEN.keeps(json("{\"resourceType\":\"" + type + "\"}"))).as(type).isTrue();
        }
        assertThat(SCREEN.screen(json("{\"resourceType\":\"Encounter\"}"))).as("one resource no need reads").isNull();
    }

    @Test
    void aBundleLosesOnlyTheEntriesNoNeedReads_keepsItsOperationOutcomes_andTheRequestIsNotChanged() throws Exception {
        ObjectNode bundle = MAPPER.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        var entries = bundle.putArray("entry");
        entries.addObject().put("fullUrl", "Condition/crohn").set("resource",
                condition(coding(ICD10CM, "K50.90", null), null).put("id", "crohn"));
        entries.addObject().put("fullUrl", "Condition/htn").set("resource",
                condition(coding(SNOMED, "38341003", "Hypertensive disorder"), null).put("id", "htn"));
        entries.addObject().put("fullUrl", "Encounter/e1").set("resource",
                json("{\"resourceType\":\"Encounter\",\"id\":\"e1\",\"status\":\"finished\"}"));
        entries.addObject().set("resource", json("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":"
                + "\"warning\",\"code\":\"incomplete\"}]}"));
        entries.addObject().put("search", "no resource");
        String before = bundle.toString();

        JsonNode screened = SCREEN.screen(bundle);

        assertThat(bundle.toString()).as("the request's own tree").isEqualTo(before);
        assertThat(screened.get("type").asText()).isEqualTo("searchset");
        List<String> kept = new ArrayList<>();
        screened.get("entry").forEach(e -> kept.add(e.path("resource").path("resourceType").asText("-")
                + "/" + e.path("resource").path("id").asText("")));
        assertThat(kept).containsExactly("Condition/crohn", "OperationOutcome/", "-/");
        // HAPI reads the pruned copy as it read the whole, less the dropped entries.
        org.hl7.fhir.r4.model.Bundle parsed = (org.hl7.fhir.r4.model.Bundle) READER.read(screened);
        assertThat(parsed.getEntry()).hasSize(3);
        assertThat(parsed.getEntryFirstRep().getResource().getIdElement().getIdPart()).isEqualTo("crohn");
    }

    @Test
    void aBundleWhoseEntriesAreAllKeptIsNotCopied() {
        ObjectNode bundle = MAPPER.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        bundle.putArray("entry").addObject().set("resource", condition(coding(ICD10CM, "I50.9", null), null));
        assertThat(SCREEN.screen(bundle)).isSameAs(bundle);
    }

    @Test
    void everythingKeepsEveryValueAsItIs() throws Exception {
        PrefetchScreen everything = PrefetchScreen.of(DataNeeds.everything(), KNOWLEDGE);
        JsonNode encounter = json("{\"resourceType\":\"Encounter\"}");
        assertThat(everything.keepsEverything()).isTrue();
        assertThat(everything.screen(encounter)).isSameAs(encounter);
        assertThat(SCREEN.keepsEverything()).isFalse();
    }

    @Test
    void aNeedNamingAValueSetTheKnowledgeLacksFailsTheScreen() {
        DataNeeds typo = new DataNeeds(Map.of("rule", List.of(DataNeed.coded("Condition", "code", "crohns-diseas"))));
        assertThatThrownBy(() -> PrefetchScreen.of(typo, KNOWLEDGE)).hasMessageContaining("crohns-diseas");
    }

    // ---- helpers

    /** Kept, and HAPI's reading matches a need as the rules match (the screen is not looser by accident). */
    private static void assertKept(ObjectNode resource) {
        assertThat(SCREEN.keeps(resource)).as("kept: %s", resource).isTrue();
        assertThat(rulesCanRead(resource)).as("the rules read: %s", resource).isTrue();
    }

    /** Dropped, and HAPI's reading matches no need: nothing a rule reads is lost. */
    private static void assertDropped(ObjectNode resource) {
        assertThat(rulesCanRead(resource)).as("the rules do not read: %s", resource).isFalse();
        assertThat(SCREEN.keeps(resource)).as("dropped: %s", resource).isFalse();
    }

    /** Parsed by HAPI, then asked of the value sets at each need's path, as a finding or a medication. */
    private static boolean rulesCanRead(ObjectNode json) {
        Resource resource = READER.read(json);
        for (DataNeed need : NEEDS) {
            if (!need.resourceType().equals(resource.fhirType())) {
                continue;
            }
            if (need.unfiltered()) {
                return true;
            }
            for (CodeableConcept concept : conceptsAt(resource, need.path())) {
                if (KNOWLEDGE.valueSets().matches(need.valueSetId(), concept)
                        || KNOWLEDGE.valueSets().matchesMedication(need.valueSetId(), concept)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<CodeableConcept> conceptsAt(Base base, String path) {
        List<Base> level = List.of(base);
        for (String step : path.split("\\.")) {
            List<Base> next = new ArrayList<>();
            for (Base b : level) {
                var property = b.getNamedProperty(step);
                if (property != null) {
                    next.addAll(property.getValues());
                }
            }
            level = next;
        }
        return level.stream().filter(CodeableConcept.class::isInstance).map(CodeableConcept.class::cast).toList();
    }

    private static ObjectNode condition(ObjectNode coding, String text) {
        ObjectNode condition = MAPPER.createObjectNode().put("resourceType", "Condition");
        condition.putObject("subject").put("reference", "Patient/p1");
        concept(condition.putObject("code"), coding, text);
        return condition;
    }

    private static ObjectNode observation(ObjectNode coding, String text) {
        ObjectNode observation = MAPPER.createObjectNode().put("resourceType", "Observation").put("status", "final");
        if (coding != null || text != null) {
            concept(observation.putObject("code"), coding, text);
        }
        return observation;
    }

    private static void concept(ObjectNode concept, ObjectNode coding, String text) {
        if (coding != null) {
            concept.putArray("coding").add(coding);
        }
        if (text != null) {
            concept.put("text", text);
        }
    }

    private static ObjectNode coding(String system, String code, String display) {
        ObjectNode coding = MAPPER.createObjectNode();
        if (system != null) {
            coding.put("system", system);
        }
        coding.put("code", code);
        if (display != null) {
            coding.put("display", display);
        }
        return coding;
    }

    private static ObjectNode json(String text) throws Exception {
        JsonNode node = MAPPER.readTree(text);
        return node instanceof ObjectNode object ? object : null;
    }
}

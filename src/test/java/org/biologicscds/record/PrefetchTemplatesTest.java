package org.biologicscds.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.hooks.ServiceDefinition;
import org.biologicscds.knowledge.DataNeed;
import org.biologicscds.knowledge.DataNeeds;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.KnowledgeLoader;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prefetch templates derived from what the rules read: as declared until the rules declare,
 * then one template per type read under the definitions' keys, narrowed by code only where a code
 * search cannot miss what the rules would match.
 */
class PrefetchTemplatesTest {

    private static final String PATIENT = "{{context.patientId}}";
    private static final ServiceDefinition ORDER_SIGN = ServiceCatalog.load(TestKnowledge.HOOKS, new CdsJson())
            .find("biologic-order-sign").orElseThrow();

    /** The knowledge with the body-weight and live-vaccines value sets stripped of their names: codes only. */
    private static Knowledge codesOnly;

    @BeforeAll
    static void loadKnowledgeWithCodeOnlyValueSets(@TempDir Path folder) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> files = Files.list(TestKnowledge.FOLDER)) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        for (String id : List.of("body-weight", "live-vaccines")) {
            Path file = folder.resolve("ValueSet-" + id + ".json");
            JsonNode valueSet = mapper.readTree(file.toFile());
            valueSet.path("compose").path("include").forEach(include -> include.path("concept").forEach(concept -> {
                ((ObjectNode) concept).remove("display");
                ((ObjectNode) concept).remove("designation");
            }));
            mapper.writeValue(file.toFile(), valueSet);
        }
        codesOnly = new KnowledgeLoader(TestKnowledge.FHIR).load(folder);
    }

    @Test
    void untilTheRulesDeclareWhatTheyRead_theDefinitionsStandAsWritten() {
        assertThat(PrefetchTemplates.derive(ORDER_SIGN, DataNeeds.everything(), codesOnly.valueSets()))
                .isSameAs(ORDER_SIGN);
        assertThat(ORDER_SIGN.prefetch().get("medicationRequests")).endsWith("&_include=MedicationRequest:medication");
    }

    @Test
    void aTypeReadOnlyThroughValueSetsOfListedCodes_isAskedForByThoseCodes() {
        Map<String, String> templates = derive(
                DataNeed.coded("Observation", "code", "body-weight"),
                DataNeed.coded("Immunization", "vaccineCode", "live-vaccines"));

        assertThat(templates.get("observations"))
                .isEqualTo("Observation?patient=" + PATIENT + "&code=http://loinc.org|29463-7,http://loinc.org|3141-9");
        assertThat(templates.get("immunizations")).startsWith("Immunization?patient=" + PATIENT
                + "&vaccine-code=http://hl7.org/fhir/sid/cvx|03,").doesNotContain("&code=");
    }

    @Test
    void aValueSetThatMatchesText_orByICD10Prefix_orAnUnfilteredNeed_keepsTheSearchWhole() {
        assertThat(derive(DataNeed.coded("Observation", "code", "body-weight"),
                DataNeed.coded("Observation", "code", "hbsag")).get("observations"))
                .as("hbsag names its members: a text-only result would be missed")
                .isEqualTo("Observation?patient=" + PATIENT);
        assertThat(derive(DataNeed.coded("Condition", "code", "crohns-disease")).get("conditions"))
                .isEqualTo("Condition?patient=" + PATIENT);
        assertThat(derive(DataNeed.coded("Observation", "code", "body-weight"), DataNeed.all("Observation"))
                .get("observations")).isEqualTo("Observation?patient=" + PATIENT);
        assertThat(derive(DataNeed.coded("Observation", "code", "body-weight"),
                DataNeed.coded("Observation", "component.code", "body-weight")).get("observations"))
                .as("two paths: no one search parameter").isEqualTo("Observation?patient=" + PATIENT);
    }

    @Test
    void oneTemplatePerTypeRead_underTheDefinitionsKeys_withTheirOtherParameters_andThePatientAlways() {
        Map<String, String> templates = derive(DataNeed.all("MedicationRequest"), DataNeed.all("Medication"),
                DataNeed.coded("Condition", "code", "crohns-disease"), DataNeed.all("Encounter"));

        assertThat(templates).containsExactly(
                Map.entry("patient", "Patient/" + PATIENT),
                Map.entry("conditions", "Condition?patient=" + PATIENT),
                Map.entry("medicationRequests", "MedicationRequest?patient=" + PATIENT
                        + "&_include=MedicationRequest:medication"),
                Map.entry("encounters", "Encounter?patient=" + PATIENT));
    }

    private static Map<String, String> derive(DataNeed... needs) {
        return PrefetchTemplates.derive(ORDER_SIGN, new DataNeeds(Map.of("rule", List.of(needs))), codesOnly.valueSets())
                .prefetch();
    }
}

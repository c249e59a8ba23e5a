package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.ICD10;
import static org.biologicscds.guidance.Ehr.condition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.KnowledgeLoader;
import org.biologicscds.record.FhirReader;
import org.biologicscds.record.PatientRecord;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Amendment 16 for the JAK options: with the {@code jak-risk-factors} rule in the knowledge (built on
 * another branch; here a minimal PlanDefinition of the same parameter names added to a copy of the
 * knowledge), a factor of amendment 7 takes the JAK options out of the advice; without the rule the
 * check does not run.
 */
class JakAlternativesTest {

    @TempDir
    static Path folder;

    private static Knowledge withJakRule;

    @BeforeAll
    static void knowledgeWithTheJakRule() throws IOException {
        try (Stream<Path> files = Files.list(TestKnowledge.FOLDER)) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode rules = (ObjectNode) json.readTree(folder.resolve("CodeSystem-biologic-rule.json").toFile());
        ((ArrayNode) rules.get("concept")).addObject().put("code", ContraindicatedOptions.JAK_RULE)
                .put("display", "JAK inhibitor boxed-warning risk factors").put("definition", "Test stand-in.");
        json.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("CodeSystem-biologic-rule.json").toFile(), rules);
        String url = "http://biologics-cds.org/fhir/StructureDefinition/rule-parameter";
        String plan = """
                {"resourceType":"PlanDefinition","id":"jak-risk-factors","url":"http://biologics-cds.org/fhir/PlanDefinition/jak-risk-factors",
                 "name":"JakRiskFactors","title":"JAK risk factors","status":"active",
                 "type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/plan-definition-type","code":"eca-rule"}]},
                 "description":"Test stand-in with the parameter names of the jak-risk-factors rule.",
                 "relatedArtifact":[{"type":"citation","label":"oral-surv-2022","resource":"http://biologics-cds.org/fhir/Library/source-catalogue"}],
                 "extension":[%s]}""".formatted(String.join(",",
                param(url, "indicator", null, "\"valueCode\":\"warning\""),
                param(url, "any-age-value-set", "ascvd", "\"valueString\":\"cardiovascular-event\""),
                param(url, "with-age-value-set", "hypertension", "\"valueString\":\"heart-failure\""),
                param(url, "age-alone", null, "\"valueDuration\":{\"value\":65,\"system\":\"http://unitsofmeasure.org\",\"code\":\"a\"}"),
                param(url, "age-with-factor", null, "\"valueDuration\":{\"value\":50,\"system\":\"http://unitsofmeasure.org\",\"code\":\"a\"}")));
        Files.writeString(folder.resolve("PlanDefinition-jak-risk-factors.json"), plan);
        withJakRule = new KnowledgeLoader(TestKnowledge.FHIR).load(folder);
    }

    private static String param(String url, String name, String drug, String value) {
        return "{\"url\":\"" + url + "\",\"extension\":[{\"url\":\"name\",\"valueString\":\"" + name + "\"}"
                + (drug == null ? "" : ",{\"url\":\"drug\",\"valueString\":\"" + drug + "\"}")
                + ",{\"url\":\"value\"," + value + "}]}";
    }

    private static PatientFacts facts(Knowledge knowledge, int age, String... json) {
        FhirReader reader = new FhirReader(TestKnowledge.FHIR);
        List<Resource> record = new ArrayList<>();
        for (String resource : json) {
            record.add(reader.read(resource));
        }
        org.hl7.fhir.r4.model.Patient patient = (org.hl7.fhir.r4.model.Patient) reader.read(
                "{\"resourceType\":\"Patient\",\"id\":\"pt-1\",\"birthDate\":\"" + Ehr.TODAY_DATE.minusYears(age).minusDays(3) + "\"}");
        return new PatientFacts(new PatientRecord("pt-1", patient, record), List.of(), knowledge, LocalDate.parse(Ehr.TODAY));
    }

    private static String advice(Knowledge knowledge, PatientFacts facts) {
        Alternatives alternatives = new Alternatives(knowledge);
        return alternatives.advice(List.of(alternatives.byValueSet("rheumatoid-arthritis").orElseThrow()), Set.of(), facts)
                .orElseThrow();
    }

    @Test
    void age65_dropsTheJakOption_age64_keepsIt() {
        assertThat(advice(withJakRule, facts(withJakRule, 65))).doesNotContain("JAK").contains("abatacept");
        assertThat(advice(withJakRule, facts(withJakRule, 64))).contains("JAK inhibitor");
    }

    @Test
    void factorAtAnyAge_drops_withAgeFactor_onlyFrom50() {
        String anyAge = condition("mi-1", ICD10, "I21.4", "Acute myocardial infarction", "resolved", "2019-01-01");
        assertThat(advice(withJakRule, facts(withJakRule, 40, anyAge))).doesNotContain("JAK");
        String withAge = condition("hf-1", ICD10, "I50.9", "Heart failure, unspecified", "active", "2019-01-01");
        assertThat(advice(withJakRule, facts(withJakRule, 50, withAge))).doesNotContain("JAK");
        assertThat(advice(withJakRule, facts(withJakRule, 49, withAge))).contains("JAK inhibitor");
    }

    @Test
    void withoutTheJakRule_theCheckDoesNotRun_andSaysSo() {
        assertThat(new ContraindicatedOptions(TestKnowledge.get(),
                TestKnowledge.get().library(Alternatives.LIBRARY)).jakCheckRuns()).isFalse();
        assertThat(new ContraindicatedOptions(withJakRule, withJakRule.library(Alternatives.LIBRARY)).jakCheckRuns()).isTrue();
        assertThat(advice(TestKnowledge.get(), facts(TestKnowledge.get(), 70))).contains("JAK inhibitor");
    }
}

package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.ICD10;
import static org.biologicscds.guidance.Ehr.condition;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.record.FhirReader;
import org.biologicscds.record.PatientRecord;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * Amendment 16 for the JAK options: a factor of amendment 7, as the {@code jak-risk-factors} rule reads
 * it (its own parameters), takes the JAK options out of the advice of the RA alternatives.
 */
class JakAlternativesTest {

    private static final Knowledge KNOWLEDGE = TestKnowledge.get();

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
        assertThat(advice(KNOWLEDGE, facts(KNOWLEDGE, 65))).doesNotContain("JAK").contains("abatacept");
        assertThat(advice(KNOWLEDGE, facts(KNOWLEDGE, 64))).contains("JAK inhibitor");
    }

    @Test
    void factorAtAnyAge_drops_withAgeFactor_onlyFrom50() {
        String anyAge = condition("mi-1", ICD10, "I21.4", "Acute myocardial infarction", "resolved", "2019-01-01");
        assertThat(advice(KNOWLEDGE, facts(KNOWLEDGE, 40, anyAge))).doesNotContain("JAK");
        String withAge = condition("htn-1", ICD10, "I10", "Essential (primary) hypertension", "active", "2019-01-01");
        assertThat(advice(KNOWLEDGE, facts(KNOWLEDGE, 50, withAge))).doesNotContain("JAK");
        assertThat(advice(KNOWLEDGE, facts(KNOWLEDGE, 49, withAge))).contains("JAK inhibitor");
    }

    @Test
    void theJakCheckRuns_onTheKnowledgeOfTheJakRule() {
        assertThat(new ContraindicatedOptions(KNOWLEDGE, KNOWLEDGE.library(Alternatives.LIBRARY)).jakCheckRuns()).isTrue();
    }
}

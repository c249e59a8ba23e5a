package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.ICD10;
import static org.biologicscds.guidance.Ehr.SNOMED;
import static org.biologicscds.guidance.Ehr.adalimumabOrder;
import static org.biologicscds.guidance.Ehr.condition;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.infliximabOrder;
import static org.biologicscds.guidance.Ehr.scenario;

import org.biologicscds.hooks.Indicator;
import org.biologicscds.testing.Scenario;
import org.junit.jupiter.api.Test;

/** heart-failure: TNF inhibitors only; NYHA III/IV critical, otherwise warning; the newest NYHA class decides. */
class HeartFailureRuleTest {

    private static final String HF = "heart-failure";

    static String chf() {
        return condition("hf-1", SNOMED, "42343007", "Congestive heart failure", "active", "2023-09-14");
    }

    /** NYHA functional class Observation (LOINC 88020-3) with a SNOMED answer. */
    static String nyha(String id, String date, String sctCode, String display) {
        return """
                {"resourceType":"Observation","id":"%s","status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"exam"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"88020-3","display":"Functional capacity NYHA"}]},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"%s","display":"%s"}]}}
                """.formatted(id, date, sctCode, display);
    }

    static String nyhaIv(String date) {
        return nyha("nyha-iv", date, "422293003", "New York Heart Association Classification - Class IV");
    }

    static String nyhaIi(String date) {
        return nyha("nyha-ii", date, "421704003", "New York Heart Association Classification - Class II");
    }

    @Test
    void infliximabWithHeartFailureAndNyhaIv_isCritical() {
        Scenario s = scenario().record(chf(), nyhaIv(daysAgo(14))).order(infliximabOrder());

        Finding f = s.finding(HF).orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
        assertThat(f.summary()).isEqualTo(
                "NYHA class IV heart failure: infliximab is contraindicated (EU label); choose a non-TNF option")
                .hasSizeLessThan(140);
        assertThat(f.facts()).containsExactly(
                "On the problem list: Congestive heart failure (since 2023-09-14, active)",
                "Newest NYHA class: New York Heart Association Classification - Class IV on " + daysAgo(14));
        assertThat(f.nextStep()).contains("no more than 5 mg/kg");
        assertThat(f.evidence()).containsExactlyInAnyOrder("Condition/hf-1", "Observation/nyha-iv");
    }

    @Test
    void infliximabWithHeartFailureAndNyhaIi_isWarning() {
        Scenario s = scenario().record(chf(), nyhaIi(daysAgo(14))).order(infliximabOrder());

        Finding f = s.finding(HF).orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
        assertThat(f.summary()).isEqualTo("Heart failure on record (Congestive heart failure): infliximab can worsen it");
        assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("Class II on " + daysAgo(14)));
    }

    @Test
    void olderNyhaIvThenNewerNyhaIi_newestWins_isWarning() {
        Scenario s = scenario().record(chf(), nyhaIv(daysAgo(300)), nyhaIi(daysAgo(20))).order(infliximabOrder());

        Finding f = s.finding(HF).orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
        assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("Class II on " + daysAgo(20)));
        assertThat(f.facts()).noneSatisfy(fact -> assertThat(fact).contains("Class IV"));
    }

    @Test
    void olderNyhaIiThenNewerNyhaIv_isCritical() {
        Scenario s = scenario().record(chf(), nyhaIi(daysAgo(300)), nyhaIv(daysAgo(20))).order(infliximabOrder());

        assertThat(s.finding(HF).orElseThrow().indicator()).isEqualTo(Indicator.CRITICAL);
    }

    @Test
    void ixekizumabWithHeartFailureAndNyhaIv_noHeartFailureFinding() {
        Scenario s = scenario().record(chf(), nyhaIv(daysAgo(14))).order(Ehr.ixekizumabOrder());

        assertThat(s.ruleIds()).doesNotContain(HF);
    }

    @Test
    void ustekinumabWithHeartFailure_noHeartFailureFinding() {
        Scenario s = scenario().record(chf(), nyhaIv(daysAgo(14))).order(Ehr.ustekinumabOrder());

        assertThat(s.ruleIds()).doesNotContain(HF);
    }

    @Test
    void nyhaClassIiiAsConditionWithoutHeartFailureCondition_isCritical() {
        Scenario s = scenario()
                .record(condition("nyha-1", SNOMED, "420913000", "New York Heart Association Classification - Class III",
                        "active", daysAgo(60)))
                .order(infliximabOrder());

        Finding f = s.finding(HF).orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
        assertThat(f.facts()).containsExactly(
                "Newest NYHA class: New York Heart Association Classification - Class III on " + daysAgo(60));
    }

    @Test
    void heartFailureWithoutNyhaClass_isWarning_sayingNoClassRecorded() {
        Scenario s = scenario()
                .record(condition("hf-1", ICD10, "I50.9", "Heart failure, unspecified", null, "2024-02-01"))
                .order(adalimumabOrder());

        Finding f = s.finding(HF).orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
        assertThat(f.facts()).contains("No NYHA class recorded");
        assertThat(f.nextStep()).isEqualTo("No indication is on record: choose a non-TNF option suited to it."
                + " If adalimumab is still chosen, monitor for worsening heart failure.");
    }

    static String rheumatoidArthritis() {
        return condition("ra-1", ICD10, "M06.9", "Rheumatoid arthritis, unspecified", "active", "2015-01-01");
    }

    static String weight(String id, String date, double kg) {
        return """
                {"resourceType":"Observation","id":"%s","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"29463-7","display":"Body weight"}]},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueQuantity":{"value":%s,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}}
                """.formatted(id, date, kg);
    }

    static String infliximabMg(int mg) {
        return """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                   "code":"1790546","display":"infliximab-dyyb 100 MG Injection [Inflectra]"}]},
                 "dosageInstruction":[{"doseAndRate":[{"doseQuantity":{"value":%d,"unit":"mg",
                   "system":"http://unitsofmeasure.org","code":"mg"}}]}]}
                """.formatted(mg);
    }

    @Test
    void rheumatoidArthritisNyhaIii_adalimumabCritical_adviceNamesRaOptionsOnly() {
        Scenario s = scenario().record(rheumatoidArthritis(), chf(),
                nyha("nyha-iii", daysAgo(30), "420913000", "New York Heart Association Classification - Class III"))
                .order(adalimumabOrder());

        Finding f = s.finding(HF).orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
        assertThat(f.summary()).startsWith("NYHA class III heart failure: adalimumab is contraindicated");
        assertThat(f.nextStep()).startsWith("Options for rheumatoid arthritis: abatacept, rituximab, "
                + "an IL-6 receptor inhibitor (tocilizumab, sarilumab)")
                .doesNotContain("IL-17").doesNotContain("IL-23").doesNotContain("ustekinumab");
    }

    @Test
    void nyhaIvExcludesRituximabFromTheAdvice_amendment16() {
        Scenario s = scenario().record(rheumatoidArthritis(), chf(), nyhaIv(daysAgo(30))).order(adalimumabOrder());

        assertThat(s.finding(HF).orElseThrow().nextStep()).contains("abatacept").doesNotContain("rituximab");
    }

    @Test
    void etanerceptWithNyhaIii_isWarning_labelSaysCaution() {
        Scenario s = scenario().record(rheumatoidArthritis(), chf(),
                nyha("nyha-iii", daysAgo(30), "420913000", "New York Heart Association Classification - Class III"))
                .order(Ehr.order("214555", "etanercept"));

        Finding f = s.finding(HF).orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
        assertThat(f.summary()).isEqualTo("NYHA class III heart failure: etanercept can worsen it; its label advises caution");
    }

    @Test
    void nyhaIvOlderThan365Days_countsAsUnknownClass_warning() {
        Scenario s = scenario().record(chf(), nyhaIv(daysAgo(400))).order(adalimumabOrder());

        Finding f = s.finding(HF).orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
        assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).startsWith("Last NYHA class (older than 12 months"));
    }

    @Test
    void infliximab357mgAt70kg_is51mgPerKg_withUnknownClass_isCritical_namingTheDose_andEvidenceForTheDoseRow() {
        Scenario s = scenario().record(chf(), weight("wt-1", daysAgo(5), 70)).order(infliximabMg(357));

        Finding f = s.finding(HF).orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
        assertThat(f.summary()).isEqualTo("Heart failure and infliximab 5.1 mg/kg: doses over 5 mg/kg are contraindicated");
        assertThat(f.evidence()).contains("Observation/wt-1", "MedicationRequest/draft-1", "Condition/hf-1");
        assertThat(s.ruleIds()).doesNotContain("dose-out-of-range");
    }

    @Test
    void infliximab350mgAt70kg_isExactly5mgPerKg_notOverTheLimit_warning() {
        Scenario s = scenario().record(chf(), weight("wt-1", daysAgo(5), 70)).order(infliximabMg(350));

        Finding f = s.finding(HF).orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
        assertThat(f.summary()).doesNotContain("mg/kg");
    }

    @Test
    void infliximabOverTheLimitWithNyhaIi_isWarning_namingTheDose() {
        Scenario s = scenario().record(chf(), nyhaIi(daysAgo(14)), weight("wt-1", daysAgo(5), 70)).order(infliximabMg(700));

        Finding f = s.finding(HF).orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
        assertThat(f.summary()).isEqualTo("Heart failure (NYHA II) and infliximab 10 mg/kg: keep to 5 mg/kg or less");
    }

    @Test
    void heartFailureResolved_noNyha_noFinding() {
        Scenario s = scenario()
                .record(condition("hf-1", SNOMED, "84114007", "Heart failure", "resolved", "2019-02-01"))
                .order(infliximabOrder());

        assertThat(s.ruleIds()).doesNotContain(HF);
    }

    @Test
    void heartFailureStagedNyhaIvOnTheCondition_isCritical() {
        String staged = """
                {"resourceType":"Condition","id":"hf-1",
                 "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                 "code":{"coding":[{"system":"http://snomed.info/sct","code":"48447003","display":"Chronic heart failure"}]},
                 "subject":{"reference":"Patient/pt-1"},"recordedDate":"%s",
                 "stage":[{"summary":{"coding":[{"system":"http://snomed.info/sct","code":"422293003",
                   "display":"New York Heart Association Classification - Class IV"}]}}]}
                """.formatted(daysAgo(30));
        Scenario s = scenario().record(staged).order(infliximabOrder());

        assertThat(s.finding(HF).orElseThrow().indicator()).isEqualTo(Indicator.CRITICAL);
    }

    @Test
    void nyhaObservationAsTextClassIii_isCritical() {
        String observation = """
                {"resourceType":"Observation","id":"nyha-1","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"88020-3"}],"text":"NYHA class"},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueString":"NYHA class III"}
                """.formatted(daysAgo(5));
        Scenario s = scenario().record(chf(), observation).order(Ehr.certolizumabOrder());

        Finding f = s.finding(HF).orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
        assertThat(f.summary()).contains("certolizumab pegol");
    }

    @Test
    void nyhaObservationFlowsheetValueClassIv_isCritical() {
        // The LOINC code already says "NYHA class"; flowsheets store the answer as "Class IV".
        String observation = """
                {"resourceType":"Observation","id":"nyha-1","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"88020-3","display":"Functional capacity NYHA"}]},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueString":"Class IV"}
                """.formatted(daysAgo(5));
        Scenario s = scenario().record(chf(), observation).order(infliximabOrder());

        Finding f = s.finding(HF).orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
        assertThat(f.facts()).doesNotContain("No NYHA class recorded");
    }

    @Test
    void nyhaObservationEnteredInError_isIgnored() {
        String wrong = nyhaIv(daysAgo(3)).replace("\"status\":\"final\"", "\"status\":\"entered-in-error\"");
        Scenario s = scenario().record(chf(), nyhaIi(daysAgo(100)), wrong).order(infliximabOrder());

        assertThat(s.finding(HF).orElseThrow().indicator()).isEqualTo(Indicator.WARNING);
    }

    @Test
    void familyHistoryOfHeartFailure_isNotThePatientsHeartFailure() {
        String familyHistory = """
                {"resourceType":"Condition","id":"fh-1",
                 "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                 "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"Z82.49",
                   "display":"Family history of ischemic heart disease and other diseases of the circulatory system"}],
                   "text":"Family history of heart failure"},
                 "subject":{"reference":"Patient/pt-1"},"recordedDate":"2022-03-10"}
                """;
        Scenario s = scenario().record(familyHistory).order(infliximabOrder());

        assertThat(s.ruleIds()).doesNotContain(HF);
    }
}

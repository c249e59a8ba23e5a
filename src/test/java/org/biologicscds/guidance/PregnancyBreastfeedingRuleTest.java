package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.ICD10;
import static org.biologicscds.guidance.Ehr.SNOMED;
import static org.biologicscds.guidance.Ehr.adalimumabOrder;
import static org.biologicscds.guidance.Ehr.certolizumabOrder;
import static org.biologicscds.guidance.Ehr.condition;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.infliximabOrder;
import static org.biologicscds.guidance.Ehr.netakimabOrder;
import static org.biologicscds.guidance.Ehr.scenario;

import org.biologicscds.hooks.Indicator;
import org.biologicscds.testing.Scenario;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** pregnancy and breastfeeding: the newest evidence decides; the indicator depends on the drug. */
class PregnancyBreastfeedingRuleTest {

    private static final String PREGNANCY = "pregnancy";
    private static final String BREASTFEEDING = "breastfeeding";

    /** US Core pregnancy status (LOINC 82810-3) with a SNOMED answer. */
    static String pregnancyStatus(String id, String date, String sctCode, String display) {
        return """
                {"resourceType":"Observation","id":"%s","status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"social-history"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"82810-3","display":"Pregnancy status"}]},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"%s","display":"%s"}]}}
                """.formatted(id, date, sctCode, display);
    }

    static String pregnant(String date) {
        return pregnancyStatus("preg-yes", date, "77386006", "Pregnant");
    }

    static String notPregnant(String date) {
        return pregnancyStatus("preg-no", date, "60001007", "Not pregnant");
    }

    /** Urine hCG (LOINC 2106-3) with a LOINC answer. */
    static String urineHcg(String date, String answer, String display) {
        return """
                {"resourceType":"Observation","id":"hcg-1","status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"2106-3",
                   "display":"Choriogonadotropin (pregnancy test) [Presence] in Urine"}],"text":"Urine hCG, qualitative"},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"%s","display":"%s"}]}}
                """.formatted(date, answer, display);
    }

    static String breastfeedingCondition(String onset) {
        return condition("bf-1", SNOMED, "413712001", "Breastfeeding (mother)", "active", onset);
    }

    @Nested
    class Pregnancy {

        @Test
        void pregnantStatusWithNetakimab_isCritical_withContraindicationAdvice() {
            Scenario s = scenario().record(pregnant(daysAgo(14))).order(netakimabOrder());

            Finding f = s.finding(PREGNANCY).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).isEqualTo("Patient is pregnant: netakimab is contraindicated in pregnancy").hasSizeLessThan(140);
            assertThat(f.facts()).containsExactly("Pregnancy status: Pregnant on " + daysAgo(14));
            assertThat(f.nextStep()).contains("Netakimab is contraindicated in pregnancy");
        }

        @Test
        void pregnantStatusWithCertolizumab_isInfo() {
            Scenario s = scenario().record(pregnant(daysAgo(14))).order(certolizumabOrder());

            Finding f = s.finding(PREGNANCY).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.nextStep()).contains("minimal placental transfer");
        }

        @Test
        void pregnantStatusWithAdalimumab_isWarning_withTheInfantWaitFromTheLastDose() {
            Scenario s = scenario().record(pregnant(daysAgo(14))).order(adalimumabOrder());

            Finding f = s.finding(PREGNANCY).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("Pregnant: adalimumab crosses the placenta; plan dosing and no live vaccines"
                    + " for the infant for 5 months after the mother's last dose");
            assertThat(f.nextStep()).contains("BCG, rotavirus");
            assertThat(f.evidence()).containsExactly("Observation/preg-yes");
        }

        @Test
        void pregnantStatusWithInfliximab_isWarning_namingTheEuAndUsInfantWaits() {
            // v2 (clinical-v2.md 3.5): infliximab in pregnancy is a warning (ACR 2020, ECCO), not critical.
            Scenario s = scenario().record(pregnant(daysAgo(14))).order(infliximabOrder());

            Finding f = s.finding(PREGNANCY).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("Pregnant: infliximab crosses the placenta; plan dosing and no live vaccines"
                    + " for the infant for 12 months from birth (EU) / 6 months (US)").hasSizeLessThan(140);
            assertThat(f.nextStep()).contains("12 months after birth").contains("at least 6 months after birth");
        }

        @Test
        void pregnantStatusWithSecukinumab_isWarning() {
            Scenario s = scenario().record(pregnant(daysAgo(14))).order(Ehr.secukinumabOrder());

            assertThat(s.finding(PREGNANCY).orElseThrow().indicator()).isEqualTo(Indicator.WARNING);
        }

        @Test
        void newerNotPregnantAfterOlderPregnant_noFinding() {
            Scenario s = scenario().record(pregnant(daysAgo(200)), notPregnant(daysAgo(10))).order(netakimabOrder());

            assertThat(s.ruleIds()).doesNotContain(PREGNANCY);
        }

        @Test
        void newerPregnantAfterOlderNotPregnant_fires() {
            Scenario s = scenario().record(notPregnant(daysAgo(200)), pregnant(daysAgo(10))).order(netakimabOrder());

            assertThat(s.finding(PREGNANCY).orElseThrow().facts())
                    .containsExactly("Pregnancy status: Pregnant on " + daysAgo(10));
        }

        @Test
        void pregnancyStatusAsTextYes_fires() {
            String observation = """
                    {"resourceType":"Observation","id":"preg-1","status":"final",
                     "code":{"coding":[{"system":"http://loinc.org","code":"82810-3"}],"text":"Pregnancy status"},
                     "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s","valueString":"Yes"}
                    """.formatted(daysAgo(3));
            Scenario s = scenario().record(observation).order(adalimumabOrder());

            assertThat(s.finding(PREGNANCY).orElseThrow().facts())
                    .containsExactly("Pregnancy status: Yes on " + daysAgo(3));
        }

        @Test
        void positiveUrineHcgTenDaysAgo_fires() {
            Scenario s = scenario().record(urineHcg(daysAgo(10), "LA6576-8", "Positive")).order(adalimumabOrder());

            Finding f = s.finding(PREGNANCY).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.facts()).containsExactly("Positive Urine hCG, qualitative on " + daysAgo(10));
        }

        @Test
        void positiveUrineHcgNinetyDaysAgo_outsideTestWindow_noFinding() {
            Scenario s = scenario().record(urineHcg(daysAgo(90), "LA6576-8", "Positive")).order(adalimumabOrder());

            assertThat(s.ruleIds()).doesNotContain(PREGNANCY);
        }

        @Test
        void negativeUrineHcg_noFinding() {
            Scenario s = scenario().record(urineHcg(daysAgo(5), "LA6577-6", "Negative")).order(netakimabOrder());

            assertThat(s.ruleIds()).doesNotContain(PREGNANCY);
        }

        @Test
        void positiveHcgOlderThanNotPregnantStatus_noFinding() {
            Scenario s = scenario()
                    .record(urineHcg(daysAgo(40), "LA6576-8", "Positive"), notPregnant(daysAgo(2)))
                    .order(netakimabOrder());

            assertThat(s.ruleIds()).doesNotContain(PREGNANCY);
        }

        @Test
        void activePregnancyConditionRecent_fires() {
            Scenario s = scenario()
                    .record(condition("preg-c", ICD10, "Z33.1", "Pregnant state, incidental", "active", daysAgo(60)))
                    .order(adalimumabOrder());

            assertThat(s.finding(PREGNANCY).orElseThrow().facts()).singleElement().asString()
                    .startsWith("On the problem list: Pregnant state, incidental");
        }

        @Test
        void activePregnancyConditionOlderThan301Days_isStale_noFinding() {
            Scenario s = scenario()
                    .record(condition("preg-c", SNOMED, "77386006", "Pregnant", "active", daysAgo(400)))
                    .order(adalimumabOrder());

            assertThat(s.ruleIds()).doesNotContain(PREGNANCY);
        }

        @Test
        void encounterDiagnosisPregnancyTestNegative_isNotPregnancy() {
            // ICD-10-CM Z32.02 is not in the pregnancy value set, but its display contains "pregnancy".
            Scenario s = scenario()
                    .record(condition("enc-dx", ICD10, "Z32.02", "Encounter for pregnancy test, result negative",
                            "active", daysAgo(5)))
                    .order(netakimabOrder());

            assertThat(s.ruleIds()).doesNotContain(PREGNANCY);
        }
    }

    @Nested
    class Breastfeeding {

        @Test
        void breastfeedingConditionWithNetakimab_isCritical() {
            Scenario s = scenario().record(breastfeedingCondition(daysAgo(120))).order(netakimabOrder());

            Finding f = s.finding(BREASTFEEDING).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).isEqualTo("Breastfeeding: netakimab is contraindicated while breastfeeding")
                    .hasSizeLessThan(140);
            assertThat(f.facts()).containsExactly(
                    "On the problem list: Breastfeeding (mother) (since " + daysAgo(120) + ", active)");
            assertThat(f.nextStep()).contains("contraindicated while breastfeeding");
        }

        @Test
        void breastfeedingConditionWithAdalimumab_isInfo() {
            Scenario s = scenario().record(breastfeedingCondition(daysAgo(120))).order(adalimumabOrder());

            Finding f = s.finding(BREASTFEEDING).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.nextStep()).contains("live vaccines");
        }

        @Test
        void breastfeedingOnMaintenanceAdalimumab_infoWasShownAtTheCourseStart_noCard() {
            // Info at most once per course (clinical-v2.md 1.2): a maintenance order gets no repeat.
            Scenario s = scenario().record(breastfeedingCondition(daysAgo(120)),
                            Ehr.medicationStatement("ada-st", "327361", "adalimumab", "active", daysAgo(300), null))
                    .order(adalimumabOrder());

            assertThat(s.course().maintenance()).isTrue();
            assertThat(s.finding(BREASTFEEDING)).isEmpty();
        }

        @Test
        void breastfeedingOnMaintenanceNetakimab_isStillCritical() {
            Scenario s = scenario().record(breastfeedingCondition(daysAgo(120)),
                            """
                            {"resourceType":"MedicationStatement","id":"ntk-st","status":"active","subject":{"reference":"Patient/pt-1"},
                             "medicationCodeableConcept":{"text":"Эфлейра 120 мг"},"effectivePeriod":{"start":"%s"}}"""
                                    .formatted(daysAgo(300)))
                    .order(netakimabOrder());

            assertThat(s.finding(BREASTFEEDING).orElseThrow().indicator()).isEqualTo(Indicator.CRITICAL);
        }

        @Test
        void breastfeedingConditionWithSecukinumab_isInfo() {
            Scenario s = scenario().record(breastfeedingCondition(daysAgo(120))).order(Ehr.secukinumabOrder());

            assertThat(s.finding(BREASTFEEDING).orElseThrow().indicator()).isEqualTo(Indicator.INFO);
        }

        @Test
        void newerBreastfeedingStatusNo_outweighsOlderCondition() {
            String status = """
                    {"resourceType":"Observation","id":"bf-st","status":"final",
                     "code":{"coding":[{"system":"http://loinc.org","code":"63895-7","display":"Breastfeeding status"}]},
                     "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                     "valueCodeableConcept":{"text":"Not breastfeeding"}}
                    """.formatted(daysAgo(7));
            Scenario s = scenario().record(breastfeedingCondition(daysAgo(300)), status).order(netakimabOrder());

            assertThat(s.ruleIds()).doesNotContain(BREASTFEEDING);
        }

        @Test
        void breastfeedingResolved_noFinding() {
            Scenario s = scenario()
                    .record(condition("bf-1", SNOMED, "413712001", "Breastfeeding (mother)", "resolved", daysAgo(300)))
                    .order(netakimabOrder());

            assertThat(s.ruleIds()).doesNotContain(BREASTFEEDING);
        }

        @Test
        void pregnancyDoesNotFireBreastfeeding() {
            Scenario s = scenario().record(pregnant(daysAgo(5))).order(netakimabOrder());

            assertThat(s.ruleIds()).contains(PREGNANCY).doesNotContain(BREASTFEEDING);
        }
    }
}

package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.ICD10;
import static org.biologicscds.guidance.Ehr.condition;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.scenario;
import static org.biologicscds.guidance.SwitchingAndDosingRulesTest.given;
import static org.biologicscds.guidance.SwitchingAndDosingRulesTest.patient;

import org.biologicscds.hooks.Indicator;
import org.biologicscds.testing.Scenario;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * age-restriction, live-vaccine-recent, response-check and perioperative as clinical-v2.md 3.5/3.6
 * specify them (US label region, the knowledge default).
 */
class PopulationAndCourseRulesTest {

    private static final String AGE = "age-restriction";
    private static final String VACCINE = "live-vaccine-recent";
    private static final String RESPONSE = "response-check";
    private static final String SURGERY = "perioperative";

    /** A child born {@code years} years and a few days before today. */
    static String child(int years) {
        return patient(Ehr.TODAY_DATE.minusYears(years).minusDays(3).toString());
    }

    @Nested
    class AgeRestriction {

        @Test
        void adalimumabForPsoriasisAt10_isAdultsOnlyUnderTheFda() {
            Scenario s = scenario().patient(child(10))
                    .record(condition("pso-1", ICD10, "L40.0", "Psoriasis vulgaris", "active", "2024-01-01"))
                    .order(Ehr.adalimumabOrder());

            Finding f = s.finding(AGE).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("Age 10: adalimumab is not licensed for plaque psoriasis under 18 years (FDA)");
        }

        @Test
        void infliximabForCrohnsAt7_isLicensedFrom6() {
            Scenario s = scenario().patient(child(7))
                    .record(condition("cd-1", ICD10, "K50.90", "Crohn's disease", "active", "2025-01-01"))
                    .order(Ehr.infliximabOrder());

            assertThat(s.finding(AGE)).isEmpty();
        }

        @Test
        void infliximabForCrmoAt10_isOffLabel_noCard() {
            Scenario s = scenario().patient(child(10))
                    .record(condition("crmo-1", ICD10, "M86.30", "Chronic multifocal osteomyelitis, unspecified site", "active",
                            "2025-01-01"))
                    .order(Ehr.infliximabOrder());

            assertThat(s.finding(AGE)).isEmpty();
        }

        @Test
        void noIndicationOnRecord_usesTheYoungestLicensedAge() {
            Scenario five = scenario().patient(child(5)).order(Ehr.secukinumabOrder());
            Scenario one = scenario().patient(child(1)).order(Ehr.secukinumabOrder());

            assertThat(five.finding(AGE)).isEmpty();
            assertThat(one.finding(AGE).orElseThrow().summary())
                    .isEqualTo("Age 1: secukinumab is not licensed for any indication under 2 years (FDA)");
        }

        @Test
        void reasonCodeWinsOverTheProblemList() {
            // Psoriasis (6 y) and ERA (4 y, FDA) on the problem list; the order is for ERA: a 5-year-old is licensed.
            String order = """
                    {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                     "subject":{"reference":"Patient/pt-1"},"medicationCodeableConcept":{"text":"Cosentyx 75 mg"},
                     "reasonCode":[{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"M08.1"}],
                       "text":"Enthesitis-related arthritis"}]}""";
            Scenario s = scenario().patient(child(5))
                    .record(condition("pso-1", ICD10, "L40.0", "Psoriasis vulgaris", "active", "2024-01-01"))
                    .order(order);

            assertThat(s.finding(AGE)).isEmpty();
        }
    }

    @Nested
    class LiveVaccine {

        static String mmr(String date) {
            return """
                    {"resourceType":"Immunization","id":"imm-mmr","status":"completed",
                     "vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"03","display":"MMR"}]},
                     "patient":{"reference":"Patient/pt-1"},"occurrenceDateTime":"%s"}""".formatted(date);
        }

        @Test
        void newStart_saysStartFrom4WeeksLater() {
            Scenario s = scenario().patient(patient("1990-01-01")).record(mmr(daysAgo(10))).order(Ehr.secukinumabOrder());

            Finding f = s.finding(VACCINE).orElseThrow();
            assertThat(f.summary()).isEqualTo("Live vaccine (MMR) on " + daysAgo(10) + ": start secukinumab from " + daysAgo(-18)
                    + ", 4 weeks later");
            assertThat(f.evidence()).containsExactly("Immunization/imm-mmr");
        }

        @Test
        void maintenance_saysConsiderDelayingThisDose_neverStart() {
            Scenario s = scenario().patient(patient("1990-01-01"))
                    .record(mmr(daysAgo(10)), given("sec-1", "Cosentyx 150 mg pen", daysAgo(20)))
                    .order(Ehr.secukinumabOrder());

            Finding f = s.finding(VACCINE).orElseThrow();
            assertThat(f.summary()).isEqualTo("Live vaccine (MMR) given " + daysAgo(10)
                    + " while on secukinumab: consider delaying this dose to " + daysAgo(-18));
            assertThat(f.summary() + f.nextStep()).doesNotContain("start");
        }
    }

    @Nested
    class ResponseCheck {

        static Scenario infliximabCourse(String conditionJson, int... weeksAgo) {
            Scenario s = scenario().patient(patient("1975-01-01")).record(conditionJson);
            for (int w : weeksAgo) {
                s.record(given("ifx-" + w, "Inflectra 100 mg IV", daysAgo(7 * w)));
            }
            return s.order(Ehr.infliximabOrder());
        }

        @Test
        void psoriaticArthritisAtWeek14_butNotAtWeek12() {
            String psa = condition("psa-1", ICD10, "L40.50", "Arthropathic psoriasis, unspecified", "active", "2015-01-01");

            assertThat(infliximabCourse(psa, 14, 12, 8).finding(RESPONSE).orElseThrow().summary())
                    .isEqualTo("Week 14 of infliximab (psoriatic arthritis): record the response before continuing");
            assertThat(infliximabCourse(psa, 12, 10, 6).finding(RESPONSE)).isEmpty();
        }

        @Test
        void dermatomyositisAtWeek40_isTheSecondAssessment() {
            String dm = condition("dm-1", ICD10, "M33.10", "Other dermatomyositis, organ involvement unspecified", "active", "2022-01-01");

            Finding f = infliximabCourse(dm, 40, 38, 34, 26, 18, 10).finding(RESPONSE).orElseThrow();
            assertThat(f.facts()).contains("Response is judged at week 40 for dermatomyositis/polymyositis");
        }

        @Test
        void newStart_hasNoCourseWeek_noCard() {
            String pso = condition("pso-1", ICD10, "L40.0", "Psoriasis vulgaris", "active", "2015-01-01");

            assertThat(infliximabCourse(pso).finding(RESPONSE)).isEmpty();
        }
    }

    @Nested
    class Perioperative {

        static String surgery(String code, String system, String display, String date) {
            return """
                    {"resourceType":"ServiceRequest","id":"sr-1","status":"active","intent":"order",
                     "category":[{"coding":[{"system":"http://snomed.info/sct","code":"387713003","display":"Surgical procedure"}]}],
                     "code":{"coding":[{"system":"%s","code":"%s","display":"%s"}],"text":"%s"},
                     "subject":{"reference":"Patient/pt-1"},"occurrenceDateTime":"%s"}""".formatted(system, code, display, display, date);
        }

        @Test
        void hipArthroplastyIn12Days_warnsWithTheNextDueDate() {
            Scenario s = scenario().patient(patient("1960-01-01"))
                    .record(surgery("27130", "http://www.ama-assn.org/go/cpt", "Total hip arthroplasty", daysAgo(-12)),
                            given("ada-1", "Humira 40 mg pen", daysAgo(6)))
                    .order(Ehr.adalimumabOrder());

            Finding f = s.finding(SURGERY).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("Total hip arthroplasty on " + daysAgo(-12)
                    + ": schedule it at the end of the adalimumab dosing interval (next dose due " + daysAgo(6 - 14) + ")");
            assertThat(f.evidence()).containsExactly("ServiceRequest/sr-1");
        }

        @Test
        void otherSurgery_isInfo_andMohsIsNothing() {
            Scenario hemicolectomy = scenario().patient(patient("1960-01-01"))
                    .record(surgery("44160", "http://www.ama-assn.org/go/cpt", "Colectomy, partial, with removal of terminal ileum",
                            daysAgo(-20)))
                    .order(Ehr.adalimumabOrder());
            Scenario mohs = scenario().patient(patient("1960-01-01"))
                    .record(surgery("17311", "http://www.ama-assn.org/go/cpt", "Mohs micrographic technique", daysAgo(-5)))
                    .order(Ehr.adalimumabOrder());

            assertThat(hemicolectomy.finding(SURGERY).orElseThrow().indicator()).isEqualTo(Indicator.INFO);
            assertThat(mohs.finding(SURGERY)).isEmpty();
        }

        @Test
        void longProcedureNameWithTheLongestDrugName_staysUnder140Characters_keepingTheDueDate() {
            Scenario s = scenario().patient(patient("1960-01-01"))
                    .record(surgery("27447", "http://www.ama-assn.org/go/cpt",
                            "Arthroplasty, knee, condyle and plateau; medial AND lateral compartments with or without patella resurfacing",
                            daysAgo(-9)))
                    .order(Ehr.certolizumabOrder());

            Finding f = s.finding(SURGERY).orElseThrow();
            assertThat(f.summary()).hasSizeLessThan(140).startsWith("Arthroplasty, knee")
                    .endsWith("certolizumab pegol dosing interval (next dose due " + daysAgo(-14) + ")");
        }

        @Test
        void surgeryIn29Days_isOutsideTheWindow() {
            Scenario s = scenario().patient(patient("1960-01-01"))
                    .record(surgery("27447", "http://www.ama-assn.org/go/cpt", "Total knee arthroplasty", daysAgo(-29)))
                    .order(Ehr.adalimumabOrder());

            assertThat(s.finding(SURGERY)).isEmpty();
        }
    }
}

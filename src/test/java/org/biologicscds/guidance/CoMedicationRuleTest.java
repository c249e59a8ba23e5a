package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.TODAY_DATE;
import static org.biologicscds.guidance.Ehr.adalimumabOrder;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.infliximabOrder;
import static org.biologicscds.guidance.Ehr.medicationRequest;
import static org.biologicscds.guidance.Ehr.medicationStatement;
import static org.biologicscds.guidance.Ehr.scenario;

import org.biologicscds.hooks.Indicator;
import org.biologicscds.testing.Scenario;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Co-medication: methotrexate-combination (info, per-drug advice), immunosuppressant-combination
 * (warning) and conventional-systemic-overlap (infliximab only, with a stop date 4 weeks out).
 */
class CoMedicationRuleTest {

    private static final String MTX = "methotrexate-combination";
    private static final String IMMUNO = "immunosuppressant-combination";
    private static final String OVERLAP = "conventional-systemic-overlap";

    static String methotrexate(String status, String authoredOn) {
        return medicationRequest("mtx-1", "105586", "methotrexate 10 MG Oral Tablet", status, authoredOn);
    }

    static String cyclosporine(String status) {
        return medicationRequest("csa-1", "328160", "Cyclosporine 100 MG Oral Capsule", status, daysAgo(120));
    }

    @Nested
    class Methotrexate {

        @Test
        void activeMethotrexateWithInfliximab_isInfo_withInfliximabAdvice() {
            Scenario s = scenario().record(methotrexate("active", daysAgo(200))).order(infliximabOrder());

            Finding f = s.finding(MTX).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("Methotrexate is active with infliximab: review the dose and infection risk")
                    .hasSizeLessThan(140);
            assertThat(f.facts()).containsExactly(
                    "Active: methotrexate 10 MG Oral Tablet (active MedicationRequest since " + daysAgo(200) + ")");
            assertThat(f.nextStep()).contains("smallest effective dose").contains("anti-drug antibodies");
            assertThat(s.ruleIds()).doesNotContain(IMMUNO, OVERLAP);
        }

        @Test
        void activeMethotrexateWithSecukinumab_isInfo_withIl17Advice() {
            Scenario s = scenario().record(methotrexate("active", daysAgo(200))).order(Ehr.secukinumabOrder());

            Finding f = s.finding(MTX).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).contains("secukinumab");
            assertThat(f.nextStep()).isEqualTo(
                    "The label allows secukinumab with methotrexate in psoriatic arthritis; monitor for infection.");
        }

        @Test
        void activeMethotrexateWithNetakimabTextOrder_getsIl17Advice() {
            Scenario s = scenario().record(methotrexate("active", daysAgo(200))).order(Ehr.netakimabOrder());

            assertThat(s.finding(MTX).orElseThrow().nextStep()).startsWith("The label allows netakimab with methotrexate");
        }

        @Test
        void activeMethotrexateWithUstekinumab_getsDefaultAdvice() {
            Scenario s = scenario().record(methotrexate("active", daysAgo(200))).order(Ehr.ustekinumabOrder());

            assertThat(s.finding(MTX).orElseThrow().nextStep())
                    .startsWith("Combination is common in psoriatic and rheumatoid arthritis");
        }

        @Test
        void methotrexateCompletedTwoYearsAgo_noFinding() {
            Scenario s = scenario().record(methotrexate("completed", "2024-10-01")).order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(MTX);
        }

        @Test
        void methotrexateStopped_noFinding() {
            Scenario s = scenario().record(methotrexate("stopped", daysAgo(400))).order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(MTX);
        }

        @Test
        void methotrexateEnteredInError_noFinding() {
            Scenario s = scenario().record(methotrexate("entered-in-error", daysAgo(20))).order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(MTX);
        }

        @Test
        void methotrexateOnHold_counts() {
            Scenario s = scenario().record(methotrexate("on-hold", daysAgo(90))).order(infliximabOrder());

            Finding f = s.finding(MTX).orElseThrow();
            assertThat(f.facts()).singleElement().asString().contains("on-hold MedicationRequest");
        }

        @Test
        void activeMethotrexateWhoseValidityPeriodEndedLastMonth_noFinding() {
            String expired = """
                    {"resourceType":"MedicationRequest","id":"mtx-1","status":"active","intent":"order",
                     "subject":{"reference":"Patient/pt-1"},"authoredOn":"%s",
                     "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                       "code":"105586","display":"methotrexate 10 MG Oral Tablet"}]},
                     "dispenseRequest":{"validityPeriod":{"start":"%s","end":"%s"}}}
                    """.formatted(daysAgo(400), daysAgo(400), daysAgo(30));
            Scenario s = scenario().record(expired).order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(MTX);
        }

        @Test
        void methotrexateStatementStillActiveButPeriodEndedLastMonth_noFinding() {
            Scenario s = scenario()
                    .record(medicationStatement("mtx-st", "105586", "methotrexate 10 MG Oral Tablet", "active",
                            daysAgo(300), daysAgo(30)))
                    .order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(MTX);
        }

        @Test
        void methotrexateStatementCompletedPeriodEndedLastMonth_noFinding() {
            Scenario s = scenario()
                    .record(medicationStatement("mtx-st", "105586", "methotrexate 10 MG Oral Tablet", "completed",
                            daysAgo(300), daysAgo(30)))
                    .order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(MTX);
        }

        @Test
        void methotrexateStatementActiveOpenPeriod_counts() {
            Scenario s = scenario()
                    .record(medicationStatement("mtx-st", "6851", "methotrexate", "active", daysAgo(300), null))
                    .order(infliximabOrder());

            assertThat(s.finding(MTX).orElseThrow().facts()).singleElement().asString()
                    .contains("active MedicationStatement since " + daysAgo(300));
        }

        @Test
        void methotrexateStatementPeriodEndsNextMonth_counts() {
            Scenario s = scenario()
                    .record(medicationStatement("mtx-st", "6851", "methotrexate", "active", daysAgo(300), daysAgo(-30)))
                    .order(infliximabOrder());

            assertThat(s.ruleIds()).contains(MTX);
        }

        @Test
        void methotrexateAsAnotherDraftOfTheSameOrder_counts() {
            String methotrexateDraft = """
                    {"resourceType":"MedicationRequest","id":"draft-2","status":"draft","intent":"order",
                     "subject":{"reference":"Patient/pt-1"},
                     "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                       "code":"105586","display":"methotrexate 10 MG Oral Tablet"}],"text":"methotrexate 10 MG Oral Tablet"}}
                    """;
            Scenario s = scenario().order(infliximabOrder()).order(methotrexateDraft);

            Finding f = s.finding(MTX).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.facts()).singleElement().asString().contains("draft order in this request");
        }

        @Test
        void methotrexateOnlyAsTextInAStatement_counts() {
            String statement = """
                    {"resourceType":"MedicationStatement","id":"mtx-st","status":"active",
                     "subject":{"reference":"Patient/pt-1"},
                     "medicationCodeableConcept":{"text":"MTX 15 mg weekly (patient reported)"},
                     "effectiveDateTime":"%s"}
                    """.formatted(daysAgo(60));
            Scenario s = scenario().record(statement).order(infliximabOrder());

            assertThat(s.finding(MTX).orElseThrow().facts()).singleElement().asString().contains("MTX 15 mg weekly");
        }

        @Test
        void methotrexateAsContainedMedication_counts() {
            String request = """
                    {"resourceType":"MedicationRequest","id":"mtx-1","status":"active","intent":"order",
                     "contained":[{"resourceType":"Medication","id":"med",
                       "code":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"1441425",
                         "display":"methotrexate 62.5 MG/ML Auto-Injector"}],"text":"Otrexup 25 mg/0.4 mL auto-injector"}}],
                     "subject":{"reference":"Patient/pt-1"},"authoredOn":"%s",
                     "medicationReference":{"reference":"#med"}}
                    """.formatted(daysAgo(50));
            Scenario s = scenario().record(request).order(infliximabOrder());

            assertThat(s.finding(MTX).orElseThrow().facts()).singleElement().asString().contains("Otrexup");
        }
    }

    @Nested
    class Immunosuppressants {

        @Test
        void activeCyclosporineWithInfliximab_isOverlapInfoWithStopDate_whichOwnsTheFact() {
            Scenario s = scenario().record(cyclosporine("active")).order(infliximabOrder());

            // clinical-v2.md 1.1: conventional-systemic-overlap owns "cyclosporine active at a biologic
            // start for psoriasis"; immunosuppressant-combination says nothing more about it
            assertThat(s.ruleIds()).doesNotContain(IMMUNO);
            Finding overlap = s.finding(OVERLAP).orElseThrow();
            String stopDate = TODAY_DATE.plusWeeks(4).toString();
            assertThat(overlap.indicator()).isEqualTo(Indicator.INFO);
            assertThat(overlap.summary()).contains("Cyclosporine").contains("4 weeks").hasSizeLessThan(140);
            assertThat(overlap.nextStep()).contains("by " + stopDate).contains("infliximab");
            assertThat(overlap.facts()).singleElement().asString().contains("Cyclosporine 100 MG Oral Capsule");
            assertThat(s.ruleIds()).doesNotContain(MTX);
        }

        @Test
        void activeCyclosporineWithAdalimumab_immunosuppressantWarningText() {
            Scenario s = scenario().record(cyclosporine("active")).order(adalimumabOrder());

            Finding combination = s.finding(IMMUNO).orElseThrow();
            assertThat(combination.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(combination.summary())
                    .isEqualTo("Cyclosporine 100 MG Oral Capsule is active: adding adalimumab raises the infection risk")
                    .hasSizeLessThan(140);
            assertThat(combination.nextStep()).contains("taper or stop the immunosuppressant once adalimumab works");
        }

        @Test
        void activeCyclosporineWithAdalimumab_isImmunosuppressantWarning_butNoOverlap() {
            Scenario s = scenario().record(cyclosporine("active")).order(adalimumabOrder());

            assertThat(s.finding(IMMUNO).orElseThrow().indicator()).isEqualTo(Indicator.WARNING);
            assertThat(s.ruleIds()).doesNotContain(OVERLAP);
        }

        @Test
        void cyclosporineStopped_noFinding() {
            Scenario s = scenario().record(cyclosporine("stopped")).order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(IMMUNO, OVERLAP);
        }

        @Test
        void longProductNameIsShortenedInTheSummary() {
            Scenario s = scenario()
                    .record(medicationRequest("csa-1", "212844", "5 ML Cyclosporine 50 MG/ML Injection [Sandimmune]",
                            "active", daysAgo(10)))
                    .order(adalimumabOrder());

            Finding f = s.finding(IMMUNO).orElseThrow();
            assertThat(f.summary()).contains("…").doesNotContain("[Sandimmune]").hasSizeLessThan(140);
            assertThat(f.facts()).singleElement().asString().contains("[Sandimmune]");
        }

        @Test
        void activeTacrolimusWithSecukinumab_isImmunosuppressantWarning() {
            Scenario s = scenario()
                    .record(medicationStatement("tac-1", "42316", "tacrolimus", "active", daysAgo(700), null))
                    .order(Ehr.secukinumabOrder());

            assertThat(s.finding(IMMUNO).orElseThrow().summary()).startsWith("Tacrolimus is active");
            assertThat(s.ruleIds()).doesNotContain(OVERLAP);
        }

        @Test
        void activeApremilastWithInfliximab_isOverlapOnly() {
            Scenario s = scenario()
                    .record(medicationRequest("apr-1", "1492727", "apremilast", "active", daysAgo(60)))
                    .order(infliximabOrder());

            assertThat(s.ruleIds()).contains(OVERLAP).doesNotContain(IMMUNO, MTX);
        }

        @Test
        void hydroxychloroquine_isNotAnImmunosuppressantForThisRule() {
            Scenario s = scenario()
                    .record(medicationRequest("hcq-1", "5521", "hydroxychloroquine", "active", daysAgo(60)))
                    .order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(IMMUNO, OVERLAP, MTX);
        }
    }
}

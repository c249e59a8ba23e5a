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
 * Co-medication, forward direction (clinical-v2.md 3.3): methotrexate-combination (info once per course,
 * none where methotrexate is recommended or labelled co-therapy), immunosuppressant-combination tiers,
 * conventional-systemic-overlap (biologic start for psoriasis/PsA, stop date 4 weeks out; acitretin
 * wording) and hstcl-thiopurine (male under 35 warning, female under 35 with IBD info, 35 and over none).
 */
class CoMedicationRuleTest {

    private static final String MTX = "methotrexate-combination";
    private static final String IMMUNO = "immunosuppressant-combination";
    private static final String OVERLAP = "conventional-systemic-overlap";
    private static final String HSTCL = "hstcl-thiopurine";

    static String methotrexate(String status, String authoredOn) {
        return medicationRequest("mtx-1", "105586", "methotrexate 10 MG Oral Tablet", status, authoredOn);
    }

    static String psoriasis() {
        return Ehr.condition("pso-1", Ehr.SNOMED, "200965009", "Chronic plaque psoriasis", "active", "2010-05-01");
    }

    static String psoriaticArthritis() {
        return Ehr.condition("psa-1", Ehr.ICD10, "L40.50", "Arthropathic psoriasis, unspecified", "active", "2015-05-01");
    }

    static String rheumatoidArthritis() {
        return Ehr.condition("ra-1", Ehr.ICD10, "M06.9", "Rheumatoid arthritis, unspecified", "active", "2012-05-01");
    }

    static String crohns() {
        return Ehr.condition("cd-1", Ehr.SNOMED, "34000006", "Crohn's disease", "active", "2018-05-01");
    }

    static String etanerceptOrder() {
        return Ehr.order("214555", "etanercept");
    }

    static String patient(String gender, int age) {
        return """
                {"resourceType":"Patient","id":"pt-1","gender":"%s","birthDate":"%s"}
                """.formatted(gender, TODAY_DATE.minusYears(age).minusDays(10));
    }

    static String azathioprine() {
        return medicationRequest("aza-1", "197388", "Azathioprine 50 MG Oral Tablet", "active", daysAgo(300));
    }

    static String cyclosporine(String status) {
        return medicationRequest("csa-1", "328160", "Cyclosporine 100 MG Oral Capsule", status, daysAgo(120));
    }

    @Nested
    class Methotrexate {

        @Test
        void activeMethotrexateWithUstekinumabForPsoriasis_isInfo_combinationAllowed() {
            Scenario s = scenario().record(psoriasis(), methotrexate("active", daysAgo(200))).order(Ehr.ustekinumabOrder());

            Finding f = s.finding(MTX).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary())
                    .isEqualTo("Methotrexate 10 MG Oral Tablet with ustekinumab: combination allowed; monitor for infection")
                    .hasSizeLessThan(140);
            assertThat(f.facts()).containsExactly(
                    "Active: methotrexate 10 MG Oral Tablet (active MedicationRequest since " + daysAgo(200) + ")");
            assertThat(f.nextStep()).contains("lowest effective methotrexate dose");
            assertThat(s.ruleIds()).doesNotContain(IMMUNO, OVERLAP);
        }

        @Test
        void methotrexateWithInfliximab_anyIndication_noCard_recommendedCoTherapy() {
            // clinical-v2.md 3.3 / scenario 28: TNF antibodies take methotrexate as co-therapy in any indication
            assertThat(scenario().record(methotrexate("active", daysAgo(200))).order(infliximabOrder()).ruleIds())
                    .doesNotContain(MTX);
            assertThat(scenario().record(crohns(), methotrexate("active", daysAgo(200))).order(adalimumabOrder()).ruleIds())
                    .doesNotContain(MTX);
        }

        @Test
        void methotrexateWithEtanercept_noCardInRheumatoidArthritis_infoInPsoriasis() {
            assertThat(scenario().record(rheumatoidArthritis(), methotrexate("active", daysAgo(200)))
                    .order(etanerceptOrder()).ruleIds()).doesNotContain(MTX);
            assertThat(scenario().record(psoriasis(), methotrexate("active", daysAgo(200)))
                    .order(etanerceptOrder()).finding(MTX).orElseThrow().indicator()).isEqualTo(Indicator.INFO);
        }

        @Test
        void methotrexateWithIxekizumab_noCardInPsoriaticArthritis_amendment20_infoInPsoriasis() {
            assertThat(scenario().record(psoriaticArthritis(), methotrexate("active", daysAgo(200)))
                    .order(Ehr.ixekizumabOrder()).ruleIds()).doesNotContain(MTX);
            assertThat(scenario().record(psoriasis(), methotrexate("active", daysAgo(200)))
                    .order(Ehr.ixekizumabOrder()).ruleIds()).contains(MTX);
        }

        @Test
        void methotrexateWithNetakimabTextOrderInPsoriaticArthritis_noCard_labelNamesIt() {
            assertThat(scenario().record(psoriaticArthritis(), methotrexate("active", daysAgo(200)))
                    .order(Ehr.netakimabOrder()).ruleIds()).doesNotContain(MTX);
        }

        @Test
        void reasonCodeOnTheOrderDecidesTheIndication_overTheProblemList() {
            // PsA and psoriasis both on the list; the order says psoriasis: ixekizumab + methotrexate is not
            // its labelled psoriasis co-therapy, so the card shows
            String order = """
                    {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                     "subject":{"reference":"Patient/pt-1"},
                     "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                       "code":"1745099","display":"ixekizumab"}]},
                     "reasonCode":[{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"L40.0",
                       "display":"Psoriasis vulgaris"}]}]}
                    """;
            assertThat(scenario().record(psoriaticArthritis(), psoriasis(), methotrexate("active", daysAgo(200)))
                    .order(order).ruleIds()).contains(MTX);
        }

        @Test
        void reasonCodeThatNamesNoIndication_theProblemListDecides() {
            String order = """
                    {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                     "subject":{"reference":"Patient/pt-1"},
                     "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                       "code":"214555","display":"etanercept"}]},
                     "reasonCode":[{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"Z79.899",
                       "display":"Other long term (current) drug therapy"}]}]}
                    """;
            assertThat(scenario().record(rheumatoidArthritis(), methotrexate("active", daysAgo(200))).order(order).ruleIds())
                    .doesNotContain(MTX);
        }

        @Test
        void methotrexateWithMaintenanceUstekinumab_noCard_oncePerCourse() {
            Scenario s = scenario().record(psoriasis(), methotrexate("active", daysAgo(200)),
                            medicationRequest("ust-1", "847083", "ustekinumab", "active", daysAgo(60)))
                    .order(Ehr.ustekinumabOrder());

            assertThat(s.ruleIds()).doesNotContain(MTX);
        }

        @Test
        void methotrexateCompletedTwoYearsAgo_noFinding() {
            Scenario s = scenario().record(methotrexate("completed", "2024-10-01")).order(Ehr.ustekinumabOrder());

            assertThat(s.ruleIds()).doesNotContain(MTX);
        }

        @Test
        void methotrexateStopped_noFinding() {
            Scenario s = scenario().record(methotrexate("stopped", daysAgo(400))).order(Ehr.ustekinumabOrder());

            assertThat(s.ruleIds()).doesNotContain(MTX);
        }

        @Test
        void methotrexateEnteredInError_noFinding() {
            Scenario s = scenario().record(methotrexate("entered-in-error", daysAgo(20))).order(Ehr.ustekinumabOrder());

            assertThat(s.ruleIds()).doesNotContain(MTX);
        }

        @Test
        void methotrexateOnHold_counts() {
            Scenario s = scenario().record(methotrexate("on-hold", daysAgo(90))).order(Ehr.ustekinumabOrder());

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
            Scenario s = scenario().record(expired).order(Ehr.ustekinumabOrder());

            assertThat(s.ruleIds()).doesNotContain(MTX);
        }

        @Test
        void methotrexateStatementStillActiveButPeriodEndedLastMonth_noFinding() {
            Scenario s = scenario()
                    .record(medicationStatement("mtx-st", "105586", "methotrexate 10 MG Oral Tablet", "active",
                            daysAgo(300), daysAgo(30)))
                    .order(Ehr.ustekinumabOrder());

            assertThat(s.ruleIds()).doesNotContain(MTX);
        }

        @Test
        void methotrexateStatementCompletedPeriodEndedLastMonth_noFinding() {
            Scenario s = scenario()
                    .record(medicationStatement("mtx-st", "105586", "methotrexate 10 MG Oral Tablet", "completed",
                            daysAgo(300), daysAgo(30)))
                    .order(Ehr.ustekinumabOrder());

            assertThat(s.ruleIds()).doesNotContain(MTX);
        }

        @Test
        void methotrexateStatementActiveOpenPeriod_counts() {
            Scenario s = scenario()
                    .record(medicationStatement("mtx-st", "6851", "methotrexate", "active", daysAgo(300), null))
                    .order(Ehr.ustekinumabOrder());

            assertThat(s.finding(MTX).orElseThrow().facts()).singleElement().asString()
                    .contains("active MedicationStatement since " + daysAgo(300));
        }

        @Test
        void methotrexateStatementPeriodEndsNextMonth_counts() {
            Scenario s = scenario()
                    .record(medicationStatement("mtx-st", "6851", "methotrexate", "active", daysAgo(300), daysAgo(-30)))
                    .order(Ehr.ustekinumabOrder());

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
            Scenario s = scenario().order(Ehr.ustekinumabOrder()).order(methotrexateDraft);

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
            Scenario s = scenario().record(statement).order(Ehr.ustekinumabOrder());

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
            Scenario s = scenario().record(request).order(Ehr.ustekinumabOrder());

            assertThat(s.finding(MTX).orElseThrow().facts()).singleElement().asString().contains("Otrexup");
        }
    }

    @Nested
    class Immunosuppressants {

        @Test
        void activeCyclosporineWithInfliximabForPsoriasis_isOverlapInfoWithStopDate_whichOwnsTheFact() {
            Scenario s = scenario().record(psoriasis(), cyclosporine("active")).order(infliximabOrder());

            // clinical-v2.md 1.1 / scenario 36: conventional-systemic-overlap owns "cyclosporine active at a
            // biologic start for psoriasis"; the immunosuppressant card it would duplicate is withheld
            assertThat(s.ruleIds()).contains(OVERLAP).doesNotContain(IMMUNO, MTX);
            Finding overlap = s.finding(OVERLAP).orElseThrow();
            String stopDate = TODAY_DATE.plusWeeks(4).toString();
            assertThat(overlap.indicator()).isEqualTo(Indicator.INFO);
            assertThat(overlap.summary()).isEqualTo("Cyclosporine 100 MG Oral Capsule active: plan to stop it by "
                    + stopDate + ", 4 weeks after starting infliximab").hasSizeLessThan(140);
            assertThat(overlap.nextStep()).contains("by " + stopDate).contains("infliximab");
        }

        @Test
        void activeCyclosporineWithAdalimumabForRheumatoidArthritis_isImmunosuppressantWarning_noOverlap() {
            Scenario s = scenario().record(rheumatoidArthritis(), cyclosporine("active")).order(adalimumabOrder());

            Finding combination = s.finding(IMMUNO).orElseThrow();
            assertThat(combination.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(combination.summary()).isEqualTo(
                    "Cyclosporine 100 MG Oral Capsule with adalimumab: additive immunosuppression, higher infection risk")
                    .hasSizeLessThan(140);
            assertThat(combination.nextStep()).contains("taper or stop the immunosuppressant once adalimumab works");
            assertThat(s.ruleIds()).doesNotContain(OVERLAP);
        }

        @Test
        void activeCyclosporineWithMaintenanceSecukinumabForPsoriasis_isImmunosuppressantWarning_overlapOnlyAtStart() {
            Scenario s = scenario().record(psoriasis(), cyclosporine("active"),
                            medicationRequest("sec-1", "1599788", "secukinumab", "active", daysAgo(40)))
                    .order(Ehr.secukinumabOrder());

            assertThat(s.finding(IMMUNO).orElseThrow().indicator()).isEqualTo(Indicator.WARNING);
            assertThat(s.ruleIds()).doesNotContain(OVERLAP);
        }

        @Test
        void cyclosporineStopped_noFinding() {
            Scenario s = scenario().record(psoriasis(), cyclosporine("stopped")).order(infliximabOrder());

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

            assertThat(s.finding(IMMUNO).orElseThrow().summary()).startsWith("Tacrolimus with secukinumab");
            assertThat(s.ruleIds()).doesNotContain(OVERLAP);
        }

        @Test
        void topicalTacrolimus_isNotSystemic_noFinding() {
            Scenario s = scenario()
                    .record(medicationRequest("tac-1", "261291", "tacrolimus 0.1 % Topical Ointment", "active", daysAgo(30)))
                    .order(Ehr.secukinumabOrder());

            assertThat(s.ruleIds()).doesNotContain(IMMUNO);
        }

        @Test
        void azathioprineWithInfliximabInCrohns_noCard_sonic() {
            Scenario s = scenario().patient(patient("male", 45)).record(crohns(), azathioprine()).order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(IMMUNO, HSTCL);
        }

        @Test
        void azathioprineWithUstekinumabInCrohns_isInfoAtTheStart_noneInMaintenance() {
            Scenario start = scenario().record(crohns(), azathioprine()).order(Ehr.ustekinumabOrder());
            assertThat(start.finding(IMMUNO).orElseThrow().indicator()).isEqualTo(Indicator.INFO);

            Scenario maintenance = scenario().record(crohns(), azathioprine(),
                    medicationRequest("ust-1", "847083", "ustekinumab", "active", daysAgo(50))).order(Ehr.ustekinumabOrder());
            assertThat(maintenance.ruleIds()).doesNotContain(IMMUNO);
        }

        @Test
        void azathioprineWithAdalimumabOutsideIbd_isWarning_andAWomanUnder35GetsTheHstclLineInIt() {
            Scenario s = scenario().patient(patient("female", 30)).record(rheumatoidArthritis(), azathioprine())
                    .order(adalimumabOrder());

            Finding f = s.finding(IMMUNO).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.facts()).anySatisfy(line -> assertThat(line).contains("hepatosplenic T-cell lymphoma"));
            assertThat(s.ruleIds()).doesNotContain(HSTCL);
        }

        @Test
        void leflunomideWithEtanerceptInRheumatoidArthritis_noCard_infoWithSecukinumabInPsoriasis() {
            String leflunomide = medicationRequest("lef-1", "27169", "leflunomide", "active", daysAgo(300));
            assertThat(scenario().record(rheumatoidArthritis(), leflunomide).order(etanerceptOrder()).ruleIds())
                    .doesNotContain(IMMUNO);
            assertThat(scenario().record(psoriasis(), leflunomide).order(Ehr.secukinumabOrder()).finding(IMMUNO)
                    .orElseThrow().indicator()).isEqualTo(Indicator.INFO);
        }

        @Test
        void activeApremilastWithAdalimumabForPsoriasis_isOverlapOnly() {
            Scenario s = scenario().record(psoriasis(),
                            medicationRequest("apr-1", "1492727", "apremilast", "active", daysAgo(60)))
                    .order(adalimumabOrder());

            assertThat(s.ruleIds()).contains(OVERLAP).doesNotContain(IMMUNO, MTX);
        }

        @Test
        void acitretinWithSecukinumabForPsoriasis_isCombinationPossibleWording() {
            String acitretin = """
                    {"resourceType":"MedicationStatement","id":"aci-1","status":"active",
                     "subject":{"reference":"Patient/pt-1"},
                     "medicationCodeableConcept":{"text":"Acitretin 25 mg capsule daily"},
                     "effectivePeriod":{"start":"%s"}}
                    """.formatted(daysAgo(200));
            Finding f = scenario().record(psoriasis(), acitretin).order(Ehr.secukinumabOrder()).finding(OVERLAP).orElseThrow();

            assertThat(f.summary()).isEqualTo("Acitretin with secukinumab: combination possible; confirm the need and contraception");
            assertThat(f.nextStep()).contains("contraception");
        }

        @Test
        void hydroxychloroquine_isNotAnImmunosuppressantForThisRule() {
            Scenario s = scenario()
                    .record(medicationRequest("hcq-1", "5521", "hydroxychloroquine", "active", daysAgo(60)))
                    .order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(IMMUNO, OVERLAP, MTX);
        }
    }

    /** hstcl-thiopurine: male under 35 warning, female under 35 with IBD info once per course, 35 and over none. */
    @Nested
    class Hstcl {

        @Test
        void maleAged34WithAzathioprineAndInfliximabInCrohns_isWarning_namingMethotrexateAndEbv() {
            Scenario s = scenario().patient(patient("male", 34)).record(crohns(), azathioprine()).order(infliximabOrder());

            Finding f = s.finding(HSTCL).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("Azathioprine 50 MG Oral Tablet with infliximab in a 34-year-old male: "
                    + "HSTCL risk; consider methotrexate instead").hasSizeLessThan(140);
            assertThat(f.nextStep()).contains("SONIC").contains("methotrexate").contains("EBV");
            assertThat(s.ruleIds()).doesNotContain(IMMUNO);
        }

        @Test
        void maleAged35_noCard() {
            Scenario s = scenario().patient(patient("male", 35)).record(crohns(), azathioprine()).order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(HSTCL, IMMUNO);
        }

        @Test
        void maleAged28OutsideIbd_hstclOwnsTheThiopurine_noImmunosuppressantCard() {
            Scenario s = scenario().patient(patient("male", 28)).record(rheumatoidArthritis(), azathioprine())
                    .order(adalimumabOrder());

            assertThat(s.finding(HSTCL).orElseThrow().indicator()).isEqualTo(Indicator.WARNING);
            assertThat(s.ruleIds()).doesNotContain(IMMUNO);
        }

        @Test
        void femaleAged30InCrohns_isInfoAtTheStart_noneInMaintenance() {
            Scenario start = scenario().patient(patient("female", 30)).record(crohns(), azathioprine())
                    .order(infliximabOrder());
            assertThat(start.finding(HSTCL).orElseThrow().indicator()).isEqualTo(Indicator.INFO);

            Scenario maintenance = scenario().patient(patient("female", 30)).record(crohns(), azathioprine(),
                    medicationRequest("ifx-1", "1790546", "infliximab-dyyb 100 MG Injection [Inflectra]", "active",
                            daysAgo(50))).order(infliximabOrder());
            assertThat(maintenance.ruleIds()).doesNotContain(HSTCL, IMMUNO);
        }

        @Test
        void thiopurineWithUstekinumab_isNotATnfInhibitor_noHstclCard() {
            Scenario s = scenario().patient(patient("male", 22)).record(crohns(), azathioprine())
                    .order(Ehr.ustekinumabOrder());

            assertThat(s.ruleIds()).doesNotContain(HSTCL);
        }
    }
}

package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.ICD10;
import static org.biologicscds.guidance.Ehr.SNOMED;
import static org.biologicscds.guidance.Ehr.condition;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.daysAgoDate;
import static org.biologicscds.guidance.Ehr.infliximabOrder;
import static org.biologicscds.guidance.Ehr.medicationRequest;
import static org.biologicscds.guidance.Ehr.medicationStatement;
import static org.biologicscds.guidance.Ehr.scenario;
import static org.biologicscds.guidance.Ehr.tbRuleIds;

import java.util.List;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.testing.Scenario;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The tuberculosis family: one TB finding per order, the most important of active TB, a positive
 * test (treated, treatment too recent, untreated) and the screening (missing, expired, indeterminate).
 */
class TuberculosisRuleTest {

    // ---- record builders: TB tests as labs send them

    /** QuantiFERON overall interpretation (LOINC 71773-6) with a coded answer. */
    static String igraCoded(String id, String date, String system, String code, String display) {
        return """
                {"resourceType":"Observation","id":"%s","status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"71773-6",
                   "display":"Mycobacterium tuberculosis stimulated gamma interferon [Interpretation] in Blood Qualitative"}],
                   "text":"QuantiFERON-TB Gold Plus"},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueCodeableConcept":{"coding":[{"system":"%s","code":"%s","display":"%s"}]}}
                """.formatted(id, date, system, code, display);
    }

    static String igraPositive(String date) {
        return igraCoded("igra-pos", date, "http://loinc.org", "LA6576-8", "Positive");
    }

    /** QuantiFERON result as free text, as many lab interfaces send it. */
    static String igraString(String id, String date, String status, String value) {
        return """
                {"resourceType":"Observation","id":"%s","status":"%s",
                 "code":{"coding":[{"system":"http://loinc.org","code":"71773-6"}],"text":"QuantiFERON-TB Gold Plus"},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueString":"%s"}
                """.formatted(id, status, date, value);
    }

    /** QuantiFERON-TB Gold Plus TB2 antigen minus nil (LOINC 88517-8), IU/mL, no interpretation flag. */
    static String qftTb2(String date, String value) {
        return """
                {"resourceType":"Observation","id":"qft-tb2","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"88517-8",
                   "display":"M. tuberculosis stimulated gamma interferon release by CD4+ and CD8+ T-cells [Units/volume] corrected for background in Blood"}],
                   "text":"QFT-Plus TB2 Antigen minus Nil"},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueQuantity":{"value":%s,"unit":"IU/mL","system":"http://unitsofmeasure.org","code":"[IU]/mL"}}
                """.formatted(date, value);
    }

    /** T-SPOT.TB panel A (ESAT-6) spot count (LOINC 74278-3). */
    static String tspotEsat6(String date, int spots) {
        return """
                {"resourceType":"Observation","id":"tspot-a","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"74278-3",
                   "display":"Mycobacterium tuberculosis stimulated gamma interferon ESAT-6 Ag spot count [#] in Blood"}],
                   "text":"T-SPOT.TB Panel A (ESAT-6)"},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueQuantity":{"value":%d,"unit":"spots","system":"http://unitsofmeasure.org","code":"{#}"}}
                """.formatted(date, spots);
    }

    /** Tuberculin skin test induration (LOINC 1648-5) as a Quantity; {@code interpretation} may be null. */
    static String tst(String date, String value, String ucum, String interpretation) {
        return """
                {"resourceType":"Observation","id":"tst-1","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"1648-5",
                   "display":"Tuberculosis reaction wheal [Diameter] --3 days post 5 TU intradermal"}],"text":"PPD (Mantoux) read"},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueQuantity":{"value":%s,"unit":"%s","system":"http://unitsofmeasure.org","code":"%s"}%s}
                """.formatted(date, value, ucum, ucum, interpretation == null ? "" : """
                ,"interpretation":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
                  "code":"%s"}]}]""".formatted(interpretation));
    }

    static String isoniazid(String status, String authoredOn) {
        return medicationRequest("inh-1", "6038", "isoniazid 300 MG Oral Tablet", status, authoredOn);
    }

    private static Finding only(Scenario scenario, String ruleId) {
        List<Finding> findings = scenario.findings();
        assertThat(tbRuleIds(findings)).containsExactly(ruleId);
        return scenario.finding(ruleId).orElseThrow();
    }

    // ---- active TB

    @Nested
    class ActiveTuberculosis {

        @Test
        void activeTbConditionWithPositiveIgra_isCriticalTbActiveAndNoOtherTbFinding() {
            Scenario s = scenario()
                    .record(condition("tb-1", SNOMED, "427099000", "Active tuberculosis", "active", daysAgo(20)),
                            igraPositive(daysAgo(25)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-active");

            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).isEqualTo("Active tuberculosis on record (Active tuberculosis, " + daysAgo(20)
                    + "): do not give infliximab");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact)
                    .contains("Active tuberculosis").contains(daysAgo(20)).contains("active"));
            assertThat(f.nextStep()).contains("Treat active TB first");
        }

        @Test
        void ripeRegimenActiveWithoutADiagnosis_isTbActive() {
            // Isoniazid, rifampicin, pyrazinamide and ethambutol together treat active TB, not latent TB.
            Scenario s = scenario()
                    .record(isoniazid("active", daysAgo(12)),
                            medicationRequest("rif-1", "9384", "rifampin 300 MG Oral Capsule", "active", daysAgo(12)),
                            """
                            {"resourceType":"MedicationRequest","id":"pza-1","status":"active","intent":"order",
                             "subject":{"reference":"Patient/pt-1"},"authoredOn":"%s",
                             "medicationCodeableConcept":{"text":"pyrazinamide 500 mg tablet"}}""".formatted(daysAgo(12)),
                            """
                            {"resourceType":"MedicationRequest","id":"emb-1","status":"active","intent":"order",
                             "subject":{"reference":"Patient/pt-1"},"authoredOn":"%s",
                             "medicationCodeableConcept":{"text":"ethambutol 400 mg tablet"}}""".formatted(daysAgo(12)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-active");
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).isEqualTo("Active tuberculosis on record (4 anti-TB drugs, since " + daysAgo(12)
                    + "): do not give infliximab");
        }

        @Test
        void isoniazidAndRifampinForLatentTb_noPyrazinamide_isNotTbActive() {
            Scenario s = scenario()
                    .record(igraPositive(daysAgo(60)), isoniazid("active", daysAgo(40)),
                            medicationRequest("rif-1", "9384", "rifampin 300 MG Oral Capsule", "active", daysAgo(40)))
                    .order(infliximabOrder());

            assertThat(only(s, "tb-positive-treated").summary()).contains("3HR since " + daysAgo(40));
        }

        @Test
        void pulmonaryTbIcd10WithoutClinicalStatus_isTbActive() {
            Scenario s = scenario()
                    .record(condition("tb-1", ICD10, "A15.0", "Tuberculosis of lung", null, daysAgo(5)))
                    .order(infliximabOrder());

            assertThat(only(s, "tb-active").indicator()).isEqualTo(Indicator.CRITICAL);
        }

        @Test
        void pulmonaryTbResolvedYearsAgo_isNotTbActive_screeningStillRequired() {
            Scenario s = scenario()
                    .record(condition("tb-1", SNOMED, "154283005", "Pulmonary tuberculosis", "resolved", "2015-03-01"))
                    .order(infliximabOrder());

            assertThat(tbRuleIds(s.findings())).doesNotContain("tb-active").containsExactly("tb-screening-missing");
        }

        @Test
        void activeTbRefuted_isNotTbActive() {
            String refuted = condition("tb-1", SNOMED, "427099000", "Active tuberculosis", "active", daysAgo(20))
                    .replaceFirst("\\}$", """
                            ,"verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status",
                              "code":"refuted"}]}}""");
            Scenario s = scenario().record(refuted, Scenario.negativeIgra(daysAgo(30))).order(infliximabOrder());

            assertThat(tbRuleIds(s.findings())).isEmpty();
        }

        @Test
        void latentTbIcdR7611_textSaysWithoutActiveTuberculosis_isPositiveUntreatedNotTbActive() {
            Scenario s = scenario()
                    .record(condition("ltbi-1", ICD10, "R76.11",
                            "Nonspecific reaction to tuberculin skin test without active tuberculosis", "active", daysAgo(40)))
                    .order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain("tb-active");
            Finding f = only(s, "tb-positive-untreated");
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("Nonspecific reaction to tuberculin skin test"));
        }

        @Test
        void latentTbIcdZ227_isPositiveUntreated() {
            Scenario s = scenario()
                    .record(condition("ltbi-1", ICD10, "Z22.7", "Latent tuberculosis", "active", daysAgo(40)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-positive-untreated");
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("Latent tuberculosis").contains(daysAgo(40)));
        }

        @Test
        void inactiveTuberculosisSnomed11999007_isLatentNotActive() {
            Scenario s = scenario()
                    .record(condition("ltbi-1", SNOMED, "11999007", "Inactive tuberculosis", "inactive", "2019-06-01"))
                    .order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain("tb-active");
            assertThat(only(s, "tb-positive-untreated").indicator()).isEqualTo(Indicator.CRITICAL);
        }
    }

    // ---- reading the test results

    @Nested
    class ReadingResults {

        @Test
        void positiveIgraCodedLA6576_8_withoutLtbiDrug_isPositiveUntreatedCritical() {
            Scenario s = scenario().record(igraPositive(daysAgo(14))).order(infliximabOrder());

            Finding f = only(s, "tb-positive-untreated");
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).isEqualTo("Positive TB test (IGRA, " + daysAgo(14)
                    + ") and no latent TB treatment: treat before starting infliximab");
            assertThat(f.facts()).containsExactly("Positive IGRA (QuantiFERON-TB Gold Plus): Positive on " + daysAgo(14));
            assertThat(f.nextStep()).contains("chest X-ray").contains("at least 28 days");
        }

        @Test
        void positiveIgraSnomed10828004_isPositive() {
            Scenario s = scenario()
                    .record(igraCoded("igra-1", daysAgo(14), SNOMED, "10828004", "Positive"))
                    .order(infliximabOrder());

            assertThat(only(s, "tb-positive-untreated").indicator()).isEqualTo(Indicator.CRITICAL);
        }

        @Test
        void positiveIgraAsValueStringPositive_isPositiveUntreated() {
            Scenario s = scenario().record(igraString("igra-1", daysAgo(3), "final", "Positive")).order(infliximabOrder());

            Finding f = only(s, "tb-positive-untreated");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("Positive on " + daysAgo(3)));
        }

        @Test
        void negativeIgraAsValueStringNegative_isAllClear() {
            Scenario s = scenario().record(igraString("igra-1", daysAgo(3), "final", "Negative")).order(infliximabOrder());

            assertThat(tbRuleIds(s.findings())).isEmpty();
        }

        @Test
        void qftNumberWithInterpretationPos_isPositive_andFactShowsValueAndFlag() {
            String observation = """
                    {"resourceType":"Observation","id":"qft-1","status":"final",
                     "code":{"coding":[{"system":"http://loinc.org","code":"88517-8"}],"text":"QFT-Plus TB2 Antigen minus Nil"},
                     "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                     "valueQuantity":{"value":1.12,"unit":"IU/mL","system":"http://unitsofmeasure.org","code":"[IU]/mL"},
                     "interpretation":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
                       "code":"POS","display":"Positive"}]}]}
                    """.formatted(daysAgo(10));
            Scenario s = scenario().record(observation).order(infliximabOrder());

            Finding f = only(s, "tb-positive-untreated");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("1.12 IU/mL").contains("Positive"));
        }

        @Test
        void qualitativeIgraWithOnlyInterpretationPos_isPositive() {
            String observation = """
                    {"resourceType":"Observation","id":"qft-1","status":"final",
                     "code":{"coding":[{"system":"http://loinc.org","code":"71773-6"}],"text":"QuantiFERON-TB Gold Plus"},
                     "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                     "interpretation":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
                       "code":"POS"}],"text":"Positive"}]}
                    """.formatted(daysAgo(10));
            Scenario s = scenario().record(observation).order(infliximabOrder());

            assertThat(only(s, "tb-positive-untreated").indicator()).isEqualTo(Indicator.CRITICAL);
        }

        @Test
        void qftNumeric0_35_atThreshold_isPositive() {
            Scenario s = scenario().record(qftTb2(daysAgo(10), "0.35")).order(infliximabOrder());

            Finding f = only(s, "tb-positive-untreated");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("0.35 IU/mL").contains(daysAgo(10)));
        }

        @Test
        void qftNumeric0_34_justBelowThreshold_isNegative_allClear() {
            Scenario s = scenario().record(qftTb2(daysAgo(10), "0.34")).order(infliximabOrder());

            assertThat(tbRuleIds(s.findings())).isEmpty();
        }

        @Test
        void qftNumericReportedAsLessThan0_35_isNegative() {
            // Labs report a result under the cut-off as "<0.35 IU/mL": the comparator means "below".
            String observation = """
                    {"resourceType":"Observation","id":"qft-1","status":"final",
                     "code":{"coding":[{"system":"http://loinc.org","code":"88517-8"}],"text":"QFT-Plus TB2 Antigen minus Nil"},
                     "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                     "valueQuantity":{"value":0.35,"comparator":"<","unit":"IU/mL","system":"http://unitsofmeasure.org","code":"[IU]/mL"}}
                    """.formatted(daysAgo(10));
            Scenario s = scenario().record(observation).order(infliximabOrder());

            assertThat(tbRuleIds(s.findings())).doesNotContain("tb-positive-untreated").isEmpty();
        }

        @Test
        void tspotEightSpots_isPositive() {
            Scenario s = scenario().record(tspotEsat6(daysAgo(20), 8)).order(infliximabOrder());

            Finding f = only(s, "tb-positive-untreated");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("8 spots").contains("T-SPOT"));
        }

        @Test
        void tspotFourSpots_isNegative_allClear() {
            Scenario s = scenario().record(tspotEsat6(daysAgo(20), 4)).order(infliximabOrder());

            assertThat(tbRuleIds(s.findings())).isEmpty();
        }

        @Test
        void tspotSixSpots_isBorderline_screeningIndeterminate() {
            Scenario s = scenario().record(tspotEsat6(daysAgo(20), 6)).order(infliximabOrder());

            Finding f = only(s, "tb-screening-indeterminate");
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).startsWith("Indeterminate").contains("6 spots"));
        }

        @Test
        void tstFiveMm_isPositiveForPatientAboutToBeImmunosuppressed() {
            Scenario s = scenario().record(tst(daysAgo(7), "5", "mm", null)).order(infliximabOrder());

            Finding f = only(s, "tb-positive-untreated");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("Tuberculin skin test").contains("5 mm induration"));
        }

        @Test
        void tstFourMm_isNegative_allClear() {
            Scenario s = scenario().record(tst(daysAgo(7), "4", "mm", null)).order(infliximabOrder());

            assertThat(tbRuleIds(s.findings())).isEmpty();
        }

        @Test
        void tstHalfCentimetre_readsAsFiveMm_isPositive() {
            Scenario s = scenario().record(tst(daysAgo(7), "0.5", "cm", null)).order(infliximabOrder());

            Finding f = only(s, "tb-positive-untreated");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("5 mm induration"));
        }

        @Test
        void tstSevenMmFlaggedNegativeByLab_labInterpretationWins_isNegative() {
            // Amendment 11: the laboratory's own interpretation wins over the numeric cut-offs.
            Scenario s = scenario().record(tst(daysAgo(7), "7", "mm", "NEG")).order(infliximabOrder());

            assertThat(tbRuleIds(s.findings())).isEmpty();
        }

        @Test
        void tstSevenMmWithoutInterpretation_isPositiveAtTheFiveMmCutOff() {
            Scenario s = scenario().record(tst(daysAgo(7), "7", "mm", null)).order(infliximabOrder());

            assertThat(only(s, "tb-positive-untreated").facts())
                    .anySatisfy(fact -> assertThat(fact).contains("7 mm induration"));
        }

        @Test
        void oldPositiveIgraAndRecentNegative_positiveStaysPositive() {
            Scenario s = scenario()
                    .record(igraPositive("2021-02-10"), Scenario.negativeIgra(daysAgo(30)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-positive-untreated");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("2021-02-10"));
        }
    }

    // ---- positive test: LTBI treatment

    @Nested
    class LatentTbTreatment {

        /** An LTBI drug as a reconciled MedicationStatement with a period and a sig, as clinics record a finished course. */
        private static String ltbiStatement(String id, String rxcui, String display, String status, String start, String end,
                                            String sig) {
            return """
                    {"resourceType":"MedicationStatement","id":"%s","status":"%s","subject":{"reference":"Patient/pt-1"},
                     "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"%s",
                       "display":"%s"}],"text":"%s"},
                     "effectivePeriod":{"start":"%s"%s},"dosage":[{"text":"%s"}]}
                    """.formatted(id, status, rxcui, display, display, start, end == null ? "" : ",\"end\":\"" + end + "\"", sig);
        }

        /** 1HP: isoniazid 300 mg + rifapentine 600 mg daily, both completed after {@code days} days. */
        private static String[] oneHp(int startDaysAgo, int days) {
            String start = daysAgo(startDaysAgo);
            String end = daysAgoDate(startDaysAgo).plusDays(days).toString();
            return new String[] {
                    ltbiStatement("inh-1hp", "6038", "isoniazid 300 MG Oral Tablet", "completed", start, end, "300 mg by mouth daily"),
                    ltbiStatement("rpt-1hp", "35617", "rifapentine 150 MG Oral Tablet [Priftin]", "completed", start, end,
                            "600 mg by mouth daily")};
        }

        /** One weekly 3HP dose recorded as two administrations (isoniazid and rifapentine) on one day. */
        private static String[] threeHpDose(int n, String date) {
            return new String[] {"""
                    {"resourceType":"MedicationAdministration","id":"inh-3hp-%d","status":"completed","subject":{"reference":"Patient/pt-1"},
                     "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"6038","display":"isoniazid"}]},
                     "effectiveDateTime":"%s"}""".formatted(n, date), """
                    {"resourceType":"MedicationAdministration","id":"rpt-3hp-%d","status":"completed","subject":{"reference":"Patient/pt-1"},
                     "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"35617","display":"rifapentine"}]},
                     "effectiveDateTime":"%s"}""".formatted(n, date)};
        }

        private static Scenario positiveWith(String... ltbi) {
            return scenario().record(igraPositive("2025-06-02")).record(ltbi);
        }

        @Test
        void positiveIgraAndIsoniazidStartedTenDaysAgo_isTreatmentTooRecent_withFirstDoseDate() {
            Scenario s = scenario()
                    .record(igraPositive(daysAgo(20)), isoniazid("active", daysAgo(10)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-ltbi-treatment-too-recent");
            String due = daysAgoDate(10).plusDays(28).toString();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("Latent TB treatment since " + daysAgo(10) + ": start infliximab from " + due);
            assertThat(f.facts()).contains("First dose of infliximab from " + due + " (28 days of LTBI treatment)");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact)
                    .startsWith("LTBI course 6H/9H").contains("under way").contains("isoniazid").contains(daysAgo(10)));
            assertThat(f.nextStep()).contains(due);
        }

        @Test
        void isoniazidStarted27DaysAgo_isStillTooRecent() {
            Scenario s = scenario()
                    .record(igraPositive(daysAgo(40)), isoniazid("active", daysAgo(27)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-ltbi-treatment-too-recent");
            assertThat(f.facts()).contains("First dose of infliximab from " + daysAgo(-1) + " (28 days of LTBI treatment)");
        }

        @Test
        void isoniazidStartedExactly28DaysAgo_isPositiveTreatedInfo_underWay() {
            Scenario s = scenario()
                    .record(igraPositive(daysAgo(40)), isoniazid("active", daysAgo(28)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-positive-treated");
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("Positive TB test; latent TB treatment under way (6H/9H since " + daysAgo(28)
                    + "): complete the course");
        }

        @Test
        void isoniazidCourseStarted90DaysAgoWithRenewalFiveDaysAgo_countsFromTheFirstPrescription() {
            // LTBI courses last months; EHRs write a new MedicationRequest for each renewal.
            Scenario s = scenario()
                    .record(igraPositive(daysAgo(100)),
                            medicationRequest("inh-1", "6038", "isoniazid 300 MG Oral Tablet", "active", daysAgo(90)),
                            medicationRequest("inh-2", "6038", "isoniazid 300 MG Oral Tablet", "active", daysAgo(5)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-positive-treated");
            assertThat(f.summary()).contains("since " + daysAgo(90));
        }

        @Test
        void firstIsoniazidFillCompleted12DaysAfterStartWithRenewalActive_isStillTooRecent() {
            // A completed 10-day fill is not a completed LTBI course: treatment began only 12 days ago.
            Scenario s = scenario()
                    .record(igraPositive(daysAgo(20)),
                            medicationRequest("inh-1", "6038", "isoniazid 300 MG Oral Tablet", "completed", daysAgo(12)),
                            medicationRequest("inh-2", "6038", "isoniazid 300 MG Oral Tablet", "active", daysAgo(2)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-ltbi-treatment-too-recent");
            assertThat(f.facts()).contains(
                    "First dose of infliximab from " + daysAgoDate(12).plusDays(28) + " (28 days of LTBI treatment)");
        }

        @Test
        void isoniazidWithoutStartDate_isTooRecent_firstDoseDateUnknown() {
            Scenario s = scenario()
                    .record(igraPositive(daysAgo(60)), isoniazid("active", null))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-ltbi-treatment-too-recent");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("once its first day is known"));
        }

        @Test
        void oneHpCompletedIn28Days_isPositiveTreated_namingTheRegimen() {
            Scenario s = positiveWith(oneHp(200, 28)).order(infliximabOrder());

            Finding f = only(s, "tb-positive-treated");
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("Prior positive TB test; latent TB treated (1HP, "
                    + daysAgoDate(200).plusDays(28) + "): no repeat IGRA needed");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).startsWith("LTBI course 1HP").contains("28 days")
                    .contains("rifapentine").contains("isoniazid"));
        }

        @Test
        void oneHpStoppedAfter27Days_isPositiveUntreated_sayingWhatIsMissing() {
            Scenario s = positiveWith(oneHp(200, 27)).order(infliximabOrder());

            Finding f = only(s, "tb-positive-untreated");
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.facts()).contains("The LTBI course is not complete: 1HP needs 28 days");
        }

        @Test
        void isoniazidAndRifapentineWithoutADailySig_are3HP_28DaysIsNotEnough() {
            // Without "daily" the record could be weekly 3HP: 28 days of it are 4 doses, not a course.
            String start = daysAgo(200);
            String end = daysAgoDate(200).plusDays(28).toString();
            Scenario s = positiveWith(
                    ltbiStatement("inh-x", "6038", "isoniazid 300 MG Oral Tablet", "completed", start, end, "as directed"),
                    ltbiStatement("rpt-x", "35617", "rifapentine 150 MG Oral Tablet", "completed", start, end, "as directed"))
                    .order(infliximabOrder());

            assertThat(only(s, "tb-positive-untreated").facts())
                    .contains("The LTBI course is not complete: 3HP needs 84 days or 11 doses");
        }

        @Test
        void threeHpElevenWeeklyDosesIn70Days_isComplete() {
            List<String> doses = new java.util.ArrayList<>();
            for (int week = 0; week < 11; week++) {
                doses.addAll(List.of(threeHpDose(week, daysAgo(300 - 7 * week))));
            }
            Scenario s = positiveWith(doses.toArray(String[]::new)).order(infliximabOrder());

            Finding f = only(s, "tb-positive-treated");
            assertThat(f.summary()).contains("(3HP, " + daysAgo(230) + ")");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("11 doses recorded"));
        }

        @Test
        void threeHpTenWeeklyDoses_isNotComplete() {
            List<String> doses = new java.util.ArrayList<>();
            for (int week = 0; week < 10; week++) {
                doses.addAll(List.of(threeHpDose(week, daysAgo(300 - 7 * week))));
            }
            Scenario s = positiveWith(doses.toArray(String[]::new)).order(infliximabOrder());

            assertThat(only(s, "tb-positive-untreated").indicator()).isEqualTo(Indicator.CRITICAL);
        }

        @Test
        void threeHrIsoniazidAndRifampin90Days_isComplete_89IsNot() {
            String start = "2025-07-01";
            Scenario complete = positiveWith(
                    ltbiStatement("inh-hr", "6038", "isoniazid 300 MG Oral Tablet", "completed", start, "2025-09-29", "daily"),
                    ltbiStatement("rif-hr", "9384", "rifampin 300 MG Oral Capsule", "completed", start, "2025-09-29", "daily"))
                    .order(infliximabOrder());
            Scenario shortCourse = positiveWith(
                    ltbiStatement("inh-hr", "6038", "isoniazid 300 MG Oral Tablet", "completed", start, "2025-09-28", "daily"),
                    ltbiStatement("rif-hr", "9384", "rifampin 300 MG Oral Capsule", "completed", start, "2025-09-28", "daily"))
                    .order(infliximabOrder());

            assertThat(only(complete, "tb-positive-treated").summary()).contains("(3HR, 2025-09-29)");
            assertThat(only(shortCourse, "tb-positive-untreated").facts())
                    .contains("The LTBI course is not complete: 3HR needs 90 days");
        }

        @Test
        void fourMonthsRifampin120Days_isComplete_119IsNot() {
            Scenario complete = positiveWith(ltbiStatement("rif-4r", "9384", "rifAMPin 300 MG capsule [Rifadin]", "completed",
                    "2025-06-01", "2025-09-29", "600 mg daily")).order(infliximabOrder());
            Scenario shortCourse = positiveWith(ltbiStatement("rif-4r", "9384", "rifAMPin 300 MG capsule [Rifadin]", "completed",
                    "2025-06-01", "2025-09-28", "600 mg daily")).order(infliximabOrder());

            assertThat(only(complete, "tb-positive-treated").summary()).contains("(4R, 2025-09-29)");
            assertThat(only(shortCourse, "tb-positive-untreated").facts())
                    .contains("The LTBI course is not complete: 4R needs 120 days");
        }

        @Test
        void sixOrNineMonthsIsoniazid180Days_isComplete_179IsNot() {
            Scenario complete = positiveWith(ltbiStatement("inh-9h", "6038", "isoniazid 300 MG Oral Tablet", "completed",
                    "2025-01-01", "2025-06-30", "300 mg daily")).order(infliximabOrder());
            Scenario shortCourse = positiveWith(ltbiStatement("inh-9h", "6038", "isoniazid 300 MG Oral Tablet", "completed",
                    "2025-01-01", "2025-06-29", "300 mg daily")).order(infliximabOrder());

            assertThat(only(complete, "tb-positive-treated").summary()).contains("(6H/9H, 2025-06-30)");
            assertThat(only(shortCourse, "tb-positive-untreated").indicator()).isEqualTo(Indicator.CRITICAL);
        }

        @Test
        void isoniazidCompletedWithoutAnyEndDate_durationUnknown_isPositiveUntreated() {
            // A course counts as complete by a completion record or by its duration (3.1); a "completed"
            // order without dates proves neither.
            Scenario s = scenario()
                    .record(igraPositive("2022-01-10"), isoniazid("completed", "2022-02-01"))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-positive-untreated");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).startsWith("LTBI course 6H/9H").contains("end not recorded"));
        }

        @Test
        void rifampinStatementCompletedPeriodEnded_isPositiveTreated() {
            Scenario s = scenario()
                    .record(tst("2023-04-02", "12", "mm", "POS"),
                            medicationStatement("rif-1", "9384", "rifampin 300 MG Oral Capsule", "completed",
                                    "2023-04-20", "2023-08-20"))
                    .order(infliximabOrder());

            assertThat(only(s, "tb-positive-treated").summary()).contains("(4R, 2023-08-20)");
        }

        @Test
        void isoniazidStopped_isPositiveUntreated_andSaysTheCourseIsNotComplete() {
            Scenario s = scenario()
                    .record(igraPositive(daysAgo(90)), isoniazid("stopped", daysAgo(80)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-positive-untreated");
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.facts()).contains("The LTBI course is not complete: 6H/9H needs 180 days");
            assertThat(f.summary()).isEqualTo("Positive TB test (IGRA, " + daysAgo(90)
                    + ") and no latent TB treatment: treat before starting infliximab");
        }

        @Test
        void isoniazidEnteredInError_isPositiveUntreated() {
            Scenario s = scenario()
                    .record(igraPositive(daysAgo(90)), isoniazid("entered-in-error", daysAgo(80)))
                    .order(infliximabOrder());

            assertThat(only(s, "tb-positive-untreated").facts()).noneSatisfy(fact -> assertThat(fact).contains("isoniazid"));
        }

        @Test
        void ltbiTreatmentCompletedRecordedAsCondition_isPositiveTreated() {
            Scenario s = scenario()
                    .record(condition("ltbi-1", ICD10, "Z22.7", "Latent tuberculosis", "resolved", "2020-05-01"),
                            condition("ltbi-done", SNOMED, "473151000", "LTBI treatment completed", "resolved", "2020-11-01"))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-positive-treated");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).startsWith("LTBI treatment completed").contains("2020-11-01"));
            assertThat(f.summary()).contains("(completion recorded, 2020-11-01)");
        }

        @Test
        void positiveIgraWithHistoryOfTbCode_andNoCourse_isOneCard_untreated() {
            Scenario s = scenario()
                    .record(igraPositive(daysAgo(30)),
                            condition("tb-hx", ICD10, "Z86.11", "Personal history of tuberculosis", null, "2010-01-01"))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-positive-untreated");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("Personal history of tuberculosis"));
        }

        @Test
        void historyOfTbAlone_isPositiveTreatedInfo_askingToConfirmTheTreatment() {
            Scenario s = scenario()
                    .record(condition("tb-hx", ICD10, "Z86.11", "Personal history of tuberculosis", null, "2010-01-01"))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-positive-treated");
            assertThat(f.summary()).isEqualTo("History of tuberculosis: confirm it was fully treated before starting infliximab");
        }
    }

    // ---- course state: maintenance orders

    @Nested
    class Maintenance {

        /** Infliximab given every 8 weeks for two years; the last infusion 8 weeks ago. */
        private static String[] onInfliximabSince(String start) {
            return new String[] {medicationRequest("ifx-old", "1790546", "infliximab-dyyb 100 MG Injection [Inflectra]",
                    "active", start)};
        }

        @Test
        void maintenanceOrder_treatedPositive_noCard_infoIsForNewStartsOnly() {
            Scenario s = scenario()
                    .record(onInfliximabSince("2024-06-01"))
                    .record(igraPositive("2024-03-01"), medicationStatement("rif-1", "9384", "rifampin 300 MG Oral Capsule",
                            "completed", "2024-03-10", "2024-07-10"))
                    .order(infliximabOrder());

            assertThat(s.course().maintenance()).isTrue();
            assertThat(tbRuleIds(s.findings())).isEmpty();
        }

        @Test
        void maintenanceOrder_untreatedPositive_staysCritical_wordedWhileOn() {
            Scenario s = scenario()
                    .record(onInfliximabSince("2024-06-01"))
                    .record(igraPositive(daysAgo(10)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-positive-untreated");
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).endsWith("treat while on infliximab").doesNotContain("start");
        }

        @Test
        void maintenanceOrder_negativeIgra365DaysAgo_dueToday_isInfoYearlyRetest() {
            Scenario s = scenario()
                    .record(onInfliximabSince("2024-06-01"))
                    .record(Scenario.negativeIgra(daysAgo(365)))
                    .order(infliximabOrder());

            assertThat(tbRuleIds(s.findings())).isEmpty(); // day 365 is still inside the window
        }

        @Test
        void maintenanceOrder_negativeIgra366DaysAgo_isInfo_yearlyRetestDue() {
            Scenario s = scenario()
                    .record(onInfliximabSince("2024-06-01"))
                    .record(Scenario.negativeIgra(daysAgo(366)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-screening-expired");
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("Yearly TB re-test due: last IGRA negative on " + daysAgo(366));
        }

        @Test
        void maintenanceOrder_negativeIgra60DaysPastDue_noCard_at90DaysAgain() {
            Scenario quiet = scenario().record(onInfliximabSince("2024-06-01"))
                    .record(Scenario.negativeIgra(daysAgo(365 + 60))).order(infliximabOrder());
            Scenario again = scenario().record(onInfliximabSince("2024-06-01"))
                    .record(Scenario.negativeIgra(daysAgo(365 + 90))).order(infliximabOrder());

            assertThat(tbRuleIds(quiet.findings())).isEmpty();
            assertThat(only(again, "tb-screening-expired").indicator()).isEqualTo(Indicator.INFO);
        }

        @Test
        void maintenanceOrder_newestTestIndeterminate400DaysAgo_isExpiredNamingTheIndeterminate() {
            // Amendment 11: expired reads the newest TB test of any result.
            Scenario s = scenario()
                    .record(Scenario.negativeIgra(daysAgo(800)),
                            igraCoded("igra-ind", daysAgo(400), "http://loinc.org", "LA11884-6", "Indeterminate"))
                    .order(infliximabOrder());

            assertThat(only(s, "tb-screening-expired").summary())
                    .isEqualTo("Last TB test (IGRA) indeterminate on " + daysAgo(400)
                            + ", older than 12 months: re-test before starting infliximab");
        }

        @Test
        void restartAfterAYearOff_isWarning_wordedBeforeRestarting() {
            Scenario s = scenario()
                    .record(medicationRequest("ifx-old", "1790546", "infliximab-dyyb 100 MG Injection [Inflectra]", "stopped",
                            "2024-01-10"))
                    .record(Scenario.negativeIgra("2024-01-02"))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-screening-expired");
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).endsWith("re-test before restarting infliximab");
        }

        @Test
        void maintenanceOrder_neverScreened_infoOnlyInTheYearlyWindowFromTheCourseStart() {
            // Course started 2 years ago on the day: the second anniversary is today.
            Scenario due = scenario().record(onInfliximabSince(daysAgoDate(0).minusYears(2).toString())).order(infliximabOrder());
            Scenario notDue = scenario().record(onInfliximabSince(daysAgoDate(40).minusYears(2).toString())).order(infliximabOrder());

            Finding f = only(due, "tb-screening-missing");
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("No TB screening on record for a patient on infliximab");
            assertThat(tbRuleIds(notDue.findings())).isEmpty();
        }

        @Test
        void igraOrderedAsServiceRequest_noScreeningCard() {
            String ordered = """
                    {"resourceType":"ServiceRequest","id":"sr-igra","status":"active","intent":"order",
                     "code":{"coding":[{"system":"http://loinc.org","code":"71773-6"}],"text":"QuantiFERON-TB Gold Plus"},
                     "subject":{"reference":"Patient/pt-1"},"authoredOn":"%s"}""".formatted(daysAgo(2));

            assertThat(tbRuleIds(scenario().record(ordered).order(infliximabOrder()).findings())).isEmpty();
            assertThat(tbRuleIds(scenario().record(ordered.replace("\"active\"", "\"revoked\"")).order(infliximabOrder())
                    .findings())).containsExactly("tb-screening-missing");
        }
    }

    // ---- screening: missing, expired, indeterminate

    @Nested
    class Screening {

        @Test
        void infliximabWithoutTbScreening_warnsScreeningMissing_andSuggestsIgra() {
            Scenario s = scenario().order(infliximabOrder());

            Finding f = only(s, "tb-screening-missing");
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("No TB screening (IGRA or skin test) on record before starting infliximab")
                    .hasSizeLessThan(140);
            assertThat(f.facts()).containsExactly("No IGRA or tuberculin skin test result in the record");
            assertThat(f.suggestions()).singleElement().isInstanceOfSatisfying(SuggestedAction.OrderTests.class, order -> {
                assertThat(order.tests()).singleElement().satisfies(test -> {
                    assertThat(test.getSystem()).isEqualTo("http://loinc.org");
                    assertThat(test.getCode()).isEqualTo("71773-6");
                });
                assertThat(order.label()).contains("IGRA");
            });
        }

        @Test
        void ustekinumabWithoutTbScreening_alsoWarnsScreeningMissing() {
            Scenario s = scenario().order(Ehr.ustekinumabOrder());

            assertThat(only(s, "tb-screening-missing").summary()).endsWith("ustekinumab");
        }

        @Test
        void negativeIgra364DaysAgo_isAllClear() {
            Scenario s = scenario().record(Scenario.negativeIgra(daysAgo(364))).order(infliximabOrder());

            assertThat(tbRuleIds(s.findings())).isEmpty();
        }

        @Test
        void negativeIgra365DaysAgo_lastDayOfWindow_isAllClear() {
            Scenario s = scenario().record(Scenario.negativeIgra(daysAgo(365))).order(infliximabOrder());

            assertThat(tbRuleIds(s.findings())).isEmpty();
        }

        @Test
        void negativeIgra366DaysAgo_isScreeningExpired_mentioningTheOldDate() {
            Scenario s = scenario().record(Scenario.negativeIgra(daysAgo(366))).order(infliximabOrder());

            Finding f = only(s, "tb-screening-expired");
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("Last TB test (IGRA) negative on " + daysAgo(366)
                    + ", older than 12 months: re-test before starting infliximab");
            assertThat(f.facts().get(0)).contains("Negative").contains(daysAgo(366)).contains("older than 365 days");
            assertThat(f.suggestions()).singleElement().isInstanceOfSatisfying(SuggestedAction.OrderTests.class,
                    order -> assertThat(order.tests()).extracting(c -> c.getCode()).containsExactly("71773-6"));
        }

        @Test
        void twoOldNegatives_expiredNamesTheNewest() {
            Scenario s = scenario()
                    .record(Scenario.negativeIgra("2023-01-05"), Scenario.negativeIgra("2024-06-30"))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-screening-expired");
            assertThat(f.facts().get(0)).contains("2024-06-30").doesNotContain("2023-01-05");
        }

        @Test
        void negativeIgraWithOnlyIssuedInstant_countsFromIssuedDate() {
            String observation = """
                    {"resourceType":"Observation","id":"igra-1","status":"final",
                     "code":{"coding":[{"system":"http://loinc.org","code":"71773-6"}],"text":"QuantiFERON-TB Gold Plus"},
                     "subject":{"reference":"Patient/pt-1"},"issued":"%sT14:02:00Z",
                     "valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"LA6577-6","display":"Negative"}]}}
                    """.formatted(daysAgo(20));
            Scenario s = scenario().record(observation).order(infliximabOrder());

            assertThat(tbRuleIds(s.findings())).isEmpty();
        }

        @Test
        void indeterminateIgraLA11884_6InWindow_isScreeningIndeterminate() {
            Scenario s = scenario()
                    .record(igraCoded("igra-1", daysAgo(12), "http://loinc.org", "LA11884-6", "Indeterminate"))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-screening-indeterminate");
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("IGRA on " + daysAgo(12) + " was indeterminate: repeat it before starting infliximab");
            assertThat(f.facts().get(0)).startsWith("Indeterminate IGRA").contains(daysAgo(12));
            assertThat(f.suggestions()).singleElement().isInstanceOf(SuggestedAction.OrderTests.class);
        }

        @Test
        void indeterminateIgraAsStringInWindow_isScreeningIndeterminate() {
            Scenario s = scenario()
                    .record(igraString("igra-1", daysAgo(12), "final", "Indeterminate"))
                    .order(infliximabOrder());

            assertThat(only(s, "tb-screening-indeterminate").facts().get(0)).contains("Indeterminate");
        }

        @Test
        void indeterminateInWindowAfterExpiredNegative_isIndeterminateNotExpired() {
            Scenario s = scenario()
                    .record(Scenario.negativeIgra(daysAgo(500)),
                            igraCoded("igra-2", daysAgo(12), "http://loinc.org", "LA11884-6", "Indeterminate"))
                    .order(infliximabOrder());

            assertThat(tbRuleIds(s.findings())).containsExactly("tb-screening-indeterminate");
        }

        @Test
        void indeterminateOlderThanWindow_isScreeningExpired() {
            Scenario s = scenario()
                    .record(igraCoded("igra-1", daysAgo(400), "http://loinc.org", "LA11884-6", "Indeterminate"))
                    .order(infliximabOrder());

            assertThat(only(s, "tb-screening-expired").facts().get(0)).contains(daysAgo(400));
        }

        @Test
        void negativeIgraEnteredInError_doesNotCount_screeningMissing() {
            String wrong = Scenario.negativeIgra(daysAgo(30)).replace("\"status\":\"final\"", "\"status\":\"entered-in-error\"");
            Scenario s = scenario().record(wrong).order(infliximabOrder());

            assertThat(only(s, "tb-screening-missing").facts())
                    .containsExactly("No IGRA or tuberculin skin test result in the record");
        }

        @Test
        void negativeIgraCancelled_doesNotCount_screeningMissing() {
            String cancelled = Scenario.negativeIgra(daysAgo(30)).replace("\"status\":\"final\"", "\"status\":\"cancelled\"");
            Scenario s = scenario().record(cancelled).order(infliximabOrder());

            assertThat(tbRuleIds(s.findings())).containsExactly("tb-screening-missing");
        }

        @Test
        void preliminaryIgra_screeningMissingMentionsThePendingTest() {
            Scenario s = scenario()
                    .record(igraString("igra-1", daysAgo(2), "preliminary", "Pending"))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-screening-missing");
            assertThat(f.facts()).containsExactly(
                    "No IGRA or tuberculin skin test result in the record",
                    "Ordered, no final result yet: QuantiFERON-TB Gold Plus (" + daysAgo(2) + ")");
        }

        @Test
        void preliminaryPositiveIgra_isNotYetAPositive() {
            Scenario s = scenario()
                    .record(igraString("igra-1", daysAgo(2), "preliminary", "Positive"))
                    .order(infliximabOrder());

            assertThat(tbRuleIds(s.findings())).containsExactly("tb-screening-missing");
        }

        @Test
        void igraWithoutStatus_countsAsAResult() {
            String noStatus = Scenario.negativeIgra(daysAgo(30)).replace("\"status\":\"final\",", "");
            Scenario s = scenario().record(noStatus).order(infliximabOrder());

            assertThat(tbRuleIds(s.findings())).isEmpty();
        }

        @Test
        void unreadableIgraValue_isReportedLikeIndeterminate() {
            Scenario s = scenario()
                    .record(igraString("igra-1", daysAgo(12), "final", "see scanned report"))
                    .order(infliximabOrder());

            assertThat(only(s, "tb-screening-indeterminate").facts().get(0)).contains("could not be interpreted");
        }
    }
}

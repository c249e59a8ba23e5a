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
            assertThat(f.summary()).contains("infliximab").hasSizeLessThan(140);
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact)
                    .contains("Active tuberculosis").contains(daysAgo(20)).contains("active"));
            assertThat(f.nextStep()).contains("Treat active TB first");
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
            assertThat(f.summary()).isEqualTo("Positive TB test and no latent TB treatment: treat LTBI before starting infliximab")
                    .hasSizeLessThan(140);
            assertThat(f.facts()).containsExactly("Positive IGRA (QuantiFERON-TB Gold Plus): Positive on " + daysAgo(14));
            assertThat(f.nextStep()).contains("chest X-ray").contains("at least 30 days");
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
        void tstSevenMmFlaggedNegativeByLabTenMmCutoff_isStillPositive() {
            Scenario s = scenario().record(tst(daysAgo(7), "7", "mm", "NEG")).order(infliximabOrder());

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

        @Test
        void positiveIgraAndIsoniazidStartedTenDaysAgo_isTreatmentTooRecent_withEarliestStartDate() {
            Scenario s = scenario()
                    .record(igraPositive(daysAgo(20)), isoniazid("active", daysAgo(10)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-ltbi-treatment-too-recent");
            String earliest = daysAgoDate(10).plusDays(30).toString();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).contains("30 days").contains("infliximab").hasSizeLessThan(140);
            assertThat(f.facts()).contains("Earliest start of infliximab: " + earliest + " (30 days of LTBI treatment)");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact)
                    .startsWith("LTBI treatment under way").contains("isoniazid").contains(daysAgo(10)));
            assertThat(f.nextStep()).contains(earliest);
        }

        @Test
        void isoniazidStarted29DaysAgo_isStillTooRecent() {
            Scenario s = scenario()
                    .record(igraPositive(daysAgo(40)), isoniazid("active", daysAgo(29)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-ltbi-treatment-too-recent");
            assertThat(f.facts()).contains("Earliest start of infliximab: " + daysAgo(-1) + " (30 days of LTBI treatment)");
        }

        @Test
        void isoniazidStartedExactly30DaysAgo_isPositiveTreatedInfo() {
            Scenario s = scenario()
                    .record(igraPositive(daysAgo(40)), isoniazid("active", daysAgo(30)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-positive-treated");
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
        }

        @Test
        void isoniazidStarted45DaysAgo_isPositiveTreatedInfo_courseUnderWay() {
            Scenario s = scenario()
                    .record(igraPositive(daysAgo(60)), isoniazid("active", daysAgo(45)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-positive-treated");
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).contains("under way").hasSizeLessThan(140);
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("LTBI treatment under way").contains(daysAgo(45)));
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
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("LTBI treatment under way"));
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
                    "Earliest start of infliximab: " + daysAgoDate(12).plusDays(30) + " (30 days of LTBI treatment)");
        }

        @Test
        void isoniazidWithoutStartDate_isTooRecent_earliestDateUnknown() {
            Scenario s = scenario()
                    .record(igraPositive(daysAgo(60)), isoniazid("active", null))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-ltbi-treatment-too-recent");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("once its start date is known"));
        }

        @Test
        void isoniazidCompleted_isPositiveTreatedInfo() {
            Scenario s = scenario()
                    .record(igraPositive("2022-01-10"), isoniazid("completed", "2022-02-01"))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-positive-treated");
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).contains("latent TB treated");
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).startsWith("LTBI treatment completed").contains("isoniazid"));
        }

        @Test
        void rifampinStatementCompletedPeriodEnded_isPositiveTreated() {
            Scenario s = scenario()
                    .record(tst("2023-04-02", "12", "mm", "POS"),
                            medicationStatement("rif-1", "9384", "rifampin 300 MG Oral Capsule", "completed",
                                    "2023-04-20", "2023-08-20"))
                    .order(infliximabOrder());

            assertThat(only(s, "tb-positive-treated").facts())
                    .anySatisfy(fact -> assertThat(fact).contains("rifampin").contains("2023-04-20"));
        }

        @Test
        void isoniazidStopped_isPositiveUntreated_andSaysStoppedBeforeCompletion() {
            Scenario s = scenario()
                    .record(igraPositive(daysAgo(90)), isoniazid("stopped", daysAgo(80)))
                    .order(infliximabOrder());

            Finding f = only(s, "tb-positive-untreated");
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.facts()).anySatisfy(fact -> assertThat(fact)
                    .startsWith("LTBI treatment stopped before completion").contains("isoniazid"));
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

            assertThat(only(s, "tb-positive-treated").facts())
                    .anySatisfy(fact -> assertThat(fact).startsWith("LTBI treatment completed").contains("2020-11-01"));
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
            assertThat(f.summary()).isEqualTo("No TB screening on record: test for latent TB before starting infliximab")
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
            assertThat(f.summary()).contains("365 days").contains("infliximab").hasSizeLessThan(140);
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
            assertThat(f.summary()).contains("repeat the IGRA").hasSizeLessThan(140);
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

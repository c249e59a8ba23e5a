package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.ICD10;
import static org.biologicscds.guidance.Ehr.SNOMED;
import static org.biologicscds.guidance.Ehr.condition;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.scenario;
import static org.biologicscds.guidance.SwitchingAndDosingRulesTest.given;
import static org.biologicscds.guidance.SwitchingAndDosingRulesTest.patient;
import static org.biologicscds.guidance.SwitchingAndDosingRulesTest.weight;

import java.util.ArrayList;
import java.util.List;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.RuleParameters;
import org.biologicscds.record.FhirReader;
import org.biologicscds.record.PatientRecord;
import org.biologicscds.testing.Scenario;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The new forward rules of clinical-v2.md section 4 for CRMO, dermatomyositis/polymyositis and the
 * infection history: crmo-continuation, myositis-infliximab-regimen, opportunistic-infection-history,
 * chronic-recurrent-infection, at their boundaries.
 */
class InfectionHistoryAndOffLabelRulesTest {

    private static final String CRMO = "crmo-continuation";
    private static final String MYOSITIS = "myositis-infliximab-regimen";
    private static final String OPPORTUNISTIC = "opportunistic-infection-history";
    private static final String CHRONIC = "chronic-recurrent-infection";
    private static final String WHO_ICD10 = "http://hl7.org/fhir/sid/icd-10";

    /** A condition with clinical status and abatement (both optional), as problem lists send resolved ones. */
    static String pastCondition(String id, String system, String code, String display, String status, String onset,
                                String abated) {
        String json = condition(id, system, code, display, status, onset);
        return abated == null ? json : json.substring(0, json.length() - 1) + ",\"abatementDateTime\":\"" + abated + "\"}";
    }

    /** Infliximab doses of one course that started {@code days} days ago: weeks 0, 2, 6, then every 8 weeks. */
    static String[] infliximabCourseSince(int days) {
        List<String> doses = new ArrayList<>();
        int[] offsets = {0, 14, 42};
        for (int offset : offsets) {
            if (days - offset >= 0) {
                doses.add(given("ifx-" + offset, "Inflectra 100 mg IV", daysAgo(days - offset)));
            }
        }
        for (int offset = 98; days - offset >= 0; offset += 56) {
            doses.add(given("ifx-" + offset, "Inflectra 100 mg IV", daysAgo(days - offset)));
        }
        return doses.toArray(String[]::new);
    }

    static String crmoM8630(String onset) {
        return condition("crmo-1", ICD10, "M86.30", "Chronic multifocal osteomyelitis, unspecified site", "active", onset);
    }

    @Nested
    class CrmoContinuation {

        @Test
        void scenario40_child12_newStart_coursePlan_andNoAgeInfectionOrResponseCard() {
            Scenario s = scenario().patient(PopulationAndCourseRulesTest.child(12)).record(crmoM8630("2025-10-01"))
                    .order(Ehr.infliximabOrder());

            Finding f = s.finding(CRMO).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo(
                    "CRMO: plan at least 12 months of continuous infliximab; taper only after 6\u201312 months of remission");
            assertThat(String.join(" ", f.facts())).contains("Low certainty").contains("unreferenced online summary")
                    .contains("age 10 at diagnosis: M86.3 is read as CRMO under 30");
            assertThat(f.evidence()).containsExactly("Condition/crmo-1");
            assertThat(s.ruleIds()).doesNotContain("age-restriction", "active-infection", "response-check", CHRONIC);
        }

        @ParameterizedTest(name = "M86.3 diagnosed at age {0}: CRMO {1}")
        @CsvSource({"29, true", "30, false"})
        void m863CountsAsCrmoOnlyUnder30AtTheDiagnosisDate(int ageAtDiagnosis, boolean crmo) {
            String onset = java.time.LocalDate.parse("1990-06-15").plusYears(ageAtDiagnosis).toString();
            Scenario s = scenario().patient(patient("1990-06-15")).record(crmoM8630(onset)).order(Ehr.infliximabOrder());

            assertThat(s.finding(CRMO).isPresent()).isEqualTo(crmo);
            // from 30 it is chronic osteomyelitis (6.1): the chronic-infection card, never an active infection
            assertThat(s.finding(CHRONIC).isPresent()).isEqualTo(!crmo);
            assertThat(s.ruleIds()).doesNotContain("active-infection");
        }

        @Test
        void whoIcd10WithoutDotAndSubcode_andALocalCodeWithText_countAtAnyAge() {
            Scenario who = scenario().patient(PopulationAndCourseRulesTest.child(9))
                    .record(condition("crmo-1", WHO_ICD10, "M86.3", "Хронический мультифокальный остеомиелит", "active", "2026-01-10"))
                    .order(Ehr.adalimumabOrder());
            Scenario local = scenario().patient(patient("1980-01-01"))
                    .record(condition("crmo-1", "urn:oid:1.2.840.114350.1.13.0.1.7.2.696784", "CNO-22",
                            "CRMO (chronic recurrent multifocal osteomyelitis)", "active", "2026-01-10"))
                    .order(Ehr.infliximabOrder());

            assertThat(who.finding(CRMO)).isPresent();
            assertThat(local.finding(CRMO)).isPresent();
        }

        @Test
        void notATnfInhibitor_noCard() {
            Scenario s = scenario().patient(PopulationAndCourseRulesTest.child(12)).record(crmoM8630("2025-10-01"))
                    .order(Ehr.ustekinumabOrder());

            assertThat(s.finding(CRMO)).isEmpty();
        }

        @ParameterizedTest(name = "course started {0} days ago: review card {1}")
        @CsvSource({"357, false", "363, false", "364, true", "385, true", "391, true", "392, false"})
        void maintenance_taperReviewOnlyInWeeks52To55(int courseDays, boolean shown) {
            Scenario s = scenario().patient(PopulationAndCourseRulesTest.child(12)).record(crmoM8630("2025-06-01"))
                    .record(infliximabCourseSince(courseDays)).order(Ehr.infliximabOrder());

            assertThat(s.course().maintenance()).isTrue();
            assertThat(s.finding(CRMO).isPresent()).isEqualTo(shown);
            assertThat(s.ruleIds()).doesNotContain("response-check");
            if (shown) {
                Finding f = s.finding(CRMO).orElseThrow();
                assertThat(f.summary()).isEqualTo(
                        "12 months of infliximab for CRMO: after 6\u201312 months of remission a gradual taper can be considered");
                assertThat(f.facts()).contains("Relapse in 30\u201340 % of patients after stopping (CRMO summary)");
                assertThat(f.summary() + f.nextStep()).doesNotContainIgnoringCase("start");
            }
        }

        @Test
        void patientView_week52_showsTheTaperReview() {
            FhirReader reader = new FhirReader(TestKnowledge.FHIR);
            List<Resource> record = new ArrayList<>();
            record.add(reader.read(crmoM8630("2025-06-01")));
            for (String dose : infliximabCourseSince(366)) {
                record.add(reader.read(dose));
            }
            record.add(reader.read(Ehr.medicationRequest("ifx-order", "1790546", "infliximab-dyyb 100 MG Injection [Inflectra]",
                    "active", daysAgo(366))));
            Patient child = (Patient) reader.read(PopulationAndCourseRulesTest.child(12));

            List<OrderFindings> results = new Monitoring(TestKnowledge.get())
                    .evaluate(new PatientRecord("pt-1", child, record), Ehr.TODAY_DATE);

            assertThat(results).singleElement().satisfies(r -> assertThat(r.findings()).extracting(Finding::ruleId).contains(CRMO));
            Finding f = results.get(0).findings().stream().filter(x -> x.ruleId().equals(CRMO)).findFirst().orElseThrow();
            assertThat(f.summary()).startsWith("12 months of infliximab for CRMO");
        }
    }

    @Nested
    class MyositisRegimen {

        static String dm() {
            return condition("dm-1", ICD10, "M33.10", "Other dermatomyositis, organ involvement unspecified", "active", "2023-02-01");
        }

        static String prednisone(String id, String display, String dosage) {
            return """
                    {"resourceType":"MedicationRequest","id":"%s","status":"active","intent":"order",
                     "subject":{"reference":"Patient/pt-1"},"authoredOn":"%s",
                     "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                       "code":"0000","display":"%s"}],"text":"%s"},
                     "dosageInstruction":[%s]}""".formatted(id, daysAgo(30), display, display, dosage);
        }

        static String daily(int mg) {
            return """
                    {"text":"%d mg by mouth daily","timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d"}},
                     "doseAndRate":[{"doseQuantity":{"value":%d,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}]}"""
                    .formatted(mg, mg);
        }

        static Scenario newStart(String... record) {
            return scenario().patient(patient("1971-03-02")).record(dm(), weight("wt-1", 60, daysAgo(9))).record(record)
                    .order(Ehr.infliximabOrder());
        }

        @Test
        void scenario39_newStart_offLabelRegimen_noGlucocorticoid() {
            Finding f = newStart().finding(MYOSITIS).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo(
                    "Infliximab for DM/PM is off-label; studied regimen 5 mg/kg weeks 0, 2, 6, 14, response check at week 16");
            assertThat(f.facts()).contains("No current systemic glucocorticoid on record",
                    "Week-16 non-responders were escalated to 7.5 mg/kg at weeks 22, 30 and 38 and reassessed at week 40",
                    "Responders (trial, 12 patients): 1 of 6 at 5 mg/kg, 1 of 3 escalated to 7.5 mg/kg, 2 of 6 placebo patients after crossover to 5 mg/kg");
        }

        @Test
        void prednisone30MgAt60Kg_isTheTrialLimit_31MgIsAbove() {
            Finding at = newStart(prednisone("pred-1", "predniSONE 10 MG Oral Tablet", daily(30))).finding(MYOSITIS).orElseThrow();
            Finding above = newStart(prednisone("pred-1", "predniSONE 1 MG Oral Tablet", daily(31))).finding(MYOSITIS).orElseThrow();

            assertThat(String.join(" | ", at.facts())).contains("Current prednisone-equivalent 30 mg/day = 0.5 mg/kg/day (60 kg")
                    .contains("within the trial's 0.5 mg/kg/day");
            assertThat(String.join(" | ", above.facts())).contains("31 mg/day = 0.52 mg/kg/day")
                    .contains("higher than the trial's 0.5 mg/kg/day");
        }

        @Test
        void methylprednisolone32Mg_isPrednisone40_higher() {
            Finding f = newStart(prednisone("mp-1", "Medrol 16 MG Oral Tablet", """
                    {"text":"16 mg twice a day","timing":{"code":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation","code":"BID"}]}},
                     "doseAndRate":[{"doseQuantity":{"value":16,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}]}"""))
                    .finding(MYOSITIS).orElseThrow();

            assertThat(String.join(" | ", f.facts())).contains("Current prednisone-equivalent 40 mg/day = 0.67 mg/kg/day")
                    .contains("higher than the trial's");
        }

        @Test
        void doseNotReadable_saysSo_andATopicalSteroidDoesNotCount() {
            Finding unreadable = newStart(prednisone("pred-1", "prednisone 5 MG Oral Tablet", "{\"text\":\"taper as directed\"}"))
                    .finding(MYOSITIS).orElseThrow();
            Finding topical = newStart(prednisone("hc-1", "hydrocortisone 1 % Topical Cream", "{\"text\":\"apply twice daily\"}"))
                    .finding(MYOSITIS).orElseThrow();

            assertThat(String.join(" | ", unreadable.facts())).contains("daily dose not readable");
            assertThat(topical.facts()).contains("No current systemic glucocorticoid on record");
        }

        @Test
        void polymyositisWhoCode_fires_juvenileDmAndUnder18_doNot() {
            Scenario pm = scenario().patient(patient("1971-03-02"))
                    .record(condition("pm-1", WHO_ICD10, "M33.2", "Polymyositis", "active", "2024-01-01"))
                    .order(Ehr.infliximabOrder());
            Scenario juvenile = scenario().patient(patient("1971-03-02"))
                    .record(condition("jdm-1", ICD10, "M33.00", "Juvenile dermatomyositis, organ involvement unspecified", "active",
                            "2024-01-01"))
                    .order(Ehr.infliximabOrder());
            Scenario seventeen = scenario().patient(PopulationAndCourseRulesTest.child(17)).record(dm()).order(Ehr.infliximabOrder());

            assertThat(pm.finding(MYOSITIS)).isPresent();
            assertThat(juvenile.finding(MYOSITIS)).isEmpty();
            assertThat(seventeen.finding(MYOSITIS)).isEmpty();
        }

        @Test
        void maintenanceAtWeek16_isResponseChecksFact_notTheRegimenCard() {
            Scenario s = scenario().patient(patient("1971-03-02")).record(dm(), weight("wt-1", 60, daysAgo(9)))
                    .record(infliximabCourseSince(112)).order(Ehr.infliximabOrder());

            assertThat(s.finding(MYOSITIS)).isEmpty();
            assertThat(s.finding("response-check")).isPresent();
        }

        @Test
        void adalimumab_isNotTheStudiedDrug() {
            Scenario s = scenario().patient(patient("1971-03-02")).record(dm()).order(Ehr.adalimumabOrder());

            assertThat(s.finding(MYOSITIS)).isEmpty();
        }
    }

    @Nested
    class OpportunisticInfection {

        static String histoplasmosis(String status, String abated) {
            return pastCondition("histo-1", ICD10, "B39.4", "Histoplasmosis capsulati, unspecified", status, "2024-03-10", abated);
        }

        @Test
        void scenario49_abatedHistoplasmosis_infliximabNewStart_warning_noActiveInfection() {
            Scenario s = scenario().patient(patient("1970-01-01")).record(histoplasmosis("resolved", "2024-07-01"))
                    .order(Ehr.infliximabOrder());

            Finding f = s.finding(OPPORTUNISTIC).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo(
                    "Past Histoplasmosis capsulati, unspecified (2024-03-10): it can recur on infliximab; plan with infectious diseases");
            assertThat(f.evidence()).containsExactly("Condition/histo-1");
            assertThat(s.ruleIds()).doesNotContain("active-infection");
        }

        @Test
        void stillActive_isActiveInfectionsFact_notHistory() {
            Scenario s = scenario().patient(patient("1970-01-01"))
                    .record(pastCondition("histo-1", ICD10, "B39.4", "Histoplasmosis capsulati, unspecified", "active", daysAgo(20), null))
                    .order(Ehr.infliximabOrder());

            assertThat(s.finding(OPPORTUNISTIC)).isEmpty();
            assertThat(s.finding("active-infection").orElseThrow().indicator()).isEqualTo(Indicator.CRITICAL);
        }

        @Test
        void abatementInTheFuture_isStillActive_abatementWithoutStatus_isPast() {
            Scenario future = scenario().patient(patient("1970-01-01"))
                    .record(pastCondition("histo-1", ICD10, "B39.4", "Histoplasmosis", "active", "2024-03-10", daysAgo(-10)))
                    .order(Ehr.infliximabOrder());
            Scenario noStatus = scenario().patient(patient("1970-01-01"))
                    .record(pastCondition("histo-1", ICD10, "B39.4", "Histoplasmosis", null, "2024-03-10", "2024-07-01"))
                    .order(Ehr.infliximabOrder());

            assertThat(future.finding(OPPORTUNISTIC)).isEmpty();
            assertThat(noStatus.finding(OPPORTUNISTIC)).isPresent();
        }

        @Test
        void otherClasses_info_tnfAndJakClasses_warning() {
            Scenario ustekinumab = scenario().patient(patient("1970-01-01")).record(histoplasmosis("inactive", null))
                    .order(Ehr.ustekinumabOrder());
            RuleParameters parameters = TestKnowledge.get().parameters(OPPORTUNISTIC);

            assertThat(ustekinumab.finding(OPPORTUNISTIC).orElseThrow().indicator()).isEqualTo(Indicator.INFO);
            assertThat(parameters.indicatorsByDrug()).containsEntry("tnf-inhibitor", Indicator.WARNING)
                    .containsEntry("jak-inhibitor", Indicator.WARNING);
            assertThat(parameters.indicator()).isEqualTo(Indicator.INFO);
        }

        @Test
        void jakInhibitorNewStart_warning_rituximab_info() {
            Scenario tofacitinib = scenario().patient(patient("1970-01-01")).record(histoplasmosis("resolved", "2024-07-01"))
                    .order(Ehr.order("1357536", "tofacitinib"));
            Scenario rituximab = scenario().patient(patient("1970-01-01")).record(histoplasmosis("resolved", "2024-07-01"))
                    .order(Scenario.textOrder("Rituxan (riTUXimab) 500 mg/50 mL IV"));

            assertThat(tofacitinib.finding(OPPORTUNISTIC).orElseThrow().indicator()).isEqualTo(Indicator.WARNING);
            assertThat(tofacitinib.finding(OPPORTUNISTIC).orElseThrow().summary()).contains("it can recur on tofacitinib");
            assertThat(rituximab.finding(OPPORTUNISTIC).orElseThrow().indicator()).isEqualTo(Indicator.INFO);
        }

        @Test
        void dupilumab_notImmunosuppressive_noCard() {
            Scenario s = scenario().patient(patient("1970-01-01")).record(histoplasmosis("resolved", "2024-07-01"))
                    .order(Scenario.textOrder("Dupixent 300 mg/2 mL pen"));

            assertThat(s.orders()).isNotEmpty();
            assertThat(s.finding(OPPORTUNISTIC)).isEmpty();
        }

        @Test
        void pjpByLocalCodeAndText_aspergillosisBySnomed_ntmByWhoCode() {
            String pjp = pastCondition("pjp-1", "urn:oid:1.2.643.5.1.13.13.11.1005", "ID-77",
                    "Pneumocystis jirovecii pneumonia", "resolved", "2019-05-02", "2019-06-20");
            String asperg = pastCondition("asp-1", SNOMED, "65553006", "Aspergillosis", "inactive", "2021-01-01", null);
            String ntm = pastCondition("ntm-1", WHO_ICD10, "A31.0", "Лёгочный микобактериоз", "resolved", "2022-01-01", "2022-12-01");

            for (String record : List.of(pjp, asperg, ntm)) {
                assertThat(scenario().patient(patient("1970-01-01")).record(record).order(Ehr.adalimumabOrder())
                        .finding(OPPORTUNISTIC)).as(record).isPresent();
            }
        }

        @Test
        void mucocutaneousCandidiasis_isNotInvasive_noCard() {
            Scenario s = scenario().patient(patient("1970-01-01"))
                    .record(pastCondition("cand-1", ICD10, "B37.0", "Candidal stomatitis", "resolved", "2024-01-01", "2024-01-20"))
                    .order(Ehr.infliximabOrder());

            assertThat(s.finding(OPPORTUNISTIC)).isEmpty();
        }

        @Test
        void maintenance_noCard() {
            Scenario s = scenario().patient(patient("1970-01-01")).record(histoplasmosis("resolved", "2024-07-01"))
                    .record(infliximabCourseSince(200)).order(Ehr.infliximabOrder());

            assertThat(s.finding(OPPORTUNISTIC)).isEmpty();
        }
    }

    @Nested
    class ChronicRecurrentInfection {

        static String pneumonia(String id, int daysAgo) {
            return pastCondition(id, ICD10, "J18.9", "Pneumonia, unspecified organism", "resolved", daysAgo(daysAgo),
                    daysAgo(daysAgo - 14));
        }

        static String cellulitis(String id, int daysAgo) {
            return pastCondition(id, ICD10, "L03.116", "Cellulitis of left lower limb", "resolved", daysAgo(daysAgo),
                    daysAgo(daysAgo - 10));
        }

        @Test
        void oneInfection_noCard_twoInfections_info() {
            Scenario one = scenario().patient(patient("1970-01-01")).record(pneumonia("p-1", 200)).order(Ehr.adalimumabOrder());
            Scenario two = scenario().patient(patient("1970-01-01")).record(pneumonia("p-1", 200), cellulitis("c-1", 60))
                    .order(Ehr.adalimumabOrder());

            assertThat(one.finding(CHRONIC)).isEmpty();
            Finding f = two.finding(CHRONIC).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("2 infections in the last 12 months: weigh adalimumab against the infection risk");
            assertThat(f.evidence()).containsExactlyInAnyOrder("Condition/p-1", "Condition/c-1");
        }

        @ParameterizedTest(name = "older infection {0} days ago: card {1}")
        @CsvSource({"365, true", "366, false"})
        void theWindowIs365Days(int days, boolean shown) {
            Scenario s = scenario().patient(patient("1970-01-01")).record(pneumonia("p-1", days), cellulitis("c-1", 60))
                    .order(Ehr.adalimumabOrder());

            assertThat(s.finding(CHRONIC).isPresent()).isEqualTo(shown);
        }

        @Test
        void theSameInfectionRecordedTwice_isOneEpisode() {
            String encounterDiagnosis = pneumonia("p-2", 200).replace("problem-list-item", "encounter-diagnosis");
            Scenario s = scenario().patient(patient("1970-01-01")).record(pneumonia("p-1", 200), encounterDiagnosis)
                    .order(Ehr.adalimumabOrder());

            assertThat(s.finding(CHRONIC)).isEmpty();
        }

        @Test
        void activeBronchiectasis_chronicInfectionInfo() {
            Scenario s = scenario().patient(patient("1970-01-01"))
                    .record(condition("bx-1", ICD10, "J47.9", "Bronchiectasis, uncomplicated", "active", "2018-01-01"))
                    .order(Ehr.secukinumabOrder());

            assertThat(s.finding(CHRONIC).orElseThrow().summary())
                    .isEqualTo("Chronic infection on record (Bronchiectasis, uncomplicated): weigh secukinumab against the infection risk");
        }

        @Test
        void dupilumab_noCard_tofacitinib_info() {
            Scenario dupilumab = scenario().patient(patient("1970-01-01")).record(pneumonia("p-1", 200), cellulitis("c-1", 60))
                    .order(Scenario.textOrder("Dupixent 300 mg/2 mL pen"));
            Scenario tofacitinib = scenario().patient(patient("1970-01-01")).record(pneumonia("p-1", 200), cellulitis("c-1", 60))
                    .order(Ehr.order("1357536", "tofacitinib"));

            assertThat(dupilumab.orders()).isNotEmpty();
            assertThat(dupilumab.finding(CHRONIC)).isEmpty();
            assertThat(tofacitinib.finding(CHRONIC).orElseThrow().indicator()).isEqualTo(Indicator.INFO);
        }

        @Test
        void resolvedChronicSinusitis_noCard() {
            Scenario s = scenario().patient(patient("1970-01-01"))
                    .record(pastCondition("sin-1", ICD10, "J32.9", "Chronic sinusitis, unspecified", "resolved", "2018-01-01", "2019-01-01"))
                    .order(Ehr.secukinumabOrder());

            assertThat(s.finding(CHRONIC)).isEmpty();
        }

        @Test
        void oneActiveRecentPneumoniaAndAnEarlierOne_bothCards_theCountNamesBoth() {
            String active = condition("p-now", ICD10, "J18.9", "Pneumonia, unspecified organism", "active", daysAgo(10));
            Scenario s = scenario().patient(patient("1970-01-01")).record(active, pneumonia("p-1", 200))
                    .order(Ehr.adalimumabOrder());

            assertThat(s.finding("active-infection").orElseThrow().indicator()).isEqualTo(Indicator.WARNING);
            assertThat(s.finding(CHRONIC).orElseThrow().evidence()).containsExactlyInAnyOrder("Condition/p-now", "Condition/p-1");
        }

        @Test
        void maintenance_noCard() {
            Scenario s = scenario().patient(patient("1970-01-01")).record(pneumonia("p-1", 200), cellulitis("c-1", 60))
                    .record(infliximabCourseSince(200)).order(Ehr.infliximabOrder());

            assertThat(s.finding(CHRONIC)).isEmpty();
        }
    }
}

package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.ICD10;
import static org.biologicscds.guidance.Ehr.SNOMED;
import static org.biologicscds.guidance.Ehr.condition;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.medicationRequest;
import static org.biologicscds.guidance.Ehr.order;
import static org.biologicscds.guidance.Ehr.scenario;
import static org.biologicscds.guidance.StartChecks.alt;
import static org.biologicscds.guidance.StartChecks.cbcPanel;
import static org.biologicscds.guidance.StartChecks.cleanLabs;
import static org.biologicscds.guidance.StartChecks.lab;
import static org.biologicscds.guidance.StartChecks.patient;
import static org.biologicscds.guidance.StartChecks.patientTurningTomorrow;
import static org.biologicscds.guidance.StartChecks.vaccinated;

import org.biologicscds.hooks.Indicator;
import org.biologicscds.testing.Scenario;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * baseline-labs thresholds of the JAK, IL-6R and anakinra labels (clinical-v2.md section 4,
 * amendment 14), jak-risk-factors (amendment 7) and pregnancy-test-before-start for JAK and S1P
 * (amendment 6), at their boundaries, with the drugs of catalogue v2.
 */
class JakAndIl6rStartChecksTest {

    static final String LABS = "baseline-labs";
    static final String JAK = "jak-risk-factors";
    static final String PREGNANCY_TEST = "pregnancy-test-before-start";

    static String tofacitinib() {
        return order("1357536", "tofacitinib");
    }

    static String upadacitinib() {
        return order("2196092", "upadacitinib");
    }

    static String tocilizumab() {
        return order("612865", "tocilizumab");
    }

    static String sarilumab() {
        return order("1923319", "sarilumab");
    }

    static String deucravacitinib() {
        return Scenario.textOrder("Sotyktu (deucravacitinib) 6 mg tablet");
    }

    static String baricitinib() {
        return order("2047232", "baricitinib");
    }

    static String abrocitinib() {
        return Scenario.textOrder("Cibinqo 100 mg tablet");
    }

    static String anakinra() {
        return order("72435", "anakinra");
    }

    static String lymphocytes(String id, String date, double value, String unit) {
        return lab(id, "731-0", "Lymphocytes [#/volume] in Blood by Automated count", date, value, unit, unit, null);
    }

    static String neutrophils(String id, String date, double value, String unit) {
        return lab(id, "751-8", "Neutrophils [#/volume] in Blood by Automated count", date, value, unit, unit, null);
    }

    static String platelets(String id, String date, double value, String unit) {
        return lab(id, "777-3", "Platelets [#/volume] in Blood by Automated count", date, value, unit, unit, null);
    }

    /** A man of 45: no JAK age factor, no pregnancy test. */
    static Scenario man45() {
        return scenario().patient(patient("male", 45)).record(vaccinated());
    }

    @Nested
    class BaselineLabsJak {

        @Test
        void scenario44_lymphocytes400_tofacitinib_isWarning() {
            Scenario s = man45().record(cbcPanel("cbc-44", daysAgo(10), 0.4, 3.5, 13.1, 240)).order(tofacitinib());

            Finding f = s.finding(LABS).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("Lymphocyte count 400/µL on " + daysAgo(10)
                    + ": below the label's start threshold for tofacitinib");
            assertThat(f.facts().get(0)).contains("sent as 0.4 10*3/uL").contains("below 500/µL");
            assertThat(f.evidence()).containsExactly("Observation/cbc-44");
        }

        @Test
        void lymphocytes499_500_inThreeUnits() {
            assertThat(man45().record(cbcPanel("cbc-a", daysAgo(10), 0.499, 3.5, 13.1, 240)).order(tofacitinib()).ruleIds())
                    .contains(LABS);
            assertThat(man45().record(cbcPanel("cbc-b", daysAgo(10), 0.5, 3.5, 13.1, 240)).order(tofacitinib()).ruleIds())
                    .doesNotContain(LABS);
            String[] rest = {neutrophils("n-1", daysAgo(5), 3.0, "10*9/L"), StartChecks.hemoglobin("hb-1", daysAgo(5), 131, "g/L"),
                platelets("p-1", daysAgo(5), 240, "10*9/L")};
            assertThat(man45().record(rest).record(lymphocytes("l-499", daysAgo(5), 499, "/uL")).order(tofacitinib())
                    .finding(LABS).orElseThrow().summary()).startsWith("Lymphocyte count 499/µL");
            assertThat(man45().record(rest).record(lymphocytes("l-500", daysAgo(5), 0.5, "10*9/L")).order(tofacitinib())
                    .ruleIds()).doesNotContain(LABS);
        }

        @Test
        void neutrophils999_1000_forJak() {
            assertThat(man45().record(cbcPanel("cbc-c", daysAgo(10), 1.2, 0.999, 13.1, 240)).order(baricitinib())
                    .finding(LABS).orElseThrow().summary()).startsWith("Neutrophil count 999/µL");
            assertThat(man45().record(cbcPanel("cbc-d", daysAgo(10), 1.2, 1.0, 13.1, 240)).order(baricitinib()).ruleIds())
                    .doesNotContain(LABS);
        }

        @Test
        void haemoglobin_8ForJak_9ForTofacitinib() {
            assertThat(man45().record(cbcPanel("cbc-e", daysAgo(10), 1.2, 3.0, 7.9, 240)).order(baricitinib())
                    .finding(LABS).orElseThrow().summary()).startsWith("Haemoglobin 7.9 g/dL");
            assertThat(man45().record(cbcPanel("cbc-f", daysAgo(10), 1.2, 3.0, 8.0, 240)).order(baricitinib()).ruleIds())
                    .doesNotContain(LABS);
            assertThat(man45().record(cbcPanel("cbc-g", daysAgo(10), 1.2, 3.0, 8.9, 240)).order(tofacitinib())
                    .finding(LABS).orElseThrow().summary()).startsWith("Haemoglobin 8.9 g/dL");
            assertThat(man45().record(cbcPanel("cbc-h", daysAgo(10), 1.2, 3.0, 9.0, 240)).order(tofacitinib()).ruleIds())
                    .doesNotContain(LABS);
        }

        @Test
        void abrocitinibPlatelets149999_150000() {
            assertThat(man45().record(cbcPanel("cbc-i", daysAgo(10), 1.2, 3.0, 13.0, 149.999)).order(abrocitinib())
                    .finding(LABS).orElseThrow().summary()).startsWith("Platelet count 149999/µL");
            assertThat(man45().record(cbcPanel("cbc-j", daysAgo(10), 1.2, 3.0, 13.0, 150)).order(abrocitinib()).ruleIds())
                    .doesNotContain(LABS);
            // baricitinib has no platelet start threshold
            assertThat(man45().record(cbcPanel("cbc-k", daysAgo(10), 1.2, 3.0, 13.0, 120)).order(baricitinib()).ruleIds())
                    .doesNotContain(LABS);
        }

        @Test
        void noBloodCount_isWarningForJak_andOrdersACbcWithDifferential() {
            Finding f = man45().order(upadacitinib()).finding(LABS).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("No blood count in the last 90 days before starting upadacitinib");
            assertThat(f.suggestions()).singleElement().isInstanceOfSatisfying(SuggestedAction.OrderTests.class,
                    o -> assertThat(o.tests()).extracting(c -> c.getCode()).containsExactly("57021-8"));
        }

        @Test
        void aHaemoglobinAlone_isNotADifferential() {
            Finding f = man45().record(StartChecks.hemoglobin("hb-only", daysAgo(10), 13.5, "g/dL")).order(upadacitinib())
                    .finding(LABS).orElseThrow();
            assertThat(f.summary()).isEqualTo(
                    "No lymphocyte count, neutrophil count or platelet count in the last 90 days before starting upadacitinib");
        }

        @Test
        void aCountInAUnitNotUnderstood_isSaid_notPassed() {
            String[] rest = {neutrophils("n-2", daysAgo(5), 3.0, "10*9/L"), StartChecks.hemoglobin("hb-2", daysAgo(5), 13.1, "g/dL"),
                platelets("p-2", daysAgo(5), 240, "10*9/L")};
            Finding f = man45().record(rest).record(lymphocytes("l-pct", daysAgo(5), 22, "%")).order(tofacitinib())
                    .finding(LABS).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("Lymphocyte count 22 % on " + daysAgo(5)
                    + " could not be compared with the label's start threshold");
        }

        @Test
        void deucravacitinib_isNotJak_getsTheInfoTier() {
            Finding f = man45().order(deucravacitinib()).finding(LABS).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("No blood count or ALT in the last 90 days before starting deucravacitinib");
        }
    }

    @Nested
    class BaselineLabsIl6rAndAnakinra {

        static String[] counts(double neutrophils10e3, double platelets10e3) {
            return new String[] {neutrophils("n-il6", daysAgo(20), neutrophils10e3, "10*3/uL"),
                platelets("p-il6", daysAgo(20), platelets10e3, "10*3/uL")};
        }

        @Test
        void tocilizumab_anc1999_2000_platelets99999_100000() {
            assertThat(man45().record(counts(1.999, 200)).record(alt("alt-t", daysAgo(20), 30, 40.0)).order(tocilizumab())
                    .finding(LABS).orElseThrow().summary()).startsWith("Neutrophil count 1999/µL");
            assertThat(man45().record(counts(2.0, 200)).record(alt("alt-t", daysAgo(20), 30, 40.0)).order(tocilizumab())
                    .ruleIds()).doesNotContain(LABS);
            assertThat(man45().record(counts(3.0, 99.999)).record(alt("alt-t", daysAgo(20), 30, 40.0)).order(tocilizumab())
                    .finding(LABS).orElseThrow().summary()).startsWith("Platelet count 99999/µL");
            assertThat(man45().record(counts(3.0, 100)).record(alt("alt-t", daysAgo(20), 30, 40.0)).order(tocilizumab())
                    .ruleIds()).doesNotContain(LABS);
        }

        @Test
        void altAbove1point5TimesUln_isWarning_atTheLimit_none() {
            Finding f = man45().record(counts(3.0, 200)).record(alt("alt-61", daysAgo(20), 61, 40.0)).order(tocilizumab())
                    .finding(LABS).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("ALT 61 U/L (1.5 × ULN) on " + daysAgo(20)
                    + ": above the label's start threshold for tocilizumab");
            assertThat(man45().record(counts(3.0, 200)).record(alt("alt-60", daysAgo(20), 60, 40.0)).order(tocilizumab())
                    .ruleIds()).doesNotContain(LABS);
        }

        @Test
        void altWithoutReferenceRange_couldNotBeCompared_neverSilent() {
            Finding f = man45().record(counts(3.0, 200)).record(alt("alt-norange", daysAgo(20), 300, null)).order(sarilumab())
                    .finding(LABS).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("ALT 300 U/L on " + daysAgo(20) + " could not be compared with the label's start threshold");
            assertThat(f.facts().get(0)).endsWith("no reference range (upper limit of normal) with the result");
        }

        @Test
        void sarilumab_amendment14_anc2000_platelets150000_ast() {
            assertThat(man45().record(counts(1.9, 200)).record(alt("alt-s", daysAgo(20), 30, 40.0)).order(sarilumab())
                    .finding(LABS).orElseThrow().summary()).startsWith("Neutrophil count 1900/µL");
            assertThat(man45().record(counts(3.0, 149)).record(alt("alt-s", daysAgo(20), 30, 40.0)).order(sarilumab())
                    .finding(LABS).orElseThrow().summary()).startsWith("Platelet count 149000/µL");
            String ast = lab("ast-s", "1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma",
                    daysAgo(20), 80, "U/L", "U/L", 35.0);
            assertThat(man45().record(counts(3.0, 200)).record(alt("alt-s", daysAgo(20), 30, 40.0), ast).order(sarilumab())
                    .finding(LABS).orElseThrow().summary()).startsWith("AST 80 U/L (2.3 × ULN)");
        }

        @Test
        void il6rMissingAlt_isWarning() {
            Finding f = man45().record(counts(3.0, 200)).order(tocilizumab()).finding(LABS).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("No ALT in the last 90 days before starting tocilizumab");
        }

        @Test
        void anakinra_anc1499_1500() {
            assertThat(man45().record(neutrophils("n-a", daysAgo(3), 1499, "/uL")).order(anakinra())
                    .finding(LABS).orElseThrow().indicator()).isEqualTo(Indicator.WARNING);
            assertThat(man45().record(neutrophils("n-b", daysAgo(3), 1500, "/uL")).order(anakinra()).ruleIds())
                    .doesNotContain(LABS);
        }
    }

    @Nested
    class JakRiskFactors {

        static String smoker(String date) {
            return """
                    {"resourceType":"Observation","id":"smoke-1","status":"final",
                     "code":{"coding":[{"system":"http://loinc.org","code":"72166-2","display":"Tobacco smoking status"}]},
                     "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                     "valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"77176002","display":"Smoker"}]}}
                    """.formatted(date);
        }

        static Scenario aged(String gender, int years) {
            return scenario().patient(patient(gender, years)).record(cleanLabs()).record(vaccinated());
        }

        @Test
        void scenario47_man67_smoker_upadacitinib_isWarning() {
            Finding f = aged("male", 67).record(smoker(daysAgo(100))).order(upadacitinib()).finding(JAK).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("Upadacitinib at age 67 with current or past smoking: higher risk of MACE, "
                    + "thrombosis and cancer (boxed warning)").hasSizeLessThan(140);
            assertThat(f.facts()).contains("Age 67 (65 or over)");
            assertThat(f.evidence()).containsExactly("Observation/smoke-1");
        }

        @Test
        void age64_none_65_alone() {
            assertThat(aged("male", 64).order(upadacitinib()).ruleIds()).doesNotContain(JAK);
            assertThat(scenario().patient(patientTurningTomorrow("male", 65)).record(cleanLabs()).record(vaccinated())
                    .order(upadacitinib()).ruleIds()).doesNotContain(JAK);
            assertThat(aged("male", 65).order(upadacitinib()).finding(JAK).orElseThrow().summary())
                    .isEqualTo("Upadacitinib at age 65: higher risk of MACE, thrombosis and cancer (boxed warning)");
        }

        @Test
        void hypertension_countsFrom50() {
            String htn = condition("htn", ICD10, "I10", "Essential (primary) hypertension", "active", "2015-01-01");
            assertThat(aged("female", 49).record(htn).order(baricitinib()).ruleIds()).doesNotContain(JAK);
            assertThat(aged("female", 50).record(htn).order(baricitinib()).finding(JAK).orElseThrow().summary())
                    .startsWith("Baricitinib at age 50 with hypertension:");
            assertThat(aged("female", 51).record(condition("dm", ICD10, "E11.9", "Type 2 diabetes mellitus without complications",
                    "active", "2019-01-01")).order(baricitinib()).finding(JAK).orElseThrow().summary())
                    .startsWith("Baricitinib at age 51 with diabetes:");
        }

        @Test
        void anyAge_vteAscvdSmokingCancer() {
            assertThat(aged("male", 35).record(condition("pe", ICD10, "I26.99", "Other pulmonary embolism without acute cor pulmonale",
                    "resolved", "2020-03-01")).order(tofacitinib()).finding(JAK).orElseThrow().summary())
                    .startsWith("Tofacitinib at age 35 with venous thromboembolism:");
            assertThat(aged("male", 35).record(condition("mi", ICD10, "I25.2", "Old myocardial infarction", "active", "2021-01-01"))
                    .order(tofacitinib()).ruleIds()).contains(JAK);
            assertThat(aged("male", 35).record(condition("exs", SNOMED, "8517006", "Ex-smoker", "active", "2010-01-01"))
                    .order(tofacitinib()).ruleIds()).contains(JAK);
            assertThat(aged("female", 40).record(condition("bc", ICD10, "Z85.3", "Personal history of malignant neoplasm of breast",
                    "active", "2019-01-01")).order(tofacitinib()).finding(JAK).orElseThrow().summary())
                    .contains("with cancer history");
        }

        @Test
        void nonMelanomaSkinCancer_andHypertensionUnder50_none() {
            assertThat(aged("male", 45).record(
                            condition("bcc", ICD10, "C44.311", "Basal cell carcinoma of skin of nose", "resolved", "2022-01-01"),
                            condition("bcch", ICD10, "Z85.828", "Personal history of other malignant neoplasm of skin", "active", "2023-01-01"),
                            condition("htn", ICD10, "I10", "Essential (primary) hypertension", "active", "2015-01-01"),
                            condition("ph", ICD10, "I27.0", "Primary pulmonary hypertension", "active", "2015-01-01"))
                    .order(tofacitinib()).ruleIds()).doesNotContain(JAK);
        }

        @Test
        void neverSmokerStatus_none_deucravacitinib_none_maintenance_none() {
            String never = smoker(daysAgo(30)).replace("77176002", "266919005").replace("\"Smoker\"", "\"Never smoked tobacco\"");
            assertThat(aged("male", 40).record(never).order(upadacitinib()).ruleIds()).doesNotContain(JAK);
            assertThat(aged("male", 70).order(deucravacitinib()).ruleIds()).doesNotContain(JAK);
            assertThat(aged("male", 70).record(medicationRequest("upa-mt", "2196092", "upadacitinib", "active", daysAgo(20)))
                    .order(upadacitinib()).ruleIds()).doesNotContain(JAK);
        }

        @Test
        void twoFactorsNamedTogether_threeCounted_ageUnknownSaid() {
            Finding f = aged("male", 58).record(smoker(daysAgo(10)),
                    condition("ld", ICD10, "E78.5", "Hyperlipidemia, unspecified", "active", "2018-01-01"))
                    .order(tofacitinib()).finding(JAK).orElseThrow();
            assertThat(f.summary()).startsWith("Tofacitinib at age 58 with current or past smoking and dyslipidaemia:");

            Finding many = aged("male", 67).record(smoker(daysAgo(10)),
                    condition("vte", ICD10, "Z86.718", "Personal history of other venous thrombosis and embolism", "active", "2015-01-01"),
                    condition("htn", ICD10, "I10", "Essential (primary) hypertension", "active", "2015-01-01"))
                    .order(upadacitinib()).finding(JAK).orElseThrow();
            assertThat(many.summary()).isEqualTo("Upadacitinib at age 67 with current or past smoking and 2 more: higher risk of MACE, "
                    + "thrombosis and cancer (boxed warning)");
            assertThat(many.facts()).hasSize(4);

            Finding noAge = scenario().record(cleanLabs()).record(vaccinated()).order(tofacitinib()).finding(JAK).orElseThrow();
            assertThat(noAge.indicator()).isEqualTo(Indicator.INFO);
            assertThat(noAge.summary()).isEqualTo("No birth date: the age criteria of the tofacitinib boxed warning could not be checked");
        }
    }

    @Nested
    class PregnancyTestJakAndS1p {

        @Test
        void scenario48_woman30_tofacitinib_isWarning_noPregnancyCard() {
            Scenario s = scenario().patient(patient("female", 30)).record(cleanLabs()).record(vaccinated()).order(tofacitinib());
            Finding f = s.finding(PREGNANCY_TEST).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo(
                    "No pregnancy test in the last 30 days before starting tofacitinib, which is contraindicated in pregnancy");
            assertThat(f.nextStep()).contains("at least 4 weeks after the last dose");
            assertThat(s.ruleIds()).doesNotContain("pregnancy");
        }

        @Test
        void ozanimod_amendment6_andBaricitinibContraceptionWording() {
            assertThat(scenario().patient(patient("female", 28)).order(Scenario.textOrder("Zeposia 0.92 mg capsule")).ruleIds())
                    .contains(PREGNANCY_TEST);
            assertThat(scenario().patient(patient("female", 28)).order(baricitinib()).finding(PREGNANCY_TEST).orElseThrow().nextStep())
                    .contains("at least 1 week after the last dose").contains("(verify)");
        }

        @Test
        void tocilizumab_notContraindicated_noCard() {
            assertThat(scenario().patient(patient("female", 28)).order(tocilizumab()).ruleIds()).doesNotContain(PREGNANCY_TEST);
        }
    }
}

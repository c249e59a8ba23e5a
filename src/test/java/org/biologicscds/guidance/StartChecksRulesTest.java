package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.adalimumabOrder;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.medicationRequest;
import static org.biologicscds.guidance.Ehr.netakimabOrder;
import static org.biologicscds.guidance.Ehr.scenario;
import static org.biologicscds.guidance.StartChecks.alt;
import static org.biologicscds.guidance.StartChecks.cbcPanel;
import static org.biologicscds.guidance.StartChecks.cleanLabs;
import static org.biologicscds.guidance.StartChecks.immunization;
import static org.biologicscds.guidance.StartChecks.lab;
import static org.biologicscds.guidance.StartChecks.patient;
import static org.biologicscds.guidance.StartChecks.patientTurningTomorrow;
import static org.biologicscds.guidance.StartChecks.serology;
import static org.biologicscds.guidance.StartChecks.vaccinated;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.testing.Scenario;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * baseline-labs, vaccination-before-start and pregnancy-test-before-start (clinical-v2.md section 4,
 * amendments 6, 14, 15) with the drugs of the catalogue before v2 (adalimumab: other immunosuppressive
 * biologic; netakimab: contraindicated in pregnancy), at their boundaries. The JAK and IL-6R thresholds
 * and jak-risk-factors are in {@link JakAndIl6rStartChecksTest}.
 */
class StartChecksRulesTest {

    static final String LABS = "baseline-labs";
    static final String VACCINES = "vaccination-before-start";
    static final String PREGNANCY_TEST = "pregnancy-test-before-start";

    static String[] with(String[] first, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(first));
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    @Nested
    class BaselineLabs {

        @Test
        void adalimumabStart_noBloodCountOrAlt_isInfo_withOrderTests() {
            Finding f = scenario().patient(patient("male", 45)).record(vaccinated()).order(adalimumabOrder())
                    .finding(LABS).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("No blood count or ALT in the last 90 days before starting adalimumab");
            assertThat(f.suggestions()).singleElement().isInstanceOfSatisfying(SuggestedAction.OrderTests.class, o -> {
                assertThat(o.tests()).extracting(c -> c.getCode()).containsExactly("58410-2", "1742-6");
                assertThat(o.label()).isEqualTo("CBC and ALT");
            });
        }

        @Test
        void bloodCountAndAlt90DaysAgo_count_91DaysAgo_doNot() {
            Scenario day90 = scenario().patient(patient("female", 60)).record(vaccinated())
                    .record(cbcPanel("cbc-90", daysAgo(90), 1.5, 3.0, 12.5, 210), alt("alt-90", daysAgo(90), 20, 35.0))
                    .order(adalimumabOrder());
            assertThat(day90.ruleIds()).doesNotContain(LABS);

            Scenario day91 = scenario().patient(patient("female", 60)).record(vaccinated())
                    .record(cbcPanel("cbc-91", daysAgo(91), 1.5, 3.0, 12.5, 210), alt("alt-91", daysAgo(91), 20, 35.0))
                    .order(adalimumabOrder());
            assertThat(day91.finding(LABS).orElseThrow().summary())
                    .isEqualTo("No blood count or ALT in the last 90 days before starting adalimumab");

            Scenario day89 = scenario().patient(patient("female", 60)).record(vaccinated())
                    .record(cbcPanel("cbc-89", daysAgo(89), 1.5, 3.0, 12.5, 210), alt("alt-89", daysAgo(91), 20, 35.0))
                    .order(adalimumabOrder());
            assertThat(day89.finding(LABS).orElseThrow().summary())
                    .isEqualTo("No ALT in the last 90 days before starting adalimumab");
        }

        @Test
        void aSingleHaemoglobinInGramsPerLitreIsABloodCount() {
            Scenario s = scenario().patient(patient("male", 45)).record(vaccinated())
                    .record(StartChecks.hemoglobin("hb-1", daysAgo(30), 138, "g/L"), alt("alt-1", daysAgo(30), 18, 41.0))
                    .order(adalimumabOrder());
            assertThat(s.ruleIds()).doesNotContain(LABS);
        }

        @Test
        void il4rIl13_notImmunosuppressive_noLabOrVaccineCard() {
            Scenario s = scenario().patient(patient("male", 45)).order(Scenario.textOrder("Dupixent 300 mg/2 mL pen"));
            assertThat(s.orders()).as("dupilumab is a catalogue drug").hasSize(1);
            assertThat(s.ruleIds()).doesNotContain(LABS, VACCINES);
        }

        @Test
        void maintenance_noCard() {
            Scenario s = scenario().patient(patient("male", 45)).record(vaccinated())
                    .record(medicationRequest("ada-mt", "1726846", "adalimumab", "active", daysAgo(14)))
                    .order(adalimumabOrder());
            assertThat(s.ruleIds()).doesNotContain(LABS);
        }

        @Test
        void aResultDatedTomorrowOrUndated_doesNotCount() {
            String undated = """
                    {"resourceType":"Observation","id":"cbc-undated","status":"final",
                     "code":{"coding":[{"system":"http://loinc.org","code":"58410-2","display":"CBC panel - Blood by Automated count"}]},
                     "subject":{"reference":"Patient/pt-1"}}
                    """;
            Scenario s = scenario().patient(patient("male", 45)).record(vaccinated())
                    .record(undated, alt("alt-1", daysAgo(5), 18, 41.0)).order(adalimumabOrder());
            assertThat(s.finding(LABS).orElseThrow().summary()).isEqualTo("No blood count in the last 90 days before starting adalimumab");
        }

        @Test
        void cancelledOrPreliminaryResults_doNotCount() {
            String preliminary = lab("plt-prelim", "777-3", "Platelets [#/volume] in Blood by Automated count", daysAgo(3), 220,
                    "10*3/uL", "10*3/uL", null).replace("\"final\"", "\"preliminary\"");
            Scenario s = scenario().patient(patient("male", 45)).record(vaccinated())
                    .record(preliminary, alt("alt-1", daysAgo(5), 18, 41.0)).order(adalimumabOrder());
            assertThat(s.ruleIds()).contains(LABS);
        }
    }

    @Nested
    class Units {

        private LabReading reading(double value, String unit) {
            org.hl7.fhir.r4.model.Quantity q = new org.hl7.fhir.r4.model.Quantity().setValue(value).setUnit(unit);
            return new LabReading("Observation/x", "test", Ehr.TODAY_DATE, java.util.Optional.of(q), java.util.Optional.empty());
        }

        @Test
        void cellCounts_inEveryUnitLabsSend() {
            assertThat(reading(0.4, "10*3/uL").cellsPerMicrolitre()).contains(400.0);
            assertThat(reading(0.4, "x10^3/µL").cellsPerMicrolitre()).contains(400.0);
            assertThat(reading(0.4, "K/uL").cellsPerMicrolitre()).contains(400.0);
            assertThat(reading(0.4, "10*9/L").cellsPerMicrolitre()).contains(400.0);
            assertThat(reading(0.4, "x10^9/L").cellsPerMicrolitre()).contains(400.0);
            assertThat(reading(0.4, "G/L").cellsPerMicrolitre()).contains(400.0);
            assertThat(reading(400, "/uL").cellsPerMicrolitre()).contains(400.0);
            assertThat(reading(400, "cells/mm3").cellsPerMicrolitre()).contains(400.0);
            assertThat(reading(400, "кл/мкл").cellsPerMicrolitre()).contains(400.0);
            assertThat(reading(22, "%").cellsPerMicrolitre()).isEmpty();
            assertThat(new LabReading("Observation/x", "t", Ehr.TODAY_DATE,
                    java.util.Optional.of(new org.hl7.fhir.r4.model.Quantity().setValue(0.4)), java.util.Optional.empty())
                    .cellsPerMicrolitre()).as("no unit: not guessed").isEmpty();
        }

        @Test
        void haemoglobin_gramsPerDecilitre() {
            assertThat(reading(8.5, "g/dL").gramsPerDecilitre()).contains(8.5);
            assertThat(reading(85, "g/L").gramsPerDecilitre()).contains(8.5);
            assertThat(reading(5.0, "mmol/L").gramsPerDecilitre().orElseThrow()).isBetween(8.05, 8.06);
            assertThat(reading(6.5, "%").gramsPerDecilitre()).isEmpty();
        }

        @Test
        void enzymes_asMultipleOfTheResultsOwnUpperLimit() {
            org.hl7.fhir.r4.model.Quantity value = new org.hl7.fhir.r4.model.Quantity().setValue(61).setUnit("U/L").setCode("U/L");
            org.hl7.fhir.r4.model.Quantity high = new org.hl7.fhir.r4.model.Quantity().setValue(40).setUnit("IU/L");
            LabReading alt = new LabReading("Observation/x", "ALT", Ehr.TODAY_DATE, java.util.Optional.of(value),
                    java.util.Optional.of(high));
            assertThat(alt.timesUpperLimit().orElseThrow()).isBetween(1.52, 1.53);
            LabReading noRange = new LabReading("Observation/x", "ALT", Ehr.TODAY_DATE, java.util.Optional.of(value),
                    java.util.Optional.empty());
            assertThat(noRange.timesUpperLimit()).isEmpty();
            LabReading microkat = new LabReading("Observation/x", "ALT", Ehr.TODAY_DATE,
                    java.util.Optional.of(new org.hl7.fhir.r4.model.Quantity().setValue(1.0).setUnit("µkat/L")),
                    java.util.Optional.of(new org.hl7.fhir.r4.model.Quantity().setValue(40).setUnit("U/L")));
            assertThat(microkat.timesUpperLimit()).contains(1.5);
        }
    }

    @Nested
    class Vaccination {

        @Test
        void scenario45_age55_noRzvNoPneumococcal_isInfo_listingWhatIsMissing() {
            Finding f = scenario().patient(patient("female", 55)).record(cleanLabs())
                    .record(immunization("flu-1", "150", "Influenza, injectable, quadrivalent, preservative free", "2026-10-01"))
                    .order(adalimumabOrder()).finding(VACCINES).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("Vaccines to consider before starting adalimumab: zoster (RZV), pneumococcal");
            assertThat(f.facts()).containsExactly("No recombinant zoster vaccine (RZV) on record",
                    "No pneumococcal vaccine on record (complete: PCV20 or PCV21, or PCV15/PCV13 followed by PPSV23)");
            assertThat(f.nextStep()).contains("live vaccine (varicella) at least 4 weeks before the start");
        }

        @Test
        void scenario45_maintenance_noCard() {
            Scenario s = scenario().patient(patient("female", 55)).record(cleanLabs())
                    .record(medicationRequest("ada-mt", "1726846", "adalimumab", "active", daysAgo(14)))
                    .order(adalimumabOrder());
            assertThat(s.ruleIds()).doesNotContain(VACCINES);
        }

        @Test
        void everythingGiven_noCard() {
            assertThat(scenario().patient(patient("male", 70)).record(cleanLabs()).record(vaccinated()).order(adalimumabOrder())
                    .ruleIds()).doesNotContain(VACCINES);
        }

        @Test
        void age17_none_age18_withoutRzv_age19_withRzv() {
            assertThat(scenario().patient(patient("male", 17)).record(cleanLabs()).order(adalimumabOrder()).ruleIds())
                    .doesNotContain(VACCINES);
            assertThat(scenario().patient(patientTurningTomorrow("male", 18)).record(cleanLabs()).order(adalimumabOrder())
                    .ruleIds()).doesNotContain(VACCINES);
            assertThat(scenario().patient(patient("male", 18)).record(cleanLabs()).order(adalimumabOrder())
                    .finding(VACCINES).orElseThrow().summary())
                    .isEqualTo("Vaccines to consider before starting adalimumab: pneumococcal, influenza");
            assertThat(scenario().patient(patient("male", 19)).record(cleanLabs()).order(adalimumabOrder())
                    .finding(VACCINES).orElseThrow().summary())
                    .isEqualTo("Vaccines to consider before starting adalimumab: zoster (RZV), pneumococcal, influenza");
        }

        @Test
        void oneRzvDose_isIncomplete() {
            Finding f = scenario().patient(patient("male", 60)).record(cleanLabs())
                    .record(immunization("rzv-a", "187", "Shingrix", "2026-06-01"),
                            immunization("pcv-a", "216", "Prevnar 20", "2026-06-01"),
                            immunization("flu-a", "150", "Influenza", "2026-09-30"))
                    .order(adalimumabOrder()).finding(VACCINES).orElseThrow();
            assertThat(f.summary()).endsWith(": zoster (RZV)");
            assertThat(f.facts()).containsExactly("Recombinant zoster vaccine: 1 of 2 doses on record (last 2026-06-01)");
        }

        @Test
        void pcv13FollowedByPpsv23_isComplete_ppsv23Before_isNot() {
            String[] rest = {immunization("rzv-b1", "187", "Shingrix", "2025-01-01"), immunization("rzv-b2", "187", "Shingrix", "2025-03-01"),
                immunization("flu-b", "150", "Influenza", "2026-10-01")};
            assertThat(scenario().patient(patient("male", 66)).record(cleanLabs()).record(rest)
                    .record(immunization("pcv13", "133", "Prevnar 13", "2024-01-10"), immunization("ppsv", "33", "Pneumovax 23", "2025-01-10"))
                    .order(adalimumabOrder()).ruleIds()).doesNotContain(VACCINES);
            Finding f = scenario().patient(patient("male", 66)).record(cleanLabs()).record(rest)
                    .record(immunization("pcv13", "133", "Prevnar 13", "2025-01-10"), immunization("ppsv", "33", "Pneumovax 23", "2024-01-10"))
                    .order(adalimumabOrder()).finding(VACCINES).orElseThrow();
            assertThat(f.summary()).endsWith(": pneumococcal");
            assertThat(f.facts()).containsExactly("Pneumococcal: conjugate vaccine (PCV13/PCV15) on 2025-01-10 and no PPSV23 after it"
                    + " (complete: PCV20 or PCV21, or PCV15/PCV13 followed by PPSV23)");
        }

        @Test
        void influenza_sinceTheFirstOfAugust_onlySeptemberToMarch() {
            String[] others = {immunization("rzv-c1", "187", "Shingrix", "2025-01-01"), immunization("rzv-c2", "187", "Shingrix", "2025-03-01"),
                immunization("pcv-c", "327", "Capvaxive", "2025-01-01")};
            assertThat(scenario().patient(patient("male", 52)).record(cleanLabs()).record(others)
                    .record(immunization("flu-aug1", "150", "Influenza", "2026-08-01")).order(adalimumabOrder()).ruleIds())
                    .doesNotContain(VACCINES);
            Finding f = scenario().patient(patient("male", 52)).record(cleanLabs()).record(others)
                    .record(immunization("flu-jul31", "150", "Influenza", "2026-07-31")).order(adalimumabOrder())
                    .finding(VACCINES).orElseThrow();
            assertThat(f.summary()).endsWith(": influenza");
            assertThat(f.facts()).containsExactly("No influenza vaccine since 2026-08-01 (this season)");
            // In February the season began the August before; in June no influenza item at all.
            Scenario february = Scenario.on("2027-02-10").patient(patient("male", "1974-01-01")).record(others)
                    .record(immunization("flu-oct", "150", "Influenza", "2026-10-05")).order(adalimumabOrder());
            assertThat(february.ruleIds()).doesNotContain(VACCINES);
            Scenario june = Scenario.on("2026-06-15").patient(patient("male", "1974-01-01")).record(others).order(adalimumabOrder());
            assertThat(june.ruleIds()).doesNotContain(VACCINES);
        }

        @Test
        void hepatitisB_onlyWhenShownSusceptible() {
            String hbsag = serology("hbsag-n", "5196-1", "Hepatitis B virus surface Ag [Presence] in Serum or Plasma by Immunoassay",
                    "2026-09-01", false);
            String hbc = serology("hbc-n", "16933-4", "Hepatitis B virus core Ab [Presence] in Serum", "2026-09-01", false);
            Finding f = scenario().patient(patient("female", 40)).record(cleanLabs()).record(vaccinated()).record(hbsag, hbc)
                    .order(adalimumabOrder()).finding(VACCINES).orElseThrow();
            assertThat(f.summary()).endsWith(": hepatitis B");
            assertThat(f.facts()).containsExactly("Hepatitis B: HBsAg and anti-HBc negative, no anti-HBs on record, "
                    + "0 hepatitis B vaccine dose(s) on record");

            String antiHbs9 = lab("hbs-9", "16935-9", "Hepatitis B virus surface Ab [Units/volume] in Serum", "2026-09-01", 9,
                    "mIU/mL", "m[IU]/mL", null);
            assertThat(scenario().patient(patient("female", 40)).record(cleanLabs()).record(vaccinated()).record(hbsag, hbc, antiHbs9)
                    .order(adalimumabOrder()).finding(VACCINES).orElseThrow().summary()).endsWith(": hepatitis B");
            String antiHbs10 = antiHbs9.replace("\"value\":9.0", "\"value\":10.0").replace("hbs-9", "hbs-10");
            assertThat(scenario().patient(patient("female", 40)).record(cleanLabs()).record(vaccinated()).record(hbsag, hbc, antiHbs10)
                    .order(adalimumabOrder()).ruleIds()).doesNotContain(VACCINES);
            // Heplisav-B: two doses complete the series; another vaccine needs three
            assertThat(scenario().patient(patient("female", 40)).record(cleanLabs()).record(vaccinated()).record(hbsag, hbc,
                            immunization("hepb-1", "189", "Heplisav-B", "2024-01-01"), immunization("hepb-2", "189", "Heplisav-B", "2024-02-01"))
                    .order(adalimumabOrder()).ruleIds()).doesNotContain(VACCINES);
            assertThat(scenario().patient(patient("female", 40)).record(cleanLabs()).record(vaccinated()).record(hbsag, hbc,
                            immunization("hepb-1", "43", "Engerix-B", "2024-01-01"), immunization("hepb-2", "43", "Engerix-B", "2024-02-01"))
                    .order(adalimumabOrder()).ruleIds()).contains(VACCINES);
            // anti-HBc positive: past infection, not a vaccine item (hbv-resolved's fact)
            String hbcPos = serology("hbc-p", "16933-4", "Hepatitis B virus core Ab [Presence] in Serum", "2026-09-01", true);
            assertThat(scenario().patient(patient("female", 40)).record(cleanLabs()).record(vaccinated()).record(hbsag, hbcPos)
                    .order(adalimumabOrder()).ruleIds()).doesNotContain(VACCINES);
        }

        @Test
        void vzvIggNegative_varicellaLiveBeforeTheStart() {
            String vzv = serology("vzv-n", "17763-4", "Varicella zoster virus IgG Ab [Presence] in Serum", "2026-10-20", false);
            Finding f = scenario().patient(patient("male", 30)).record(cleanLabs()).record(vaccinated()).record(vzv)
                    .order(netakimabOrder()).finding(VACCINES).orElseThrow();
            assertThat(f.summary()).isEqualTo("Vaccines to consider before starting netakimab: varicella (live)");
            assertThat(f.facts().get(0)).endsWith("and no varicella vaccine on record: a live vaccine, at least 4 weeks before starting netakimab");
            assertThat(scenario().patient(patient("male", 30)).record(cleanLabs()).record(vaccinated())
                    .record(vzv, immunization("var-1", "21", "Varivax", "2000-05-01")).order(netakimabOrder()).ruleIds())
                    .doesNotContain(VACCINES);
        }
    }

    @Nested
    class PregnancyTest {

        static String hcg(String id, String date, boolean positive) {
            return serology(id, "2106-3", "Choriogonadotropin (pregnancy test) [Presence] in Urine", date, positive);
        }

        @Test
        void netakimab_woman30_noTest_isWarning_withOrderHcg() {
            Finding f = scenario().patient(patient("female", 30)).record(cleanLabs()).record(vaccinated()).order(netakimabOrder())
                    .finding(PREGNANCY_TEST).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo(
                    "No pregnancy test in the last 30 days before starting netakimab, which is contraindicated in pregnancy")
                    .hasSizeLessThan(140);
            assertThat(f.suggestions()).singleElement().isInstanceOfSatisfying(SuggestedAction.OrderTests.class,
                    o -> assertThat(o.tests()).extracting(c -> c.getCode()).containsExactly("2118-8"));
        }

        @Test
        void negativeHcg30DaysAgo_counts_31DaysAgo_doesNot() {
            assertThat(scenario().patient(patient("female", 30)).record(hcg("hcg-30", daysAgo(30), false)).order(netakimabOrder())
                    .ruleIds()).doesNotContain(PREGNANCY_TEST);
            Finding f = scenario().patient(patient("female", 30)).record(hcg("hcg-31", daysAgo(31), false)).order(netakimabOrder())
                    .finding(PREGNANCY_TEST).orElseThrow();
            assertThat(f.facts()).contains("Last negative pregnancy test: Negative on " + daysAgo(31)
                    + " (Choriogonadotropin (pregnancy test) [Presence] in Urine), older than 30 days");
        }

        @Test
        void notPregnantStatus_orQuantitativeBetaHcgBelow5_countsAsNegative() {
            assertThat(scenario().patient(patient("female", 30))
                    .record(PregnancyBreastfeedingRuleTest.notPregnant(daysAgo(3))).order(netakimabOrder()).ruleIds())
                    .doesNotContain(PREGNANCY_TEST);
            String lessThan5 = lab("bhcg", "21198-7", "Choriogonadotropin.beta subunit [Units/volume] in Serum or Plasma", daysAgo(7),
                    5, "mIU/mL", "m[IU]/mL", null).replace("\"value\":5.0", "\"comparator\":\"<\",\"value\":5.0");
            assertThat(scenario().patient(patient("female", 30)).record(lessThan5).order(netakimabOrder()).ruleIds())
                    .doesNotContain(PREGNANCY_TEST);
            String twelve = lab("bhcg12", "21198-7", "Choriogonadotropin.beta subunit [Units/volume] in Serum or Plasma", daysAgo(7),
                    12, "mIU/mL", "m[IU]/mL", null);
            assertThat(scenario().patient(patient("female", 30)).record(twelve).order(netakimabOrder()).ruleIds())
                    .contains(PREGNANCY_TEST);
        }

        @Test
        void ages11_12_50_51() {
            assertThat(scenario().patient(patient("female", 11)).order(netakimabOrder()).ruleIds()).doesNotContain(PREGNANCY_TEST);
            assertThat(scenario().patient(patientTurningTomorrow("female", 12)).order(netakimabOrder()).ruleIds())
                    .doesNotContain(PREGNANCY_TEST);
            assertThat(scenario().patient(patient("female", 12)).order(netakimabOrder()).ruleIds()).contains(PREGNANCY_TEST);
            assertThat(scenario().patient(patient("female", 49)).order(netakimabOrder()).ruleIds()).contains(PREGNANCY_TEST);
            assertThat(scenario().patient(patient("female", 50)).order(netakimabOrder()).ruleIds()).contains(PREGNANCY_TEST);
            assertThat(scenario().patient(patient("female", 51)).order(netakimabOrder()).ruleIds()).doesNotContain(PREGNANCY_TEST);
        }

        @Test
        void maleOrAdalimumabOrMaintenance_noCard() {
            assertThat(scenario().patient(patient("male", 30)).order(netakimabOrder()).ruleIds()).doesNotContain(PREGNANCY_TEST);
            assertThat(scenario().patient(patient("female", 30)).order(adalimumabOrder()).ruleIds()).doesNotContain(PREGNANCY_TEST);
            String onNetakimab = """
                    {"resourceType":"MedicationStatement","id":"ntk-1","status":"active","subject":{"reference":"Patient/pt-1"},
                     "medicationCodeableConcept":{"text":"Efleira 120 mg/mL"},"effectivePeriod":{"start":"%s"}}
                    """.formatted(daysAgo(60));
            assertThat(scenario().patient(patient("female", 30)).record(onNetakimab).order(netakimabOrder()).ruleIds())
                    .doesNotContain(PREGNANCY_TEST);
        }

        @Test
        void documentedPregnancy_isThePregnancyCard_notATestRequest() {
            Scenario s = scenario().patient(patient("female", 30)).record(PregnancyBreastfeedingRuleTest.pregnant(daysAgo(10)))
                    .order(netakimabOrder());
            assertThat(s.ruleIds()).contains("pregnancy").doesNotContain(PREGNANCY_TEST);
        }

        @Test
        void aPositiveTestIsNotANegativeOne() {
            Scenario s = scenario().patient(patient("female", 30)).record(hcg("hcg-pos", daysAgo(2), true)).order(netakimabOrder());
            assertThat(s.ruleIds()).contains("pregnancy").doesNotContain(PREGNANCY_TEST);
        }
    }
}

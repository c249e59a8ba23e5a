package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.ICD10;
import static org.biologicscds.guidance.Ehr.SNOMED;
import static org.biologicscds.guidance.Ehr.condition;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.medicationRequest;
import static org.biologicscds.guidance.Ehr.tbRuleIds;

import java.util.List;
import org.biologicscds.hooks.Indicator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule families of clinical-v2.md table 5.2 applied by class (3.1-3.6 and amendments 6, 8, 9,
 * 16): each test puts the same record beside an order of a class the family covers and one it does
 * not, so a gate that let everything through, or nothing, fails.
 */
class RuleFamiliesTest {

    static final String TNF = "tnf-inhibitor";
    static final String IL4R = "il4r-il13-inhibitor";
    static final String CD20 = "cd20-antibody";
    static final String INTEGRIN = "integrin-inhibitor";
    static final String S1P = "s1p-modulator";
    static final String JAK = "jak-inhibitor";
    static final String IL6R = "il6r-inhibitor";

    static ClassOrder adalimumab() {
        return ClassOrder.of("adalimumab", TNF);
    }

    static ClassOrder dupilumab() {
        return ClassOrder.of("dupilumab", IL4R);
    }

    static ClassOrder rituximab() {
        return ClassOrder.of("rituximab", CD20);
    }

    static ClassOrder vedolizumab() {
        return ClassOrder.of("vedolizumab", INTEGRIN);
    }

    static ClassOrder ozanimod() {
        return ClassOrder.of("ozanimod", S1P);
    }

    static ClassOrder tofacitinib() {
        return ClassOrder.of("tofacitinib", JAK);
    }

    static String activeTb() {
        return condition("tb-1", ICD10, "A18.01", "Tuberculosis of spine", "active", daysAgo(30));
    }

    static String clean() {
        return org.biologicscds.testing.Scenario.negativeIgra(daysAgo(30));
    }

    @Nested
    class Tuberculosis {

        @Test
        void positiveIgra_dupilumab_noTbCard_adalimumab_critical() {
            assertThat(tbRuleIds(dupilumab().record(TuberculosisRuleTest.igraPositive(daysAgo(20))).findings())).isEmpty();
            assertThat(adalimumab().record(TuberculosisRuleTest.igraPositive(daysAgo(20))).finding("tb-positive-untreated")
                    .orElseThrow().indicator()).isEqualTo(Indicator.CRITICAL);
        }

        @Test
        void activeTb_dupilumab_noTbCard_asTable52Says() {
            assertThat(tbRuleIds(dupilumab().record(activeTb()).findings())).isEmpty();
        }

        @Test
        void noTbTest_dupilumab_noScreeningCard() {
            assertThat(tbRuleIds(dupilumab().findings())).isEmpty();
        }

        @Test
        void positiveUntreatedIgra_vedolizumab_isLoweredToWarning() {
            Finding f = vedolizumab().record(TuberculosisRuleTest.igraPositive(daysAgo(20))).finding("tb-positive-untreated")
                    .orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
        }

        @Test
        void noTbTest_vedolizumab_screeningWarningAsForOthers() {
            assertThat(vedolizumab().finding("tb-screening-missing").orElseThrow().indicator()).isEqualTo(Indicator.WARNING);
        }

        @Test
        void rituximabAndS1p_activeTb_isCritical() {
            assertThat(rituximab().record(activeTb()).finding("tb-active").orElseThrow().indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(ozanimod().record(activeTb()).finding("tb-active").orElseThrow().indicator()).isEqualTo(Indicator.CRITICAL);
        }

        @Test
        void rituximabAndS1p_positiveIgraOrNoTest_noOtherTbCard() {
            assertThat(tbRuleIds(rituximab().record(TuberculosisRuleTest.igraPositive(daysAgo(20))).findings())).isEmpty();
            assertThat(tbRuleIds(rituximab().findings())).isEmpty();
            assertThat(tbRuleIds(ozanimod().record(TuberculosisRuleTest.igraPositive(daysAgo(20))).findings())).isEmpty();
            assertThat(tbRuleIds(ozanimod().findings())).isEmpty();
        }

        @ParameterizedTest(name = "{0} ({1}) without a TB test: tb-screening-missing warning")
        @CsvSource({"tofacitinib,jak-inhibitor", "deucravacitinib,tyk2-inhibitor", "tocilizumab,il6r-inhibitor",
                "sarilumab,il6r-inhibitor", "abatacept,t-cell-costimulation-modulator", "anakinra,il1-inhibitor",
                "canakinumab,il1-inhibitor", "spesolimab,il36r-inhibitor", "vedolizumab,integrin-inhibitor"})
        void classesOf31_getTheScreening(String drug, String drugClass) {
            assertThat(ClassOrder.of(drug, drugClass).finding("tb-screening-missing").orElseThrow().indicator())
                    .isEqualTo(Indicator.WARNING);
            assertThat(tbRuleIds(ClassOrder.of(drug, drugClass).record(clean()).findings())).isEmpty();
        }
    }

    @Nested
    class HepatitisB {

        private final String[] pastHbv = {ViralScreeningRulesTest.hbsag(daysAgo(40), false),
                ViralScreeningRulesTest.antiHbc(daysAgo(40), true)};

        /** Scenario 22 (and amendment 9): anti-HBc+, HBsAg-, no antiviral, rituximab. */
        @Test
        void pastHbv_rituximab_warningProphylaxis_suggestsEntecavir() {
            Finding f = rituximab().record(pastHbv).finding("hbv-resolved").orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("Past hepatitis B (anti-HBc positive " + daysAgo(40)
                    + ") and rituximab: antiviral prophylaxis recommended").hasSizeLessThan(140);
            assertThat(f.nextStep()).startsWith("Start antiviral prophylaxis (entecavir or tenofovir) before rituximab");
            assertThat(f.suggestions()).singleElement().isInstanceOfSatisfying(SuggestedAction.OrderMedication.class, o -> {
                assertThat(o.medication().getCodingFirstRep().getCode()).isEqualTo("J05AF10");
                assertThat(o.label()).contains("entecavir");
            });
        }

        /** The entecavir suggestion as a CDS Hooks card: one create action of a draft MedicationRequest for the patient. */
        @Test
        void pastHbv_rituximab_cardSuggestsCreatingAnEntecavirDraft() throws Exception {
            java.util.List<OrderFindings> results = java.util.List.of(rituximab().record(pastHbv).results());
            org.biologicscds.cards.CardRenderer renderer = new org.biologicscds.cards.CardRenderer(
                    org.biologicscds.testing.TestKnowledge.get().rules(), org.biologicscds.testing.TestKnowledge.FHIR,
                    new org.biologicscds.hooks.CdsJson());
            org.biologicscds.hooks.Card card = renderer.render(results, "pt-1").stream()
                    .filter(c -> c.summary().contains("antiviral prophylaxis recommended")).findFirst().orElseThrow();
            org.biologicscds.hooks.Suggestion suggestion = card.suggestions().get(0);
            assertThat(suggestion.label()).isEqualTo("Order entecavir 0.5 mg once daily (HBV prophylaxis)");
            org.biologicscds.hooks.Action action = suggestion.actions().get(0);
            assertThat(action.type()).isEqualTo(org.biologicscds.hooks.Action.Type.CREATE);
            assertThat(action.resource().get("resourceType").asText()).isEqualTo("MedicationRequest");
            assertThat(action.resource().get("status").asText()).isEqualTo("draft");
            assertThat(action.resource().at("/subject/reference").asText()).isEqualTo("Patient/pt-1");
            assertThat(action.resource().at("/medicationCodeableConcept/coding/0/code").asText()).isEqualTo("J05AF10");
            assertThat(action.resource().at("/dosageInstruction/0/text").asText()).startsWith("0.5 mg by mouth once daily");
        }

        @Test
        void pastHbv_rituximabOnMaintenance_stillWarning_neverSaysStart() {
            Finding f = rituximab().ongoing().record(pastHbv).finding("hbv-resolved").orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary() + f.nextStep()).doesNotContainIgnoringCase("start");
            assertThat(f.nextStep()).contains("while on rituximab");
        }

        @Test
        void pastHbvWithRecentUndetectableDna_adalimumab_isInfo_rituximab_staysWarning() {
            String dna = ViralScreeningRulesTest.hbvDna(daysAgo(30), "10", "<");
            assertThat(adalimumab().record(pastHbv).record(dna).finding("hbv-resolved").orElseThrow().indicator())
                    .isEqualTo(Indicator.INFO);
            assertThat(adalimumab().record(pastHbv).record(dna).finding("hbv-resolved").orElseThrow().suggestions()).isEmpty();
            assertThat(rituximab().record(pastHbv).record(dna).finding("hbv-resolved").orElseThrow().indicator())
                    .isEqualTo(Indicator.WARNING);
        }

        @Test
        void hbsagPositive_dupilumabAndS1p_noHepatitisCard_vedolizumab_critical() {
            String positive = ViralScreeningRulesTest.hbsag(daysAgo(40), true);
            assertThat(dupilumab().record(positive).ruleIds()).noneMatch(id -> id.startsWith("hbv-"));
            assertThat(ozanimod().record(positive).ruleIds()).noneMatch(id -> id.startsWith("hbv-"));
            assertThat(vedolizumab().record(positive).finding("hbv-active").orElseThrow().indicator()).isEqualTo(Indicator.CRITICAL);
        }

        @Test
        void neverScreened_dupilumabAndS1p_noScreeningCards_rituximab_all() {
            List<String> screening = List.of("hbv-screening-missing", "hcv-screening-missing", "hiv-screening-missing");
            assertThat(dupilumab().ruleIds()).doesNotContainAnyElementsOf(screening);
            assertThat(ozanimod().ruleIds()).doesNotContainAnyElementsOf(screening);
            assertThat(rituximab().ruleIds()).containsAll(screening);
            assertThat(tofacitinib().ruleIds()).containsAll(screening);
        }
    }

    @Nested
    class HeartFailure {

        private static final String HF = "heart-failure";

        @Test
        void rituximab_nyhaIv_critical_nyhaIii_or_noClass_none() {
            Finding f = rituximab().record(HeartFailureRuleTest.chf(), HeartFailureRuleTest.nyhaIv(daysAgo(14))).finding(HF)
                    .orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).isEqualTo("NYHA class IV heart failure: rituximab is contraindicated (EU label, non-oncology use)");
            String nyhaIii = HeartFailureRuleTest.nyha("nyha-iii", daysAgo(14), "420913000",
                    "New York Heart Association Classification - Class III");
            assertThat(rituximab().record(HeartFailureRuleTest.chf(), nyhaIii).finding(HF)).isEmpty();
            assertThat(rituximab().record(HeartFailureRuleTest.chf()).finding(HF)).isEmpty();
            assertThat(adalimumab().record(HeartFailureRuleTest.chf(), nyhaIii).finding(HF).orElseThrow().indicator())
                    .isEqualTo(Indicator.CRITICAL);
        }

        @Test
        void s1p_myocardialInfarction_day180_critical_day181_none() {
            Finding f = ozanimod().record(mi(180)).finding(HF).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).isEqualTo("Acute myocardial infarction on " + daysAgo(180)
                    + ", within 6 months: ozanimod is contraindicated (label)");
            assertThat(f.evidence()).containsExactly("Condition/mi-1");
            assertThat(ozanimod().record(mi(181)).finding(HF)).isEmpty();
            assertThat(adalimumab().record(mi(30)).finding(HF)).isEmpty(); // not a TNF fact
        }

        @Test
        void s1p_tiaAndStroke_critical_transientGlobalAmnesia_none() {
            assertThat(ozanimod().record(condition("tia-1", ICD10, "G45.9", "Transient cerebral ischemic attack, unspecified",
                    "resolved", daysAgo(20))).finding(HF).orElseThrow().indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(ozanimod().record(condition("st-1", ICD10, "I63.9", "Cerebral infarction, unspecified",
                    null, daysAgo(100))).finding(HF).orElseThrow().indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(ozanimod().record(condition("tga-1", ICD10, "G45.4", "Transient global amnesia",
                    null, daysAgo(20))).finding(HF)).isEmpty();
        }

        @Test
        void s1p_nyhaIiiWithin6Months_critical_older_none_chronicHfAlone_none() {
            String recent = HeartFailureRuleTest.nyha("nyha-iii", daysAgo(60), "420913000",
                    "New York Heart Association Classification - Class III");
            Finding f = ozanimod().record(HeartFailureRuleTest.chf(), recent).finding(HF).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).isEqualTo("NYHA class III heart failure (" + daysAgo(60) + "): ozanimod is contraindicated (label)");
            String old = HeartFailureRuleTest.nyha("nyha-iii", daysAgo(200), "420913000",
                    "New York Heart Association Classification - Class III");
            assertThat(ozanimod().record(HeartFailureRuleTest.chf(), old).finding(HF)).isEmpty();
            assertThat(ozanimod().record(HeartFailureRuleTest.chf()).finding(HF)).isEmpty();
        }

        @Test
        void s1p_decompensatedHeartFailure_critical() {
            assertThat(ozanimod().record(condition("adhf-1", ICD10, "I50.23", "Acute on chronic systolic heart failure",
                    "active", daysAgo(45))).finding(HF).orElseThrow().indicator()).isEqualTo(Indicator.CRITICAL);
        }

        static String mi(int daysAgo) {
            return condition("mi-1", ICD10, "I21.4", "Acute myocardial infarction", "resolved", daysAgo(daysAgo));
        }
    }

    /** Amendment 16: advice never names a drug another rule contraindicates for this patient. */
    @Nested
    class Advice {

        private final String ulcerativeColitis = condition("uc-1", ICD10, "K51.90", "Ulcerative colitis, unspecified",
                "active", "2019-01-01");
        private final String ms = condition("ms-1", ICD10, "G35", "Multiple sclerosis", null, "2015-04-01");

        @Test
        void ucWithMs_infliximab_namesS1p_unlessMiWithin6Months() {
            String without = ClassOrder.of("infliximab", TNF).record(ulcerativeColitis, ms).finding("demyelinating-disease")
                    .orElseThrow().nextStep();
            assertThat(without).contains("ozanimod or etrasimod");
            String with = ClassOrder.of("infliximab", TNF).record(ulcerativeColitis, ms, HeartFailure.mi(60))
                    .finding("demyelinating-disease").orElseThrow().nextStep();
            assertThat(with).doesNotContain("ozanimod").contains("vedolizumab");
        }

        @Test
        void raWithMsAndNyhaIv_adalimumab_neverNamesRituximab() {
            String ra = CoMedicationRuleTest.rheumatoidArthritis();
            String without = adalimumab().record(ra, ms).finding("demyelinating-disease").orElseThrow().nextStep();
            assertThat(without).contains("rituximab");
            String with = adalimumab().record(ra, ms, HeartFailureRuleTest.chf(), HeartFailureRuleTest.nyhaIv(daysAgo(10)))
                    .finding("demyelinating-disease").orElseThrow().nextStep();
            assertThat(with).doesNotContain("rituximab").contains("abatacept");
        }
    }

    @Nested
    class SpecialPopulations {

        @ParameterizedTest(name = "pregnant, {0}: {2}")
        @CsvSource({"ozanimod,s1p-modulator,CRITICAL", "etrasimod,s1p-modulator,CRITICAL", "tofacitinib,jak-inhibitor,CRITICAL",
                "dupilumab,il4r-il13-inhibitor,INFO", "tralokinumab,il4r-il13-inhibitor,INFO", "tocilizumab,il6r-inhibitor,WARNING",
                "rituximab,cd20-antibody,WARNING", "vedolizumab,integrin-inhibitor,WARNING", "deucravacitinib,tyk2-inhibitor,WARNING"})
        void pregnancy_byClass(String drug, String drugClass, Indicator expected) {
            Finding f = ClassOrder.of(drug, drugClass).record(PregnancyBreastfeedingRuleTest.pregnant(daysAgo(20)))
                    .finding("pregnancy").orElseThrow();
            assertThat(f.indicator()).isEqualTo(expected);
            if (expected == Indicator.CRITICAL) {
                assertThat(f.summary()).isEqualTo("Patient is pregnant: " + drug + " is contraindicated in pregnancy");
            }
        }

        @Test
        void breastfeeding_jakCritical_othersInfo() {
            String bf = PregnancyBreastfeedingRuleTest.breastfeedingCondition(daysAgo(60));
            assertThat(tofacitinib().record(bf).finding("breastfeeding").orElseThrow().indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(rituximab().record(bf).finding("breastfeeding").orElseThrow().indicator()).isEqualTo(Indicator.INFO);
        }

        @Test
        void liveVaccine10DaysAgo_dupilumabInfo_tocilizumabWarning() {
            String mmr = PopulationAndCourseRulesTest.LiveVaccine.mmr(daysAgo(10));
            assertThat(dupilumab().record(mmr).finding("live-vaccine-recent").orElseThrow().indicator()).isEqualTo(Indicator.INFO);
            assertThat(ClassOrder.of("tocilizumab", IL6R).record(mmr).finding("live-vaccine-recent").orElseThrow().indicator())
                    .isEqualTo(Indicator.WARNING);
        }
    }

    @Nested
    class CoMedication {

        private static final String MTX = "methotrexate-combination";
        private static final String IMMUNO = "immunosuppressant-combination";

        private final String methotrexate = CoMedicationRuleTest.methotrexate("active", daysAgo(60));

        @ParameterizedTest(name = "RA on methotrexate, {0}: labelled co-therapy, no card")
        @CsvSource({"tocilizumab,il6r-inhibitor", "sarilumab,il6r-inhibitor", "abatacept,t-cell-costimulation-modulator",
                "rituximab,cd20-antibody", "tofacitinib,jak-inhibitor", "baricitinib,jak-inhibitor", "upadacitinib,jak-inhibitor"})
        void methotrexateInRa_suppressed(String drug, String drugClass) {
            assertThat(ClassOrder.of(drug, drugClass).record(CoMedicationRuleTest.rheumatoidArthritis(), methotrexate)
                    .finding(MTX)).isEmpty();
        }

        @Test
        void methotrexateOutsideRaPsaJia_tofacitinibInUc_info_filgotinibInRa_info() {
            assertThat(tofacitinib().record(ulcerativeColitis(), methotrexate).finding(MTX).orElseThrow().indicator())
                    .isEqualTo(Indicator.INFO);
            assertThat(ClassOrder.of("filgotinib", JAK).record(CoMedicationRuleTest.rheumatoidArthritis(), methotrexate)
                    .finding(MTX).orElseThrow().indicator()).isEqualTo(Indicator.INFO);
        }

        @Test
        void jakWithAzathioprineInIbd_warning_vedolizumab_info_adalimumab_none() {
            String aza = CoMedicationRuleTest.azathioprine();
            assertThat(tofacitinib().record(ulcerativeColitis(), aza).finding(IMMUNO).orElseThrow().indicator())
                    .isEqualTo(Indicator.WARNING);
            assertThat(vedolizumab().record(ulcerativeColitis(), aza).finding(IMMUNO).orElseThrow().indicator())
                    .isEqualTo(Indicator.INFO);
            assertThat(adalimumab().record(ulcerativeColitis(), aza).finding(IMMUNO)).isEmpty();
        }

        @Test
        void jakWithTacrolimus_warning_dupilumabWithCyclosporine_none() {
            String tacrolimus = medicationRequest("tac-1", "197514", "tacrolimus 1 MG Oral Capsule", "active", daysAgo(90));
            assertThat(tofacitinib().record(ulcerativeColitis(), tacrolimus).finding(IMMUNO).orElseThrow().indicator())
                    .isEqualTo(Indicator.WARNING);
            assertThat(dupilumab().record(CoMedicationRuleTest.cyclosporine("active")).finding(IMMUNO)).isEmpty();
            assertThat(adalimumab().record(CoMedicationRuleTest.cyclosporine("active")).finding(IMMUNO)).isPresent();
        }

        @Test
        void asthmaBiologicBeside_eitherDirection_info() {
            String mepolizumab = medicationRequest("mep-1", "1657039", "mepolizumab 100 MG Injection", "active", daysAgo(30));
            assertThat(adalimumab().record(mepolizumab).finding("duplicate-biologic").orElseThrow().indicator())
                    .isEqualTo(Indicator.INFO);
            String adalimumabActive = medicationRequest("ada-1", "1726846", "adalimumab", "active", daysAgo(10));
            assertThat(dupilumab().record(adalimumabActive).finding("duplicate-biologic").orElseThrow().indicator())
                    .isEqualTo(Indicator.INFO);
            assertThat(ClassOrder.of("secukinumab", "il17-inhibitor").record(adalimumabActive).finding("duplicate-biologic")
                    .orElseThrow().indicator()).isEqualTo(Indicator.WARNING);
        }

        static String ulcerativeColitis() {
            return condition("uc-1", ICD10, "K51.90", "Ulcerative colitis, unspecified", "active", "2019-01-01");
        }
    }

    @Nested
    class MalignancyAndWeight {

        private final String lymphoma = condition("ly-1", SNOMED, "118601006", "Non-Hodgkin's lymphoma", "remission", "2015-01-01");

        @Test
        void lymphoma_jakWarning_tyk2None() {
            // At a JAK start the boxed-warning card names the lymphoma (amendment 7) and owns it (one card per fact) ...
            OrderFindings start = tofacitinib().record(lymphoma).results();
            assertThat(start.findings()).extracting(Finding::ruleId).contains("jak-risk-factors").doesNotContain("malignancy-history");
            Finding f = start.withheld().stream().map(OrderFindings.Withheld::finding)
                    .filter(w -> w.ruleId().equals("malignancy-history")).findFirst().orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.nextStep()).contains("not a TNF or JAK inhibitor");
            assertThat(start.withheld()).filteredOn(w -> w.finding().ruleId().equals("malignancy-history"))
                    .extracting(OrderFindings.Withheld::owner).containsExactly("jak-risk-factors");
            assertThat(ClassOrder.of("deucravacitinib", "tyk2-inhibitor").record(lymphoma).finding("malignancy-history")).isEmpty();
        }

        @Test
        void intravenousGolimumabAndTocilizumab_noWeight_weightMissing_subcutaneousOrWeighed_none() {
            assertThat(ClassOrder.of("golimumab", TNF).intravenous().finding("weight-missing").orElseThrow().summary())
                    .isEqualTo("No body weight in the last 90 days: the mg/kg dose of golimumab could not be checked");
            assertThat(ClassOrder.of("tocilizumab", IL6R).intravenous().finding("weight-missing")).isPresent();
            assertThat(ClassOrder.of("golimumab", TNF).finding("weight-missing")).isEmpty();
            assertThat(ClassOrder.of("tocilizumab", IL6R).intravenous()
                    .record(SwitchingAndDosingRulesTest.weight("w-1", 70, daysAgo(90))).finding("weight-missing")).isEmpty();
            assertThat(ClassOrder.of("tocilizumab", IL6R).intravenous()
                    .record(SwitchingAndDosingRulesTest.weight("w-1", 70, daysAgo(91))).finding("weight-missing")).isPresent();
        }
    }
}

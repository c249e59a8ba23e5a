package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.scenario;

import java.util.List;
import org.biologicscds.testing.Scenario;
import org.junit.jupiter.api.Test;

/** Which drafts are recognised as which biologic: by code (IN, PIN, SBD, ATC), by text, through a Medication. */
class DrugRecognitionTest {

    private static List<String> drugIds(Scenario scenario) {
        return scenario.orders().stream().map(o -> o.drug().id()).toList();
    }

    /** With no TB test on record every recognised biologic gets the TB screening card naming the drug. */
    private static void assertRulesRunFor(Scenario scenario, String drugName) {
        Finding missing = scenario.finding("tb-screening-missing").orElseThrow();
        assertThat(missing.summary()).endsWith("before starting " + drugName);
    }

    @Test
    void orderByIngredientRxNorm191831_isInfliximab() {
        Scenario s = scenario().order(Ehr.order("191831", "infliximab"));

        assertThat(drugIds(s)).containsExactly("infliximab");
        assertRulesRunFor(s, "infliximab");
    }

    @Test
    void orderByBrandedDrugSbdInflectra_isInfliximab() {
        Scenario s = scenario().order(Ehr.order("1790546", "infliximab-dyyb 100 MG Injection [Inflectra]"));

        assertThat(drugIds(s)).containsExactly("infliximab");
        assertThat(s.orders().get(0).reference()).isEqualTo("MedicationRequest/draft-1");
    }

    @Test
    void orderByBiosimilarPreciseIngredient_isInfliximab() {
        Scenario s = scenario().order(Ehr.order("1927283", "infliximab-abda"));

        assertThat(drugIds(s)).containsExactly("infliximab");
    }

    @Test
    void orderByAtcL04AB02Only_isInfliximab() {
        String order = """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[{"system":"http://www.whocc.no/atc","code":"L04AB02"}]}}
                """;
        Scenario s = scenario().order(order);

        assertThat(drugIds(s)).containsExactly("infliximab");
        assertRulesRunFor(s, "infliximab");
    }

    @Test
    void orderByTextEfleira120mg_isNetakimab() {
        Scenario s = scenario().order(Scenario.textOrder("Efleira 120 mg"));

        assertThat(drugIds(s)).containsExactly("netakimab");
        assertRulesRunFor(s, "netakimab");
    }

    @Test
    void orderByCyrillicTextEfleira_isNetakimab() {
        Scenario s = scenario().order(Scenario.textOrder("Эфлейра"));

        assertThat(drugIds(s)).containsExactly("netakimab");
        assertRulesRunFor(s, "netakimab");
    }

    @Test
    void orderByCyrillicInnWithDose_isNetakimab() {
        Scenario s = scenario().order(Scenario.textOrder("Нетакимаб, раствор для п/к введения 60 мг/мл, 2 шприца"));

        assertThat(drugIds(s)).containsExactly("netakimab");
    }

    @Test
    void orderByLocalCodeWithAtcL04AC20_isNetakimab() {
        String order = """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[
                   {"system":"urn:oid:1.2.643.5.1.13.13.11.1367","code":"21.20.10.131-000020-1-00046","display":"BCD-085"},
                   {"system":"http://www.whocc.no/atc","code":"L04AC20"}]}}
                """;
        Scenario s = scenario().order(order);

        assertThat(drugIds(s)).containsExactly("netakimab");
    }

    @Test
    void orderByBrandTextHumira_isAdalimumab() {
        Scenario s = scenario().order(Scenario.textOrder("Humira Pen 40 mg/0.4 mL"));

        assertThat(drugIds(s)).containsExactly("adalimumab");
        assertRulesRunFor(s, "adalimumab");
    }

    @Test
    void orderWithUnknownLocalCodeButDisplayRemicade_isInfliximab() {
        String order = """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[{"system":"urn:oid:1.2.840.114350.1.13.0.1.7.2.698288",
                   "code":"81234","display":"REMICADE 100 MG IV SOLR"}]}}
                """;
        Scenario s = scenario().order(order);

        assertThat(drugIds(s)).containsExactly("infliximab");
    }

    @Test
    void orderWithContainedMedicationViaMedicationReference_isRecognised() {
        String order = """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "contained":[{"resourceType":"Medication","id":"med",
                   "code":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"1927290",
                     "display":"infliximab-abda 100 MG Injection [Renflexis]"}]},
                   "form":{"text":"powder for injection"}}],
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationReference":{"reference":"#med"}}
                """;
        Scenario s = scenario().order(order);

        assertThat(drugIds(s)).containsExactly("infliximab");
        assertRulesRunFor(s, "infliximab");
    }

    @Test
    void orderWithContainedMedicationKnownOnlyByIngredient_isRecognised() {
        String order = """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "contained":[{"resourceType":"Medication","id":"med",
                   "code":{"text":"Compounded infusion bag"},
                   "ingredient":[{"itemCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                     "code":"847083","display":"ustekinumab"}]},"isActive":true}]}],
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationReference":{"reference":"#med"}}
                """;
        Scenario s = scenario().order(order);

        assertThat(drugIds(s)).containsExactly("ustekinumab");
    }

    @Test
    void orderWithMedicationReferenceToARecordMedication_isRecognised() {
        String medication = """
                {"resourceType":"Medication","id":"med-ada",
                 "code":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"327361","display":"adalimumab"}]}}
                """;
        String order = """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationReference":{"reference":"Medication/med-ada"}}
                """;
        Scenario s = scenario().record(medication).order(order);

        assertThat(drugIds(s)).containsExactly("adalimumab");
    }

    @Test
    void orderWithUnresolvableMedicationReferenceButDisplay_isRecognisedByDisplay() {
        String order = """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationReference":{"reference":"Medication/unknown-77","display":"Stelara 45 mg/0.5 mL"}}
                """;
        Scenario s = scenario().order(order);

        assertThat(drugIds(s)).containsExactly("ustekinumab");
    }

    @Test
    void methotrexateOrder105586_isNotABiologic_noFindings() {
        Scenario s = scenario()
                .record(Ehr.condition("sep-1", Ehr.SNOMED, "91302008", "Sepsis", "active", daysAgo(2)))
                .order(Ehr.order("105586", "methotrexate 10 MG Oral Tablet"));

        assertThat(s.orders()).isEmpty();
        assertThat(s.findings()).isEmpty();
    }

    @Test
    void tofacitinibOrder_isACatalogueDrug_checkedNotNotRecognised() {
        // Drug catalogue v2 (clinical-v2.md table 5.1, issue 16): tofacitinib is checked as the drug ordered.
        Scenario s = scenario().order(Ehr.order("1357536", "tofacitinib"));

        assertThat(s.orders()).singleElement().satisfies(o -> {
            assertThat(o.drug().id()).isEqualTo("tofacitinib");
            assertThat(o.drug().drugClass()).isEqualTo("jak-inhibitor");
        });
        assertThat(s.ruleIds()).doesNotContain("drug-not-recognised");
    }

    @Test
    void draftWithNoMedication_noFindings() {
        String order = """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},"note":[{"text":"infliximab 5 mg/kg, see protocol"}]}
                """;
        Scenario s = scenario().order(order);

        assertThat(s.orders()).isEmpty();
        assertThat(s.findings()).isEmpty();
    }

    @Test
    void textThatMerelyContainsADrugNameFragment_isNotRecognised() {
        // "Inflammation" starts like "Inflectra"/"infliximab"; names must match as whole words.
        Scenario s = scenario().order(Scenario.textOrder("Inflammation panel"));

        assertThat(s.orders()).isEmpty();
    }

    @Test
    void twoBiologicDrafts_bothRecognised_firstIsUnderReview() {
        Scenario s = scenario()
                .order(Ehr.infliximabOrder())
                .order("""
                        {"resourceType":"MedicationRequest","id":"draft-2","status":"draft","intent":"order",
                         "subject":{"reference":"Patient/pt-1"},"medicationCodeableConcept":{"text":"Cosentyx 150 mg"}}
                        """);

        assertThat(drugIds(s)).containsExactly("infliximab", "secukinumab");
        assertThat(s.ruleIds()).contains("duplicate-biologic");
    }

    // ---- section 1.6: biosimilar suffixes, transliteration, CJK, code order

    @Test
    void unseenBiosimilarSuffixOfEveryCatalogueInn_isThatDrug() {
        for (org.biologicscds.knowledge.Drug drug : org.biologicscds.testing.TestKnowledge.get().drugs().all()) {
            for (String suffix : List.of("xxxx", "qzvk")) {
                Scenario s = scenario().order(Scenario.textOrder(drug.name() + "-" + suffix + " 40 mg"));

                assertThat(drugIds(s)).as(drug.name() + "-" + suffix).containsExactly(drug.id());
            }
        }
    }

    @Test
    void adalimumabWithAnUnseenSuffixInItsCodingDisplay_isAdalimumab() {
        String order = """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[{"system":"urn:oid:1.2.840.114350.1.13.0.1.7.2.698288",
                   "code":"99120","display":"ADALIMUMAB-XXXX 40 MG/0.4 ML SC PNKT"}]}}
                """;
        Scenario s = scenario().order(order);

        assertThat(drugIds(s)).containsExactly("adalimumab");
        assertThat(s.ruleIds()).doesNotContain("drug-not-recognised");
    }

    @Test
    void netakimabInEveryListedSpelling_isNetakimab() {
        for (String text : List.of("Efleyra 120 mg SC", "Eflejra 120 mg", "Ефлейра 120 мг", "EFLEIRA® 60 mg/ml",
                "Эфлейра 60 мг/мл", "netakimabum 120 mg", "BCD085", "BCD-085 120 mg", "Нетакимаб")) {
            assertThat(drugIds(scenario().order(Scenario.textOrder(text)))).as(text).containsExactly("netakimab");
        }
    }

    @Test
    void cyrillicEfleiraWithDose_isNetakimabAndSubcutaneousBySyringe() {
        Scenario s = scenario().order(Scenario.textOrder("Эфлейра 60 мг/мл, 2 шприца"));

        assertThat(drugIds(s)).containsExactly("netakimab");
        assertThat(s.orders().get(0).route()).isEqualTo(AdministrationRoute.SUBCUTANEOUS);
        assertRulesRunFor(s, "netakimab");
    }

    @Test
    void chineseBrandLeikeWithIvDose_isInfliximabIntravenous() {
        Scenario s = scenario().order(Scenario.textOrder("类克 400 mg IV"));

        assertThat(drugIds(s)).containsExactly("infliximab");
        assertThat(s.orders().get(0).route()).isEqualTo(AdministrationRoute.INTRAVENOUS);
    }

    @Test
    void chineseInnInsideAProductNameWithoutSpaces_isInfliximab() {
        Scenario s = scenario().order(Scenario.textOrder("注射用英夫利西单抗100mg 静脉滴注"));

        assertThat(drugIds(s)).containsExactly("infliximab");
        assertThat(s.orders().get(0).route()).isEqualTo(AdministrationRoute.INTRAVENOUS);
    }

    @Test
    void trademarkSignAndDiacritics_doNotHideTheBrand() {
        assertThat(drugIds(scenario().order(Scenario.textOrder("Humira™ 40 mg pen")))).containsExactly("adalimumab");
        assertThat(drugIds(scenario().order(Scenario.textOrder("Rémicade® 100 mg")))).containsExactly("infliximab");
    }

    @Test
    void rxNormCodeWinsOverAnAtcCodeOfAnotherDrug_listedFirst() {
        String order = """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[
                   {"system":"http://www.whocc.no/atc","code":"L04AC20"},
                   {"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"191831"}]}}
                """;
        assertThat(drugIds(scenario().order(order))).containsExactly("infliximab");
    }

    @Test
    void nameAsWrittenWinsOverATransliteratedName() {
        // "Remsima" is infliximab as written; nothing else may claim it through its transliteration key.
        assertThat(drugIds(scenario().order(Scenario.textOrder("Remsima 100 mg")))).containsExactly("infliximab");
    }

    // ---- route and product: both infliximab routes are drug infliximab; the order says which

    @Test
    void zymfentra120mgPen_isSubcutaneousInfliximab() {
        Scenario s = scenario().order(Scenario.textOrder("Zymfentra 120 mg/mL"));

        assertThat(drugIds(s)).containsExactly("infliximab");
        assertThat(s.orders().get(0).route()).isEqualTo(AdministrationRoute.SUBCUTANEOUS);
        assertThat(s.orders().get(0).subcutaneous()).isTrue();
    }

    @Test
    void remsimaSc120mg_isSubcutaneousInfliximab() {
        Scenario s = scenario().order(Scenario.textOrder("Remsima SC 120 mg"));

        assertThat(drugIds(s)).containsExactly("infliximab");
        assertThat(s.orders().get(0).route()).isEqualTo(AdministrationRoute.SUBCUTANEOUS);
    }

    @Test
    void remicade100mgVial_isIntravenousInfliximab() {
        Scenario s = scenario().order(Scenario.textOrder("Remicade 100 mg vial"));

        assertThat(drugIds(s)).containsExactly("infliximab");
        assertThat(s.orders().get(0).route()).isEqualTo(AdministrationRoute.INTRAVENOUS);
    }

    @Test
    void infliximabWithSnomedSubcutaneousRouteCode_isSubcutaneous() {
        String order = """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                   "code":"191831","display":"infliximab"}]},
                 "dosageInstruction":[{"text":"120 mg every 2 weeks",
                   "route":{"coding":[{"system":"http://snomed.info/sct","code":"34206005"}]}}]}
                """;
        Scenario s = scenario().order(order);

        assertThat(s.orders().get(0).route()).isEqualTo(AdministrationRoute.SUBCUTANEOUS);
    }

    @Test
    void infliximabMedicationWithPrefilledPenForm_isSubcutaneous() {
        String order = """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "contained":[{"resourceType":"Medication","id":"med",
                   "code":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"191831","display":"infliximab"}],
                     "text":"infliximab-dyyb 120 mg/mL"},
                   "form":{"text":"solution for injection in pre-filled pen"}}],
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationReference":{"reference":"#med"}}
                """;
        Scenario s = scenario().order(order);

        assertThat(drugIds(s)).containsExactly("infliximab");
        assertThat(s.orders().get(0).route()).isEqualTo(AdministrationRoute.SUBCUTANEOUS);
    }

    @Test
    void infliximabWithNoRouteAnywhere_routeNotStated() {
        Scenario s = scenario().order(Ehr.order("191831", "infliximab"));

        assertThat(s.orders().get(0).route()).isEqualTo(AdministrationRoute.NOT_STATED);
    }
}

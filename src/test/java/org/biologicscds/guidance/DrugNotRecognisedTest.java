package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.testing.Scenario;
import org.junit.jupiter.api.Test;

/**
 * {@code drug-not-recognised} (clinical-v2.md 1.6, amendment 18): an advanced therapy outside the
 * catalogue gets an info card saying it was not checked; other drugs, topical forms and MS
 * antibodies (L04AG) stay silent, and plain "-mab" is never a trigger.
 */
class DrugNotRecognisedTest {

    private static String atcOrder(String atc, String text) {
        return """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[{"system":"http://www.whocc.no/atc","code":"%s"}],"text":"%s"}}
                """.formatted(atc, text);
    }

    private static Finding notRecognised(Scenario s) {
        assertThat(s.orders()).as("not a catalogue biologic").isEmpty();
        assertThat(s.ruleIds()).containsExactly("drug-not-recognised");
        return s.finding("drug-not-recognised").orElseThrow();
    }

    @Test
    void ozoralizumab30mg_fromTheUnsupportedList_notCheckedInfo() {
        Finding finding = notRecognised(scenario().order(Scenario.textOrder("ozoralizumab 30 mg")));

        assertThat(finding.indicator()).isEqualTo(Indicator.INFO);
        assertThat(finding.summary()).isEqualTo("Not checked: ozoralizumab 30 mg is not in the biologic catalogue");
        assertThat(finding.facts()).anySatisfy(f -> assertThat(f).contains("list of advanced therapies"));
    }

    @Test
    void olokizumabByItsRussianBrand_isOnTheList() {
        Finding finding = notRecognised(scenario().order(Scenario.textOrder("Артлегиа 160 мг/мл")));

        assertThat(finding.summary()).contains("Артлегиа 160 мг/мл");
    }

    @Test
    void levilimabInLatinTransliteration_isOnTheList() {
        notRecognised(scenario().order(Scenario.textOrder("Levilimab (Ilsira) 162 mg")));
    }

    @Test
    void namesWithAdvancedTherapyStems_notChecked() {
        for (String text : List.of("sonelokimab 120 mg", "ritlecitinib 50 mg capsule", "peficitinib 100 mg tablet",
                "Олокизумаб 64 мг", "izokibart 10 mg")) {
            Scenario s = scenario().order(Scenario.textOrder(text));
            assertThat(s.ruleIds()).as(text).containsExactly("drug-not-recognised");
        }
    }

    @Test
    void atcCodesOfAdvancedTherapyClasses_notChecked_evenWithAnOpaqueName() {
        // codes of the trigger classes the catalogue does not hold (Pharmacolibrary ATC folders): afelimomab,
        // rilonacept, peficitinib, nemolizumab; the catalogue's own codes (L04AC07 tocilizumab, ...) identify its drugs
        for (String atc : List.of("L04AB03", "L04AC04", "L04AF06", "D11AH12")) {
            Scenario s = scenario().order(atcOrder(atc, "Study drug 7"));
            Finding finding = notRecognised(s);
            assertThat(finding.facts()).as(atc).anySatisfy(f -> assertThat(f).contains("ATC " + atc));
        }
    }

    @Test
    void msAntibodiesInL04AG_natalizumabOcrelizumab_noCard() {
        assertThat(scenario().order(atcOrder("L04AG03", "natalizumab 300 mg IV")).findings()).isEmpty();
        assertThat(scenario().order(atcOrder("L04AG08", "Ocrevus 600 mg")).findings()).isEmpty();
    }

    @Test
    void plainMabAntibodies_denosumabPembrolizumab_noCard() {
        for (String text : List.of("denosumab 60 mg SC", "Prolia 60 mg", "pembrolizumab 200 mg IV", "Keytruda",
                "natalizumab 300 mg", "omalizumab 150 mg", "mepolizumab 100 mg")) {
            Scenario s = scenario().order(Scenario.textOrder(text));
            assertThat(s.orders()).as(text).isEmpty();
            assertThat(s.findings()).as(text).isEmpty();
        }
    }

    @Test
    void topicalForms_tacrolimusOintmentDelgocitinibCream_noCard() {
        assertThat(scenario().order(atcOrder("D11AH01", "tacrolimus 0.1% ointment")).findings()).isEmpty();
        assertThat(scenario().order(atcOrder("D11AH01", "Protopic")).findings()).isEmpty();
        assertThat(scenario().order(Scenario.textOrder("delgocitinib 20 mg/g cream")).findings()).isEmpty();
        String topicalRoute = """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},"medicationCodeableConcept":{"text":"ruxolitinib-like jak citinib 1.5%"},
                 "dosageInstruction":[{"route":{"coding":[{"system":"http://snomed.info/sct","code":"6064005","display":"Topical route"}]}}]}
                """;
        assertThat(scenario().order(topicalRoute).findings()).isEmpty();
    }

    @Test
    void ordinaryDrugs_noCard() {
        for (String text : List.of("Methotrexate 2.5 mg tablet", "Folic acid 5 mg", "prednisone 10 mg")) {
            assertThat(scenario().order(Scenario.textOrder(text)).findings()).as(text).isEmpty();
        }
    }

    @Test
    void catalogueDrugsAreRecognised_neverNotRecognised() {
        for (String text : List.of("Efleyra 120 mg SC", "ixekizumab 80 mg", "Skyrizi 150 mg", "infliximab-xyzw 100 mg")) {
            Scenario s = scenario().order(Scenario.textOrder(text));
            assertThat(s.orders()).as(text).hasSize(1);
            assertThat(s.ruleIds()).as(text).doesNotContain("drug-not-recognised");
        }
    }

    @Test
    void longNameIsCutAt40CharactersInTheSummary() {
        Finding finding = notRecognised(scenario().order(Scenario.textOrder(
                "ozoralizumab 30 mg/1 mL solution for subcutaneous injection, pre-filled syringe")));

        assertThat(finding.summary()).isEqualTo("Not checked: ozoralizumab 30 mg/1 mL solution for su… is not in the biologic catalogue");
        assertThat(finding.facts().get(0)).contains("pre-filled syringe");
    }

    @Test
    void catalogueV2Drugs_areCatalogueDrugsNow_notNotChecked() {
        // clinical-v2.md table 5.1 drugs moved from "not checked" into the catalogue (issue 16): text, brand and RxNorm
        Map<String, String> byText = new LinkedHashMap<>();
        byText.put("rituximab 1000 mg IV", "rituximab");
        byText.put("Rituxan 500 mg/50 mL", "rituximab");
        byText.put("Truxima 100 mg vial", "rituximab");
        byText.put("tocilizumab 162 mg/0.9 mL pen", "tocilizumab");
        byText.put("Actemra ACTPen", "tocilizumab");
        byText.put("abatacept 125 mg/mL", "abatacept");
        byText.put("Orencia ClickJect", "abatacept");
        byText.put("vedolizumab 300 mg IV", "vedolizumab");
        byText.put("Entyvio 108 mg pen", "vedolizumab");
        byText.put("Kineret 100 mg", "anakinra");
        byText.put("anakinra", "anakinra");
        byText.put("Ilaris 150 mg", "canakinumab");
        byText.put("dupilumab 300 mg", "dupilumab");
        byText.put("Dupixent 300 mg pen", "dupilumab");
        byText.put("Adbry 150 mg", "tralokinumab");
        byText.put("Ebglyss 250 mg", "lebrikizumab");
        byText.put("Zeposia 0.92 mg", "ozanimod");
        byText.put("etrasimod 2 mg", "etrasimod");
        byText.put("Sotyktu 6 mg", "deucravacitinib");
        byText.put("Kevzara 200 mg", "sarilumab");
        byText.put("Spevigo 450 mg", "spesolimab");
        byText.put("Xeljanz XR 11 mg", "tofacitinib");
        byText.put("Olumiant 4 mg", "baricitinib");
        byText.put("Rinvoq 15 mg", "upadacitinib");
        byText.put("upadacitinib 15 mg ER tablet", "upadacitinib");
        byText.put("Jyseleca 200 mg", "filgotinib");
        byText.put("Cibinqo 100 mg", "abrocitinib");
        byText.put("Мабтера 500 мг", "rituximab");
        byText.put("ритуксимаб", "rituximab");
        byText.forEach((text, drug) -> {
            Scenario s = scenario().order(Scenario.textOrder(text));
            assertThat(s.orders()).as(text).singleElement().satisfies(o -> assertThat(o.drug().id()).isEqualTo(drug));
            assertThat(s.ruleIds()).as(text).doesNotContain("drug-not-recognised");
        });
        Map<String, String> byRxNorm = Map.of("121191", "rituximab", "612865", "tocilizumab", "1923319", "sarilumab",
                "614391", "abatacept", "1357536", "tofacitinib", "2047232", "baricitinib");
        byRxNorm.forEach((rxcui, drug) -> {
            Scenario s = scenario().order(Scenario.rxNormOrder(rxcui, "an opaque local name"));
            assertThat(s.orders()).as("RxNorm " + rxcui).singleElement()
                    .satisfies(o -> assertThat(o.drug().id()).isEqualTo(drug));
            assertThat(s.ruleIds()).as("RxNorm " + rxcui).doesNotContain("drug-not-recognised");
        });
    }
}

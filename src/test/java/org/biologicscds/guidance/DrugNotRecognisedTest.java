package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.scenario;

import java.util.List;
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
        for (String text : List.of("sonelokimab 120 mg", "ritlecitinib 50 mg capsule", "upadacitinib 15 mg ER tablet",
                "Олокизумаб 64 мг", "izokibart 10 mg")) {
            Scenario s = scenario().order(Scenario.textOrder(text));
            assertThat(s.ruleIds()).as(text).containsExactly("drug-not-recognised");
        }
    }

    @Test
    void atcCodesOfAdvancedTherapyClasses_notChecked_evenWithAnOpaqueName() {
        for (String atc : List.of("L04AB03", "L04AC07", "L04AF02", "D11AH05")) {
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
    void catalogueV2DrugsNotYetChecked_areNotRecognised_neverSilent() {
        // clinical-v2.md table 5.1 drugs the knowledge does not check yet: text, brand and RxNorm ingredient
        for (String text : List.of("rituximab 1000 mg IV", "Rituxan 500 mg/50 mL", "Truxima 100 mg vial",
                "tocilizumab 162 mg/0.9 mL pen", "Actemra ACTPen", "abatacept 125 mg/mL", "Orencia ClickJect",
                "vedolizumab 300 mg IV", "Entyvio 108 mg pen", "Kineret 100 mg", "anakinra", "Ilaris 150 mg",
                "dupilumab 300 mg", "Dupixent 300 mg pen", "Adbry 150 mg", "Ebglyss 250 mg", "Zeposia 0.92 mg",
                "etrasimod 2 mg", "Sotyktu 6 mg", "Kevzara 200 mg", "Spevigo 450 mg", "Xeljanz XR 11 mg",
                "Olumiant 4 mg", "Rinvoq 15 mg", "Jyseleca 200 mg", "Cibinqo 100 mg", "Мабтера 500 мг", "ритуксимаб")) {
            Scenario s = scenario().order(Scenario.textOrder(text));
            assertThat(s.orders()).as(text).isEmpty();
            assertThat(s.ruleIds()).as(text).containsExactly("drug-not-recognised");
        }
        for (String rxcui : List.of("121191", "612865", "1923319", "614391", "1357536", "2047232")) {
            Scenario s = scenario().order(Scenario.rxNormOrder(rxcui, "an ingredient the catalogue does not check yet"));
            assertThat(s.ruleIds()).as("RxNorm " + rxcui).containsExactly("drug-not-recognised");
        }
    }
}

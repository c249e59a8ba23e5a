package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biologicscds.testing.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Drug catalogue v2 (clinical-v2.md table 5.1, section 1.6; issue 16): the new drugs recognised from
 * orders written the way clinics write them (brands, biosimilar suffixes, Cyrillic as written and
 * transliterated, Chinese product names without spaces, local codes with text), and the route of the
 * drugs that come as IV and SC products.
 */
class CatalogueV2RecognitionTest {

    private static List<String> drugIds(Scenario scenario) {
        return scenario.orders().stream().map(o -> o.drug().id()).toList();
    }

    private static AdministrationRoute route(String text) {
        Scenario s = scenario().order(Scenario.textOrder(text));
        assertThat(s.orders()).as(text).hasSize(1);
        return s.orders().get(0).route();
    }

    private static void recognised(Map<String, String> textToDrug) {
        textToDrug.forEach((text, drug) -> {
            Scenario s = scenario().order(Scenario.textOrder(text));
            assertThat(drugIds(s)).as(text).containsExactly(drug);
            assertThat(s.ruleIds()).as(text).doesNotContain("drug-not-recognised");
        });
    }

    @Test
    void brandsAndBiosimilarSuffixes() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("TOFIDENCE (tocilizumab-bavi) 400 mg/20 mL", "tocilizumab");
        cases.put("Tyenne 162 mg/0.9 mL PFS", "tocilizumab");
        cases.put("tocilizumab-aazg 80 mg/4 mL", "tocilizumab");
        // a suffix the knowledge has never seen (section 1.6: no knowledge change needed)
        cases.put("tocilizumab-anoh 162 mg autoinjector", "tocilizumab");
        cases.put("RoActemra 20 mg/ml concentrate", "tocilizumab");
        cases.put("rituximab-abbs (Truxima) 500 mg", "rituximab");
        cases.put("RUXIENCE (rituximab-pvvr) 100mg/10mL", "rituximab");
        cases.put("Riabni 500 mg/50 mL", "rituximab");
        cases.put("rituximab-arrx", "rituximab");
        cases.put("MabThera® 1400 mg SC", "rituximab");
        cases.put("Rituxan Hycela 1,400 mg/23,400 units", "rituximab");
        cases.put("KEVZARA 200MG/1.14ML PEN", "sarilumab");
        cases.put("ORENCIA CLICKJECT 125 MG/ML", "abatacept");
        cases.put("Ilaris 150 mg/mL vial", "canakinumab");
        cases.put("Entyvio® 300 mg powder for infusion", "vedolizumab");
        cases.put("Spevigo 900 mg/15 mL", "spesolimab");
        cases.put("ADTRALZA 150 mg pre-filled syringe", "tralokinumab");
        cases.put("tralokinumab-ldrm 300 mg", "tralokinumab");
        cases.put("EBGLYSS 250 mg/2 mL pen", "lebrikizumab");
        cases.put("Xeljanz XR 11 mg", "tofacitinib");
        cases.put("RINVOQ LQ 1 mg/mL oral solution", "upadacitinib");
        cases.put("Jyseleca 200mg film-coated tablets", "filgotinib");
        cases.put("Sotyktu™ 6 mg", "deucravacitinib");
        cases.put("ZEPOSIA 0.92 mg capsule", "ozanimod");
        cases.put("Velsipity 2 mg", "etrasimod");
        recognised(cases);
    }

    @Test
    void cyrillicAsWrittenAndTransliterated() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("Актемра 400 мг/20 мл, флакон", "tocilizumab");
        cases.put("Aktemra 162 mg", "tocilizumab");
        cases.put("Тоцилизумаб 20 мг/мл", "tocilizumab");
        cases.put("Ритуксимаб 500 мг/50 мл", "rituximab");
        cases.put("Rituksimab 500 mg", "rituximab");
        cases.put("Ацеллбия 100 мг", "rituximab");
        cases.put("Acellbija 500 mg", "rituximab");
        cases.put("Мабтера 1400 мг п/к", "rituximab");
        cases.put("Оренсия 125 мг/мл шприц", "abatacept");
        cases.put("Кевзара 150 мг", "sarilumab");
        cases.put("Энтивио 300 мг", "vedolizumab");
        cases.put("Entivio 300 mg", "vedolizumab");
        cases.put("Дупиксент 300 мг шприц-ручка", "dupilumab");
        cases.put("Dupiksent 300 mg", "dupilumab");
        cases.put("Яквинус 5 мг", "tofacitinib");
        cases.put("Jakvinus 5 mg", "tofacitinib");
        cases.put("Олумиант 4 мг", "baricitinib");
        cases.put("Ринвок 15 мг", "upadacitinib");
        cases.put("Кинерет 100 мг", "anakinra");
        cases.put("Иларис 150 мг", "canakinumab");
        recognised(cases);
    }

    @Test
    void chineseNamesAsSubstringsOfProductNames() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("利妥昔单抗注射液 500mg/50ml 静滴", "rituximab");
        cases.put("托珠单抗注射液80mg", "tocilizumab");
        cases.put("注射用维得利珠单抗300mg", "vedolizumab");
        cases.put("度普利尤单抗注射液 300mg 皮下", "dupilumab");
        cases.put("枸橼酸托法替布片5mg", "tofacitinib");
        cases.put("巴瑞替尼片 2mg", "baricitinib");
        cases.put("乌帕替尼缓释片15mg", "upadacitinib");
        recognised(cases);
    }

    @Test
    void localCodeWithText_isFoundByTheText() {
        String order = """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[{"system":"urn:oid:1.2.840.114350.1.13.0.1.7.2.698288",
                   "code":"48213","display":"VEDOLIZUMAB 300 MG IV SOLR"}],"text":"vedolizumab (ENTYVIO) 300 mg in sodium chloride 0.9 % 250 mL IVPB"}}""";
        Scenario s = scenario().order(order);

        assertThat(drugIds(s)).containsExactly("vedolizumab");
        assertThat(s.orders().get(0).route()).isEqualTo(AdministrationRoute.INTRAVENOUS);
    }

    @Test
    void productRxNormCodes_leadToTheIngredient() {
        Map<String, String> cases = Map.of(
                "1441527", "tocilizumab",       // 0.9 ML tocilizumab 180 MG/ML Prefilled Syringe
                "1799230", "abatacept",         // 1 ML abatacept 125 MG/ML Auto-Injector [Orencia]
                "2273517", "rituximab",         // 10 ML rituximab-pvvr 10 MG/ML Injection [Ruxience]
                "1923338", "sarilumab",         // 1.14 ML sarilumab 132 MG/ML Prefilled Syringe [Kevzara]
                "727714", "anakinra",           // 0.67 ML anakinra 149 MG/ML Prefilled Syringe [Kineret]
                "1741049", "tofacitinib",       // 24 HR tofacitinib 11 MG Extended Release Oral Tablet [Xeljanz]
                "2047247", "baricitinib");      // baricitinib 2 MG Oral Tablet [Olumiant]
        cases.forEach((rxcui, drug) -> assertThat(drugIds(scenario().order(Scenario.rxNormOrder(rxcui, "local name 17"))))
                .as("RxNorm " + rxcui).containsExactly(drug));
    }

    @Test
    void atcCodes_ofTheNewClasses_identifyTheDrug() {
        Map<String, String> cases = Map.of("L04AG05", "vedolizumab", "L04AC22", "spesolimab", "D11AH10", "lebrikizumab",
                "L04AE02", "ozanimod", "L04AE05", "etrasimod", "L04AF07", "deucravacitinib", "L01FA01", "rituximab");
        cases.forEach((atc, drug) -> {
            String order = """
                    {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                     "subject":{"reference":"Patient/pt-1"},
                     "medicationCodeableConcept":{"coding":[{"system":"http://www.whocc.no/atc","code":"%s"}],"text":"Study drug 9"}}
                    """.formatted(atc);
            assertThat(drugIds(scenario().order(order))).as(atc).containsExactly(drug);
        });
    }

    @Test
    void tocilizumab_ivVialsAndScPens_areToldApart() {
        assertThat(route("Actemra ACTPen 162 mg/0.9 mL")).isEqualTo(AdministrationRoute.SUBCUTANEOUS);
        assertThat(route("tocilizumab 162 mg prefilled syringe weekly")).isEqualTo(AdministrationRoute.SUBCUTANEOUS);
        assertThat(route("Actemra 400 mg/20 mL vial for infusion")).isEqualTo(AdministrationRoute.INTRAVENOUS);
        assertThat(route("Актемра 80 мг/4 мл, флакон, в/в")).isEqualTo(AdministrationRoute.INTRAVENOUS);
        // the IV-only product code says IV even with no route or text
        Scenario vial = scenario().order(Scenario.rxNormOrder("1657976", "4 ML tocilizumab 20 MG/ML Injection [Actemra]"));
        assertThat(vial.orders().get(0).route()).isEqualTo(AdministrationRoute.INTRAVENOUS);
        assertThat(route("tocilizumab 8 mg/kg")).isEqualTo(AdministrationRoute.NOT_STATED);
    }

    @Test
    void abatacept_clickJectAndSyringesAreSc_powderIsIv() {
        assertThat(route("Orencia ClickJect 125 mg/mL")).isEqualTo(AdministrationRoute.SUBCUTANEOUS);
        assertThat(route("abatacept 125 mg/mL pre-filled syringe")).isEqualTo(AdministrationRoute.SUBCUTANEOUS);
        assertThat(route("Orencia 250 mg lyophilized powder")).isEqualTo(AdministrationRoute.INTRAVENOUS);
        Scenario powder = scenario().order(Scenario.rxNormOrder("616018", "abatacept 250 MG Injection [Orencia]"));
        assertThat(powder.orders().get(0).route()).isEqualTo(AdministrationRoute.INTRAVENOUS);
    }

    @Test
    void vedolizumab_penIsSc_infusionIsIv_bothAreVedolizumab() {
        assertThat(route("Entyvio Pen 108 mg/0.68 mL")).isEqualTo(AdministrationRoute.SUBCUTANEOUS);
        assertThat(route("vedolizumab 108 mg SC every 2 weeks")).isEqualTo(AdministrationRoute.SUBCUTANEOUS);
        assertThat(route("Entyvio 300 mg IV")).isEqualTo(AdministrationRoute.INTRAVENOUS);
        assertThat(route("ведолизумаб 300 мг внутривенно")).isEqualTo(AdministrationRoute.INTRAVENOUS);
    }

    @Test
    void notCatalogueDrugs_stayNotChecked() {
        // the spec's list of advanced therapies outside the catalogue, and plain "-mab" antibodies, are untouched
        for (String text : List.of("olokizumab 64 mg", "ritlecitinib 50 mg", "Litfulo 50 mg")) {
            Scenario s = scenario().order(Scenario.textOrder(text));
            assertThat(s.orders()).as(text).isEmpty();
            assertThat(s.ruleIds()).as(text).containsExactly("drug-not-recognised");
        }
        Scenario denosumab = scenario().order(Scenario.textOrder("Prolia (denosumab) 60 mg"));
        assertThat(denosumab.orders()).isEmpty();
        assertThat(denosumab.findings()).isEmpty();
    }
}

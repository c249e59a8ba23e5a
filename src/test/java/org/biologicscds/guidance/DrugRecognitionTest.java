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
    void tofacitinibOrder_isNotACatalogueBiologic_noFindings() {
        Scenario s = scenario().order(Ehr.order("1357536", "tofacitinib"));

        assertThat(s.orders()).isEmpty();
        assertThat(s.findings()).isEmpty();
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
}

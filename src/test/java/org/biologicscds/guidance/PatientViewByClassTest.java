package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.ICD10;
import static org.biologicscds.guidance.Ehr.condition;
import static org.biologicscds.guidance.Ehr.daysAgo;

import java.util.ArrayList;
import java.util.List;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.record.FhirReader;
import org.biologicscds.record.PatientRecord;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * patient-view for every class the patient is on (issue 16 point 4; clinical-v2.md 1.3, 1.4 P, 5.2):
 * the monitoring of each therapy is gated by the same rule families as the orders, and always worded
 * for maintenance ("while on", never "start"). Records as EHRs send them: the drug as brand text.
 */
class PatientViewByClassTest {

    private static final Monitoring MONITORING = new Monitoring(TestKnowledge.get());
    private static final FhirReader READER = new FhirReader(TestKnowledge.FHIR);
    private static final List<String> VIRAL = List.of("hbv-screening-missing", "hcv-screening-missing", "hiv-screening-missing");

    /** On a drug since {@code since} (an active order with brand text, as outside prescriptions arrive). */
    static String onDrug(String text, String since) {
        return """
                {"resourceType":"MedicationRequest","id":"rx-1","status":"active","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},"authoredOn":"%s","medicationCodeableConcept":{"text":"%s"}}
                """.formatted(since, text);
    }

    static List<Finding> chartOpen(String... json) {
        List<Resource> record = new ArrayList<>();
        record.add(READER.read("""
                {"resourceType":"Patient","id":"pt-1","gender":"female","birthDate":"1980-05-01"}"""));
        for (String resource : json) {
            record.add(READER.read(resource));
        }
        PatientRecord patientRecord = new PatientRecord("pt-1", (org.hl7.fhir.r4.model.Patient) record.get(0), record.subList(1, record.size()));
        List<Finding> findings = new ArrayList<>();
        MONITORING.evaluate(patientRecord, Ehr.TODAY_DATE).forEach(o -> findings.addAll(o.findings()));
        for (Finding f : findings) {
            assertThat(f.summary() + " " + f.nextStep()).as("patient-view wording (1.3)").doesNotContainIgnoringCase("start");
        }
        return findings;
    }

    static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).toList();
    }

    /**
     * Never screened, on the drug for exactly a year today (the yearly reminder window is open): the
     * classes of 3.1 get the TB and hepatitis reminders, rituximab the hepatitis ones only, IL-4R/IL-13
     * antibodies and S1P modulators none; every reminder info and worded "while on".
     */
    @ParameterizedTest(name = "on {0}: TB {1}, hepatitis/HIV {2}")
    @CsvSource({"Xeljanz 5 mg tablet,true,true", "Olumiant 4 mg,true,true", "Rinvoq 15 mg,true,true", "Jyseleca 200 mg,true,true",
            "Cibinqo 100 mg,true,true", "Sotyktu 6 mg,true,true", "Actemra 162 mg pen,true,true", "Kevzara 200 mg pen,true,true",
            "Orencia ClickJect 125 mg,true,true", "Kineret 100 mg syringe,true,true", "Ilaris 150 mg,true,true",
            "Spevigo 150 mg syringe,true,true", "Entyvio Pen 108 mg,true,true", "Rituxan 1000 mg infusion,false,true",
            "Dupixent 300 mg pen,false,false", "Adbry 150 mg syringe,false,false", "Ebglyss 250 mg pen,false,false",
            "Zeposia 0.92 mg capsule,false,false", "Velsipity 2 mg tablet,false,false", "Humira 40 mg pen,true,true"})
    void neverScreened_yearOnTherapy_remindersByClass(String drug, boolean tb, boolean viral) {
        List<Finding> findings = chartOpen(onDrug(drug, daysAgo(365)));

        assertThat(ids(findings).contains("tb-screening-missing")).as("TB reminder").isEqualTo(tb);
        assertThat(ids(findings).containsAll(VIRAL)).as("hepatitis B, C, HIV reminders").isEqualTo(viral);
        assertThat(ids(findings).stream().anyMatch(VIRAL::contains)).isEqualTo(viral);
        assertThat(findings).allSatisfy(f -> assertThat(f.indicator()).isEqualTo(Indicator.INFO));
        findings.stream().filter(f -> f.ruleId().equals("tb-screening-missing"))
                .forEach(f -> assertThat(f.summary()).startsWith("No TB screening on record for a patient on "));
    }

    /** The yearly reminder shows for 28 days from the course anniversary (1.3): day 27 yes, day 28 no. */
    @Test
    void yearlyWindowBoundary_day27Shown_day28Not() {
        assertThat(ids(chartOpen(onDrug("Xeljanz 5 mg tablet", daysAgo(365 + 27))))).contains("tb-screening-missing");
        assertThat(chartOpen(onDrug("Xeljanz 5 mg tablet", daysAgo(365 + 28)))).isEmpty();
    }

    @Test
    void onRituximab_pastHbv_prophylaxisWarning_whileOn_withEntecavir() {
        List<Finding> findings = chartOpen(onDrug("Rituxan 1000 mg infusion", daysAgo(200)),
                ViralScreeningRulesTest.hbsag(daysAgo(300), false), ViralScreeningRulesTest.antiHbc(daysAgo(300), true),
                ViralScreeningRulesTest.hcv(daysAgo(300)), ViralScreeningRulesTest.hiv(daysAgo(300)));

        Finding f = findings.stream().filter(x -> x.ruleId().equals("hbv-resolved")).findFirst().orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
        assertThat(f.nextStep()).contains("while on rituximab");
        assertThat(f.suggestions()).hasOnlyElementsOfType(SuggestedAction.OrderMedication.class).hasSize(1);
        assertThat(ids(findings)).containsExactly("hbv-resolved");
    }

    @Test
    void onVedolizumab_positiveUntreatedIgra_warning_onDupilumab_noTbCard() {
        String positive = TuberculosisRuleTest.igraPositive(daysAgo(100));
        Finding f = chartOpen(onDrug("Entyvio 300 mg vial", daysAgo(200)), positive).stream()
                .filter(x -> x.ruleId().equals("tb-positive-untreated")).findFirst().orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
        assertThat(f.summary()).contains("while on vedolizumab");
        assertThat(ids(chartOpen(onDrug("Dupixent 300 mg pen", daysAgo(200)), positive))).isEmpty();
        assertThat(chartOpen(onDrug("Humira 40 mg pen", daysAgo(200)), positive).stream()
                .filter(x -> x.ruleId().equals("tb-positive-untreated")).findFirst().orElseThrow().indicator())
                .isEqualTo(Indicator.CRITICAL);
    }

    @Test
    void onTofacitinib_activeTb_critical_onRituximab_too_onDupilumab_none() {
        String tb = condition("tb-1", ICD10, "A15.0", "Tuberculosis of lung", "active", daysAgo(20));
        String tbCm = condition("tb-2", ICD10, "A18.01", "Tuberculosis of spine", "active", daysAgo(20));
        assertThat(chartOpen(onDrug("Xeljanz 5 mg tablet", daysAgo(200)), tbCm).stream()
                .filter(x -> x.ruleId().equals("tb-active")).findFirst().orElseThrow().indicator()).isEqualTo(Indicator.CRITICAL);
        assertThat(ids(chartOpen(onDrug("Rituxan 1000 mg infusion", daysAgo(200)), tbCm))).contains("tb-active");
        assertThat(ids(chartOpen(onDrug("Dupixent 300 mg pen", daysAgo(200)), tbCm, tb))).doesNotContain("tb-active");
    }

    @Test
    void onOzanimod_myocardialInfarctionAfterTheStart_critical_beforeTheStart_none() {
        String mi = condition("mi-1", ICD10, "I21.4", "Acute myocardial infarction", "resolved", daysAgo(30));
        Finding f = chartOpen(onDrug("Zeposia 0.92 mg capsule", daysAgo(200)), mi).stream()
                .filter(x -> x.ruleId().equals("heart-failure")).findFirst().orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
        assertThat(f.summary()).isEqualTo("Acute myocardial infarction on " + daysAgo(30)
                + ", within 6 months: ozanimod is contraindicated (label)");
        assertThat(ids(chartOpen(onDrug("Zeposia 0.92 mg capsule", daysAgo(20)), mi))).doesNotContain("heart-failure");
    }

    @Test
    void onOzanimod_pregnant_critical_onDupilumab_info() {
        String pregnant = PregnancyBreastfeedingRuleTest.pregnant(daysAgo(10));
        assertThat(chartOpen(onDrug("Zeposia 0.92 mg capsule", daysAgo(200)), pregnant).stream()
                .filter(x -> x.ruleId().equals("pregnancy")).findFirst().orElseThrow().indicator()).isEqualTo(Indicator.CRITICAL);
        // IL-4R/IL-13 in pregnancy: info (3.5)
        assertThat(chartOpen(onDrug("Dupixent 300 mg pen", daysAgo(200)), pregnant).stream()
                .filter(x -> x.ruleId().equals("pregnancy")).map(Finding::indicator).toList())
                .containsExactly(Indicator.INFO);
    }

    @Test
    void onRituximab_nyhaIvAfterTheStart_critical() {
        Finding f = chartOpen(onDrug("Rituxan 1000 mg infusion", daysAgo(200)), HeartFailureRuleTest.chf(),
                HeartFailureRuleTest.nyhaIv(daysAgo(5))).stream()
                .filter(x -> x.ruleId().equals("heart-failure")).findFirst().orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
    }
}

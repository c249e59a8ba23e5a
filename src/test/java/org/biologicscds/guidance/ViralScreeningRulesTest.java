package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.ATC;
import static org.biologicscds.guidance.Ehr.ICD10;
import static org.biologicscds.guidance.Ehr.adalimumabOrder;
import static org.biologicscds.guidance.Ehr.condition;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.medicationRequest;
import static org.biologicscds.guidance.Ehr.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.KnowledgeLoader;
import org.biologicscds.record.DraftOrders;
import org.biologicscds.record.FhirReader;
import org.biologicscds.record.PatientRecord;
import org.biologicscds.testing.Scenario;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hepatitis B, C and HIV (clinical-v2.md 3.2, amendments 9 and 22): one hepatitis B finding per
 * order, the antiviral that silences it, the tiers by course state, and "No ... on record" only
 * when no result exists.
 */
class ViralScreeningRulesTest {

    // ---- record builders: serology as labs send it

    /** A qualitative lab result coded with a LOINC answer (LA6576-8 positive, LA6577-6 negative). */
    static String lab(String id, String loinc, String text, String date, boolean positive) {
        return """
                {"resourceType":"Observation","id":"%s","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"%s"}],"text":"%s"},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"%s","display":"%s"}]}}
                """.formatted(id, loinc, text, date, positive ? "LA6576-8" : "LA6577-6", positive ? "Positive" : "Negative");
    }

    static String hbsag(String date, boolean positive) {
        return lab("hbsag-" + date, "5196-1", "Hepatitis B Surface Ag", date, positive);
    }

    static String antiHbc(String date, boolean positive) {
        return lab("hbc-" + date, "16933-4", "Hepatitis B Core Ab, Total", date, positive);
    }

    static String hcv(String date) {
        return lab("hcv-" + date, "16128-1", "Hepatitis C Antibody", date, false);
    }

    static String hiv(String date) {
        return lab("hiv-" + date, "56888-1", "HIV-1/2 Ag/Ab 4th Generation Screen", date, false);
    }

    /** HBV DNA in IU/mL (LOINC 29615-2); {@code comparator} "&lt;" for "below the limit of quantification", or null. */
    static String hbvDna(String date, String value, String comparator) {
        return """
                {"resourceType":"Observation","id":"hbvdna-%s","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"29615-2"}],"text":"HBV DNA quantitative PCR"},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueQuantity":{%s"value":%s,"unit":"IU/mL","system":"http://unitsofmeasure.org","code":"[IU]/mL"}}
                """.formatted(date, date, comparator == null ? "" : "\"comparator\":\"" + comparator + "\",", value);
    }

    static String alt(String date) {
        return """
                {"resourceType":"Observation","id":"alt-%s","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"1742-6"}],"text":"ALT"},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueQuantity":{"value":24,"unit":"U/L","system":"http://unitsofmeasure.org","code":"U/L"}}
                """.formatted(date, date);
    }

    /** A medication the patient takes, as a text-only active MedicationRequest (how outside prescriptions arrive). */
    static String takes(String id, String text) {
        return """
                {"resourceType":"MedicationRequest","id":"%s","status":"active","intent":"order","subject":{"reference":"Patient/pt-1"},
                 "authoredOn":"2025-01-10","medicationCodeableConcept":{"text":"%s"}}
                """.formatted(id, text);
    }

    /** HCV and HIV tested, so that a test about hepatitis B sees only hepatitis B cards. */
    static final String[] OTHER_SEROLOGY = {hcv("2026-01-05"), hiv("2026-01-05")};

    /** On adalimumab since 2024 (active order), so orders of it are maintenance. */
    static final String ON_ADALIMUMAB = medicationRequest("ada-old", "1726846",
            "0.4 ML adalimumab 100 MG/ML Prefilled Syringe [Humira]", "active", "2024-03-01");

    static List<String> hepatitisB(Scenario s) {
        return s.findings().stream().map(Finding::ruleId).filter(id -> id.startsWith("hbv-")).toList();
    }

    private static Finding only(Scenario s, String ruleId) {
        assertThat(hepatitisB(s)).containsExactly(ruleId);
        return s.finding(ruleId).orElseThrow();
    }

    @Nested
    class HepatitisBActive {

        @Test
        void scenario50_hbsagPositiveNoAntiviral_isCritical_andNoOtherHepatitisBCard() {
            Scenario s = scenario().record(OTHER_SEROLOGY).record(hbsag(daysAgo(20), true), antiHbc(daysAgo(20), true))
                    .order(adalimumabOrder());

            Finding f = only(s, "hbv-active");
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).isEqualTo("HBsAg positive (" + daysAgo(20)
                    + ") and no hepatitis B antiviral: start prophylaxis before adalimumab");
        }

        @Test
        void hbsagPositiveOnTruvada_emtricitabineTenofovir_noCard() {
            Scenario s = scenario().record(OTHER_SEROLOGY)
                    .record(hbsag(daysAgo(20), true), takes("tdf", "emtricitabine 200 MG / tenofovir disoproxil fumarate 300 MG [Truvada]"))
                    .order(adalimumabOrder());

            assertThat(hepatitisB(s)).isEmpty();
        }

        @Test
        void hbsagPositiveOnLamivudine_noFalseCritical() {
            Scenario s = scenario().record(OTHER_SEROLOGY)
                    .record(hbsag(daysAgo(20), true), takes("3tc", "lamivudine 100 MG Oral Tablet"))
                    .order(adalimumabOrder());

            assertThat(hepatitisB(s)).isEmpty();
        }

        @Test
        void hbsagPositiveOnBiktarvyByBrandOnly_noCard() {
            Scenario s = scenario().record(OTHER_SEROLOGY)
                    .record(hbsag(daysAgo(20), true), takes("bic", "BIKTARVY 50-200-25 MG tablet"))
                    .order(adalimumabOrder());

            assertThat(hepatitisB(s)).isEmpty();
        }

        @Test
        void hbsagPositiveOnDescovyCodedAtcJ05AR17_noCard() {
            String descovy = """
                    {"resourceType":"MedicationStatement","id":"ftc-taf","status":"active","subject":{"reference":"Patient/pt-1"},
                     "medicationCodeableConcept":{"coding":[{"system":"%s","code":"J05AR17"}]},"effectivePeriod":{"start":"2024-01-01"}}
                    """.formatted(ATC);
            Scenario s = scenario().record(OTHER_SEROLOGY).record(hbsag(daysAgo(20), true), descovy).order(adalimumabOrder());

            assertThat(hepatitisB(s)).isEmpty();
        }

        @Test
        void hbsagPositiveOnLopinavirRitonavir_notAnHbvAntiviral_staysCritical() {
            Scenario s = scenario().record(OTHER_SEROLOGY)
                    .record(hbsag(daysAgo(20), true), takes("lpv", "lopinavir 200 MG / ritonavir 50 MG [Kaletra]"))
                    .order(adalimumabOrder());

            assertThat(only(s, "hbv-active").indicator()).isEqualTo(Indicator.CRITICAL);
        }

        @Test
        void antiHbcPositiveHbsagNegativeWithDetectableHbvDna_isHbvActive() {
            Scenario s = scenario().record(OTHER_SEROLOGY)
                    .record(hbsag(daysAgo(30), false), antiHbc(daysAgo(30), true), hbvDna(daysAgo(10), "250", null))
                    .order(adalimumabOrder());

            assertThat(only(s, "hbv-active").summary()).startsWith("Anti-HBc positive, HBV DNA detectable (" + daysAgo(10) + ")");
        }

        @Test
        void igmAntiHbcPositive_isHbvActive() {
            Scenario s = scenario().record(OTHER_SEROLOGY)
                    .record(hbsag(daysAgo(30), false), lab("igm", "24113-3", "HBc IgM Ab", daysAgo(30), true))
                    .order(adalimumabOrder());

            assertThat(only(s, "hbv-active").summary()).startsWith("IgM anti-HBc positive (" + daysAgo(30) + ")");
        }

        @Test
        void chronicHepatitisBIcdB181OnMaintenance_isCritical_wordedWhileOn() {
            Scenario s = scenario().record(OTHER_SEROLOGY).record(ON_ADALIMUMAB)
                    .record(condition("hbv", ICD10, "B18.1", "Chronic viral hepatitis B without delta-agent", "active", "2019-04-01"))
                    .order(adalimumabOrder());

            Finding f = only(s, "hbv-active");
            assertThat(f.summary()).isEqualTo("Hepatitis B on record (2019-04-01) and no hepatitis B antiviral while on adalimumab:"
                    + " refer to hepatology").doesNotContain("start");
        }
    }

    @Nested
    class PastHepatitisB {

        @Test
        void scenario21_antiHbcPositiveOnEntecavir_noCard() {
            Scenario s = scenario().record(OTHER_SEROLOGY)
                    .record(hbsag(daysAgo(40), false), antiHbc(daysAgo(40), true),
                            takes("etv", "entecavir 0.5 MG Oral Tablet [Baraclude]"))
                    .order(adalimumabOrder());

            assertThat(hepatitisB(s)).isEmpty();
        }

        @Test
        void newStartWithoutHbvDna_isWarning() {
            Scenario s = scenario().record(OTHER_SEROLOGY).record(hbsag(daysAgo(40), false), antiHbc(daysAgo(40), true))
                    .order(adalimumabOrder());

            Finding f = only(s, "hbv-resolved");
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("Past hepatitis B (anti-HBc positive " + daysAgo(40)
                    + "): check HBV DNA and plan prophylaxis or monitoring");
            assertThat(f.facts()).contains("No HBV DNA in the last 90 days");
        }

        @Test
        void newStartWithUndetectableHbvDna10DaysAgo_isInfo_91DaysAgoIsWarning() {
            Scenario recent = scenario().record(OTHER_SEROLOGY)
                    .record(hbsag(daysAgo(40), false), antiHbc(daysAgo(40), true), hbvDna(daysAgo(10), "10", "<"))
                    .order(adalimumabOrder());
            Scenario old = scenario().record(OTHER_SEROLOGY)
                    .record(hbsag(daysAgo(40), false), antiHbc(daysAgo(40), true), hbvDna(daysAgo(91), "10", "<"))
                    .order(adalimumabOrder());

            assertThat(only(recent, "hbv-resolved").indicator()).isEqualTo(Indicator.INFO);
            assertThat(only(old, "hbv-resolved").indicator()).isEqualTo(Indicator.WARNING);
        }

        @Test
        void maintenance_altCheckedRecently_noCard_dueFiveDaysAgo_info() {
            Scenario recent = scenario().record(OTHER_SEROLOGY).record(ON_ADALIMUMAB)
                    .record(hbsag("2024-02-01", false), antiHbc("2024-02-01", true), alt(daysAgo(30)))
                    .order(adalimumabOrder());
            Scenario due = scenario().record(OTHER_SEROLOGY).record(ON_ADALIMUMAB)
                    .record(hbsag("2024-02-01", false), antiHbc("2024-02-01", true), alt(daysAgo(95)))
                    .order(adalimumabOrder());
            Scenario betweenReminders = scenario().record(OTHER_SEROLOGY).record(ON_ADALIMUMAB)
                    .record(hbsag("2024-02-01", false), antiHbc("2024-02-01", true), alt(daysAgo(150)))
                    .order(adalimumabOrder());

            assertThat(hepatitisB(recent)).isEmpty();
            Finding f = only(due, "hbv-resolved");
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("Anti-HBc positive on adalimumab: HBV DNA/ALT check due (last " + daysAgo(95) + ")");
            assertThat(hepatitisB(betweenReminders)).isEmpty();
        }
    }

    @Nested
    class HepatitisBScreening {

        @Test
        void newStartNeverTested_isWarning() {
            Scenario s = scenario().record(OTHER_SEROLOGY).order(adalimumabOrder());

            Finding f = only(s, "hbv-screening-missing");
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("No hepatitis B screening on record (HBsAg, anti-HBc) before starting adalimumab");
            assertThat(f.facts()).startsWith("No HBsAg result in the record", "No anti-HBc result in the record");
        }

        @Test
        void newStartHbsagOnly_namesTheMissingAntiHbc() {
            Scenario s = scenario().record(OTHER_SEROLOGY).record(hbsag("2026-06-01", false)).order(adalimumabOrder());

            Finding f = only(s, "hbv-screening-missing");
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("No anti-HBc on record (HBsAg negative 2026-06-01) before starting adalimumab");
        }

        @Test
        void newStartSerology400DaysOld_isInfo_lastSerologyNotNoSerology() {
            Scenario s = scenario().record(OTHER_SEROLOGY).record(hbsag(daysAgo(400), false), antiHbc(daysAgo(400), false))
                    .order(adalimumabOrder());

            Finding f = only(s, "hbv-screening-missing");
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("Last hepatitis B serology on " + daysAgo(400) + " (older than 12 months)")
                    .doesNotContain("No ");
        }

        @Test
        void newStartSerology365DaysOld_noCard() {
            Scenario s = scenario().record(OTHER_SEROLOGY).record(hbsag(daysAgo(365), false), antiHbc(daysAgo(365), false))
                    .order(adalimumabOrder());

            assertThat(hepatitisB(s)).isEmpty();
        }

        @Test
        void scenario23_maintenanceTestedTwoYearsAgo_noScreeningCards() {
            Scenario s = scenario().record(ON_ADALIMUMAB)
                    .record(hbsag("2024-11-20", false), antiHbc("2024-11-20", false), hcv("2024-11-20"), hiv("2024-11-20"),
                            Scenario.negativeIgra(daysAgo(100)))
                    .order(adalimumabOrder());

            assertThat(s.course().maintenance()).isTrue();
            assertThat(s.ruleIds()).noneMatch(id -> id.contains("screening"));
        }

        @Test
        void serologyOrderedAsServiceRequest_noCard() {
            String ordered = """
                    {"resourceType":"ServiceRequest","id":"sr-hbv","status":"active","intent":"order",
                     "code":{"coding":[{"system":"http://loinc.org","code":"5196-1"}],"text":"HBsAg"},
                     "subject":{"reference":"Patient/pt-1"}}""";
            Scenario s = scenario().record(OTHER_SEROLOGY).record(ordered).order(adalimumabOrder());

            assertThat(hepatitisB(s)).isEmpty();
        }
    }

    @Nested
    class HepatitisCAndHiv {

        @Test
        void newStartNeverTested_infoNoTestOnRecord() {
            Scenario s = scenario().record(hbsag(daysAgo(30), false), antiHbc(daysAgo(30), false)).order(adalimumabOrder());

            assertThat(s.finding("hcv-screening-missing")).get().satisfies(f -> {
                assertThat(f.indicator()).isEqualTo(Indicator.INFO);
                assertThat(f.summary()).isEqualTo("No hepatitis C antibody test on record before starting adalimumab");
            });
            assertThat(s.finding("hiv-screening-missing").orElseThrow().summary())
                    .isEqualTo("No HIV test on record before starting adalimumab");
        }

        @Test
        void testedIn2019_defaultWindowEver_noCard() {
            Scenario s = scenario().record(hbsag(daysAgo(30), false), antiHbc(daysAgo(30), false), hcv("2019-05-14"), hiv("2019-05-14"))
                    .order(adalimumabOrder());

            assertThat(s.ruleIds()).doesNotContain("hcv-screening-missing", "hiv-screening-missing");
        }

        @Test
        void onlyAnHcvRnaTestOnRecord_countsAsTested_andHivRnaToo() {
            // clinical-v2.md 6.2: HCV RNA 11259-9 and HIV-1 RNA 20447-9 are tests of the screening value sets
            Scenario s = scenario().record(hbsag(daysAgo(30), false), antiHbc(daysAgo(30), false),
                            lab("hcv-rna", "11259-9", "Hepatitis C virus RNA", daysAgo(200), false),
                            lab("hiv-rna", "20447-9", "HIV 1 RNA", daysAgo(200), false))
                    .order(adalimumabOrder());
            Scenario antibodyOnlyAbsent = scenario().record(hbsag(daysAgo(30), false), antiHbc(daysAgo(30), false),
                    hiv(daysAgo(30))).order(adalimumabOrder());

            assertThat(s.ruleIds()).doesNotContain("hcv-screening-missing", "hiv-screening-missing");
            assertThat(antibodyOnlyAbsent.ruleIds()).contains("hcv-screening-missing");
        }

        @Test
        void knownHepatitisC_noScreeningCard() {
            Scenario s = scenario().record(hbsag(daysAgo(30), false), antiHbc(daysAgo(30), false), hiv(daysAgo(30)),
                    condition("hcv", ICD10, "B18.2", "Chronic viral hepatitis C", "active", "2018-01-01")).order(adalimumabOrder());

            assertThat(s.ruleIds()).doesNotContain("hcv-screening-missing");
        }

        /**
         * Scenario 24: a site that sets a 365-day HCV window (its knowledge folder's parameter) gets the
         * old result named, never "No hepatitis C ... on record". The scenario files cannot carry a site
         * knowledge folder, so this test builds one from the project's with the window changed.
         */
        @Test
        void scenario24_siteWindow365Days_hcvNegative2019_lastTestOn2019(@TempDir Path site) throws IOException {
            try (Stream<Path> files = Files.list(TestKnowledge.FOLDER)) {
                for (Path file : files.toList()) {
                    Files.copy(file, site.resolve(file.getFileName()));
                }
            }
            Path hcvPlan = site.resolve("PlanDefinition-hcv-screening-missing.json");
            String plan = Files.readString(hcvPlan);
            String ever = "\"valueString\": \"window\"\n        },\n        {\n          \"url\": \"value\",\n          \"valueCode\": \"ever\"";
            assertThat(plan).contains(ever);
            Files.writeString(hcvPlan, plan.replace(ever, "\"valueString\": \"window\"\n        },\n        {\n          \"url\": \"value\",\n"
                    + "          \"valueDuration\": {\"value\": 365, \"unit\": \"days\", \"system\": \"http://unitsofmeasure.org\", \"code\": \"d\"}"));
            Knowledge siteKnowledge = new KnowledgeLoader(TestKnowledge.FHIR).load(site);

            List<Finding> findings = evaluate(siteKnowledge, hbsag(daysAgo(30), false), antiHbc(daysAgo(30), false),
                    hiv(daysAgo(30)), hcv("2019-05-14"), Scenario.negativeIgra(daysAgo(30)));

            Finding f = findings.stream().filter(x -> x.ruleId().equals("hcv-screening-missing")).findFirst().orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("Last hepatitis C antibody test on 2019-05-14 (older than 12 months)");
            assertThat(f.facts()).singleElement().asString().contains("2019-05-14").doesNotContain("No hepatitis C");
            // the project's knowledge (window: ever) gives no card for the same record
            assertThat(evaluate(TestKnowledge.get(), hbsag(daysAgo(30), false), antiHbc(daysAgo(30), false), hiv(daysAgo(30)),
                    hcv("2019-05-14"), Scenario.negativeIgra(daysAgo(30)))).extracting(Finding::ruleId)
                    .doesNotContain("hcv-screening-missing");
        }

        private List<Finding> evaluate(Knowledge knowledge, String... record) {
            FhirReader reader = new FhirReader(TestKnowledge.FHIR);
            List<Resource> resources = Stream.of(record).map(reader::read).toList();
            MedicationRequest draft = (MedicationRequest) reader.read(adalimumabOrder());
            DraftOrders drafts = new DraftOrders(List.of(draft), List.of(draft));
            PatientRecord patientRecord = new PatientRecord(Scenario.PATIENT_ID, null, resources);
            Guidance guidance = new Guidance(knowledge);
            return guidance.evaluate(guidance.biologicOrders(drafts, patientRecord, Ehr.TODAY_DATE), drafts, patientRecord,
                    Ehr.TODAY_DATE).get(0).findings();
        }
    }
}

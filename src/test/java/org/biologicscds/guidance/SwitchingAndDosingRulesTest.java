package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.ICD10;
import static org.biologicscds.guidance.Ehr.condition;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.medicationRequest;
import static org.biologicscds.guidance.Ehr.medicationStatement;
import static org.biologicscds.guidance.Ehr.scenario;

import org.biologicscds.hooks.Indicator;
import org.biologicscds.testing.Scenario;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * dose-out-of-range, weight-missing, switch-washout and duplicate-biologic as clinical-v2.md 3.6
 * specifies them: route first for infliximab, per-indication mg/kg ranges, switching at the old
 * drug's next due date, and duplicate tiers with the "Discontinue" suggestion.
 */
class SwitchingAndDosingRulesTest {

    private static final String DOSE = "dose-out-of-range";
    private static final String WEIGHT = "weight-missing";
    private static final String SWITCH = "switch-washout";
    private static final String DUPLICATE = "duplicate-biologic";

    static String patient(String birthDate) {
        return """
                {"resourceType":"Patient","id":"pt-1","gender":"female","birthDate":"%s"}""".formatted(birthDate);
    }

    static String weight(String id, double kg, String date) {
        return """
                {"resourceType":"Observation","id":"%s","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"29463-7","display":"Body weight"}]},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueQuantity":{"value":%s,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}}
                """.formatted(id, date, kg);
    }

    /** A draft with a text medication, a dose in mg and a route (SNOMED), as order entry sends it. */
    static String draft(String medicationText, double doseMg, String routeCode, String routeDisplay) {
        return """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},"medicationCodeableConcept":{"text":"%s"},
                 "dosageInstruction":[{"text":"as ordered","route":{"coding":[{"system":"http://snomed.info/sct","code":"%s",
                   "display":"%s"}]},"doseAndRate":[{"doseQuantity":{"value":%s,"unit":"mg","system":"http://unitsofmeasure.org",
                   "code":"mg"}}]}]}
                """.formatted(medicationText, routeCode, routeDisplay, doseMg);
    }

    static String ivDraft(double doseMg) {
        return draft("inFLIXimab-dyyb (INFLECTRA) 100 mg vial", doseMg, "47625008", "Intravenous route");
    }

    static String given(String id, String medicationText, String date) {
        return """
                {"resourceType":"MedicationAdministration","id":"%s","status":"completed",
                 "medicationCodeableConcept":{"text":"%s"},"subject":{"reference":"Patient/pt-1"},
                 "effectiveDateTime":"%s"}
                """.formatted(id, medicationText, date);
    }

    static String psoriasis() {
        return condition("pso-1", ICD10, "L40.0", "Psoriasis vulgaris", "active", "2015-01-01");
    }

    @Nested
    class RouteFirst {

        @Test
        void zymfentraAfterIvInduction_getsNoDoseOrWeightCard() {
            Scenario s = scenario().patient(patient("1980-01-01"))
                    .record(condition("uc-1", ICD10, "K51.00", "Ulcerative pancolitis", "active", "2019-01-01"),
                            given("ifx-0", "Inflectra 100 mg IV", daysAgo(70)), given("ifx-2", "Inflectra 100 mg IV", daysAgo(56)),
                            given("ifx-6", "Inflectra 100 mg IV", daysAgo(28)))
                    .order(draft("Zymfentra 120 mg/mL pen", 120, "34206005", "Subcutaneous route"));

            assertThat(s.ruleIds()).doesNotContain(DOSE, WEIGHT);
        }

        @Test
        void zymfentraWithoutIvInfliximab_warnsIvInductionFirst_withoutMilligramsPerKilogram() {
            Scenario s = scenario().patient(patient("1980-01-01")).record(weight("w-1", 70, daysAgo(3)))
                    .order(draft("ZYMFENTRA 120 MG/ML prefilled syringe", 120, "34206005", "Subcutaneous route"));

            Finding f = s.finding(DOSE).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("No IV infliximab in the last 16 weeks: Zymfentra is labelled as maintenance after IV induction");
            assertThat(String.join(" ", f.facts()) + f.summary() + f.nextStep()).doesNotContain("mg/kg");
        }

        @Test
        void ivInfliximabOlderThan16Weeks_doesNotCountAsInduction() {
            Scenario s = scenario().patient(patient("1980-01-01"))
                    .record(given("ifx-old", "Remicade 100 mg IV", daysAgo(16 * 7 + 1)))
                    .order(draft("Zymfentra", 120, "34206005", "Subcutaneous route"));

            assertThat(s.finding(DOSE)).isPresent();
        }

        @Test
        void subcutaneousRouteAlone_makesItAFixedDose_and240MgIsOutsideTheUsLabel() {
            Scenario s = scenario().patient(patient("1980-01-01")).record(weight("w-1", 60, daysAgo(3)))
                    .order(draft("Remsima 120 mg", 240, "34206005", "Subcutaneous route"));

            Finding f = s.finding(DOSE).orElseThrow();
            assertThat(f.summary()).isEqualTo("Subcutaneous infliximab 240 mg: the labelled dose is 120 mg every 2 weeks");
        }
    }

    @Nested
    class Intravenous {

        @Test
        void psoriasis200MgAt80Kg_is2point5MgPerKg_belowTheRange() {
            Scenario s = scenario().patient(patient("1970-01-01")).record(psoriasis(), weight("w-1", 80, daysAgo(9)))
                    .order(ivDraft(200));

            Finding f = s.finding(DOSE).orElseThrow();
            assertThat(f.summary()).isEqualTo("infliximab 200 mg = 2.5 mg/kg (80 kg, " + daysAgo(9)
                    + "): outside 5-10 mg/kg for plaque psoriasis");
        }

        @Test
        void tenPercentBelowTheRange_isVialRounding_notACard() {
            // 360 mg / 80 kg = 4.5 mg/kg: exactly 10 % under 5 mg/kg; 350 mg = 4.375 mg/kg is not.
            Scenario rounded = scenario().patient(patient("1970-01-01")).record(psoriasis(), weight("w-1", 80, daysAgo(9)))
                    .order(ivDraft(360));
            Scenario under = scenario().patient(patient("1970-01-01")).record(psoriasis(), weight("w-1", 80, daysAgo(9)))
                    .order(ivDraft(350));

            assertThat(rounded.finding(DOSE)).isEmpty();
            assertThat(under.finding(DOSE)).isPresent();
        }

        @Test
        void myositisRangeEndsAt7point5() {
            String dm = condition("dm-1", ICD10, "M33.10", "Other dermatomyositis, organ involvement unspecified", "active", "2024-01-01");
            Scenario ok = scenario().patient(patient("1970-01-01")).record(dm, weight("w-1", 60, daysAgo(5))).order(ivDraft(450));
            Scenario high = scenario().patient(patient("1970-01-01")).record(dm, weight("w-1", 60, daysAgo(5))).order(ivDraft(600));

            assertThat(ok.finding(DOSE)).isEmpty();
            assertThat(high.finding(DOSE).orElseThrow().summary()).contains("10 mg/kg").contains("5-7.5 mg/kg for dermatomyositis");
        }

        @Test
        void childWeighed40DaysAgo_hasNoUsableWeight() {
            Scenario s = scenario().patient(patient("2014-06-01"))
                    .record(condition("cd-1", ICD10, "K50.90", "Crohn's disease", "active", "2022-01-01"), weight("w-1", 40, daysAgo(40)))
                    .order(ivDraft(200));

            Finding f = s.finding(WEIGHT).orElseThrow();
            assertThat(f.summary()).isEqualTo("No body weight in the last 30 days: the mg/kg dose of infliximab could not be checked");
            assertThat(s.finding(DOSE)).isEmpty();
        }
    }

    @Nested
    class Switching {

        static String stoppedAdalimumab(int lastDoseDaysAgo) {
            return medicationStatement("ada-st", "327361", "adalimumab", "completed", daysAgo(400), daysAgo(lastDoseDaysAgo));
        }

        @Test
        void adalimumabLastGiven10DaysAgo_startRisankizumabAtItsNextDueDate() {
            Scenario s = scenario().patient(patient("1980-01-01")).record(stoppedAdalimumab(10))
                    .order(Ehr.order("2166040", "risankizumab"));

            Finding f = s.finding(SWITCH).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("Adalimumab last given " + daysAgo(10) + "; its next dose would be due "
                    + daysAgo(-4) + ": start risankizumab then");
            assertThat(f.facts()).anyMatch(fact -> fact.contains("4 half-lives") && fact.contains(daysAgo(10 - 56))
                    && fact.contains("What is the effect of Infliximab in the treatment of psoriasis?"));
            assertThat(f.evidence()).containsExactly("MedicationStatement/ada-st");
            assertThat(s.finding(DUPLICATE)).isEmpty();
        }

        @Test
        void onTheDueDate_noCard() {
            Scenario s = scenario().patient(patient("1980-01-01")).record(stoppedAdalimumab(14))
                    .order(Ehr.order("2166040", "risankizumab"));

            assertThat(s.finding(SWITCH)).isEmpty();
        }
    }

    @Nested
    class Duplicates {

        @Test
        void adalimumabStillOrdered_warnsWithDiscontinueAndRemove() {
            Scenario s = scenario().patient(patient("1980-01-01"))
                    .record(medicationRequest("ada-rx", "1726846", "0.4 ML adalimumab 100 MG/ML Prefilled Syringe [Humira]",
                            "active", daysAgo(120)), given("ada-5", "Humira 40 mg pen", daysAgo(5)))
                    .order(Ehr.secukinumabOrder());

            Finding f = s.finding(DUPLICATE).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("Adalimumab is still active (last dose " + daysAgo(5)
                    + "): discontinue it or cancel secukinumab");
            assertThat(f.facts()).contains("Next adalimumab dose would be due " + daysAgo(5 - 14)
                    + ": after stopping it, start secukinumab then (no washout needed)");
            assertThat(f.suggestions()).hasSize(2);
            assertThat(f.suggestions().get(0)).isInstanceOfSatisfying(SuggestedAction.Discontinue.class, d -> {
                assertThat(d.label()).isEqualTo("Discontinue adalimumab");
                assertThat(d.stopped().getIdElement().getIdPart()).isEqualTo("ada-rx");
                assertThat(d.stopped().getStatus()).isEqualTo(MedicationRequest.MedicationRequestStatus.STOPPED);
                assertThat(d.stopped().getStatusReason().getText()).isEqualTo("Switched to secukinumab");
            });
            assertThat(f.suggestions().get(1)).isEqualTo(new SuggestedAction.RemoveDraft("MedicationRequest/draft-1", "Remove this order"));
            assertThat(f.evidence()).contains("MedicationRequest/ada-rx", "MedicationAdministration/ada-5");
            assertThat(s.finding(SWITCH)).isEmpty();
        }

        @Test
        void biosimilarOfTheSameIngredient_isNotADuplicate() {
            Scenario s = scenario().patient(patient("1980-01-01"))
                    .record(medicationRequest("ada-rx", "1726846", "0.4 ML adalimumab 100 MG/ML Prefilled Syringe [Humira]",
                            "active", daysAgo(120)))
                    .order(Scenario.textOrder("adalimumab-atto (AMJEVITA) 40 mg/0.8 mL"));

            assertThat(s.finding(DUPLICATE)).isEmpty();
        }

        @Test
        void twoDraftsTogether_areCritical() {
            Scenario s = scenario().patient(patient("1980-01-01"))
                    .order(Ehr.infliximabOrder())
                    .order("""
                            {"resourceType":"MedicationRequest","id":"draft-2","status":"draft","intent":"order",
                             "subject":{"reference":"Patient/pt-1"},"medicationCodeableConcept":{"coding":[{
                             "system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"1357547",
                             "display":"tofacitinib 5 MG Oral Tablet [Xeljanz]"}]}}""");

            Finding f = s.finding(DUPLICATE).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            // since drug catalogue v2 (issue 16) tofacitinib is a catalogue drug and named by its generic name
            assertThat(f.summary()).isEqualTo("Two advanced therapies ordered together: infliximab and tofacitinib");
        }

        @Test
        void asthmaBiologicBeside_isInfo() {
            Scenario s = scenario().patient(patient("1980-01-01"))
                    .record(medicationStatement("dupi", "0", "dupilumab 300 MG/2ML Prefilled Syringe [Dupixent]", "active",
                            daysAgo(300), null))
                    .order(Ehr.secukinumabOrder());

            assertThat(s.finding(DUPLICATE).orElseThrow().indicator()).isEqualTo(Indicator.INFO);
        }

        @Test
        void dupilumabOrdered_besideActiveSecukinumab_isInfo_butActiveBaricitinib_isWarning() {
            // Drug catalogue v2: dupilumab is a catalogue drug now; the IL-4R/IL-13 pair stays info (3.6) either way round
            Scenario s = scenario().patient(patient("1980-01-01"))
                    .record(medicationStatement("secu", "1599788", "secukinumab 150 MG/ML Auto-Injector [Cosentyx]", "active",
                            daysAgo(300), null))
                    .order(Scenario.textOrder("Dupixent 300 mg pen"));
            assertThat(s.orders()).singleElement().satisfies(o -> assertThat(o.drug().id()).isEqualTo("dupilumab"));
            assertThat(s.finding(DUPLICATE).orElseThrow().indicator()).isEqualTo(Indicator.INFO);

            Scenario jak = scenario().patient(patient("1980-01-01"))
                    .record(medicationStatement("bari", "2047232", "baricitinib", "active", daysAgo(300), null))
                    .order(Ehr.secukinumabOrder());
            assertThat(jak.finding(DUPLICATE).orElseThrow().indicator()).as("baricitinib is no low-risk biologic")
                    .isEqualTo(Indicator.WARNING);
        }
    }
}

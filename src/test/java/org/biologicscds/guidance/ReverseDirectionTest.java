package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.TODAY_DATE;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.medicationRequest;
import static org.biologicscds.guidance.Ehr.scenario;

import java.util.List;
import org.biologicscds.cards.CardRenderer;
import org.biologicscds.hooks.Card;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.record.DraftOrders;
import org.biologicscds.record.PatientRecord;
import org.biologicscds.testing.Scenario;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The reverse direction (clinical-v2.md 1.4 R, section 4 "Reverse direction, exactly", 3.3; amendments 5,
 * 10, 20): a co-medication or live-vaccine draft for a patient on (or, for vaccines, recently given) an
 * advanced therapy gets its card on the draft, naming the therapy; therapies come from the record only.
 */
class ReverseDirectionTest {

    static final String LIVE = LiveVaccineOnBiologicRule.ID;
    static final String IMMUNO = "immunosuppressant-combination";
    static final String HSTCL = "hstcl-thiopurine";
    static final String MTX = "methotrexate-combination";

    // ---- record

    static String administration(String id, String rxcui, String display, int daysAgo) {
        return """
                {"resourceType":"MedicationAdministration","id":"%s","status":"completed",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[{"system":"%s","code":"%s","display":"%s"}],"text":"%s"},
                 "effectiveDateTime":"%s"}
                """.formatted(id, Ehr.RXNORM, rxcui, display, display, daysAgo(daysAgo));
    }

    /** On ustekinumab: an active order and a dose {@code daysAgo} days ago (scenario 34: 6 weeks). */
    static Scenario onUstekinumab(int daysAgo) {
        return scenario().patient(patient("female", 45)).record(
                medicationRequest("ust-1", "847083", "ustekinumab", "active", daysAgo(400)),
                administration("ust-dose", "847083", "ustekinumab", daysAgo));
    }

    /** Adalimumab stopped, last dose {@code daysAgo} days ago (scenario 35: 7 weeks). */
    static Scenario adalimumabStopped(int daysAgo) {
        return scenario().patient(patient("male", 50)).record(
                medicationRequest("ada-1", "327361", "adalimumab", "stopped", daysAgo(700)),
                administration("ada-dose", "327361", "adalimumab", daysAgo));
    }

    static String patient(String gender, int age) {
        return CoMedicationRuleTest.patient(gender, age);
    }

    // ---- drafts

    static String vaccineDraft(String cvx, String display, String text) {
        return """
                {"resourceType":"MedicationRequest","id":"vax-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{%s"text":"%s"}}
                """.formatted(cvx == null ? "" : "\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/cvx\",\"code\":\"" + cvx
                + "\",\"display\":\"" + display + "\"}],", text);
    }

    static String vaccineService(String id, String cvx, String display) {
        return """
                {"resourceType":"ServiceRequest","id":"%s","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "code":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"%s","display":"%s"}],"text":"%s"}}
                """.formatted(id, cvx, display, display);
    }

    static String draft(String id, String rxcui, String display) {
        return """
                {"resourceType":"MedicationRequest","id":"%s","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[{"system":"%s","code":"%s","display":"%s"}],"text":"%s"}}
                """.formatted(id, Ehr.RXNORM, rxcui, display, display);
    }

    /** A methotrexate draft written as it should be: 15 mg once a week (so only the combination is in question). */
    static String weeklyMethotrexate(String id) {
        return """
                {"resourceType":"MedicationRequest","id":"%s","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[{"system":"%s","code":"105586","display":"methotrexate 2.5 MG Oral Tablet"}],
                   "text":"methotrexate 2.5 MG Oral Tablet"},
                 "dosageInstruction":[{"text":"15 mg once weekly on Mondays","timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"wk"}},
                   "doseAndRate":[{"doseQuantity":{"value":15,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}]}]}
                """.formatted(id, Ehr.RXNORM);
    }

    static String mmr() {
        return vaccineDraft("03", "MMR", "M-M-R II (measles, mumps, rubella vaccine live) 0.5 mL SC");
    }

    static List<Finding> all(Scenario s) {
        return s.results().stream().flatMap(r -> r.findings().stream()).toList();
    }

    static List<String> ruleIds(Scenario s) {
        return all(s).stream().map(Finding::ruleId).toList();
    }

    static Finding only(Scenario s, String rule) {
        List<Finding> found = all(s).stream().filter(f -> f.ruleId().equals(rule)).toList();
        assertThat(found).as(rule + " in " + ruleIds(s)).hasSize(1);
        return found.get(0);
    }

    @Nested
    class LiveVaccines {

        @Test
        void scenario34_mmrSixWeeksAfterUstekinumab_isCriticalOnTheDraft() {
            Scenario s = onUstekinumab(42).order(mmr());

            Finding finding = only(s, LIVE);
            assertThat(finding.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(finding.summary()).contains("M-M-R II").contains("live vaccine").contains("ustekinumab")
                    .contains(daysAgo(42)).contains("do not give it now");
            assertThat(finding.suggestions()).containsExactly(new SuggestedAction.RemoveDraft("MedicationRequest/vax-1", "Remove this order"));
            assertThat(finding.nextStep()).contains("no non-live alternative");
            assertThat(s.results()).allSatisfy(r -> {
                assertThat(r.reference()).isEqualTo("MedicationRequest/vax-1");
                assertThat(r.order().orElseThrow().drug().id()).isEqualTo("ustekinumab");
            });
            assertThat(ruleIds(s)).containsExactly(LIVE);
        }

        @Test
        void scenario34_shingrixIsNotLive_noCard_andNotEvenATrigger() {
            Scenario s = onUstekinumab(42).order(vaccineDraft("187", "zoster vaccine recombinant, adjuvanted", "Shingrix 0.5 mL IM"));

            assertThat(all(s)).isEmpty();
            assertThat(s.review().reverse()).isEmpty();
            assertThat(s.review().needsRecord()).isFalse();
        }

        @Test
        void nonLiveLookAlikes_byNameOrCode_neverFire() {
            for (String draft : List.of(vaccineDraft(null, null, "Shingrix zoster vaccine"),
                    vaccineDraft("206", "smallpox monkeypox vaccine, non-replicating", "JYNNEOS smallpox vaccine"),
                    vaccineDraft("158", "influenza, injectable, quadrivalent", "Fluzone influenza vaccine"),
                    vaccineDraft("101", "typhoid, ViCPs", "Typhim Vi typhoid vaccine"))) {
                assertThat(all(onUstekinumab(42).order(draft))).as(draft).isEmpty();
            }
        }

        @Test
        void scenario35_yellowFeverSevenWeeksAfterAdalimumabStopped_isAWarning() {
            Scenario s = adalimumabStopped(49).order(vaccineDraft("37", "yellow fever", "YF-Vax"));

            Finding finding = only(s, LIVE);
            assertThat(finding.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(finding.summary()).contains("adalimumab was last given " + daysAgo(49)).contains("within 3 months");
            assertThat(finding.facts()).anyMatch(f -> f.contains("from this patient's own last dose")
                    && f.contains(TODAY_DATE.minusDays(49).plusDays(90).toString()));
        }

        @Test
        void afterStopping_theWaitEndsAtAfterLastDose_day89Warning_day90None() {
            assertThat(only(adalimumabStopped(89).order(mmr()), LIVE).indicator()).isEqualTo(Indicator.WARNING);
            assertThat(all(adalimumabStopped(90).order(mmr()))).isEmpty();
        }

        @Test
        void onTherapyIsTwoIntervalsAfterTheLastDose_adalimumabDay28Critical_day29Warning() {
            // adalimumab every 2 weeks: an administration within 28 days is "on therapy" (1.3) even with the order stopped
            assertThat(only(adalimumabStopped(28).order(mmr()), LIVE).indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(only(adalimumabStopped(29).order(mmr()), LIVE).indicator()).isEqualTo(Indicator.WARNING);
        }

        @Test
        void aDrugSpecificWait_ustekinumab15Weeks_guselkumab12Weeks() {
            // ustekinumab every 12 weeks: on therapy up to day 168, then no card (its wait, 15 weeks, is shorter)
            Scenario stopped = scenario().patient(patient("female", 45)).record(
                    medicationRequest("ust-1", "847083", "ustekinumab", "stopped", daysAgo(400)),
                    administration("ust-dose", "847083", "ustekinumab", 168));
            assertThat(only(stopped.order(mmr()), LIVE).indicator()).isEqualTo(Indicator.CRITICAL);
            Scenario longer = scenario().patient(patient("female", 45)).record(
                    medicationRequest("ust-1", "847083", "ustekinumab", "stopped", daysAgo(400)),
                    administration("ust-dose", "847083", "ustekinumab", 169));
            assertThat(all(longer.order(mmr()))).isEmpty();
            assertThat(LiveVaccineOnBiologicRule.window(105)).isEqualTo("15 weeks");
            assertThat(LiveVaccineOnBiologicRule.window(365)).isEqualTo("12 months");
            assertThat(LiveVaccineOnBiologicRule.window(90)).isEqualTo("3 months");
        }

        @Test
        void anActiveOrderWithoutADose_isOnTherapy_worded_ongoing() {
            Scenario s = scenario().patient(patient("female", 45))
                    .record(medicationRequest("sec-1", "1599788", "secukinumab", "active", daysAgo(30))).order(mmr());

            Finding finding = only(s, LIVE);
            assertThat(finding.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(finding.summary()).contains("secukinumab is ongoing");
        }

        @Test
        void noTherapyOnRecord_noCard_evenThoughTheDraftIsATrigger() {
            Scenario s = scenario().patient(patient("female", 45)).order(mmr());

            assertThat(s.review().reverse()).hasSize(1);
            assertThat(s.review().needsRecord()).isTrue();
            assertThat(all(s)).isEmpty();
        }

        @Test
        void aLastDoseOverAYearAgo_isNoTherapy() {
            assertThat(all(adalimumabStopped(400).order(mmr()))).isEmpty();
        }

        @Test
        void cvxCodedServiceRequest_isCheckedAndTheCardIsAboutIt() {
            Scenario s = onUstekinumab(42).serviceOrder(vaccineService("sr-yf", "37", "yellow fever vaccine"));

            Finding finding = only(s, LIVE);
            assertThat(finding.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(s.results()).allSatisfy(r -> assertThat(r.reference()).isEqualTo("ServiceRequest/sr-yf"));
            assertThat(finding.suggestions()).containsExactly(new SuggestedAction.RemoveDraft("ServiceRequest/sr-yf", "Remove this order"));
        }

        @Test
        void aTestServiceRequest_isNoTrigger() {
            Scenario s = onUstekinumab(42).serviceOrder("""
                    {"resourceType":"ServiceRequest","id":"sr-igra","status":"draft","intent":"order",
                     "subject":{"reference":"Patient/pt-1"},
                     "code":{"coding":[{"system":"http://loinc.org","code":"71773-6"}],"text":"QuantiFERON"}}
                    """);

            assertThat(s.review().reverse()).isEmpty();
            assertThat(all(s)).isEmpty();
        }

        @Test
        void cyrillicVaccineName_varilrix_isLive() {
            Scenario s = onUstekinumab(42).order(vaccineDraft(null, null, "Варилрикс 0,5 мл п/к"));

            assertThat(only(s, LIVE).indicator()).isEqualTo(Indicator.CRITICAL);
        }

        @Test
        void alternatives_onlyWhereANonLiveVaccineExists() {
            assertThat(only(onUstekinumab(42).order(vaccineDraft("121", "zoster vaccine, live", "Zostavax")), LIVE).nextStep())
                    .contains("recombinant zoster vaccine (RZV, Shingrix");
            assertThat(only(onUstekinumab(42).order(vaccineDraft("111", "influenza, live, intranasal", "FluMist")), LIVE).nextStep())
                    .contains("injectable inactivated or recombinant influenza vaccine");
            assertThat(only(onUstekinumab(42).order(vaccineDraft("25", "typhoid, oral", "Vivotif")), LIVE).nextStep())
                    .contains("Vi polysaccharide typhoid");
            for (String noAlternative : List.of(mmr(), vaccineDraft("21", "varicella", "Varivax"),
                    vaccineDraft("37", "yellow fever", "Stamaril"))) {
                String next = only(onUstekinumab(42).order(noAlternative), LIVE).nextStep();
                assertThat(next).contains("no non-live alternative").doesNotContain("Shingrix").doesNotContain("Vi polysaccharide");
            }
        }

        @Test
        void twoTherapies_oneCardNamingBoth_mostUrgentFirst() {
            Scenario s = scenario().patient(patient("female", 45)).record(
                    medicationRequest("ada-1", "327361", "adalimumab", "stopped", daysAgo(700)),
                    administration("ada-dose", "327361", "adalimumab", 40),
                    medicationRequest("ust-1", "847083", "ustekinumab", "active", daysAgo(30)),
                    administration("ust-dose", "847083", "ustekinumab", 30)).order(mmr());

            Finding finding = only(s, LIVE);
            assertThat(finding.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(finding.summary()).contains("ustekinumab");
            assertThat(String.join("\n", finding.facts())).contains("Adalimumab: stopped").contains("Ustekinumab: on therapy");
            assertThat(s.results()).hasSize(1);
            assertThat(s.results().get(0).order().orElseThrow().drug().id()).isEqualTo("ustekinumab");
        }
    }

    @Nested
    class LiveVaccinesByClass {

        private Scenario on(String id, String rxcui, String drug, String status, int lastDoseDaysAgo) {
            return scenario().patient(patient("female", 45)).record(
                    medicationRequest(id, rxcui, drug, status, daysAgo(700)),
                    administration(id + "-dose", rxcui, drug, lastDoseDaysAgo));
        }

        @Test
        void vedolizumabOnTherapy_isAWarning_notCritical() {
            Finding finding = only(on("vdz", "1538097", "vedolizumab", "active", 30).order(mmr()), LIVE);
            assertThat(finding.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(finding.summary()).contains("vedolizumab");
        }

        @Test
        void dupilumabOnTherapy_isAWarning() {
            Scenario s = scenario().patient(patient("female", 25)).record("""
                    {"resourceType":"MedicationRequest","id":"dup","status":"active","intent":"order",
                     "subject":{"reference":"Patient/pt-1"},"authoredOn":"%s",
                     "medicationCodeableConcept":{"text":"Dupixent 300 mg pre-filled pen"}}
                    """.formatted(daysAgo(200))).order(mmr());
            assertThat(only(s, LIVE).indicator()).isEqualTo(Indicator.WARNING);
        }

        @Test
        void rituximab_onTherapyForTwoIntervals_thenAWarningUpTo12Months() {
            // every 24 weeks: on therapy up to day 336; stopped, its wait is 12 months; beyond 365 days no therapy
            assertThat(only(on("rtx", "121191", "rituximab", "stopped", 336).order(mmr()), LIVE).indicator())
                    .isEqualTo(Indicator.CRITICAL);
            Finding warning = only(on("rtx", "121191", "rituximab", "stopped", 337).order(mmr()), LIVE);
            assertThat(warning.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(warning.summary()).contains("within 12 months");
            assertThat(all(on("rtx", "121191", "rituximab", "stopped", 366).order(mmr()))).isEmpty();
        }

        @Test
        void jakInhibitor_stopped_waitIs4Weeks_day27Warning_day28None() {
            assertThat(only(on("tofa", "1357536", "tofacitinib", "stopped", 27).order(mmr()), LIVE).indicator())
                    .isEqualTo(Indicator.WARNING);
            assertThat(all(on("tofa", "1357536", "tofacitinib", "stopped", 28).order(mmr()))).isEmpty();
        }
    }

    @Nested
    class OtherAdvancedTherapyDrafts {

        @Test
        void scenario33_tofacitinibDraft_onEtanercept_staysForward_duplicateWithDiscontinueAsASwitch() {
            Scenario s = scenario().patient(patient("male", 40)).record(CoMedicationRuleTest.rheumatoidArthritis(),
                    medicationRequest("etn-1", "214555", "etanercept", "active", daysAgo(300)),
                    administration("etn-dose", "214555", "etanercept", 5))
                    .order(draft("tofa-1", "1357536", "tofacitinib 5 MG Oral Tablet [Xeljanz]"));

            assertThat(s.review().orders()).hasSize(1);
            assertThat(s.review().reverse()).isEmpty();
            Finding finding = only(s, "duplicate-biologic");
            assertThat(finding.indicator()).isEqualTo(Indicator.WARNING);
            SuggestedAction.Discontinue stop = (SuggestedAction.Discontinue) finding.suggestions().get(0);
            assertThat(stop.label()).isEqualTo("Discontinue etanercept");
            assertThat(stop.stopped().getStatus()).isEqualTo(MedicationRequest.MedicationRequestStatus.STOPPED);
            assertThat(stop.stopped().getStatusReason().getText()).isEqualTo("Switched to tofacitinib");
            assertThat(finding.suggestions().get(1)).isEqualTo(new SuggestedAction.RemoveDraft("MedicationRequest/tofa-1", "Remove this order"));
        }
    }

    @Nested
    class CoMedications {

        @Test
        void scenario31_cyclosporineDraft_onSecukinumab_isAnImmunosuppressantWarningOnTheDraft() {
            Scenario s = scenario().patient(patient("female", 38)).record(CoMedicationRuleTest.psoriasis(),
                    medicationRequest("sec-1", "1599788", "secukinumab", "active", daysAgo(60)))
                    .order(draft("csa-1", "328160", "Cyclosporine 100 MG Oral Capsule"));

            Finding finding = only(s, IMMUNO);
            assertThat(finding.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(finding.summary()).startsWith("Cyclosporine 100 MG Oral Capsule with secukinumab");
            assertThat(finding.suggestions()).containsExactly(new SuggestedAction.RemoveDraft("MedicationRequest/csa-1", "Remove this order"));
            assertThat(finding.evidence()).startsWith("MedicationRequest/csa-1").contains("MedicationRequest/sec-1");
            assertThat(ruleIds(s)).containsExactly(IMMUNO);
        }

        @Test
        void scenario32_azathioprineDraft_man20WithCrohnsOnInfliximab_hstclOwnsTheFact() {
            Scenario s = scenario().patient(patient("male", 20)).record(CoMedicationRuleTest.crohns(),
                    medicationRequest("ifx-1", "191831", "infliximab", "active", daysAgo(90)))
                    .order(draft("aza-1", "197388", "azathioprine 50 MG Oral Tablet"));

            Finding finding = only(s, HSTCL);
            assertThat(finding.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(finding.summary()).contains("20-year-old male").contains("infliximab");
            assertThat(ruleIds(s)).containsExactly(HSTCL);
            SuggestedAction.ReviseDraft replace = (SuggestedAction.ReviseDraft) finding.suggestions().get(0);
            assertThat(replace.label()).isEqualTo("Replace with methotrexate");
            MedicationRequest revised = (MedicationRequest) replace.revised();
            assertThat(revised.getIdElement().getIdPart()).isEqualTo("aza-1");
            assertThat(revised.getMedicationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("6851");
            assertThat(revised.getDosageInstructionFirstRep().getTiming().getRepeat().getFrequency()).isEqualTo(1);
            assertThat(revised.getDosageInstructionFirstRep().getTiming().getRepeat().getPeriodUnit().toCode()).isEqualTo("wk");
            assertThat(revised.getDosageInstructionFirstRep().hasDoseAndRate()).isFalse();
            assertThat(finding.suggestions().get(1)).isEqualTo(new SuggestedAction.RemoveDraft("MedicationRequest/aza-1", "Remove this order"));
        }

        @Test
        void azathioprineDraft_man40WithPsoriasisOnAdalimumab_isTheImmunosuppressantWarning() {
            Scenario s = scenario().patient(patient("male", 40)).record(CoMedicationRuleTest.psoriasis(),
                    medicationRequest("ada-1", "327361", "adalimumab", "active", daysAgo(90)))
                    .order(draft("aza-1", "197388", "azathioprine 50 MG Oral Tablet"));

            assertThat(only(s, IMMUNO).indicator()).isEqualTo(Indicator.WARNING);
            assertThat(ruleIds(s)).doesNotContain(HSTCL);
        }

        @Test
        void azathioprineDraft_hstclAgeBoundary_34Warning_35None() {
            for (int age : List.of(34, 35)) {
                Scenario s = scenario().patient(patient("male", age)).record(CoMedicationRuleTest.crohns(),
                        medicationRequest("ifx-1", "191831", "infliximab", "active", daysAgo(90)))
                        .order(draft("aza-1", "197388", "azathioprine 50 MG Oral Tablet"));
                // Crohn's with a TNF inhibitor: the thiopurine is SONIC co-therapy, so no immunosuppressant card either
                assertThat(ruleIds(s)).as("age " + age).isEqualTo(age < 35 ? List.of(HSTCL) : List.of());
            }
        }

        @Test
        void azathioprineDraft_woman30WithCrohns_infoOncePerCourse() {
            Scenario first = scenario().patient(patient("female", 30)).record(CoMedicationRuleTest.crohns(),
                    medicationRequest("ifx-1", "191831", "infliximab", "active", daysAgo(90)))
                    .order(draft("aza-1", "197388", "azathioprine 50 MG Oral Tablet"));
            assertThat(only(first, HSTCL).indicator()).isEqualTo(Indicator.INFO);

            Scenario continued = scenario().patient(patient("female", 30)).record(CoMedicationRuleTest.crohns(),
                    medicationRequest("ifx-1", "191831", "infliximab", "active", daysAgo(90)),
                    medicationRequest("aza-old", "197388", "azathioprine 50 MG Oral Tablet", "completed", daysAgo(100)))
                    .order(draft("aza-1", "197388", "azathioprine 50 MG Oral Tablet"));
            assertThat(all(continued)).isEmpty();
        }

        @Test
        void methotrexateDraft_onUstekinumabForPsoriasis_infoWhenNoMethotrexateIn180Days() {
            assertThat(only(mtxOnUstekinumab(null), MTX).indicator()).isEqualTo(Indicator.INFO);
            assertThat(only(mtxOnUstekinumab(181), MTX).summary()).contains("with ustekinumab");
            assertThat(all(mtxOnUstekinumab(179))).isEmpty();
        }

        private Scenario mtxOnUstekinumab(Integer previousDaysAgo) {
            Scenario s = scenario().patient(patient("female", 45)).record(CoMedicationRuleTest.psoriasis(),
                    medicationRequest("ust-1", "847083", "ustekinumab", "active", daysAgo(200)));
            if (previousDaysAgo != null) {
                s.record(medicationRequest("mtx-old", "105586", "methotrexate 2.5 MG Oral Tablet", "completed", daysAgo(previousDaysAgo)));
            }
            return s.order(weeklyMethotrexate("mtx-1"));
        }

        @Test
        void methotrexateDraft_withATnfAntibody_isCoTherapy_noCard() {
            Scenario s = scenario().patient(patient("female", 45)).record(CoMedicationRuleTest.rheumatoidArthritis(),
                    medicationRequest("ada-1", "327361", "adalimumab", "active", daysAgo(200)))
                    .order(weeklyMethotrexate("mtx-1"));

            assertThat(s.review().reverse()).hasSize(1);
            assertThat(all(s)).isEmpty();
        }

        @Test
        void aCoMedicationDraft_afterTheTherapyStopped_isNotOnTherapy_noCard() {
            Scenario s = scenario().patient(patient("female", 38)).record(CoMedicationRuleTest.psoriasis(),
                    medicationRequest("sec-1", "1599788", "secukinumab", "stopped", daysAgo(300)),
                    administration("sec-dose", "1599788", "secukinumab", 90))
                    .order(draft("csa-1", "328160", "Cyclosporine 100 MG Oral Capsule"));

            assertThat(all(s)).isEmpty();
        }

        @Test
        void topicalTacrolimus_andParacetamol_areNoTriggers() {
            for (String d : List.of(Scenario.textOrder("tacrolimus 0.1% ointment"), draft("apap", "161", "acetaminophen"))) {
                Scenario s = scenario().patient(patient("female", 38))
                        .record(medicationRequest("sec-1", "1599788", "secukinumab", "active", daysAgo(60))).order(d);
                assertThat(s.review().reverse()).as(d).isEmpty();
                assertThat(s.review().needsRecord()).as(d).isFalse();
                assertThat(all(s)).as(d).isEmpty();
            }
        }
    }

    @Nested
    class Mechanism {

        @Test
        void aReverseRuleThatThrows_givesItsCouldNotRunCard_andTheOthersStand() {
            Guidance guidance = new Guidance(TestKnowledge.get()).withReverseRule(new ReverseRule() {
                @Override
                public List<Finding> evaluateReverse(CoMedicationDraft draft, List<Therapy> therapies, PatientFacts facts) {
                    throw new IllegalStateException("boom");
                }

                @Override
                public String name() {
                    return "broken-reverse";
                }
            });
            PatientRecord record = new PatientRecord(Scenario.PATIENT_ID, null, List.of(
                    (org.hl7.fhir.r4.model.Resource) new org.biologicscds.record.FhirReader(TestKnowledge.FHIR)
                            .read(medicationRequest("ust-1", "847083", "ustekinumab", "active", daysAgo(30)))));
            MedicationRequest vaccine = (MedicationRequest) new org.biologicscds.record.FhirReader(TestKnowledge.FHIR).read(mmr());
            DraftOrders drafts = new DraftOrders(List.of(vaccine), List.of(vaccine));
            List<OrderFindings> results = guidance.evaluate(guidance.review(drafts, record, TODAY_DATE), drafts, record, TODAY_DATE);

            List<String> ids = results.stream().flatMap(r -> r.findings().stream()).map(Finding::ruleId).toList();
            assertThat(ids).containsExactlyInAnyOrder(LIVE, "check-not-run:broken-reverse");
        }

        @Test
        void therapiesComeFromTheRecord_notFromTheRequestsDrafts() {
            // a secukinumab draft in the same request is no therapy: the MMR draft meets nothing
            Scenario s = scenario().patient(patient("female", 45)).order(mmr()).order(Ehr.secukinumabOrder());

            assertThat(all(s)).isEmpty();
        }

        @Test
        void theCardsHeadlineIsALabelOfTheTherapysDrug() {
            Scenario s = onUstekinumab(42).order(mmr());
            CardRenderer renderer = new CardRenderer(TestKnowledge.get().rules(), TestKnowledge.FHIR, new CdsJson());

            List<Card> cards = renderer.render(s.results(), Scenario.PATIENT_ID);
            assertThat(cards).hasSize(1);
            assertThat(cards.get(0).source().url()).containsIgnoringCase("stelara");
            assertThat(cards.get(0).suggestions().get(0).actions().get(0).type()).isEqualTo(org.biologicscds.hooks.Action.Type.DELETE);
        }
    }
}

package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.scenario;

import java.util.List;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.OneCardPerFact;
import org.biologicscds.testing.Scenario;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * methotrexate-dosing (clinical-v2.md section 4, amendment 17), forward (a biologic draft, the patient's
 * methotrexate) and reverse (the methotrexate draft, the therapies the patient is on): more than one day a
 * week → critical, weekly over 25 mg → warning, unreadable → info; the pregnancy card on a methotrexate
 * draft; one card per fact with methotrexate-combination (1.1).
 */
class MethotrexateDosingRuleTest {

    static final String RULE = "methotrexate-dosing";
    private static final String COMBINATION = "methotrexate-combination";

    /** methotrexate 2.5 mg tablets, as most orders are written. */
    static String methotrexate(String id, String status, String dosage) {
        return """
                {"resourceType":"MedicationRequest","id":"%s","status":"%s","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},"authoredOn":"%s",
                 "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                   "code":"105585","display":"methotrexate 2.5 MG Oral Tablet"}],"text":"methotrexate 2.5 mg tablet"}%s}
                """.formatted(id, status, daysAgo(200), dosage == null ? "" : ",\"dosageInstruction\":[" + dosage + "]");
    }

    static String active(String dosage) {
        return methotrexate("mtx-1", "active", dosage);
    }

    static String draft(String dosage) {
        return methotrexate("draft-mtx", "draft", dosage);
    }

    static String text(String sig) {
        return "{\"text\":\"" + sig + "\"}";
    }

    /** A structured dosage: mg per dose, Timing.repeat frequency/period/periodUnit, and extra repeat fields. */
    static String timed(double mg, int frequency, double period, String unit, String extraRepeat, String sig) {
        return """
                {"text":"%s","timing":{"repeat":{"frequency":%d,"period":%s,"periodUnit":"%s"%s}},
                 "doseAndRate":[{"doseQuantity":{"value":%s,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}]}
                """.formatted(sig, frequency, period, unit, extraRepeat == null ? "" : "," + extraRepeat, mg);
    }

    static String coded(String code, String sig) {
        return """
                {"text":"%s","timing":{"code":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation","code":"%s"}]}}}
                """.formatted(sig, code);
    }

    static String psoriasis() {
        return CoMedicationRuleTest.psoriasis();
    }

    static String pregnancy() {
        return Ehr.condition("preg-1", Ehr.ICD10, "Z33.1", "Pregnant state, incidental", "active", daysAgo(40));
    }

    /** Psoriasis, ustekinumab new start: methotrexate-combination would give its info card for any methotrexate. */
    static Scenario forward(String methotrexate) {
        return scenario().record(psoriasis(), methotrexate).order(Ehr.ustekinumabOrder());
    }

    @Nested
    class Forward {

        @Test
        void dailyMethotrexate_isCritical_andOwnsTheCombinationFact() {
            Scenario s = forward(active(text("Take 15 mg by mouth daily")));

            Finding f = s.finding(RULE).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary())
                    .isEqualTo("Methotrexate ordered daily (Take 15 mg by mouth daily): for psoriasis it is taken once a week")
                    .hasSizeLessThanOrEqualTo(140);
            assertThat(f.facts()).contains("Dosage: Take 15 mg by mouth daily");
            assertThat(s.ruleIds()).doesNotContain(COMBINATION);
        }

        @Test
        void weeklyMethotrexate_givesNoDosingCard_andTheCombinationCardStays() {
            Scenario s = forward(active(text("Take 6 tablets (15 mg) by mouth once weekly on Mondays")));

            assertThat(s.ruleIds()).doesNotContain(RULE).contains(COMBINATION);
        }

        @ParameterizedTest(name = "every {0} days -> {1}")
        @CsvSource({"1, true", "2, true", "6, true", "7, false", "14, false"})
        void timingPeriod_sixDaysIsMoreThanWeekly_sevenIsWeekly(double period, boolean fires) {
            Scenario s = forward(active(timed(15, 1, period, "d", null, "15 mg")));

            assertThat(s.finding(RULE).isPresent()).isEqualTo(fires);
        }

        @Test
        void twoDosesEveryWeek_isTwiceWeekly_critical() {
            Finding f = forward(active(timed(7.5, 2, 1, "wk", null, "7.5 mg"))).finding(RULE).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).startsWith("Methotrexate ordered 2 times every 7 days");
        }

        @Test
        void aWeeklyDoseSplitOver24Hours_isWeekly_butOver36HoursIsNot() {
            // 5 mg every 12 hours for 3 doses: 0, 12 and 24 hours, 15 mg a week.
            assertThat(forward(active(timed(5, 1, 12, "h", "\"count\":3", "5 mg every 12 hours for 3 doses each week")))
                    .finding(RULE)).isEmpty();
            assertThat(forward(active(timed(5, 1, 12, "h", "\"count\":4", "5 mg every 12 hours for 4 doses")))
                    .finding(RULE).map(Finding::indicator)).contains(Indicator.CRITICAL);
            assertThat(forward(active(timed(5, 1, 12, "h", null, "5 mg every 12 hours")))
                    .finding(RULE).map(Finding::indicator)).contains(Indicator.CRITICAL);
        }

        @Test
        void twoDaysOfTheWeek_isCritical_oneDayIsWeekly() {
            assertThat(forward(active(timed(7.5, 1, 1, "d", "\"dayOfWeek\":[\"mon\",\"thu\"]", "7.5 mg")))
                    .finding(RULE).map(Finding::indicator)).contains(Indicator.CRITICAL);
            assertThat(forward(active("""
                    {"text":"15 mg on Mondays","timing":{"repeat":{"dayOfWeek":["mon"]}},
                     "doseAndRate":[{"doseQuantity":{"value":15,"unit":"mg","code":"mg","system":"http://unitsofmeasure.org"}}]}
                    """)).finding(RULE)).isEmpty();
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"QD, daily", "BID, twice daily", "QOD, every other day"})
        void dailyTimingCodes_areCritical(String code, String words) {
            Finding f = forward(active(coded(code, "15 mg"))).finding(RULE).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).startsWith("Methotrexate ordered " + words + " (15 mg)");
        }

        @Test
        void weeklyTimingCode_isWeekly() {
            assertThat(forward(active(coded("WK", "15 mg"))).finding(RULE)).isEmpty();
        }

        @ParameterizedTest(name = "\"{0}\" -> {1}")
        @CsvSource(delimiter = '|', value = {
                "10 mg every other day|critical",
                "methotrexate 15 mg/day PO|critical",
                "7.5 mg twice weekly|critical",
                "7.5 mg 2 times a week, Monday and Thursday|critical",
                "ежедневно по 10 мг|critical",
                "по 10 мг 2 раза в неделю|critical",
                "10 мг 1 раз в неделю|none",
                "Take 6 tablets (15 mg) once weekly. Do NOT take daily.|none",
                "2.5 mg every 12 hours for 3 doses once weekly|none",
                "15 mg every Friday|none",
                "15 mg PO qweek|none",
                "as directed|info"})
        void realWorldTexts(String sig, String expected) {
            List<Finding> findings = forward(active(text(sig))).findings();
            String actual = findings.stream().filter(f -> f.ruleId().equals(RULE)).map(f -> f.indicator().code())
                    .findFirst().orElse("none");

            assertThat(actual).isEqualTo(expected);
        }

        @Test
        void unreadableFrequency_isInfoOnANewStart_notOnMaintenance() {
            String record = active(text("take as directed by your doctor"));
            Finding f = forward(record).finding(RULE).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo(
                    "Methotrexate frequency could not be read (take as directed by your doctor): confirm it is taken once a week");

            Scenario maintenance = scenario().record(psoriasis(), record,
                    Ehr.medicationStatement("ust-1", "847083", "ustekinumab", "active", daysAgo(300), null))
                    .order(Ehr.ustekinumabOrder());
            assertThat(maintenance.course().startsCourse()).isFalse();
            assertThat(maintenance.finding(RULE)).isEmpty();
        }

        @Test
        void aRecordWithNoDosage_saysNothing_butADraftWithNoDosageIsInfo() {
            assertThat(forward(active(null)).finding(RULE)).isEmpty();

            Scenario withDraft = scenario().record(psoriasis()).order(Ehr.ustekinumabOrder()).order(draft(null));
            assertThat(withDraft.finding(RULE).map(Finding::indicator)).contains(Indicator.INFO);
            // An unreadable frequency is not the fact of 1.1 (daily or over 25 mg/week): "combination allowed" stays.
            assertThat(withDraft.ruleIds()).contains(COMBINATION);
        }

        @ParameterizedTest(name = "{0} mg a week -> {1}")
        @CsvSource({"25, false", "25.1, true", "30, true"})
        void weeklyDoseOver25Mg_isWarning(double mg, boolean fires) {
            Scenario s = forward(active(timed(mg, 1, 1, "wk", null, mg + " mg weekly")));

            assertThat(s.finding(RULE).map(Finding::indicator).orElse(null)).isEqualTo(fires ? Indicator.WARNING : null);
            if (fires) {
                assertThat(s.finding(RULE).orElseThrow().summary())
                        .isEqualTo("Methotrexate " + new java.math.BigDecimal(String.valueOf(mg)).stripTrailingZeros().toPlainString()
                                + " mg/week exceeds 25 mg/week");
                assertThat(s.ruleIds()).doesNotContain(COMBINATION);
            }
        }

        @Test
        void tabletsTimesStrength_andASplitWeeklyDose_countTowardsTheWeeklyDose() {
            // 11 tablets of 2.5 mg once a week = 27.5 mg.
            String tablets = """
                    {"text":"11 tablets once weekly","timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"wk"}},
                     "doseAndRate":[{"doseQuantity":{"value":11,"unit":"tablet","code":"{tbl}","system":"http://unitsofmeasure.org"}}]}
                    """;
            assertThat(forward(active(tablets)).finding(RULE).map(Finding::summary))
                    .contains("Methotrexate 27.5 mg/week exceeds 25 mg/week");
            // 10 mg every 12 hours for 3 doses = 30 mg a week.
            assertThat(forward(active(timed(10, 1, 12, "h", "\"count\":3", "10 mg q12h x 3 doses weekly")))
                    .finding(RULE).map(Finding::indicator)).contains(Indicator.WARNING);
        }

        @Test
        void intramuscularIsChecked_intravenousIsNot() {
            String im = """
                    {"text":"25 mg IM daily","route":{"coding":[{"system":"http://snomed.info/sct","code":"78421000","display":"Intramuscular route"}]}}
                    """;
            String iv = """
                    {"text":"1000 mg daily","route":{"coding":[{"system":"http://snomed.info/sct","code":"47625008","display":"Intravenous route"}]}}
                    """;
            assertThat(forward(active(im)).finding(RULE).map(Finding::indicator)).contains(Indicator.CRITICAL);
            assertThat(forward(active(iv)).finding(RULE)).isEmpty();
            assertThat(forward(active(text("12 mg intrathecal daily x 3"))).finding(RULE)).isEmpty();
        }

        @Test
        void stoppedMethotrexate_isNotChecked() {
            assertThat(forward(methotrexate("mtx-1", "stopped", text("15 mg daily"))).finding(RULE)).isEmpty();
        }
    }

    @Nested
    class Reverse {

        private final MethotrexateDosingRule rule = new MethotrexateDosingRule(TestKnowledge.get());

        static String rheumatoidArthritis() {
            return CoMedicationRuleTest.rheumatoidArthritis();
        }

        @Test
        void scenario30_dailyMethotrexateDraft_onAdalimumab_isCritical_withChangeToWeeklyAndRemove() {
            ReverseCase c = ReverseCase.of(draft("""
                    {"text":"15 mg by mouth daily","timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d"}},
                     "doseAndRate":[{"doseQuantity":{"value":15,"unit":"mg","code":"mg","system":"http://unitsofmeasure.org"}}]}
                    """)).record(rheumatoidArthritis()).onTherapy("adalimumab", 400, 10);

            List<Finding> findings = c.evaluate(rule);

            assertThat(findings).hasSize(1);
            Finding f = findings.get(0);
            assertThat(f.ruleId()).isEqualTo(RULE);
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).isEqualTo(
                    "Methotrexate ordered daily (15 mg by mouth daily): for rheumatoid arthritis it is taken once a week");
            assertThat(f.evidence()).containsExactly("MedicationRequest/draft-mtx");
            assertThat(f.facts()).contains("On adalimumab (last dose " + daysAgo(10) + ")");
            assertThat(f.suggestions()).hasSize(2);
            SuggestedAction.ReviseDraft revise = (SuggestedAction.ReviseDraft) f.suggestions().get(0);
            assertThat(revise.label()).isEqualTo("Change to once weekly");
            MedicationRequest revised = (MedicationRequest) revise.revised();
            assertThat(revised.getIdElement().getIdPart()).isEqualTo("draft-mtx");
            Timing.TimingRepeatComponent repeat = revised.getDosageInstructionFirstRep().getTiming().getRepeat();
            assertThat(repeat.getFrequency()).isEqualTo(1);
            assertThat(repeat.getPeriod().intValue()).isEqualTo(1);
            assertThat(repeat.getPeriodUnit()).isEqualTo(Timing.UnitsOfTime.WK);
            assertThat(revised.getDosageInstructionFirstRep().getText()).isEqualTo("15 mg once weekly, on the same day each week");
            assertThat(new MethotrexateSchedule(TestKnowledge.get().parameters(RULE))
                    .read(revised.getDosageInstruction(), c.facts().medicationConcept(revised)).kind())
                    .isEqualTo(MethotrexateSchedule.Kind.WEEKLY);
            assertThat(f.suggestions().get(1)).isEqualTo(new SuggestedAction.RemoveDraft("MedicationRequest/draft-mtx", "Remove this order"));
        }

        @ParameterizedTest(name = "every {0} days -> {1}")
        @CsvSource({"6, critical", "7, none"})
        void periodBoundary(double period, String expected) {
            List<Finding> findings = ReverseCase.of(draft(timed(15, 1, period, "d", null, "15 mg")))
                    .onTherapy("secukinumab", 200, 20).evaluate(rule);

            assertThat(findings.stream().map(f -> f.indicator().code()).findFirst().orElse("none")).isEqualTo(expected);
        }

        @Test
        void overTheWeeklyMaximum_isWarning_withRemoveOnly() {
            Finding f = ReverseCase.of(draft(timed(30, 1, 1, "wk", null, "30 mg weekly")))
                    .onTherapy("infliximab", 300, 40).evaluate(rule).get(0);

            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.suggestions()).containsExactly(new SuggestedAction.RemoveDraft("MedicationRequest/draft-mtx", "Remove this order"));
        }

        @Test
        void aDraftWithoutDosage_isInfo_withoutSuggestions() {
            Finding f = ReverseCase.of(draft(null)).onTherapy("infliximab", 300, 40).evaluate(rule).get(0);

            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("Methotrexate frequency could not be read (no dosage given): confirm it is taken once a week");
            assertThat(f.suggestions()).isEmpty();
        }

        @Test
        void everyTherapyIsNamed_andAWeeklyDraftGivesNothing() {
            ReverseCase two = ReverseCase.of(draft(text("10 mg daily"))).onTherapy("adalimumab", 400, 10)
                    .onTherapy("secukinumab", 30, 30);
            assertThat(two.evaluate(rule).get(0).summary()).startsWith("Methotrexate ordered daily");
            assertThat(two.evaluate(rule).get(0).facts()).contains("On adalimumab (last dose " + daysAgo(10) + ")",
                    "On secukinumab (last dose " + daysAgo(30) + ")");

            assertThat(ReverseCase.of(draft(text("15 mg once weekly"))).onTherapy("adalimumab", 400, 10).evaluate(rule)).isEmpty();
        }

        @Test
        void theSandboxsDefaultMethotrexateOrder_onePillDaily_isCritical() {
            // As the CDS Hooks sandbox sends it (shared fixtures, sandbox-captured/order-sign-methotrexate.json).
            String sandbox = """
                    {"resourceType":"MedicationRequest","id":"request-123","status":"draft","intent":"order",
                     "subject":{"reference":"Patient/pt-1"},
                     "medicationCodeableConcept":{"text":"Methotrexate 10 MG Oral Tablet","coding":[{"display":"Methotrexate 10 MG Oral Tablet",
                       "system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"105586"}]},
                     "dosageInstruction":[{"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d"}},
                       "doseAndRate":[{"doseQuantity":{"value":1,"system":"http://unitsofmeasure.org","code":"{pill}"}}]}]}
                    """;
            Finding f = ReverseCase.of(sandbox).onTherapy("secukinumab", 200, 20).evaluate(rule).get(0);

            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).isEqualTo("Methotrexate ordered daily: for inflammatory disease it is taken once a week");
            MedicationRequest revised = (MedicationRequest) ((SuggestedAction.ReviseDraft) f.suggestions().get(0)).revised();
            assertThat(revised.getDosageInstructionFirstRep().getText()).isEqualTo("10 mg once weekly, on the same day each week");
        }

        @Test
        void aDraftOfAnotherMedication_isNotThisRulesBusiness() {
            String azathioprine = Ehr.medicationRequest("draft-aza", "197388", "Azathioprine 50 MG Oral Tablet", "draft", daysAgo(0));
            assertThat(ReverseCase.of(azathioprine).onTherapy("adalimumab", 400, 10).evaluate(rule)).isEmpty();
        }
    }

    @Nested
    class Pregnancy {

        private final MethotrexatePregnancyRule rule = new MethotrexatePregnancyRule(TestKnowledge.get());

        @Test
        void aMethotrexateDraftForAPregnantPatient_getsThePregnancyCard_critical_withRemove() {
            ReverseCase c = ReverseCase.of(draft(text("15 mg once weekly"))).record(pregnancy(), psoriasis())
                    .onTherapy("secukinumab", 200, 20);

            Finding f = c.evaluate(rule).get(0);

            assertThat(f.ruleId()).isEqualTo("pregnancy");
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).isEqualTo("Pregnant: methotrexate is teratogenic and contraindicated in pregnancy; do not order it");
            assertThat(f.evidence()).contains("MedicationRequest/draft-mtx", "Condition/preg-1");
            assertThat(f.suggestions()).containsExactly(new SuggestedAction.RemoveDraft("MedicationRequest/draft-mtx", "Remove this order"));
        }

        @Test
        void notPregnant_noCard_andNotForOtherDrafts() {
            assertThat(ReverseCase.of(draft(text("15 mg once weekly"))).record(psoriasis())
                    .onTherapy("secukinumab", 200, 20).evaluate(rule)).isEmpty();
            String azathioprine = Ehr.medicationRequest("draft-aza", "197388", "Azathioprine 50 MG Oral Tablet", "draft", daysAgo(0));
            assertThat(ReverseCase.of(azathioprine).record(pregnancy()).onTherapy("secukinumab", 200, 20).evaluate(rule)).isEmpty();
        }

        @Test
        void thePregnancyCard_withholdsCombinationAllowed_onTheDraft() {
            ReverseCase c = ReverseCase.of(draft(text("15 mg once weekly"))).record(pregnancy())
                    .onTherapy("secukinumab", 200, 20);
            Finding pregnant = c.evaluate(rule).get(0);
            Finding combination = new Finding(COMBINATION, Indicator.INFO, "Methotrexate with secukinumab: combination allowed",
                    List.of(), "", List.of(), List.of("MedicationRequest/draft-mtx"));

            OrderFindings result = new FactOwnership(TestKnowledge.get().oneCardPerFact())
                    .apply(c.therapies().get(0).order(), List.of(pregnant, combination));

            assertThat(result.findings()).extracting(Finding::ruleId).containsExactly("pregnancy");
        }
    }

    @Test
    void theOneCardPerFactTable_hasTheRowsOfSection11() {
        OneCardPerFact table = TestKnowledge.get().oneCardPerFact();
        assertThat(table.rows()).anySatisfy(r -> {
            assertThat(r.owner()).isEqualTo(RULE);
            assertThat(r.suppressed()).isEqualTo(COMBINATION);
        });
        assertThat(table.rows()).anySatisfy(r -> {
            assertThat(r.owner()).isEqualTo("glucocorticoid-co-medication");
            assertThat(r.suppressed()).isEqualTo("immunosuppressant-combination");
        });
    }
}

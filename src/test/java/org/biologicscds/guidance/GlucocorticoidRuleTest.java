package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.scenario;

import java.util.List;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Drug;
import org.biologicscds.testing.Scenario;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * glucocorticoid-co-medication (clinical-v2.md section 4, amendment 24): prednisone-equivalent of 20 mg/day or
 * more for 14 days or more with an advanced therapy → info, once per course (read statelessly); reverse only
 * with an immunosuppressive advanced therapy and a planned course of 28 days or more.
 */
class GlucocorticoidRuleTest {

    static final String RULE = "glucocorticoid-co-medication";

    static final String PREDNISONE = "198145|Prednisone 10 MG Oral Tablet";
    static final String PREDNISOLONE = "198142|prednisolone 5 MG Oral Tablet";
    static final String METHYLPREDNISOLONE = "259966|Methylprednisolone 4 MG Oral Tablet";
    static final String HYDROCORTISONE = "197782|hydrocortisone 10 MG Oral Tablet";

    /** A glucocorticoid order of the record ({@code product} = "rxcui|display"), authored {@code startDaysAgo}. */
    static String order(String id, String status, String product, int startDaysAgo, String dosage, String dispense) {
        String[] p = product.split("\\|");
        String coding = p[0].isEmpty() ? "" : """
                "coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"%s","display":"%s"}],""".formatted(p[0], p[1]);
        return """
                {"resourceType":"MedicationRequest","id":"%s","status":"%s","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},"authoredOn":"%s",
                 "medicationCodeableConcept":{%s"text":"%s"},
                 "dosageInstruction":[%s]%s}
                """.formatted(id, status, daysAgo(startDaysAgo), coding, p[1], dosage,
                dispense == null ? "" : ",\"dispenseRequest\":" + dispense);
    }

    static String daily(double mg) {
        return """
                {"text":"%s mg by mouth once daily","timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d"}},
                 "doseAndRate":[{"doseQuantity":{"value":%s,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}]}
                """.formatted(mg, mg);
    }

    static String supply(int days) {
        return "{\"expectedSupplyDuration\":{\"value\":%d,\"unit\":\"days\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"d\"}}"
                .formatted(days);
    }

    static String active(String product, int startDaysAgo, String dosage) {
        return order("gc-1", "active", product, startDaysAgo, dosage, null);
    }

    static String crohns() {
        return CoMedicationRuleTest.crohns();
    }

    /** On infliximab for 400 days, last infusion 35 days ago: the order is maintenance. */
    static Scenario maintenanceInfliximab(String glucocorticoid) {
        return scenario().record(crohns(), glucocorticoid,
                Ehr.medicationStatement("ifx-stmt", "191831", "infliximab", "active", daysAgo(400), null), """
                {"resourceType":"MedicationAdministration","id":"ifx-a1","status":"completed","subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"1790546",
                   "display":"infliximab-dyyb 100 MG Injection [Inflectra]"}]},"effectiveDateTime":"%s"}
                """.formatted(daysAgo(35))).order(Ehr.infliximabOrder());
    }

    /** An adalimumab new start for Crohn's disease. */
    static Scenario newStart(String glucocorticoid) {
        return scenario().record(crohns(), glucocorticoid).order(Ehr.adalimumabOrder());
    }

    @Nested
    class Forward {

        @Test
        void scenario46_prednisone30mgFor21Days_maintenanceInfliximab_isInfo() {
            Scenario s = maintenanceInfliximab(active(PREDNISONE, 21, daily(30)));
            assertThat(s.course().startsCourse()).isFalse();

            Finding f = s.finding(RULE).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo(
                    "Prednisone-equivalent 30 mg/day with infliximab: higher infection risk; consider PJP prophylaxis");
            assertThat(f.facts()).contains("Prednisone-equivalent 30 mg/day for 21 days so far");
            assertThat(s.ruleIds()).doesNotContain("immunosuppressant-combination");
        }

        @ParameterizedTest(name = "prednisone {0} mg/day -> {1}")
        @CsvSource({"19.9, false", "20, true"})
        void doseBoundary(double mg, boolean fires) {
            assertThat(newStart(active(PREDNISONE, 30, daily(mg))).finding(RULE).isPresent()).isEqualTo(fires);
        }

        @ParameterizedTest(name = "started {0} days ago -> {1}")
        @CsvSource({"13, false", "14, true"})
        void durationBoundary(int days, boolean fires) {
            assertThat(newStart(active(PREDNISONE, days, daily(30))).finding(RULE).isPresent()).isEqualTo(fires);
        }

        @Test
        void aPlannedCourseOf14Days_countsFromItsStart() {
            assertThat(newStart(order("gc-1", "active", PREDNISONE, 2, daily(40), supply(14))).finding(RULE)).isPresent();
            assertThat(newStart(order("gc-1", "active", PREDNISONE, 2, daily(40), supply(13))).finding(RULE)).isEmpty();
        }

        @ParameterizedTest(name = "{0} {1} mg/day -> {2}")
        @CsvSource(delimiter = ';', value = {
                "methylprednisolone; 16; 20", "methylprednisolone; 15.9; none", "prednisolone; 20; 20",
                "hydrocortisone; 80; 20", "hydrocortisone; 20; none"})
        void equivalenceFactors(String ingredient, double mg, String expected) {
            String product = switch (ingredient) {
                case "methylprednisolone" -> METHYLPREDNISOLONE;
                case "prednisolone" -> PREDNISOLONE;
                default -> HYDROCORTISONE;
            };
            Optional<Finding> f = newStart(active(product, 30, daily(mg))).finding(RULE);

            assertThat(f.map(x -> x.summary().replaceAll("^Prednisone-equivalent (\\S+) mg/day.*", "$1")).orElse("none"))
                    .isEqualTo(expected);
        }

        @Test
        void dexamethasoneByNameOnly_isWeightedBy6_67() {
            Finding f = newStart(active("|Dexamethasone 4 mg tablet", 30, daily(4))).finding(RULE).orElseThrow();

            assertThat(f.summary()).startsWith("Prednisone-equivalent 26.7 mg/day");
            assertThat(newStart(active("|Dexamethasone 2 mg tablet", 30, daily(2.9))).finding(RULE)).isEmpty();
        }

        @Test
        void twiceDailyDoses_addUp() {
            String bid = """
                    {"text":"12 mg twice daily","timing":{"code":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation","code":"BID"}]}},
                     "doseAndRate":[{"doseQuantity":{"value":12,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}]}
                    """;
            // methylprednisolone 24 mg/day x 1.25 = 30 mg prednisone-equivalent.
            Finding f = newStart(active(METHYLPREDNISOLONE, 30, bid)).finding(RULE).orElseThrow();
            assertThat(f.summary()).startsWith("Prednisone-equivalent 30 mg/day");
            assertThat(newStart(active(PREDNISONE, 30, "{\"text\":\"Take 3 tablets (30 mg) по 1 таблетке 2 раза в день\"}"))
                    .finding(RULE)).isPresent();
        }

        @Test
        void budesonideAndLocalForms_neverCount() {
            assertThat(newStart(active("|Budesonide 9 mg (Entocort) capsule", 30, daily(9))).finding(RULE)).isEmpty();
            assertThat(newStart(active("|prednisolone 20 mg/100 mL rectal enema", 30, daily(20))).finding(RULE)).isEmpty();
            assertThat(newStart(active("|Hydrocortisone 1% cream", 30, daily(100))).finding(RULE)).isEmpty();
            String inhaled = """
                    {"text":"40 mg daily","route":{"coding":[{"system":"http://snomed.info/sct","code":"447694001"}]},
                     "doseAndRate":[{"doseQuantity":{"value":40,"unit":"mg","code":"mg","system":"http://unitsofmeasure.org"}}]}
                    """;
            assertThat(newStart(active(PREDNISOLONE, 30, inhaled)).finding(RULE)).isEmpty();
        }

        @Test
        void russianAndBrandNames_areRecognised() {
            assertThat(newStart(active("|Преднизолон 5 мг таблетки", 30, "{\"text\":\"по 20 мг ежедневно\"}")).finding(RULE)).isPresent();
            assertThat(newStart(active("|Medrol 16 mg", 30, daily(16))).finding(RULE)).isPresent();
        }

        @ParameterizedTest(name = "elapsed course started {0} days ago, maintenance -> {1}")
        @CsvSource({"13, false", "14, true", "41, true", "42, false", "100, false"})
        void oncePerCourse_onMaintenance_withinTheWindowFromDay14(int startDaysAgo, boolean fires) {
            assertThat(maintenanceInfliximab(active(PREDNISONE, startDaysAgo, daily(30))).finding(RULE).isPresent())
                    .isEqualTo(fires);
        }

        @ParameterizedTest(name = "planned 60-day course started {0} days ago, maintenance -> {1}")
        @CsvSource({"0, true", "27, true", "28, false"})
        void oncePerCourse_aPlannedCourseCountsFromItsStart(int startDaysAgo, boolean fires) {
            String planned = order("gc-1", "active", PREDNISONE, startDaysAgo, daily(30), supply(60));
            assertThat(maintenanceInfliximab(planned).finding(RULE).isPresent()).isEqualTo(fires);
        }

        @Test
        void aTaperWrittenAsSteps_countsTheDaysAtTwentyMgOrMore() {
            String step = """
                    {"sequence":%d,"text":"%d mg daily for 7 days","timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d",
                      "boundsDuration":{"value":7,"unit":"days","system":"http://unitsofmeasure.org","code":"d"}}},
                     "doseAndRate":[{"doseQuantity":{"value":%d,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}]}
                    """;
            String taper = String.join(",", step.formatted(1, 40, 40), step.formatted(2, 30, 30), step.formatted(3, 20, 20),
                    step.formatted(4, 10, 10));
            String shortTaper = String.join(",", step.formatted(1, 40, 40), step.formatted(2, 15, 15), step.formatted(3, 10, 10));
            // Started 2 days ago: 21 planned days at 20 mg/day or more (40, 30, 20) → fires; 7 days (40 only) → not.
            assertThat(newStart(active(PREDNISONE, 2, taper)).finding(RULE).map(Finding::facts).orElseThrow())
                    .contains("Prednisone-equivalent 40 mg/day for a planned 21 days");
            assertThat(newStart(active(PREDNISONE, 2, shortTaper)).finding(RULE)).isEmpty();
        }

        @Test
        void aNewStartShowsItWhateverTheCourseAge() {
            assertThat(newStart(active(PREDNISONE, 200, daily(30))).finding(RULE)).isPresent();
        }

        @Test
        void aStoppedCourse_doesNotCount() {
            assertThat(newStart(order("gc-1", "stopped", PREDNISONE, 30, daily(30), null)).finding(RULE)).isEmpty();
        }
    }

    @Nested
    class Reverse {

        private final GlucocorticoidRule rule = new GlucocorticoidRule(TestKnowledge.get());

        static String draft(String dosage, String dispense) {
            return order("draft-gc", "draft", PREDNISONE, 0, dosage, dispense);
        }

        @ParameterizedTest(name = "planned {0} days -> {1}")
        @CsvSource({"27, false", "28, true"})
        void plannedCourseBoundary_fromTheExpectedSupplyDuration(int days, boolean fires) {
            List<Finding> findings = ReverseCase.of(draft(daily(30), supply(days))).record(crohns())
                    .onTherapy("infliximab", 300, 30).evaluate(rule);

            assertThat(!findings.isEmpty()).isEqualTo(fires);
            if (fires) {
                Finding f = findings.get(0);
                assertThat(f.indicator()).isEqualTo(Indicator.INFO);
                assertThat(f.summary()).isEqualTo(
                        "Prednisone-equivalent 30 mg/day with infliximab: higher infection risk; consider PJP prophylaxis");
                assertThat(f.evidence()).containsExactly("MedicationRequest/draft-gc");
                assertThat(f.suggestions()).isEmpty();
                assertThat(f.facts()).contains("Prednisone-equivalent 30 mg/day for a planned 28 days");
            }
        }

        @Test
        void plannedCourse_fromBoundsDuration_boundsPeriod_andValidityPeriod() {
            String bounds = """
                    {"text":"30 mg daily for 4 weeks","timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d",
                      "boundsDuration":{"value":4,"unit":"weeks","system":"http://unitsofmeasure.org","code":"wk"}}},
                     "doseAndRate":[{"doseQuantity":{"value":30,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}]}
                    """;
            String period = """
                    {"text":"30 mg daily","timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d",
                      "boundsPeriod":{"start":"%s","end":"%s"}}},
                     "doseAndRate":[{"doseQuantity":{"value":30,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}]}
                    """;
            String validity = "{\"validityPeriod\":{\"start\":\"%s\",\"end\":\"%s\"}}";
            LocalDateRange range28 = new LocalDateRange(0, 27);
            LocalDateRange range27 = new LocalDateRange(0, 26);
            assertThat(fires(draft(bounds, null))).isTrue();
            assertThat(fires(draft(period.formatted(range28.start(), range28.end()), null))).isTrue();
            assertThat(fires(draft(period.formatted(range27.start(), range27.end()), null))).isFalse();
            assertThat(fires(draft(daily(30), validity.formatted(range28.start(), range28.end())))).isTrue();
            assertThat(fires(draft(daily(30), null))).as("no planned duration").isFalse();
        }

        private boolean fires(String draft) {
            return !ReverseCase.of(draft).onTherapy("infliximab", 300, 30).evaluate(rule).isEmpty();
        }

        @ParameterizedTest(name = "{0} mg/day -> {1}")
        @CsvSource({"19.9, false", "20, true"})
        void doseBoundary(double mg, boolean fires) {
            assertThat(fires(draft(daily(mg), supply(30)))).isEqualTo(fires);
        }

        @Test
        void notWithIl4rIl13Drugs_andNotForATherapyOnlyRecentlyGiven() {
            Drug dupilumab = new Drug("dupilumab", "dupilumab", "il4r-il13-inhibitor", Optional.empty(), Optional.empty());
            Drug secukinumab = TestKnowledge.get().drugs().byId("secukinumab").orElseThrow();
            assertThat(ReverseCase.of(draft(daily(30), supply(30))).on(dupilumab, 200, 10, true).evaluate(rule)).isEmpty();
            assertThat(ReverseCase.of(draft(daily(30), supply(30))).on(secukinumab, 400, 120, false).evaluate(rule)).isEmpty();

            List<Finding> both = ReverseCase.of(draft(daily(30), supply(30))).on(dupilumab, 200, 10, true)
                    .onTherapy("ustekinumab", 300, 20).evaluate(rule);
            assertThat(both).hasSize(1);
            assertThat(both.get(0).summary()).contains("with ustekinumab:").doesNotContain("dupilumab");
        }

        @Test
        void aRenewalOfAnActiveCourse_isNotANewCourse() {
            List<Finding> renewal = ReverseCase.of(draft(daily(30), supply(30)))
                    .record(active(PREDNISONE, 40, daily(30))).onTherapy("infliximab", 300, 30).evaluate(rule);
            assertThat(renewal).isEmpty();

            List<Finding> afterALowDose = ReverseCase.of(draft(daily(30), supply(30)))
                    .record(active(PREDNISONE, 40, daily(5))).onTherapy("infliximab", 300, 30).evaluate(rule);
            assertThat(afterALowDose).hasSize(1);
        }

        @Test
        void aDraftOfAnotherMedication_orALocalForm_givesNothing() {
            String budesonide = order("draft-bud", "draft", "|Budesonide 9 mg capsule", 0, daily(9), supply(60));
            String enema = order("draft-enema", "draft", "|Prednisolone 20 mg rectal enema", 0, daily(20), supply(60));
            assertThat(ReverseCase.of(budesonide).onTherapy("infliximab", 300, 30).evaluate(rule)).isEmpty();
            assertThat(ReverseCase.of(enema).onTherapy("infliximab", 300, 30).evaluate(rule)).isEmpty();
        }
    }

    /** Days counted back from today: a period from {@code fromDaysAhead} to {@code toDaysAhead} (inclusive). */
    record LocalDateRange(int fromDaysAhead, int toDaysAhead) {
        String start() {
            return Ehr.TODAY_DATE.plusDays(fromDaysAhead).toString();
        }

        String end() {
            return Ehr.TODAY_DATE.plusDays(toDaysAhead).toString();
        }
    }
}

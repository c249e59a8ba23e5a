package org.biologicscds.guidance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;

/**
 * The tuberculosis family: exactly one TB finding per order, the most important one.
 *
 * <ol>
 *   <li>active TB: {@code tb-active};</li>
 *   <li>a positive IGRA or TST (ever: a positive stays positive) or a latent TB diagnosis:
 *       untreated ({@code tb-positive-untreated}), treatment started too recently
 *       ({@code tb-ltbi-treatment-too-recent}), or treated ({@code tb-positive-treated});</li>
 *   <li>otherwise the screening: a negative result in the window is the all-clear; else an
 *       indeterminate one ({@code tb-screening-indeterminate}), an old one
 *       ({@code tb-screening-expired}) or none ({@code tb-screening-missing}).</li>
 * </ol>
 */
final class TuberculosisRule implements Rule {

    static final String ACTIVE = "tb-active";
    static final String POSITIVE_UNTREATED = "tb-positive-untreated";
    static final String TREATMENT_TOO_RECENT = "tb-ltbi-treatment-too-recent";
    static final String POSITIVE_TREATED = "tb-positive-treated";
    static final String MISSING = "tb-screening-missing";
    static final String EXPIRED = "tb-screening-expired";
    static final String INDETERMINATE = "tb-screening-indeterminate";

    private final TbTestReader tests;
    private final int windowDays;
    private final int minimumTreatmentDays;
    private final int minimumCourseDays;
    private final Coding screeningTest;
    private final String screeningTestLabel;

    TuberculosisRule(Knowledge knowledge) {
        this.tests = new TbTestReader(knowledge.parameters(POSITIVE_UNTREATED));
        this.windowDays = knowledge.parameters(EXPIRED).days("window");
        this.minimumTreatmentDays = knowledge.parameters(TREATMENT_TOO_RECENT).days("minimum-treatment");
        this.minimumCourseDays = knowledge.parameters(POSITIVE_TREATED).days("minimum-course");
        this.screeningTest = knowledge.parameters(MISSING).coding("order-test");
        this.screeningTestLabel = knowledge.parameters(MISSING).string("order-test-label");
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        String drug = order.drug().name();
        List<Condition> activeTb = facts.activeConditions("tb-active").stream()
                .filter(c -> !facts.codes().matches("tb-latent", c.getCode())).toList();
        if (!activeTb.isEmpty()) {
            return List.of(new Finding(ACTIVE, Indicator.CRITICAL,
                    "Active tuberculosis on record: do not start " + drug,
                    activeTb.stream().map(Describe::condition).toList(),
                    "Treat active TB first; start " + drug + " only after TB treatment, with infectious disease advice.",
                    List.of()));
        }
        List<TbTestResult> results = tests.results(facts);
        List<String> positives = new ArrayList<>();
        results.stream().filter(r -> r.reading() == TbTestResult.Reading.POSITIVE)
                .forEach(r -> positives.add("Positive " + r.describe()));
        facts.conditions("tb-latent").forEach(c -> positives.add(Describe.condition(c)));
        if (!positives.isEmpty()) {
            return List.of(positiveFinding(order, facts, positives));
        }
        return screeningFinding(order, facts, results).map(List::of).orElse(List.of());
    }

    private Finding positiveFinding(BiologicOrder order, PatientFacts facts, List<String> positives) {
        String drug = order.drug().name();
        List<String> shown = new ArrayList<>(positives);
        List<String> completionRecords = completionRecords(facts);
        // One course may span several prescriptions (renewals, fills): it starts with the earliest.
        List<MedicationUse> courses = facts.medications("ltbi-treatment", order);
        Optional<LocalDate> courseStart = courses.stream().map(MedicationUse::start).flatMap(Optional::stream)
                .min(LocalDate::compareTo);
        boolean ongoing = courses.stream().anyMatch(MedicationUse::active);
        long courseDays = courseStart.map(s -> ChronoUnit.DAYS.between(s, facts.today())).orElse(0L);
        boolean recordedComplete = courses.stream().anyMatch(m -> m.status().equals("completed"));
        if (!completionRecords.isEmpty() || (!ongoing && recordedComplete && courseDays >= minimumCourseDays)) {
            completionRecords.forEach(f -> shown.add("LTBI treatment completed: " + f));
            courses.stream().filter(m -> m.status().equals("completed")).findFirst()
                    .ifPresent(m -> shown.add("LTBI treatment completed: " + m.describe()));
            return new Finding(POSITIVE_TREATED, Indicator.INFO,
                    "Prior positive TB test, latent TB treated: " + drug + " may start; watch for TB",
                    shown,
                    "No new TB test is needed for the positive; check for TB symptoms before each course and yearly.",
                    List.of());
        }
        if (ongoing) {
            courses.stream().filter(MedicationUse::active).forEach(m -> shown.add("LTBI treatment under way: " + m.describe()));
            courseStart.ifPresent(s -> shown.add("LTBI course started " + s + " (" + courseDays + " days ago)"));
            if (courseStart.isEmpty() || courseDays < minimumTreatmentDays) {
                String earliest = courseStart.map(s -> s.plusDays(minimumTreatmentDays).toString())
                        .orElse("once its start date is known");
                shown.add("Earliest start of " + drug + ": " + earliest + " (" + minimumTreatmentDays
                        + " days of LTBI treatment)");
                return new Finding(TREATMENT_TOO_RECENT, Indicator.WARNING,
                        "Latent TB treatment started under " + minimumTreatmentDays + " days ago: wait before starting " + drug,
                        shown,
                        "Continue LTBI treatment and start " + drug + " from " + earliest + ".",
                        List.of());
            }
            return new Finding(POSITIVE_TREATED, Indicator.INFO,
                    "Positive TB test, latent TB treatment under way: " + drug + " may start; complete the course",
                    shown,
                    "Make sure the LTBI course is completed; check for TB symptoms while on " + drug + ".",
                    List.of());
        }
        courses.stream().filter(m -> m.status().equals("stopped"))
                .forEach(m -> shown.add("LTBI treatment stopped before completion: " + m.describe()));
        if (recordedComplete) {
            shown.add("LTBI medication recorded as completed after only " + courseDays + " days (a full course takes at least "
                    + minimumCourseDays + ")");
        }
        return new Finding(POSITIVE_UNTREATED, Indicator.CRITICAL,
                "Positive TB test and no latent TB treatment: treat LTBI before starting " + drug,
                shown,
                "Exclude active TB (chest X-ray), start LTBI treatment, and start " + drug
                        + " after at least " + minimumTreatmentDays + " days of it.",
                List.of());
    }

    /** Conditions, procedures or observations that document a completed LTBI course. */
    private static List<String> completionRecords(PatientFacts facts) {
        List<String> records = new ArrayList<>();
        facts.conditions("ltbi-treatment-completed").forEach(c -> records.add(Describe.condition(c)));
        for (Procedure p : facts.procedures("ltbi-treatment-completed")) {
            records.add(Describe.concept(p.getCode()) + FhirDates.start(p.getPerformed()).map(d -> " on " + d).orElse(""));
        }
        for (Observation o : facts.observations("ltbi-treatment-completed")) {
            records.add(Describe.concept(o.getCode()) + PatientFacts.observationDate(o).map(d -> " on " + d).orElse(""));
        }
        return records;
    }

    private Optional<Finding> screeningFinding(BiologicOrder order, PatientFacts facts, List<TbTestResult> results) {
        String drug = order.drug().name();
        LocalDate windowStart = facts.today().minusDays(windowDays);
        if (results.stream().anyMatch(r -> r.reading() == TbTestResult.Reading.NEGATIVE && r.within(windowStart))) {
            return Optional.empty();
        }
        List<String> shown = new ArrayList<>();
        for (Observation pending : tests.pending(facts)) {
            shown.add("Ordered, no final result yet: " + Describe.concept(pending.getCode())
                    + PatientFacts.observationDate(pending).map(d -> " (" + d + ")").orElse(""));
        }
        SuggestedAction orderTest = new SuggestedAction.OrderTests(List.of(screeningTest), screeningTestLabel);
        List<TbTestResult> recentUnclear = results.stream()
                .filter(r -> r.reading() == TbTestResult.Reading.INDETERMINATE && r.within(windowStart)).toList();
        if (!recentUnclear.isEmpty()) {
            recentUnclear.forEach(r -> shown.add(0, "Indeterminate " + r.describe()));
            return Optional.of(new Finding(INDETERMINATE, Indicator.WARNING,
                    "TB screening indeterminate: repeat the IGRA before starting " + drug,
                    shown,
                    "Repeat the IGRA (or do a TST); if still indeterminate, assess TB risk with a chest X-ray.",
                    List.of(orderTest)));
        }
        if (!results.isEmpty()) {
            TbTestResult newest = results.get(0);
            shown.add(0, "Newest TB test: " + newest.describe() + ", older than " + windowDays + " days");
            return Optional.of(new Finding(EXPIRED, Indicator.WARNING, order.ongoing()
                    ? "Yearly TB re-screening due on " + drug + ": last TB test over " + windowDays + " days ago"
                    : "TB screening out of date (over " + windowDays + " days): re-test before starting " + drug,
                    shown,
                    "Order an IGRA and start " + drug + " once it is negative.",
                    List.of(orderTest)));
        }
        shown.add(0, "No IGRA or tuberculin skin test result in the record");
        return Optional.of(new Finding(MISSING, Indicator.WARNING, order.ongoing()
                ? "On " + drug + " with no TB test on record: screen for TB now"
                : "No TB screening on record: test for latent TB before starting " + drug,
                shown,
                "Order an IGRA (QuantiFERON or T-SPOT.TB); chest X-ray if TB risk. Start " + drug + " once it is negative.",
                List.of(orderTest)));
    }
}

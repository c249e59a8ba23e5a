package org.biologicscds.guidance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;

/**
 * The tuberculosis family (clinical-v2.md 3.1): exactly one TB finding per order, the most
 * important one.
 *
 * <ol>
 *   <li>active TB: {@code tb-active};</li>
 *   <li>a positive IGRA or TST (ever: a positive stays positive) or a latent TB diagnosis, one card
 *       (amendment 11): untreated ({@code tb-positive-untreated}), treatment started too recently
 *       ({@code tb-ltbi-treatment-too-recent}), or treated ({@code tb-positive-treated}, new starts
 *       only), the LTBI course judged complete by a completion record or by its regimen's duration;
 *       a history of TB alone: {@code tb-positive-treated} asking to confirm the treatment;</li>
 *   <li>otherwise the screening, read from the newest TB test of any result (amendment 11): a
 *       negative in the window is the all-clear; else an indeterminate one
 *       ({@code tb-screening-indeterminate}), an old one ({@code tb-screening-expired}) or none
 *       ({@code tb-screening-missing}). No screening card while a TB test is ordered (amendment 22).</li>
 * </ol>
 *
 * Tiers by course state (1.3): a new start or restart gets the warning and "before (re)starting";
 * maintenance (and patient-view) the info, only in its reminder window, worded "while on".
 * Which classes each rule covers is its {@code applies-to} (5.2, {@link RuleFamily}); vedolizumab's
 * lowered tier is the per-class {@code indicator} of {@code tb-positive-untreated}.
 */
final class TuberculosisRule implements Rule {

    static final String ACTIVE = "tb-active";
    static final String POSITIVE_UNTREATED = "tb-positive-untreated";
    static final String TREATMENT_TOO_RECENT = "tb-ltbi-treatment-too-recent";
    static final String POSITIVE_TREATED = "tb-positive-treated";
    static final String MISSING = "tb-screening-missing";
    static final String EXPIRED = "tb-screening-expired";
    static final String INDETERMINATE = "tb-screening-indeterminate";

    private static final List<String> TEST_VALUE_SETS =
            List.of("igra-qualitative", "igra-quantitative", "tspot-spot-counts", "tst-induration");

    private final TbTestReader tests;
    private final int windowDays;
    private final boolean expiredReminders;
    private final int minimumTreatmentDays;
    private final List<LtbiRegimen> regimens;
    private final Coding screeningTest;
    private final String screeningTestLabel;
    private final RuleParameters active;
    private final List<String> treatmentDrugs;
    private final List<String> treatmentMarkers;
    private final int minimumTreatmentDrugs;
    private final RuleParameters untreated;
    private final RuleParameters tooRecent;
    private final RuleParameters treated;
    private final RuleParameters missing;
    private final RuleParameters expired;
    private final RuleParameters indeterminate;
    private final RuleFamily family;

    TuberculosisRule(Knowledge knowledge) {
        this.family = new RuleFamily(knowledge, ACTIVE, POSITIVE_UNTREATED, TREATMENT_TOO_RECENT, POSITIVE_TREATED,
                MISSING, EXPIRED, INDETERMINATE);
        this.active = knowledge.parameters(ACTIVE);
        this.untreated = knowledge.parameters(POSITIVE_UNTREATED);
        this.tooRecent = knowledge.parameters(TREATMENT_TOO_RECENT);
        this.treated = knowledge.parameters(POSITIVE_TREATED);
        this.missing = knowledge.parameters(MISSING);
        this.expired = knowledge.parameters(EXPIRED);
        this.indeterminate = knowledge.parameters(INDETERMINATE);
        this.treatmentDrugs = knowledge.valueSets(ACTIVE, "treatment-drug");
        this.treatmentMarkers = knowledge.valueSets(ACTIVE, "treatment-marker");
        this.minimumTreatmentDrugs = active.integer("minimum-treatment-drugs");
        this.tests = new TbTestReader(untreated);
        this.windowDays = expired.days("window");
        String mode = expired.string("maintenance-mode");
        if (!List.of("annual-info", "off").contains(mode)) {
            throw expired.invalid("maintenance-mode", "must be annual-info or off, not '" + mode + "'");
        }
        this.expiredReminders = mode.equals("annual-info");
        this.minimumTreatmentDays = tooRecent.days("minimum-treatment");
        this.regimens = LtbiRegimen.read(treated);
        this.screeningTest = missing.coding("order-test");
        this.screeningTestLabel = missing.string("order-test-label");
        for (RuleParameters tiered : List.of(missing, expired, indeterminate)) {
            ScreeningTiers.tier(tiered, null, false); // a wrong maintenance indicator fails the start, not a request
        }
    }

    /**
     * The one TB finding, kept only if its rule applies to the drug's class (5.2): rituximab and
     * S1P modulators get {@code tb-active} only, IL-4R/IL-13 antibodies no TB card.
     */
    @Override
    public List<String> ruleIds() {
        return List.of(ACTIVE, POSITIVE_UNTREATED, TREATMENT_TOO_RECENT, POSITIVE_TREATED, MISSING, EXPIRED, INDETERMINATE);
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!family.coversAny(order)) {
            return List.of();
        }
        return family.keep(order, tbFinding(order, facts));
    }

    private List<Finding> tbFinding(BiologicOrder order, PatientFacts facts) {
        CourseState course = facts.course(order);
        List<Condition> activeTb = facts.activeConditions("tb-active").stream()
                .filter(c -> !facts.codes().matches("tb-latent", c.getCode())).toList();
        if (!activeTb.isEmpty()) {
            return List.of(activeFinding(order, course, activeTb));
        }
        Optional<Finding> treatment = activeTreatmentFinding(order, facts, course);
        if (treatment.isPresent()) {
            return List.of(treatment.get());
        }
        List<TbTestResult> results = tests.results(facts);
        List<TbTestResult> positives = results.stream().filter(r -> r.reading() == TbTestResult.Reading.POSITIVE).toList();
        List<Condition> latent = facts.conditions("tb-latent");
        if (!positives.isEmpty() || !latent.isEmpty()) {
            return positiveFinding(order, facts, course, positives, latent).map(List::of).orElse(List.of());
        }
        List<Condition> history = facts.conditions("tb-history");
        if (!history.isEmpty()) {
            return course.startsCourse() ? List.of(historyFinding(order, course, history)) : List.of();
        }
        return screeningFinding(order, facts, course, results).map(List::of).orElse(List.of());
    }

    private Finding activeFinding(BiologicOrder order, CourseState course, List<Condition> activeTb) {
        String drug = order.drug().name();
        Condition newest = activeTb.get(0);
        String summary = Wording.fill(active.string("summary"), Map.of(
                "condition", Describe.shortened(Describe.concept(newest.getCode())),
                "date", PatientFacts.conditionDate(newest).map(LocalDate::toString).orElse("date unknown"),
                "drug", drug));
        String next = course.startsCourse()
                ? "Treat active TB first, with infectious disease advice; give " + drug + " only after TB treatment."
                : "Give no further " + drug + " until active TB is treated, with infectious disease advice.";
        return new Finding(ACTIVE, active.indicator(), summary, activeTb.stream().map(Describe::condition).toList(), next,
                List.of(), activeTb.stream().map(c -> "Condition/" + c.getIdElement().getIdPart()).toList());
    }

    /**
     * Active TB treatment without a coded diagnosis (3.1): at least {@code minimum-treatment-drugs}
     * anti-TB drugs active together, one of them a marker of active-disease regimens (pyrazinamide,
     * ethambutol), which latent TB regimens never use.
     */
    private Optional<Finding> activeTreatmentFinding(BiologicOrder order, PatientFacts facts, CourseState course) {
        List<String> names = new ArrayList<>();
        List<LocalDate> starts = new ArrayList<>();
        boolean marker = false;
        for (String drugSet : treatmentDrugs) {
            List<MedicationUse> uses = facts.activeMedications(drugSet, order);
            if (!uses.isEmpty()) {
                names.add(Describe.concept(uses.get(0).concept()));
                uses.stream().map(MedicationUse::start).flatMap(Optional::stream).forEach(starts::add);
                marker |= treatmentMarkers.contains(drugSet);
            }
        }
        if (names.size() < minimumTreatmentDrugs || !marker) {
            return Optional.empty();
        }
        String drug = order.drug().name();
        String summary = Wording.fill(active.string("summary"), Map.of(
                "condition", Describe.shortened(names.size() + " anti-TB drugs"),
                "date", starts.stream().min(LocalDate::compareTo).map(d -> "since " + d).orElse("date unknown"),
                "drug", drug));
        return Optional.of(new Finding(ACTIVE, active.indicator(), summary,
                names.stream().map(n -> "Active anti-TB treatment: " + n).toList(),
                "An active-TB regimen is under way: give no " + drug + " until TB treatment and infectious disease advice allow it.",
                List.of()));
    }

    private Optional<Finding> positiveFinding(BiologicOrder order, PatientFacts facts, CourseState course,
                                              List<TbTestResult> positives, List<Condition> latent) {
        String drug = order.drug().name();
        List<String> shown = new ArrayList<>();
        positives.forEach(r -> shown.add("Positive " + r.describe()));
        latent.forEach(c -> shown.add(Describe.condition(c)));
        facts.conditions("tb-history").forEach(c -> shown.add(Describe.condition(c)));
        String test = positives.isEmpty() ? Describe.shortened(Describe.concept(latent.get(0).getCode())) : positives.get(0).kind();
        String testDate = positives.isEmpty()
                ? PatientFacts.conditionDate(latent.get(0)).map(LocalDate::toString).orElse("date unknown")
                : positives.get(0).dateText();
        List<String> completion = LtbiCourse.completionRecords(facts);
        Optional<LtbiCourse> ltbi = LtbiCourse.read(facts, order, regimens);
        ltbi.ifPresent(c -> shown.add(c.describe()));
        boolean completeByDuration = ltbi.map(c -> !c.ongoing() && c.completeBy(regimens)).orElse(false);
        if (!completion.isEmpty() || completeByDuration) {
            completion.forEach(f -> shown.add("LTBI treatment completed: " + f));
            if (!course.startsCourse()) {
                return Optional.empty(); // info once per course: new starts and restarts only (1.2)
            }
            String regimen = ltbi.filter(c -> completeByDuration).map(LtbiCourse::regimenName).orElse("completion recorded");
            String date = ltbi.filter(c -> completeByDuration).flatMap(LtbiCourse::end).map(LocalDate::toString)
                    .orElse(completion.isEmpty() ? "date unknown" : LtbiCourse.completionDate(facts).orElse("date unknown"));
            return Optional.of(new Finding(POSITIVE_TREATED, treated.indicator(),
                    Wording.fill(treated.string("summary"), Map.of("regimen", regimen, "date", date, "drug", drug)),
                    shown,
                    "A positive IGRA or skin test stays positive after treatment: no repeat test is needed. Ask about TB"
                            + " symptoms at each visit and yearly while on " + drug + ".",
                    List.of()));
        }
        if (ltbi.isPresent() && ltbi.get().ongoing()) {
            LtbiCourse c = ltbi.get();
            long days = c.start().map(s -> ChronoUnit.DAYS.between(s, facts.today())).orElse(0L);
            String since = c.start().map(LocalDate::toString).orElse("an unknown date");
            if (c.start().isEmpty() || days < minimumTreatmentDays) {
                String due = c.start().map(s -> s.plusDays(minimumTreatmentDays).toString()).orElse("once its first day is known");
                shown.add("First dose of " + drug + " from " + due + " (" + minimumTreatmentDays + " days of LTBI treatment)");
                return Optional.of(new Finding(TREATMENT_TOO_RECENT, tooRecent.indicator(),
                        Wording.fill(tooRecent.string("summary"), Map.of("date", since, "verb", verb(course),
                                "drug", drug, "dueDate", due)),
                        shown,
                        "Continue the LTBI treatment; give " + drug + " from " + due + ".",
                        List.of()));
            }
            if (!course.startsCourse()) {
                return Optional.empty();
            }
            return Optional.of(new Finding(POSITIVE_TREATED, treated.indicator(),
                    Wording.fill(treated.string("summary-ongoing"), Map.of("regimen", c.regimenName(), "date", since,
                            "drug", drug)),
                    shown,
                    "Make sure the LTBI course is completed; ask about TB symptoms while on " + drug + ".",
                    List.of()));
        }
        ltbi.ifPresent(c -> shown.add("The LTBI course is not complete: " + c.regimenName() + " needs "
                + c.regimen().map(LtbiRegimen::requirement).orElse(longest() + " days")));
        Indicator indicator = PerDrug.pick(untreated.indicatorsByDrug(), order, untreated.indicator());
        return Optional.of(new Finding(POSITIVE_UNTREATED, indicator,
                Wording.fill(untreated.string("summary"), Map.of("test", test, "date", testDate, "moment", course.moment())),
                shown,
                "Exclude active TB (symptoms, chest X-ray), treat latent TB, and give " + drug + " after at least "
                        + minimumTreatmentDays + " days of it.",
                List.of()));
    }

    private Finding historyFinding(BiologicOrder order, CourseState course, List<Condition> history) {
        return new Finding(POSITIVE_TREATED, treated.indicator(),
                Wording.fill(treated.string("summary-history"), Map.of("moment", course.moment())),
                history.stream().map(Describe::condition).toList(),
                "Confirm that the TB was fully treated (regimen, duration) and ask about symptoms; an IGRA stays"
                        + " positive after TB and does not need repeating.",
                List.of());
    }

    private int longest() {
        return regimens.stream().mapToInt(LtbiRegimen::minimumDays).max().orElse(0);
    }

    /** The verb for "{verb} {drug} from {dueDate}": start, restart, or give (a patient on the drug). */
    private static String verb(CourseState course) {
        return switch (course.phase()) {
            case NEW_START -> "start";
            case RESTART -> "restart";
            case MAINTENANCE -> "give";
        };
    }

    private Optional<Finding> screeningFinding(BiologicOrder order, PatientFacts facts, CourseState course,
                                               List<TbTestResult> results) {
        String drug = order.drug().name();
        LocalDate windowStart = facts.today().minusDays(windowDays);
        if (results.stream().anyMatch(r -> r.reading() == TbTestResult.Reading.NEGATIVE && r.within(windowStart))) {
            return Optional.empty();
        }
        if (TEST_VALUE_SETS.stream().anyMatch(vs -> !facts.openServiceRequests(vs).isEmpty())) {
            return Optional.empty(); // amendment 22: the test is ordered
        }
        List<String> shown = new ArrayList<>();
        for (Observation pending : tests.pending(facts)) {
            shown.add("Ordered, no final result yet: " + Describe.concept(pending.getCode())
                    + PatientFacts.observationDate(pending).map(d -> " (" + d + ")").orElse(""));
        }
        List<SuggestedAction> orderTest = List.of(new SuggestedAction.OrderTests(List.of(screeningTest), screeningTestLabel));
        boolean starts = course.startsCourse();
        Optional<TbTestResult> unclear = results.stream()
                .filter(r -> r.reading() == TbTestResult.Reading.INDETERMINATE && r.within(windowStart)).findFirst();
        if (unclear.isPresent()) {
            TbTestResult r = unclear.get();
            if (!starts && !course.reminderOpen(r.date().orElse(facts.today()))) {
                return Optional.empty();
            }
            shown.add(0, "Indeterminate " + r.describe());
            return Optional.of(new Finding(INDETERMINATE, ScreeningTiers.tier(indeterminate, order, starts),
                    Wording.fill(indeterminate.string("summary"), Map.of("test", r.kind(), "date", r.dateText(),
                            "moment", course.moment())),
                    shown,
                    "Repeat the IGRA (or do a skin test); if still indeterminate, assess TB risk with a chest X-ray.",
                    orderTest));
        }
        if (!results.isEmpty()) {
            // Amendment 11: the newest test of any result (positives were handled above).
            TbTestResult newest = results.get(0);
            shown.add(0, "Newest TB test: " + newest.describe() + ", older than " + windowDays + " days");
            Map<String, String> values = Map.of("test", newest.kind(), "reading", newest.readingWord(),
                    "date", newest.dateText(), "window", Wording.window(windowDays), "moment", course.moment());
            if (starts) {
                return Optional.of(new Finding(EXPIRED, ScreeningTiers.tier(expired, order, true),
                        Wording.fill(expired.string("summary"), values), shown,
                        "Order an IGRA and give " + drug + " once it is negative.", orderTest));
            }
            LocalDate due = newest.date().map(d -> d.plusDays(windowDays)).orElse(facts.today());
            if (!expiredReminders || !course.reminderOpen(due)) {
                return Optional.empty();
            }
            shown.add("Yearly re-test due on " + due);
            return Optional.of(new Finding(EXPIRED, ScreeningTiers.tier(expired, order, false),
                    Wording.fill(expired.string("summary-maintenance"), values), shown,
                    "Order an IGRA and ask about TB symptoms and exposure.", orderTest));
        }
        shown.add(0, "No IGRA or tuberculin skin test result in the record");
        if (starts) {
            return Optional.of(new Finding(MISSING, ScreeningTiers.tier(missing, order, true),
                    Wording.fill(missing.string("summary"), Map.of("moment", course.moment())), shown,
                    "Order an IGRA (QuantiFERON or T-SPOT.TB); chest X-ray if TB risk. Give " + drug
                            + " once it is negative.",
                    orderTest));
        }
        if (!course.reminderOpen(ScreeningTiers.yearlyFrom(course.courseStart(), facts.today()))) {
            return Optional.empty();
        }
        return Optional.of(new Finding(MISSING, ScreeningTiers.tier(missing, order, false),
                Wording.fill(missing.string("summary-maintenance"), Map.of("drug", drug)), shown,
                "Order an IGRA (QuantiFERON or T-SPOT.TB) and ask about TB symptoms and exposure.", orderTest));
    }
}

package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The hepatitis B family (clinical-v2.md 3.2, amendment 9), one finding per order:
 * <ol>
 *   <li>{@code hbv-active}: HBsAg positive (newest), chronic hepatitis B, IgM anti-HBc positive, or
 *       anti-HBc positive with HBV DNA detectable, and no active HBV antiviral (with one: no card);</li>
 *   <li>{@code hbv-resolved}: anti-HBc positive, HBsAg negative, no antiviral: warning for drugs that
 *       need prophylaxis ({@code prophylaxis-for}: rituximab; the card suggests ordering entecavir,
 *       amendment 9) and for a new start without an HBV DNA in 90 days, info for a
 *       new start with an undetectable HBV DNA, info on maintenance when the HBV DNA/ALT check is due;</li>
 *   <li>{@code hbv-screening-missing}: new start without HBsAg or anti-HBc ever (warning) or with
 *       serology over 12 months old (info); maintenance: never tested, info yearly.</li>
 * </ol>
 * No screening card or reminder while the test is ordered (amendment 22).
 */
final class HepatitisBRule implements Rule {

    static final String ACTIVE = "hbv-active";
    static final String RESOLVED = "hbv-resolved";
    static final String MISSING = "hbv-screening-missing";

    private final RuleParameters active;
    private final RuleParameters resolved;
    private final RuleParameters missing;
    private final int windowDays;
    private final int monitoringDays;
    private final List<String> prophylaxisFor;
    private final List<org.hl7.fhir.r4.model.Coding> orderTests;
    private final String orderLabel;
    private final RuleFamily family;
    private final SuggestedAction.OrderMedication prophylaxisOrder;

    HepatitisBRule(Knowledge knowledge) {
        this.family = new RuleFamily(knowledge, ACTIVE, RESOLVED, MISSING);
        this.active = knowledge.parameters(ACTIVE);
        this.resolved = knowledge.parameters(RESOLVED);
        this.missing = knowledge.parameters(MISSING);
        this.windowDays = missing.days("window");
        this.monitoringDays = resolved.days("monitoring-window");
        this.prophylaxisFor = resolved.strings("prophylaxis-for");
        this.orderTests = missing.codings("order-test");
        this.orderLabel = missing.string("order-test-label");
        this.prophylaxisOrder = new SuggestedAction.OrderMedication(
                new org.hl7.fhir.r4.model.CodeableConcept(resolved.coding("prophylaxis-order"))
                        .setText(resolved.string("prophylaxis-order-text")),
                resolved.string("prophylaxis-order-dosage"), resolved.string("prophylaxis-order-label"));
        for (String name : List.of("indicator-maintenance", "indicator-out-of-date")) {
            ScreeningTiers.indicator(missing, name);
        }
        for (String name : List.of("indicator-maintenance", "indicator-dna-undetectable")) {
            ScreeningTiers.indicator(resolved, name);
        }
    }

    /** The one hepatitis B finding, kept only if its rule applies to the drug's class (3.2, 5.2). */
    @Override
    public List<String> ruleIds() {
        return List.of(ACTIVE, RESOLVED, MISSING);
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!family.coversAny(order)) {
            return List.of();
        }
        return family.keep(order, hbvFinding(order, facts));
    }

    private List<Finding> hbvFinding(BiologicOrder order, PatientFacts facts) {
        CourseState course = facts.course(order);
        Optional<Observation> hbsag = newest(facts, "hbsag");
        Optional<Observation> antiHbc = newest(facts, "anti-hbc");
        Optional<Observation> igm = newest(facts, "anti-hbc-igm");
        Optional<Observation> dna = newest(facts, "hbv-dna");
        List<Condition> chronic = facts.activeConditions("hepatitis-b");
        boolean antiHbcPositive = is(facts, antiHbc, Results.Reading.POSITIVE);
        boolean dnaDetectable = dna.map(o -> detectable(facts, o)).orElse(false);
        List<MedicationUse> antivirals = facts.activeMedications("hbv-antivirals", order);

        Optional<String> activeFact = is(facts, hbsag, Results.Reading.POSITIVE) ? Optional.of("HBsAg positive (" + date(hbsag) + ")")
                : is(facts, igm, Results.Reading.POSITIVE) ? Optional.of("IgM anti-HBc positive (" + date(igm) + ")")
                : antiHbcPositive && dnaDetectable ? Optional.of("Anti-HBc positive, HBV DNA detectable (" + date(dna) + ")")
                : chronic.isEmpty() ? Optional.empty()
                : Optional.of("Hepatitis B on record (" + PatientFacts.conditionDate(chronic.get(0)).map(LocalDate::toString)
                        .orElse("date unknown") + ")");
        if (!antivirals.isEmpty()) {
            // Amendment 9: a patient on an HBV-active antiviral gets no false critical and no hbv-resolved card.
            return List.of();
        }
        List<String> shown = new ArrayList<>();
        hbsag.ifPresent(o -> shown.add("Newest HBsAg: " + Results.describe(facts, o)));
        antiHbc.ifPresent(o -> shown.add("Newest anti-HBc: " + Results.describe(facts, o)));
        igm.ifPresent(o -> shown.add("Newest IgM anti-HBc: " + Results.describe(facts, o)));
        dna.ifPresent(o -> shown.add("Newest HBV DNA: " + Results.describe(facts, o)));
        String drug = order.drug().name();
        if (activeFact.isPresent()) {
            chronic.forEach(c -> shown.add("On the problem list: " + Describe.condition(c)));
            shown.add("No active hepatitis B antiviral (entecavir, tenofovir, lamivudine or a combination with them) in the record");
            String template = course.startsCourse() ? active.string("summary") : active.string("summary-maintenance");
            return List.of(new Finding(ACTIVE, active.indicator(),
                    Wording.fill(template, Map.of("finding", activeFact.get(), "drug", drug)), shown,
                    "Refer to hepatology: antiviral therapy (entecavir or tenofovir) and HBV DNA"
                            + (course.startsCourse() ? " before " + drug + "." : " while on " + drug + "."),
                    List.of()));
        }
        boolean hbsagNegativeOrAbsent = hbsag.isEmpty() || is(facts, hbsag, Results.Reading.NEGATIVE);
        if (antiHbcPositive && hbsagNegativeOrAbsent) {
            return resolvedFinding(order, facts, course, antiHbc.get(), dna, shown).map(List::of).orElse(List.of());
        }
        return screeningFinding(order, facts, course, hbsag, antiHbc, shown).map(List::of).orElse(List.of());
    }

    private Optional<Finding> resolvedFinding(BiologicOrder order, PatientFacts facts, CourseState course, Observation antiHbc,
                                              Optional<Observation> dna, List<String> shown) {
        String drug = order.drug().name();
        String positiveOn = date(Optional.of(antiHbc));
        boolean prophylaxis = !prophylaxisFor.isEmpty() && order.isOneOf(prophylaxisFor);
        // Maintenance and patient-view never say "start" (1.3): a patient on rituximab is told prophylaxis is due while on it.
        String advice = prophylaxis
                ? (course.startsCourse()
                        ? "Start antiviral prophylaxis (entecavir or tenofovir) before " + drug
                        : "Antiviral prophylaxis (entecavir or tenofovir) is recommended while on " + drug)
                        + " and for at least 12 months after the last dose."
                : "Check HBV DNA; then either antiviral prophylaxis or HBV DNA and ALT every 1-3 months while on " + drug + ".";
        if (course.startsCourse() || prophylaxis) {
            LocalDate from = facts.today().minusDays(monitoringDays);
            Optional<Observation> recentDna = dna.filter(o -> PatientFacts.observationDate(o).map(d -> !d.isBefore(from)).orElse(false));
            Indicator indicator = prophylaxis || recentDna.isEmpty() ? resolved.indicator()
                    : ScreeningTiers.indicator(resolved, "indicator-dna-undetectable");
            if (recentDna.isEmpty()) {
                shown.add("No HBV DNA in the last " + monitoringDays + " days");
            }
            // Amendment 9: for a drug that needs prophylaxis (rituximab) the card says so and suggests entecavir.
            String template = prophylaxis ? resolved.string("summary-prophylaxis") : resolved.string("summary");
            return Optional.of(new Finding(RESOLVED, indicator,
                    Wording.fill(template, Map.of("date", positiveOn, "drug", drug)), shown, advice,
                    prophylaxis ? List.of(prophylaxisOrder) : List.of(),
                    List.of("Observation/" + antiHbc.getIdElement().getIdPart())));
        }
        if (!facts.openServiceRequests("hbv-dna").isEmpty()) {
            return Optional.empty(); // amendment 22: the check is ordered
        }
        Optional<LocalDate> lastCheck = java.util.stream.Stream.of(dna, newest(facts, "alt-test"))
                .flatMap(Optional::stream).map(PatientFacts::observationDate).flatMap(Optional::stream)
                .max(LocalDate::compareTo);
        LocalDate due = lastCheck.map(d -> d.plusDays(monitoringDays))
                .orElseGet(() -> ScreeningTiers.yearlyFrom(course.courseStart(), facts.today()));
        if (!course.reminderOpen(due)) {
            return Optional.empty();
        }
        shown.add("HBV DNA/ALT check due on " + due + " (every " + monitoringDays + " days)");
        return Optional.of(new Finding(RESOLVED, ScreeningTiers.indicator(resolved, "indicator-maintenance"),
                Wording.fill(resolved.string("summary-maintenance"), Map.of("drug", drug,
                        "last", lastCheck.map(d -> "last " + d).orElse("none on record"))),
                shown, advice, List.of(), List.of("Observation/" + antiHbc.getIdElement().getIdPart())));
    }

    private Optional<Finding> screeningFinding(BiologicOrder order, PatientFacts facts, CourseState course,
                                               Optional<Observation> hbsag, Optional<Observation> antiHbc, List<String> shown) {
        if (!facts.openServiceRequests("hbsag").isEmpty() || !facts.openServiceRequests("anti-hbc").isEmpty()) {
            return Optional.empty(); // amendment 22: the serology is ordered
        }
        String drug = order.drug().name();
        String moment = course.moment();
        Optional<String> neverTested = hbsag.isEmpty() && antiHbc.isEmpty()
                ? Optional.of(Wording.fill(missing.string("summary"), Map.of("moment", moment)))
                : antiHbc.isEmpty() ? Optional.of(Wording.fill(missing.string("summary-no-anti-hbc"),
                        Map.of("result", reading(facts, hbsag.get()), "date", date(hbsag), "moment", moment)))
                : hbsag.isEmpty() ? Optional.of(Wording.fill(missing.string("summary-no-hbsag"),
                        Map.of("result", reading(facts, antiHbc.get()), "date", date(antiHbc), "moment", moment)))
                : Optional.empty();
        List<SuggestedAction> orderTest = List.of(new SuggestedAction.OrderTests(orderTests, orderLabel));
        if (hbsag.isEmpty()) {
            shown.add(0, "No HBsAg result in the record");
        }
        if (antiHbc.isEmpty()) {
            shown.add(hbsag.isEmpty() ? 1 : 0, "No anti-HBc result in the record");
        }
        if (neverTested.isPresent()) {
            if (course.startsCourse()) {
                return Optional.of(new Finding(MISSING, missing.indicator(), neverTested.get(), shown,
                        "Order HBsAg and anti-HBc; give " + drug + " once the results are known.", orderTest));
            }
            if (!course.reminderOpen(ScreeningTiers.yearlyFrom(course.courseStart(), facts.today()))) {
                return Optional.empty();
            }
            return Optional.of(new Finding(MISSING, ScreeningTiers.indicator(missing, "indicator-maintenance"), neverTested.get(), shown,
                    "Order HBsAg and anti-HBc.", orderTest));
        }
        if (!course.startsCourse()) {
            return Optional.empty(); // tested ever: no re-screening on maintenance (3.2)
        }
        LocalDate from = facts.today().minusDays(windowDays);
        Optional<LocalDate> oldest = java.util.stream.Stream.of(hbsag, antiHbc).map(o -> o.flatMap(PatientFacts::observationDate))
                .map(d -> d.orElse(LocalDate.MIN)).min(LocalDate::compareTo);
        if (oldest.map(d -> !d.isBefore(from)).orElse(true)) {
            return Optional.empty();
        }
        shown.add("Serology counts for " + windowDays + " days");
        String date = oldest.get().equals(LocalDate.MIN) ? "an unknown date" : oldest.get().toString();
        return Optional.of(new Finding(MISSING, ScreeningTiers.indicator(missing, "indicator-out-of-date"),
                Wording.fill(missing.string("summary-out-of-date"), Map.of("date", date, "window", Wording.window(windowDays))),
                shown, "Repeat HBsAg and anti-HBc before " + drug + " if there has been a risk of exposure since.", orderTest));
    }

    private static Optional<Observation> newest(PatientFacts facts, String valueSet) {
        return facts.observations(valueSet).stream().findFirst();
    }

    private static boolean is(PatientFacts facts, Optional<Observation> o, Results.Reading reading) {
        return o.map(x -> Results.reading(facts, x) == reading).orElse(false);
    }

    private static String date(Optional<Observation> o) {
        return o.flatMap(PatientFacts::observationDate).map(LocalDate::toString).orElse("date unknown");
    }

    private static String reading(PatientFacts facts, Observation o) {
        return switch (Results.reading(facts, o)) {
            case POSITIVE -> "positive";
            case NEGATIVE -> "negative";
            case INDETERMINATE -> "indeterminate";
            case UNKNOWN -> "result unclear";
        };
    }

    /** HBV DNA detectable: coded or flagged detected, or a number above zero that is not a "&lt;" bound. */
    static boolean detectable(PatientFacts facts, Observation o) {
        Results.Reading reading = Results.reading(facts, o);
        if (reading != Results.Reading.UNKNOWN) {
            return reading == Results.Reading.POSITIVE;
        }
        if (o.getValue() instanceof Quantity q && q.hasValue()) {
            Quantity.QuantityComparator c = q.getComparator();
            boolean upperBound = c == Quantity.QuantityComparator.LESS_THAN || c == Quantity.QuantityComparator.LESS_OR_EQUAL;
            return !upperBound && q.getValue().compareTo(BigDecimal.ZERO) > 0;
        }
        return false;
    }
}

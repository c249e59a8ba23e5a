package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Observation;

/**
 * A test that should be on record before an advanced therapy (clinical-v2.md 3.2):
 * {@code hcv-screening-missing}, {@code hiv-screening-missing}. Missing and out of date are different
 * facts (1.5): "No {test} on record" only when no result exists; with a site window, an older result
 * gives "Last {test} on {date} (older than {n} months)". Nothing when the infection is diagnosed
 * (then it is known, not missing) or the test is ordered (amendment 22).
 *
 * <p>Tiers: a new start or restart gets the rule's {@code indicator} (info); maintenance and
 * patient-view get {@code indicator-maintenance} only in the reminder window, yearly from the course
 * start when never tested, from the old result plus the window otherwise.
 *
 * <p>Parameters: {@code applies-to} (drug ids or class codes, 5.2; none = every drug), {@code test-value-set}, {@code condition-value-set}, {@code window} ({@code ever}
 * by default, or a duration a site sets), {@code order-test} (repeatable), {@code order-test-label},
 * {@code summary} ({moment}), {@code summary-out-of-date} ({date}, {window}), {@code test-name}.
 */
final class ScreeningRule implements Rule {

    private final String ruleId;
    private final String testSet;
    private final String conditionSet;
    private final Optional<Integer> windowDays;
    private final List<org.hl7.fhir.r4.model.Coding> orderTests;
    private final String orderLabel;
    private final String summary;
    private final String summaryOutOfDate;
    private final String testName;
    private final Indicator indicator;
    private final Indicator maintenanceIndicator;
    private final List<String> appliesTo;

    ScreeningRule(Knowledge knowledge, String ruleId) {
        RuleParameters parameters = knowledge.parameters(ruleId);
        this.ruleId = ruleId;
        this.appliesTo = parameters.strings("applies-to");
        this.testSet = knowledge.valueSet(ruleId, "test-value-set");
        this.conditionSet = knowledge.valueSet(ruleId, "condition-value-set");
        this.windowDays = parameters.daysOrEver("window");
        this.orderTests = parameters.codings("order-test");
        this.orderLabel = parameters.string("order-test-label");
        this.summary = parameters.string("summary");
        this.summaryOutOfDate = parameters.string("summary-out-of-date");
        this.testName = parameters.string("test-name");
        this.indicator = parameters.indicator();
        this.maintenanceIndicator = ScreeningTiers.tier(parameters, null, false);
    }

    @Override
    public String name() {
        return ruleId;
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!order.isOneOf(appliesTo)) {
            return List.of(); // 3.2, 5.2: not IL-4R/IL-13, not S1P
        }
        if (!facts.conditions(conditionSet).isEmpty() || !facts.openServiceRequests(testSet).isEmpty()) {
            return List.of();
        }
        CourseState course = facts.course(order);
        String drug = order.drug().name();
        Optional<Observation> newest = facts.observations(testSet).stream().findFirst();
        List<SuggestedAction> orderTest = List.of(new SuggestedAction.OrderTests(orderTests, orderLabel));
        if (newest.isEmpty()) {
            if (!course.startsCourse() && !course.reminderOpen(ScreeningTiers.yearlyFrom(course.courseStart(), facts.today()))) {
                return List.of();
            }
            return List.of(new Finding(ruleId, course.startsCourse() ? indicator : maintenanceIndicator,
                    Wording.fill(summary, Map.of("moment", course.moment())),
                    List.of("No " + testName + " test result in the record"),
                    "Order a " + testName + " test" + (course.startsCourse() ? " before " + drug : "") + ".", orderTest));
        }
        Optional<LocalDate> tested = PatientFacts.observationDate(newest.get());
        if (windowDays.isEmpty()) {
            return List.of(); // tested ever: the default window
        }
        LocalDate from = facts.today().minusDays(windowDays.get());
        if (tested.map(d -> !d.isBefore(from)).orElse(false)) {
            return List.of();
        }
        if (!course.startsCourse() && !course.reminderOpen(tested.map(d -> d.plusDays(windowDays.get())).orElse(facts.today()))) {
            return List.of();
        }
        return List.of(new Finding(ruleId, course.startsCourse() ? indicator : maintenanceIndicator,
                Wording.fill(summaryOutOfDate, Map.of("date", tested.map(LocalDate::toString).orElse("an unknown date"),
                        "window", Wording.window(windowDays.get()))),
                List.of("Newest " + testName + " test: " + Results.describe(facts, newest.get()) + ", older than "
                        + windowDays.get() + " days (the site's window)"),
                "Repeat the " + testName + " test" + (course.startsCourse() ? " before " + drug : "") + ".", orderTest));
    }
}

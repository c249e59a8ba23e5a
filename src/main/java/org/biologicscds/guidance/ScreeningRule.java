package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Observation;

/**
 * A test that should be on record before a biologic starts: {@code hcv-screening-missing},
 * {@code hiv-screening-missing}. Fires when no result of the test is in the window and the
 * infection is not already diagnosed (then it is known, not missing).
 *
 * <p>Parameters: {@code test-value-set}, {@code condition-value-set}, {@code window},
 * {@code order-test} (repeatable), {@code order-test-label}, {@code summary}, {@code test-name}.
 */
final class ScreeningRule implements Rule {

    private final String ruleId;
    private final String testSet;
    private final String conditionSet;
    private final int windowDays;
    private final List<org.hl7.fhir.r4.model.Coding> orderTests;
    private final String orderLabel;
    private final String summary;
    private final String testName;
    private final Indicator indicator;

    ScreeningRule(Knowledge knowledge, String ruleId) {
        RuleParameters parameters = knowledge.parameters(ruleId);
        this.ruleId = ruleId;
        this.testSet = knowledge.valueSet(ruleId, "test-value-set");
        this.conditionSet = knowledge.valueSet(ruleId, "condition-value-set");
        this.windowDays = parameters.days("window");
        this.orderTests = parameters.codings("order-test");
        this.orderLabel = parameters.string("order-test-label");
        this.summary = parameters.string("summary");
        this.testName = parameters.string("test-name");
        this.indicator = parameters.indicator();
    }

    @Override
    public String name() {
        return ruleId;
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!facts.conditions(conditionSet).isEmpty()) {
            return List.of();
        }
        LocalDate from = facts.today().minusDays(windowDays);
        Optional<Observation> newest = facts.observations(testSet).stream().findFirst();
        if (newest.flatMap(PatientFacts::observationDate).map(d -> !d.isBefore(from)).orElse(false)) {
            return List.of();
        }
        String drug = order.drug().name();
        String fact = newest.map(o -> "Newest " + testName + " test: " + Results.describe(facts, o) + ", older than "
                + windowDays + " days").orElse("No " + testName + " test result in the record");
        return List.of(new Finding(ruleId, indicator, Describe.capitalized(summary.replace("{drug}", drug)), List.of(fact),
                "Order a " + testName + " test before starting " + drug + ".",
                List.of(new SuggestedAction.OrderTests(orderTests, orderLabel))));
    }
}

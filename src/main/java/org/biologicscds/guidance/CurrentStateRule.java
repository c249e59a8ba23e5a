package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;

/**
 * A state of the patient that comes and goes, where the newest evidence decides: {@code pregnancy}
 * and {@code breastfeeding}. Evidence is an active Condition, a status Observation whose value says
 * yes or no (US Core pregnancy status, breastfeeding status), or a recent positive test. A newer
 * "no" outweighs an older "yes"; a Condition older than {@code stale-after} is not taken as current.
 *
 * <p>Parameters: {@code condition-value-set}, {@code status-value-set}, {@code yes-value-set},
 * {@code no-value-set}, optional {@code test-value-set} with {@code test-window}, {@code stale-after},
 * {@code indicator} per drug ({@code drug} + {@code indicator}; {@code default} allowed),
 * {@code summary}, {@code advice} per drug.
 */
final class CurrentStateRule implements Rule {

    private record Evidence(boolean present, String text, LocalDate date) {
    }

    private final String ruleId;
    private final String conditionSet;
    private final String statusSet;
    private final String yesSet;
    private final String noSet;
    private final Optional<String> testSet;
    private final int testWindowDays;
    private final int staleAfterDays;
    private final Map<String, Indicator> indicators;
    private final Indicator defaultIndicator;
    private final String summary;
    private final Map<String, String> advice;

    CurrentStateRule(Knowledge knowledge, String ruleId) {
        RuleParameters parameters = knowledge.parameters(ruleId);
        this.ruleId = ruleId;
        this.conditionSet = knowledge.valueSet(ruleId, "condition-value-set");
        this.statusSet = knowledge.valueSet(ruleId, "status-value-set");
        this.yesSet = knowledge.valueSet(ruleId, "yes-value-set");
        this.noSet = knowledge.valueSet(ruleId, "no-value-set");
        this.testSet = parameters.has("test-value-set")
                ? Optional.of(knowledge.valueSet(ruleId, "test-value-set")) : Optional.empty();
        this.testWindowDays = testSet.isPresent() ? parameters.days("test-window") : 0;
        this.staleAfterDays = parameters.days("stale-after");
        this.indicators = parameters.indicatorsByDrug();
        this.defaultIndicator = knowledge.rules().get(ruleId).defaultIndicator();
        this.summary = parameters.string("summary");
        this.advice = parameters.textsByDrug("advice");
    }

    @Override
    public String name() {
        return ruleId;
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        List<Evidence> evidence = new ArrayList<>();
        LocalDate today = facts.today();
        for (Condition condition : facts.activeConditions(conditionSet)) {
            Optional<LocalDate> date = PatientFacts.conditionDate(condition);
            if (date.map(d -> d.isAfter(today.minusDays(staleAfterDays))).orElse(true)) {
                evidence.add(new Evidence(true, "On the problem list: " + Describe.condition(condition),
                        date.orElse(LocalDate.MIN)));
            }
        }
        for (Observation status : facts.observations(statusSet)) {
            LocalDate date = PatientFacts.observationDate(status).orElse(LocalDate.MIN);
            String text = Describe.concept(status.getCode()) + ": " + valueText(status) + " on " + date;
            if (facts.valueIn(status, noSet)) {
                evidence.add(new Evidence(false, text, date));
            } else if (facts.valueIn(status, yesSet)) {
                evidence.add(new Evidence(true, text, date));
            }
        }
        testSet.ifPresent(tests -> {
            for (Observation test : facts.observations(tests)) {
                Optional<LocalDate> date = PatientFacts.observationDate(test);
                boolean recent = date.map(d -> !d.isBefore(today.minusDays(testWindowDays))).orElse(false);
                if (!recent) {
                    continue;
                }
                Results.Reading reading = Results.reading(facts, test);
                if (reading == Results.Reading.POSITIVE) {
                    evidence.add(new Evidence(true, "Positive " + Describe.concept(test.getCode()) + " on " + date.get(),
                            date.get()));
                } else if (reading == Results.Reading.NEGATIVE) {
                    // A newer negative test outweighs an older "pregnant".
                    evidence.add(new Evidence(false, "Negative " + Describe.concept(test.getCode()) + " on " + date.get(),
                            date.get()));
                }
            }
        });
        Optional<Evidence> newest = evidence.stream().max(Comparator.comparing(Evidence::date));
        if (newest.isEmpty() || !newest.get().present()) {
            return List.of();
        }
        String drug = order.drug().name();
        List<String> shown = evidence.stream().filter(Evidence::present).map(Evidence::text).toList();
        return List.of(new Finding(ruleId, PerDrug.pick(indicators, order, defaultIndicator),
                Describe.capitalized(summary.replace("{drug}", drug)), shown,
                PerDrug.pick(advice, order, "").replace("{drug}", drug), List.of()));
    }

    private static String valueText(Observation observation) {
        if (observation.getValue() instanceof org.hl7.fhir.r4.model.CodeableConcept concept) {
            return Describe.concept(concept);
        }
        return observation.hasValue() && observation.getValue().isPrimitive()
                ? Describe.oneLine(observation.getValue().primitiveValue()) : "(no value)";
    }
}

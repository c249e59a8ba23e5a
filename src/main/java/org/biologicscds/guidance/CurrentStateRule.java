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
 * and {@code breastfeeding} (clinical-v2.md 3.5). Evidence is an active Condition, a status
 * Observation whose value says yes or no (US Core pregnancy status, breastfeeding status), or a
 * recent positive test. A newer "no" outweighs an older "yes"; a Condition older than
 * {@code stale-after} is not taken as current.
 *
 * <p>Parameters: {@code condition-value-set}, {@code status-value-set}, {@code yes-value-set},
 * {@code no-value-set}, optional {@code test-value-set} with {@code test-window}, {@code stale-after},
 * {@code indicator}, {@code summary} and {@code advice} per drug (drug id, class code or
 * {@code default}), optional {@code infant-live-vaccine-wait} per drug (the text put for
 * {@code {wait}}: how long the infant gets no live vaccines, and from when), and optional
 * {@code info-once-per-course} (true: an info card shows only when the order starts a course, 1.2).
 */
final class CurrentStateRule implements Rule {

    private record Evidence(boolean present, String text, LocalDate date, String reference) {
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
    private final Map<String, String> summaries;
    private final Map<String, String> advice;
    private final Map<String, String> infantWaits;
    private final boolean infoOncePerCourse;

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
        this.summaries = parameters.textsByDrug("summary");
        if (!summaries.containsKey("default")) {
            throw parameters.invalid("summary", "needs a value for drug 'default'");
        }
        this.advice = parameters.textsByDrug("advice");
        this.infantWaits = parameters.textsByDrug("infant-live-vaccine-wait");
        this.infoOncePerCourse = parameters.has("info-once-per-course")
                && Boolean.parseBoolean(parameters.string("info-once-per-course"));
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
                        date.orElse(LocalDate.MIN), DrugRecords.reference(condition)));
            }
        }
        for (Observation status : facts.observations(statusSet)) {
            LocalDate date = PatientFacts.observationDate(status).orElse(LocalDate.MIN);
            String text = Describe.concept(status.getCode()) + ": " + valueText(status) + " on " + date;
            if (facts.valueIn(status, noSet)) {
                evidence.add(new Evidence(false, text, date, DrugRecords.reference(status)));
            } else if (facts.valueIn(status, yesSet)) {
                evidence.add(new Evidence(true, text, date, DrugRecords.reference(status)));
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
                            date.get(), DrugRecords.reference(test)));
                } else if (reading == Results.Reading.NEGATIVE) {
                    // A newer negative test outweighs an older "pregnant".
                    evidence.add(new Evidence(false, "Negative " + Describe.concept(test.getCode()) + " on " + date.get(),
                            date.get(), DrugRecords.reference(test)));
                }
            }
        });
        Optional<Evidence> newest = evidence.stream().max(Comparator.comparing(Evidence::date));
        if (newest.isEmpty() || !newest.get().present()) {
            return List.of();
        }
        Indicator indicator = PerDrug.pick(indicators, order, defaultIndicator);
        if (indicator == Indicator.INFO && infoOncePerCourse && !facts.course(order).startsCourse()) {
            return List.of();
        }
        List<String> shown = evidence.stream().filter(Evidence::present).map(Evidence::text).toList();
        List<String> records = evidence.stream().filter(Evidence::present).map(Evidence::reference).toList();
        return List.of(new Finding(ruleId, indicator, Describe.capitalized(fill(PerDrug.pick(summaries, order, null), order)),
                shown, fill(PerDrug.pick(advice, order, ""), order), List.of()).about(records));
    }

    private String fill(String template, BiologicOrder order) {
        return template.replace("{drug}", order.drug().name()).replace("{wait}", PerDrug.pick(infantWaits, order, ""));
    }

    private static String valueText(Observation observation) {
        if (observation.getValue() instanceof org.hl7.fhir.r4.model.CodeableConcept concept) {
            return Describe.concept(concept);
        }
        return observation.hasValue() && observation.getValue().isPrimitive()
                ? Describe.oneLine(observation.getValue().primitiveValue()) : "(no value)";
    }
}

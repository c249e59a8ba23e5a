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
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;

/**
 * {@code heart-failure}: a TNF inhibitor ordered for a patient with heart failure. Critical when the
 * newest NYHA class (from a Condition, a Condition's stage, or an NYHA Observation) is III or IV,
 * a warning otherwise. A recorded NYHA class alone is evidence of heart failure.
 */
final class HeartFailureRule implements Rule {

    static final String ID = "heart-failure";

    private record NyhaClass(boolean severe, String text, Optional<LocalDate> date) {
    }

    private final List<String> appliesTo;
    private final Map<String, String> advice;

    HeartFailureRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.appliesTo = parameters.strings("applies-to");
        this.advice = parameters.textsByDrug("advice");
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!order.isOneOf(appliesTo)) {
            return List.of();
        }
        List<Condition> heartFailure = facts.activeConditions("heart-failure");
        Optional<NyhaClass> nyha = newestNyhaClass(facts);
        if (heartFailure.isEmpty() && nyha.isEmpty()) {
            return List.of();
        }
        String drug = order.drug().name();
        List<String> shown = new ArrayList<>();
        heartFailure.forEach(c -> shown.add("On the problem list: " + Describe.condition(c)));
        nyha.ifPresent(n -> shown.add("Newest NYHA class: " + n.text() + n.date().map(d -> " on " + d).orElse("")));
        boolean severe = nyha.map(NyhaClass::severe).orElse(false);
        if (nyha.isEmpty()) {
            shown.add("No NYHA class recorded");
        }
        String next = PerDrug.pick(advice, order, "Consider another class; if used, monitor for worsening heart failure.")
                .replace("{drug}", drug);
        return List.of(severe
                ? new Finding(ID, Indicator.CRITICAL,
                        "Heart failure NYHA III/IV: " + drug + " is contraindicated", shown, next, List.of())
                : new Finding(ID, Indicator.WARNING,
                        "Heart failure on record: " + drug + " may worsen it", shown, next, List.of()));
    }

    private Optional<NyhaClass> newestNyhaClass(PatientFacts facts) {
        List<NyhaClass> classes = new ArrayList<>();
        for (Condition condition : facts.conditions("nyha-class")) {
            classes.add(nyha(facts, condition.getCode(), PatientFacts.conditionDate(condition)));
        }
        for (Condition condition : facts.activeConditions("heart-failure")) {
            for (Condition.ConditionStageComponent stage : condition.getStage()) {
                if (facts.codes().matches("nyha-class", stage.getSummary())) {
                    classes.add(nyha(facts, stage.getSummary(), PatientFacts.conditionDate(condition)));
                }
            }
        }
        for (Observation observation : facts.observations("nyha-assessment")) {
            // An NYHA observation's answer may be bare ("Class IV", "III"): read with the answer set.
            if (observation.getValue() instanceof CodeableConcept value && facts.codes().matches("nyha-answer", value)) {
                classes.add(nyha(facts, value, PatientFacts.observationDate(observation)));
            } else if (observation.getValue() instanceof org.hl7.fhir.r4.model.StringType text
                    && facts.codes().matchesText("nyha-answer", text.getValue())) {
                classes.add(nyha(facts, new CodeableConcept().setText(text.getValue()),
                        PatientFacts.observationDate(observation)));
            }
        }
        return classes.stream().max(Comparator.comparing((NyhaClass n) -> n.date().orElse(LocalDate.MIN)));
    }

    private static NyhaClass nyha(PatientFacts facts, CodeableConcept concept, Optional<LocalDate> date) {
        return new NyhaClass(facts.codes().matches("nyha-class-iii-iv", concept), Describe.concept(concept), date);
    }
}

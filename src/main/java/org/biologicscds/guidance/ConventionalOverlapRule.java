package org.biologicscds.guidance;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;

/**
 * {@code conventional-systemic-overlap} (clinical-v2.md 3.3): a biologic started (or restarted) for
 * psoriasis or psoriatic arthritis ({@code indication}s) while cyclosporine, acitretin, apremilast or
 * a fumarate is active: info, with the date to stop it ({@code stop-after} the start). A medication of
 * a value set with its own {@code summary} (acitretin: the combination is possible) is worded so.
 * It owns the fact against {@code immunosuppressant-combination} (1.1).
 */
final class ConventionalOverlapRule implements Rule {

    private final Alternatives alternatives;

    static final String ID = "conventional-systemic-overlap";

    private final String valueSet;
    private final Optional<String> exclude;
    private final List<String> indications;
    private final int stopAfterDays;
    private final Map<String, String> summaries;
    private final Map<String, String> advice;
    private final Knowledge knowledge;

    /** The rule id, as checks that could not run are named and counted ({@link CheckNotRun}). */
    @Override
    public String name() {
        return ID;
    }

    ConventionalOverlapRule(Knowledge knowledge) {
        this.alternatives = new Alternatives(knowledge);
        RuleParameters parameters = knowledge.parameters(ID);
        this.knowledge = knowledge;
        this.valueSet = knowledge.valueSet(ID, "value-set");
        this.exclude = Optional.of(knowledge.valueSet(ID, "exclude-value-set"));
        this.indications = knowledge.valueSets(ID, "indication");
        this.stopAfterDays = parameters.days("stop-after");
        this.summaries = parameters.textsByDrug("summary");
        this.advice = parameters.textsByDrug("advice");
        for (Map<String, String> byKey : List.of(summaries, advice)) {
            if (!byKey.containsKey("default")) {
                throw parameters.invalid("summary", "and advice need a value for 'default'");
            }
            byKey.keySet().stream().filter(k -> !k.equals("default") && !knowledge.valueSets().has(k)).findFirst()
                    .ifPresent(k -> {
                        throw parameters.invalid("summary", "names value set '" + k + "', which is not loaded");
                    });
        }
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!facts.course(order).startsCourse()
                || indications.stream().noneMatch(vs -> alternatives.indicated(order, facts, vs))) {
            return List.of();
        }
        List<MedicationUse> active = CoMedications.current(order, facts, valueSet, exclude);
        if (active.isEmpty()) {
            return List.of();
        }
        MedicationUse first = active.get(0);
        String key = summaries.keySet().stream()
                .filter(k -> !k.equals("default") && facts.codes().matchesMedication(k, first.concept()))
                .findFirst().orElse("default");
        String drug = order.drug().name();
        String stopDate = order.today().plusDays(stopAfterDays).toString();
        String text = summaries.get(key)
                .replace("{medication}", Describe.shortened(Describe.concept(first.concept())))
                .replace("{drug}", drug).replace("{stopDate}", stopDate);
        String next = advice.getOrDefault(key, advice.get("default")).replace("{drug}", drug).replace("{stopDate}", stopDate);
        return List.of(new Finding(ID, Indicator.INFO, Describe.capitalized(text),
                active.stream().map(m -> "Active: " + m.describe()).toList(), next, List.of(),
                CoMedications.evidence(active)));
    }
}

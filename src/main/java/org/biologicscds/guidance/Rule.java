package org.biologicscds.guidance;

import java.util.List;

/**
 * One family of checks of the biologic guidance. A rule is a pure function of the order and the
 * patient's facts: no JSON, no HTTP, no clock of its own. It returns findings as data (empty when
 * nothing applies); it throws only when it cannot run, and that must surface as an error.
 */
public interface Rule {

    List<Finding> evaluate(BiologicOrder order, PatientFacts facts);

    /**
     * The rule's name in logs, metrics and the card saying its check could not run ({@link CheckNotRun}):
     * the rule id for a rule of one id, else the class name in kebab case ({@code tuberculosis}).
     */
    default String name() {
        return getClass().getSimpleName().replaceAll("Rule$", "").replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /**
     * The ids of the rules whose findings this rule gives: what it reads of the record must be declared
     * in their PlanDefinitions ({@code action.input}). The rule id of a rule of one id ({@link #name()}).
     */
    default List<String> ruleIds() {
        return List.of(name());
    }
}

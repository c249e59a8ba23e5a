package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * The non-TNF options a card may name, by the patient's indication (clinical-v2.md 1.7), read from
 * {@code Library/indication-alternatives}: used by {@code heart-failure}, {@code demyelinating-disease}
 * and {@code ibd-il17}. The indication is the order's {@code reasonCode}/{@code reasonReference}, else
 * the active conditions in the indication value sets. Several indications: the options common to all,
 * else one line each; an option that any of the patient's indications never names (ineffective there,
 * or harmful, e.g. IL-17 in IBD) or that the calling rule excludes (amendment 16) is left out.
 * Immutable and thread-safe.
 */
final class Alternatives {

    static final String LIBRARY = "indication-alternatives";

    /** One indication of the table: its value set, its words, its options in order, what it never names. */
    record Indication(String valueSet, String label, List<String> options, Set<String> never) {
    }

    private final List<Indication> indications;
    private final Map<String, String> optionLabels;
    private final Map<String, String> optionClasses;
    private final ContraindicatedOptions contraindicated;

    Alternatives(Knowledge knowledge) {
        RuleParameters table = knowledge.library(LIBRARY);
        this.contraindicated = new ContraindicatedOptions(knowledge, table);
        this.optionLabels = table.textsByDrug("option-label");
        this.optionClasses = table.textsByDrug("option-class");
        Map<String, String> labels = table.textsByDrug("label");
        Map<String, List<String>> options = table.textListsByDrug("option");
        Map<String, List<String>> never = table.textListsByDrug("never");
        List<Indication> read = new ArrayList<>();
        for (String valueSet : table.strings("indication")) {
            if (!knowledge.valueSets().has(valueSet)) {
                throw table.invalid("indication", "names value set '" + valueSet + "', which is not loaded");
            }
            List<String> named = options.getOrDefault(valueSet, List.of());
            for (String option : named) {
                if (!optionLabels.containsKey(option)) {
                    throw table.invalid("option", "'" + option + "' of " + valueSet + " has no option-label");
                }
                if (never.getOrDefault(valueSet, List.of()).contains(option)) {
                    throw table.invalid("option", "'" + option + "' is both an option and never named for " + valueSet);
                }
            }
            if (!labels.containsKey(valueSet) || named.isEmpty()) {
                throw table.invalid("indication", valueSet + " needs a label and at least one option");
            }
            read.add(new Indication(valueSet, labels.get(valueSet), named,
                    Set.copyOf(never.getOrDefault(valueSet, List.of()))));
        }
        this.indications = List.copyOf(read);
    }

    /**
     * The indications of the order: those its reason (code or referenced condition) names, else
     * those of the patient's active conditions, in the table's order.
     */
    List<Indication> of(BiologicOrder order, PatientFacts facts) {
        List<CodeableConcept> reasons = reasons(order, facts, List.of());
        List<Indication> byReason = indications.stream()
                .filter(i -> reasons.stream().anyMatch(r -> facts.codes().matches(i.valueSet(), r))).toList();
        if (!byReason.isEmpty()) {
            return byReason;
        }
        return indications.stream().filter(i -> !facts.activeConditions(i.valueSet()).isEmpty()).toList();
    }

    /**
     * True if the order is for an indication of the value set (which need not be in the table, e.g.
     * any IBD): its reason names it; or, when its reason names no indication (none given, or only
     * codes such as "long-term drug therapy"), an active condition of the record is in it.
     */
    boolean indicated(BiologicOrder order, PatientFacts facts, String valueSet) {
        List<CodeableConcept> reasons = reasons(order, facts, List.of(valueSet));
        if (reasons.stream().anyMatch(r -> facts.codes().matches(valueSet, r))) {
            return true;
        }
        boolean reasonNamesAnIndication = reasons.stream()
                .anyMatch(r -> indications.stream().anyMatch(i -> facts.codes().matches(i.valueSet(), r)));
        return !reasonNamesAnIndication && !facts.activeConditions(valueSet).isEmpty();
    }

    /**
     * The order's reasons: its reasonCode and the codes of the conditions its reasonReference names,
     * to be matched against the table's indications and {@code also} only.
     */
    private List<CodeableConcept> reasons(BiologicOrder order, PatientFacts facts, List<String> also) {
        List<CodeableConcept> reasons = new ArrayList<>(order.draft() == null ? List.of() : order.draft().getReasonCode());
        List<String> matchedAgainst = new ArrayList<>(also);
        indications.forEach(i -> matchedAgainst.add(i.valueSet()));
        reasons.addAll(facts.reasonConditionCodes(order.draft(), matchedAgainst));
        return reasons;
    }

    /** The indication of the table for a value set id, if the table has it. */
    Optional<Indication> byValueSet(String valueSet) {
        return indications.stream().filter(i -> i.valueSet().equals(valueSet)).findFirst();
    }

    /**
     * The sentence naming the options for these indications, leaving out every option whose code or
     * drug class is in {@code excluded}, and every option another rule contraindicates for this
     * patient (amendment 16, {@link ContraindicatedOptions}); empty when there is no indication or
     * nothing is left.
     */
    Optional<String> advice(List<Indication> of, Set<String> excluded, PatientFacts facts) {
        if (of.isEmpty()) {
            return Optional.empty();
        }
        Set<String> out = new LinkedHashSet<>(excluded);
        out.addAll(contraindicated.of(facts));
        of.forEach(i -> out.addAll(i.never()));
        List<List<String>> lists = of.stream().map(i -> allowed(i, out)).toList();
        List<String> common = new ArrayList<>(lists.get(0));
        lists.forEach(common::retainAll);
        if (of.size() == 1 || !common.isEmpty()) {
            return common.isEmpty() ? Optional.empty()
                    : Optional.of("Options for " + join(of.stream().map(Indication::label).toList(), " and ") + ": "
                            + words(common) + ".");
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < of.size(); i++) {
            if (!lists.get(i).isEmpty()) {
                lines.add("For " + of.get(i).label() + ": " + words(lists.get(i)) + ".");
            }
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", lines));
    }

    private List<String> allowed(Indication indication, Set<String> excluded) {
        return indication.options().stream()
                .filter(o -> !excluded.contains(o) && !excluded.contains(optionClasses.getOrDefault(o, "")))
                .toList();
    }

    private String words(List<String> options) {
        return join(options.stream().map(optionLabels::get).toList(), ", ");
    }

    private static String join(List<String> parts, String separator) {
        return String.join(separator, parts);
    }
}

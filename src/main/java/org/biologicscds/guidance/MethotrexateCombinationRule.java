package org.biologicscds.guidance;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;

/**
 * {@code methotrexate-combination} (clinical-v2.md 3.3, forward direction; amendment 20): systemic
 * methotrexate with an advanced therapy, info once per course (new start or restart). No card where
 * methotrexate is the recommended or labelled co-therapy: the {@code co-therapy} parameters, per drug
 * or class, name the indications (value set ids, or {@code any}) in which it is (TNF antibodies in
 * any indication; etanercept in RA, PsA and JIA; IL-17 and IL-23 inhibitors whose label names
 * methotrexate in PsA).
 *
 * <p>Reverse (1.4 R, section 4): a methotrexate draft for a patient on therapy, when no methotrexate was
 * taken in the last {@code restart-after} days (180, {@code Library/course-state}: a new methotrexate
 * course) and at least one therapy is not in its co-therapy; one card naming those therapies.
 */
final class MethotrexateCombinationRule implements Rule, ReverseRule {

    private final Alternatives alternatives;

    static final String ID = "methotrexate-combination";

    private final String valueSet;
    private final Optional<String> exclude;
    private final Map<String, List<String>> coTherapy;
    private final String summary;
    private final Map<String, String> advice;
    private final int newCourseAfter;

    MethotrexateCombinationRule(Knowledge knowledge) {
        this.alternatives = new Alternatives(knowledge);
        RuleParameters parameters = knowledge.parameters(ID);
        this.valueSet = knowledge.valueSet(ID, "value-set");
        this.exclude = Optional.of(knowledge.valueSet(ID, "exclude-value-set"));
        this.coTherapy = parameters.textListsByDrug("co-therapy");
        coTherapy.values().stream().flatMap(List::stream).filter(v -> !v.equals("any"))
                .filter(v -> !knowledge.valueSets().has(v)).findFirst()
                .ifPresent(v -> {
                    throw parameters.invalid("co-therapy", "names value set '" + v + "', which is not loaded");
                });
        this.summary = parameters.string("summary");
        this.advice = parameters.textsByDrug("advice");
        if (!advice.containsKey("default")) {
            throw parameters.invalid("advice", "needs a value for drug 'default'");
        }
        this.newCourseAfter = knowledge.course().days("restart-after");
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public List<Finding> evaluateReverse(CoMedicationDraft draft, List<Therapy> therapies, PatientFacts facts) {
        if (!facts.codes().matchesMedication(valueSet, draft.concept())
                || exclude.map(vs -> facts.codes().matchesMedication(vs, draft.concept())).orElse(false)
                || ReverseFacts.takenSince(facts, valueSet, exclude, facts.today().minusDays(newCourseAfter))) {
            return List.of();
        }
        List<Therapy> counted = ReverseFacts.onTherapy(therapies).stream()
                .filter(t -> !isCoTherapy(t.order(), facts)).toList();
        if (counted.isEmpty()) {
            return List.of();
        }
        String drugs = ReverseFacts.names(counted);
        String text = summary.replace("{medication}", Describe.shortened(Describe.concept(draft.concept())))
                .replace("{drug}", Describe.shortened(drugs));
        List<String> shown = new java.util.ArrayList<>(List.of(ReverseFacts.draftLine(draft),
                "No methotrexate in the record in the last " + newCourseAfter + " days: a new course"));
        counted.forEach(t -> shown.add(ReverseFacts.describe(t, facts.today())));
        return List.of(new Finding(ID, Indicator.INFO, Describe.capitalized(text), shown,
                PerDrug.pick(advice, counted.get(0).order(), null).replace("{drug}", drugs), List.of(),
                ReverseFacts.evidence(draft, counted, facts)));
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!facts.course(order).startsCourse() || isCoTherapy(order, facts)) {
            return List.of();
        }
        List<MedicationUse> methotrexate = CoMedications.current(order, facts, valueSet, exclude);
        if (methotrexate.isEmpty()) {
            return List.of();
        }
        String drug = order.drug().name();
        String text = summary.replace("{medication}", Describe.shortened(Describe.concept(methotrexate.get(0).concept())))
                .replace("{drug}", drug);
        return List.of(new Finding(ID, Indicator.INFO, Describe.capitalized(text),
                methotrexate.stream().map(m -> "Active: " + m.describe()).toList(),
                PerDrug.pick(advice, order, null).replace("{drug}", drug), List.of(),
                CoMedications.evidence(methotrexate)));
    }

    private boolean isCoTherapy(BiologicOrder order, PatientFacts facts) {
        List<String> indications = coTherapy.getOrDefault(order.drug().id(),
                coTherapy.getOrDefault(order.drug().drugClass(), List.of()));
        return indications.contains("any")
                || indications.stream().anyMatch(vs -> alternatives.indicated(order, facts, vs));
    }
}

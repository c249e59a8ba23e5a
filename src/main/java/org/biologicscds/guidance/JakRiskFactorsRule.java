package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;

/**
 * {@code jak-risk-factors} (clinical-v2.md section 4, amendment 7; fda-jak-2021, ema-jak-2023,
 * oral-surv-2022): a new start or restart of a JAK inhibitor with a boxed warning ({@code applies-to};
 * deucravacitinib is a TYK2 inhibitor without one and is not listed) is a warning when the patient has
 * <ul>
 *   <li>at any age a factor of {@code any-age-value-set} (keyed by factor: current or past smoking,
 *       ASCVD/MACE, venous thromboembolism, malignancy other than non-melanoma skin cancer), smoking
 *       also from a smoking-status Observation whose newest answer is a current or former smoker;</li>
 *   <li>age {@code age-alone} (65) or more;</li>
 *   <li>age {@code age-with-factor} (50) or more with a factor of {@code with-age-value-set}
 *       (hypertension, diabetes, dyslipidaemia).</li>
 * </ul>
 * Conditions count in any clinical status but refuted or entered in error: a past VTE or cancer is
 * the risk. Without a birth date, the factors of any age still count and the card says the age
 * criteria could not be checked; with none of them it is an info card saying so.
 */
final class JakRiskFactorsRule implements Rule {

    static final String ID = "jak-risk-factors";

    private final List<String> appliesTo;
    private final Map<String, String> anyAge;
    private final Map<String, String> withAge;
    private final Map<String, String> factorNames;
    private final String smokingStatus;
    private final String smokerAnswers;
    private final int ageAlone;
    private final int ageWithFactor;
    private final String summary;
    private final String summaryAge;
    private final String summaryNoAge;
    private final String summaryAgeUnknown;
    private final String advice;
    private final Indicator indicator;

    @Override
    public String name() {
        return ID;
    }

    JakRiskFactorsRule(Knowledge knowledge) {
        RuleParameters p = knowledge.parameters(ID);
        this.appliesTo = p.strings("applies-to");
        this.anyAge = p.textsByDrug("any-age-value-set");
        this.withAge = p.textsByDrug("with-age-value-set");
        this.factorNames = p.textsByDrug("factor-name");
        for (Map<String, String> sets : List.of(anyAge, withAge)) {
            sets.forEach((factor, id) -> {
                if (!knowledge.valueSets().has(id)) {
                    throw p.invalid("any-age-value-set", "names value set '" + id + "', which is not loaded");
                }
                if (!factorNames.containsKey(factor)) {
                    throw p.invalid("factor-name", "needs a value for '" + factor + "'");
                }
            });
        }
        this.smokingStatus = knowledge.valueSet(ID, "smoking-status-value-set");
        this.smokerAnswers = knowledge.valueSet(ID, "smoker-value-set");
        this.ageAlone = p.days("age-alone") / 365;
        this.ageWithFactor = p.days("age-with-factor") / 365;
        this.summary = p.string("summary");
        this.summaryAge = p.string("summary-age");
        this.summaryNoAge = p.string("summary-no-age");
        this.summaryAgeUnknown = p.string("summary-age-unknown");
        this.advice = p.string("advice");
        this.indicator = p.indicator();
        if (appliesTo.isEmpty()) {
            throw p.invalid("applies-to", "must name the JAK inhibitors with a boxed warning");
        }
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (order.ongoing() || !order.isOneOf(appliesTo) || !facts.course(order).startsCourse()) {
            return List.of();
        }
        String drug = order.drug().name();
        List<String> factors = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        List<String> records = new ArrayList<>();
        anyAge.forEach((factor, valueSet) -> found(facts, factor, valueSet, factors, shown, records));
        if (!factors.contains(factorNames.get("smoking"))) {
            smokerByStatus(facts).ifPresent(o -> {
                factors.add(0, factorNames.getOrDefault("smoking", "smoking"));
                shown.add(0, "Smoking status: " + valueText(o) + " on "
                        + PatientFacts.observationDate(o).map(Object::toString).orElse("date unknown"));
                records.add(DrugRecords.reference(o));
            });
        }
        Optional<Integer> age = facts.ageInYears();
        List<String> ageFactors = new ArrayList<>();
        if (age.isEmpty() || age.get() >= ageWithFactor) {
            withAge.forEach((factor, valueSet) -> found(facts, factor, valueSet, ageFactors, shown, records));
        }
        if (age.isEmpty()) {
            if (factors.isEmpty()) {
                return List.of(new Finding(ID, Indicator.INFO, Wording.fill(summaryAgeUnknown, Map.of("drug", drug)),
                        List.of("No birth date in the record: age " + ageAlone + " or over, or " + ageWithFactor
                                + " or over with " + String.join(", ", withAge.keySet().stream().map(factorNames::get).toList())
                                + ", could not be checked"), Wording.fill(advice, Map.of("drug", drug)), List.of(), records));
            }
            shown.add("No birth date in the record: the age criteria could not be checked");
            return List.of(new Finding(ID, indicator, Wording.fill(summaryNoAge, Map.of("drug", drug, "factor", list(factors))),
                    shown, Wording.fill(advice, Map.of("drug", drug)), List.of(), records));
        }
        boolean ageFactor = age.get() >= ageWithFactor && !ageFactors.isEmpty();
        if (ageFactor) {
            factors.addAll(ageFactors);
        }
        if (factors.isEmpty() && age.get() < ageAlone) {
            return List.of();
        }
        if (age.get() >= ageAlone) {
            shown.add(0, "Age " + age.get() + " (" + ageAlone + " or over)");
        }
        String text = factors.isEmpty()
                ? Wording.fill(summaryAge, Map.of("drug", drug, "age", String.valueOf(age.get())))
                : Wording.fill(summary, Map.of("drug", drug, "age", String.valueOf(age.get()), "factor", list(factors)));
        return List.of(new Finding(ID, indicator, text, shown, Wording.fill(advice, Map.of("drug", drug)), List.of(),
                records.stream().distinct().toList()));
    }

    private void found(PatientFacts facts, String factor, String valueSet, List<String> factors, List<String> shown,
                       List<String> records) {
        List<Condition> conditions = facts.conditions(valueSet);
        if (conditions.isEmpty()) {
            return;
        }
        factors.add(factorNames.get(factor));
        conditions.forEach(c -> {
            shown.add("On the problem list: " + Describe.condition(c));
            records.add(DrugRecords.reference(c));
        });
    }

    /**
     * True if the patient has a factor of amendment 7 whatever the drug and course: age {@code age-alone}
     * or more, a factor of any age (smoking also by status), or age {@code age-with-factor} or more with a
     * factor of {@code with-age-value-set}. The advice of other rules reads it (amendment 16: no JAK option
     * for this patient).
     */
    boolean atRisk(PatientFacts facts) {
        Optional<Integer> age = facts.ageInYears();
        if (age.map(a -> a >= ageAlone).orElse(false)
                || anyAge.values().stream().anyMatch(vs -> !facts.conditions(vs).isEmpty())
                || smokerByStatus(facts).isPresent()) {
            return true;
        }
        return age.map(a -> a >= ageWithFactor).orElse(false)
                && withAge.values().stream().anyMatch(vs -> !facts.conditions(vs).isEmpty());
    }

    /** The newest smoking status, if it says current or former smoker. */
    private Optional<Observation> smokerByStatus(PatientFacts facts) {
        return facts.observations(smokingStatus).stream().findFirst().filter(o -> facts.valueIn(o, smokerAnswers));
    }

    /**
     * "current or past smoking and hypertension"; three or more: "current or past smoking and 2 more"
     * (the summary stays within 140 characters with the longest names, 1.5; the detail lists them all).
     */
    private static String list(List<String> factors) {
        List<String> distinct = factors.stream().distinct().toList();
        if (distinct.size() == 1) {
            return distinct.get(0);
        }
        return distinct.get(0) + " and " + (distinct.size() == 2 ? distinct.get(1) : (distinct.size() - 1) + " more");
    }

    private static String valueText(Observation o) {
        return o.getValue() instanceof org.hl7.fhir.r4.model.CodeableConcept concept ? Describe.concept(concept)
                : o.hasValue() && o.getValue().isPrimitive() ? Describe.oneLine(o.getValue().primitiveValue()) : "(no value)";
    }
}

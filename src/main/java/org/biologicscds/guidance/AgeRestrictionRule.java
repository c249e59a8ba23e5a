package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;

/**
 * {@code age-restriction}: the patient is younger than the drug's licensed minimum age
 * ({@code minimum-age} per drug, {@code default} for the rest), or the age is unknown (no birth
 * date), which is said rather than passed over.
 */
final class AgeRestrictionRule implements Rule {

    static final String ID = "age-restriction";

    private final Map<String, BigDecimal> minimumAges;
    private final Map<String, Indicator> indicators;
    private final Indicator defaultIndicator;
    private final Map<String, String> advice;

    AgeRestrictionRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.minimumAges = parameters.numbersByDrug("minimum-age");
        if (!minimumAges.containsKey("default")) {
            throw parameters.invalid("minimum-age", "needs a value for drug 'default'");
        }
        this.indicators = parameters.indicatorsByDrug();
        this.defaultIndicator = parameters.indicator();
        this.advice = parameters.textsByDrug("advice");
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        int minimum = PerDrug.pick(minimumAges, order, null).intValue();
        String drug = order.drug().name();
        Optional<Integer> age = facts.ageInYears();
        if (age.isEmpty()) {
            return List.of(new Finding(ID, Indicator.INFO, "Age unknown: check that " + drug + " is licensed for this patient",
                    List.of("No birth date in the record", drug + " is licensed from age " + minimum),
                    "Record the birth date; " + drug + " is licensed from age " + minimum + ".", List.of()));
        }
        if (age.get() >= minimum) {
            return List.of();
        }
        return List.of(new Finding(ID, PerDrug.pick(indicators, order, defaultIndicator),
                "Patient is " + age.get() + ": " + drug + " is licensed from age " + minimum,
                List.of("Age " + age.get() + " (born " + facts.record().patient().orElseThrow().getBirthDateElement()
                        .getValueAsString() + ")", drug + " is licensed from age " + minimum),
                PerDrug.pick(advice, order, "").replace("{drug}", drug), List.of()));
    }
}

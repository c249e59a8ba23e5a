package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Drug;
import org.biologicscds.knowledge.Knowledge;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Weight-dosed biologics (those whose MedicationKnowledge has a mg/kg range, e.g. infliximab):
 * {@code weight-missing} when no body weight is recorded in the window, and
 * {@code dose-out-of-range} when the ordered dose (mg/kg, or mg divided by the newest weight) is
 * outside the range, or above the heart-failure maximum with heart failure on record.
 */
final class WeightBasedDoseRule implements Rule {

    static final String WEIGHT_MISSING = "weight-missing";
    static final String OUT_OF_RANGE = "dose-out-of-range";

    private final int weightWindowDays;
    private final String weightSet;
    private final BigDecimal heartFailureMaximum;

    WeightBasedDoseRule(Knowledge knowledge) {
        this.weightWindowDays = knowledge.parameters(WEIGHT_MISSING).days("window");
        this.weightSet = knowledge.valueSet(WEIGHT_MISSING, "weight-value-set");
        this.heartFailureMaximum = knowledge.parameters(OUT_OF_RANGE).decimal("heart-failure-maximum-mg-per-kg");
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        Optional<Drug.DoseRange> range = order.drug().weightBasedDose();
        if (range.isEmpty()) {
            return List.of();
        }
        String drug = order.drug().name();
        LocalDate from = facts.today().minusDays(weightWindowDays);
        Optional<Observation> weight = facts.observations(weightSet).stream()
                .filter(o -> o.getValue() instanceof Quantity q && q.hasValue() && kilograms(q).isPresent())
                .filter(o -> PatientFacts.observationDate(o).map(d -> !d.isBefore(from)).orElse(false))
                .findFirst();
        Optional<Quantity> dose = orderedDose(order);
        List<Finding> findings = new ArrayList<>();
        if (weight.isEmpty()) {
            List<String> shown = new ArrayList<>();
            shown.add("No body weight recorded in the last " + weightWindowDays + " days");
            dose.ifPresent(d -> shown.add("Ordered dose: " + show(d)));
            findings.add(new Finding(WEIGHT_MISSING, Indicator.INFO,
                    "No recent body weight: the " + drug + " dose (mg/kg) cannot be checked", shown,
                    "Weigh the patient and dose " + drug + " at " + format(range.get().lowMgPerKg()) + "-"
                            + format(range.get().highMgPerKg()) + " mg/kg.", List.of()));
        }
        Optional<BigDecimal> mgPerKg = dose.flatMap(d -> perKilogram(d, weight));
        if (mgPerKg.isEmpty()) {
            return findings;
        }
        BigDecimal value = mgPerKg.get();
        List<String> shown = new ArrayList<>();
        shown.add("Ordered dose: " + show(dose.get()));
        weight.ifPresent(w -> shown.add("Body weight: " + show((Quantity) w.getValue()) + " on "
                + PatientFacts.observationDate(w).orElseThrow()));
        shown.add("Dose per kilogram: " + value.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " mg/kg");
        boolean below = value.doubleValue() < range.get().lowMgPerKg();
        boolean above = value.doubleValue() > range.get().highMgPerKg();
        // The same evidence the heart-failure rule accepts: a diagnosis or a recorded NYHA class.
        boolean heartFailure = !facts.activeConditions("heart-failure").isEmpty() || !facts.conditions("nyha-class").isEmpty()
                || !facts.observations("nyha-assessment").isEmpty();
        boolean aboveHeartFailureMaximum = heartFailure && value.compareTo(heartFailureMaximum) > 0;
        if (below || above) {
            findings.add(new Finding(OUT_OF_RANGE, Indicator.WARNING,
                    drug + " dose " + value.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                            + " mg/kg is outside " + format(range.get().lowMgPerKg()) + "-" + format(range.get().highMgPerKg())
                            + " mg/kg", shown,
                    "Check the dose and the weight; usual " + drug + " dose is 5 mg/kg.", List.of()));
        } else if (aboveHeartFailureMaximum) {
            shown.add("Heart failure on record");
            findings.add(new Finding(OUT_OF_RANGE, Indicator.WARNING,
                    drug + " above " + heartFailureMaximum.stripTrailingZeros().toPlainString()
                            + " mg/kg with heart failure: lower the dose", shown,
                    "Do not exceed " + heartFailureMaximum.stripTrailingZeros().toPlainString()
                            + " mg/kg in heart failure (higher doses raised mortality in NYHA III/IV).", List.of()));
        }
        return findings;
    }

    private static Optional<Quantity> orderedDose(BiologicOrder order) {
        for (Dosage dosage : order.draft().getDosageInstruction()) {
            for (Dosage.DosageDoseAndRateComponent doseAndRate : dosage.getDoseAndRate()) {
                if (doseAndRate.hasDoseQuantity() && doseAndRate.getDoseQuantity().hasValue()) {
                    return Optional.of(doseAndRate.getDoseQuantity());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<BigDecimal> perKilogram(Quantity dose, Optional<Observation> weight) {
        String unit = unit(dose);
        if (unit.equals("mg/kg")) {
            return Optional.of(dose.getValue());
        }
        Optional<BigDecimal> milligrams = switch (unit) {
            case "mg" -> Optional.of(dose.getValue());
            case "g" -> Optional.of(dose.getValue().movePointRight(3));
            default -> Optional.empty();
        };
        Optional<BigDecimal> kg = weight.flatMap(w -> kilograms((Quantity) w.getValue()));
        if (milligrams.isEmpty() || kg.isEmpty() || kg.get().signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(milligrams.get().divide(kg.get(), 3, RoundingMode.HALF_UP));
    }

    private static Optional<BigDecimal> kilograms(Quantity weight) {
        return switch (unit(weight)) {
            case "kg" -> Optional.of(weight.getValue());
            case "g" -> Optional.of(weight.getValue().movePointLeft(3));
            case "[lb_av]", "lb", "lbs" -> Optional.of(weight.getValue().multiply(new BigDecimal("0.45359237")));
            default -> Optional.empty();
        };
    }

    private static String unit(Quantity quantity) {
        String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
        return unit == null ? "" : unit.trim();
    }

    private static String show(Quantity quantity) {
        return quantity.getValue().stripTrailingZeros().toPlainString() + " " + (quantity.hasUnit() ? quantity.getUnit() : unit(quantity));
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}

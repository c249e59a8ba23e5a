package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Optional;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * An ordered dose per kilogram of body weight: the dose in mg/kg as ordered, or the dose in mg (g)
 * divided by the newest body weight of the window. Read by {@code heart-failure}, which names the
 * infliximab mg/kg dose (clinical-v2.md 1.1: it owns "infliximab > 5 mg/kg with heart failure").
 *
 * @param mgPerKg the dose per kilogram, to three decimals
 * @param dose    the ordered dose as written
 * @param weight  the body weight it was divided by; empty when the order gives mg/kg itself
 */
record DosePerWeight(BigDecimal mgPerKg, Quantity dose, Optional<Observation> weight) {

    /** The dose per kilogram of the order, if the order has a dose and (for a dose in mg) a weight in the window. */
    static Optional<DosePerWeight> of(BiologicOrder order, PatientFacts facts, String weightValueSet, int windowDays) {
        Optional<Quantity> dose = orderedDose(order);
        if (dose.isEmpty()) {
            return Optional.empty();
        }
        if (unit(dose.get()).equals("mg/kg")) {
            return Optional.of(new DosePerWeight(dose.get().getValue(), dose.get(), Optional.empty()));
        }
        BigDecimal milligrams = switch (unit(dose.get())) {
            case "mg" -> dose.get().getValue();
            case "g" -> dose.get().getValue().movePointRight(3);
            default -> null;
        };
        if (milligrams == null) {
            return Optional.empty();
        }
        LocalDate from = facts.today().minusDays(windowDays);
        Optional<Observation> weight = facts.observations(weightValueSet).stream()
                .filter(o -> o.getValue() instanceof Quantity q && q.hasValue() && kilograms(q).isPresent())
                .filter(o -> PatientFacts.observationDate(o).map(d -> !d.isBefore(from)).orElse(false))
                .findFirst();
        Optional<BigDecimal> kg = weight.flatMap(w -> kilograms((Quantity) w.getValue()));
        if (kg.isEmpty() || kg.get().signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new DosePerWeight(milligrams.divide(kg.get(), 3, RoundingMode.HALF_UP), dose.get(), weight));
    }

    /** "7.1" (one decimal, no trailing zero). */
    String shown() {
        return mgPerKg.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** "Ordered dose: 700 mg; body weight 70 kg on 2026-11-20 (10 mg/kg)". */
    String describe() {
        StringBuilder out = new StringBuilder("Ordered dose: ").append(show(dose));
        weight.ifPresent(w -> out.append("; body weight ").append(show((Quantity) w.getValue()))
                .append(PatientFacts.observationDate(w).map(d -> " on " + d).orElse("")));
        return out.append(" (").append(shown()).append(" mg/kg)").toString();
    }

    private static Optional<Quantity> orderedDose(BiologicOrder order) {
        if (order.draft() == null) {
            return Optional.empty();
        }
        for (Dosage dosage : order.draft().getDosageInstruction()) {
            for (Dosage.DosageDoseAndRateComponent doseAndRate : dosage.getDoseAndRate()) {
                if (doseAndRate.hasDoseQuantity() && doseAndRate.getDoseQuantity().hasValue()) {
                    return Optional.of(doseAndRate.getDoseQuantity());
                }
            }
        }
        return Optional.empty();
    }

    /** A body weight in kilograms (UCUM kg, g or [lb_av]); empty in another unit. Shared with {@link WeightBasedDoseRule}. */
    static Optional<BigDecimal> kilograms(Quantity weight) {
        return switch (unit(weight)) {
            case "kg" -> Optional.of(weight.getValue());
            case "g" -> Optional.of(weight.getValue().movePointLeft(3));
            case "[lb_av]", "lb", "lbs" -> Optional.of(weight.getValue().multiply(new BigDecimal("0.45359237")));
            default -> Optional.empty();
        };
    }

    static String unit(Quantity quantity) {
        String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
        return unit == null ? "" : unit.trim();
    }

    static String show(Quantity quantity) {
        return quantity.getValue().stripTrailingZeros().toPlainString() + " "
                + (quantity.hasUnit() ? quantity.getUnit() : unit(quantity));
    }
}

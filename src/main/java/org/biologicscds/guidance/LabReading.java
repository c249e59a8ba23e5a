package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * One numeric laboratory result as EHRs send it (clinical-v2.md 6.2, {@code baseline-labs}): an
 * Observation coded with the analyte, or a component of a panel Observation (a CBC with its
 * differential as components). The value is read in the unit the rule compares in: cell counts per
 * µL (from /µL, /mm3, 10*3/µL, K/µL, 10*9/L, G/L), haemoglobin in g/dL (from g/dL, g/L, mmol/L), and
 * enzymes as a multiple of the upper limit of normal from the result's own {@code referenceRange.high}.
 * A value whose unit is not understood, or an enzyme without a reference range, is not compared:
 * the rule says so instead of passing it in silence.
 *
 * @param reference the Observation as {@code Observation/id} (a component: its panel)
 * @param name      what the record calls the test ("Lymphocytes #", "ALT")
 * @param quantity  the value as sent, if it is a quantity
 */
record LabReading(String reference, String name, LocalDate date, Optional<Quantity> quantity,
                  Optional<Quantity> upperLimit) {

    private static final Set<String> USABLE = Set.of("final", "amended", "corrected");
    /** Haemoglobin: g/dL = mmol/L (monomer) x 1.611, the factor of labs that report haemoglobin in mmol/L. */
    private static final double HB_MMOL_TO_G_DL = 1.611;

    /** Every reading of the value set on or after {@code from} (undated results never count), newest first. */
    static List<LabReading> since(PatientFacts facts, String valueSetId, LocalDate from) {
        List<LabReading> readings = new ArrayList<>();
        for (Observation o : facts.observationsToMatch(valueSetId)) {
            if (o.hasStatus() && !USABLE.contains(PatientFacts.status(o.getStatusElement()))) {
                continue;
            }
            Optional<LocalDate> date = PatientFacts.observationDate(o);
            if (date.isEmpty() || date.get().isBefore(from) || date.get().isAfter(facts.today())) {
                continue;
            }
            String reference = DrugRecords.reference(o);
            if (facts.codes().matches(valueSetId, o.getCode())) {
                readings.add(new LabReading(reference, Describe.concept(o.getCode()), date.get(), quantity(o.getValue()),
                        upper(o.getReferenceRange())));
            }
            for (Observation.ObservationComponentComponent c : o.getComponent()) {
                if (facts.codes().matches(valueSetId, c.getCode())) {
                    readings.add(new LabReading(reference, Describe.concept(c.getCode()), date.get(),
                            quantity(c.getValue()), upper(c.getReferenceRange())));
                }
            }
        }
        readings.sort(Comparator.comparing(LabReading::date).reversed());
        return readings;
    }

    private static Optional<Quantity> quantity(org.hl7.fhir.r4.model.Type value) {
        return value instanceof Quantity q && q.hasValue() ? Optional.of(q) : Optional.empty();
    }

    private static Optional<Quantity> upper(List<Observation.ObservationReferenceRangeComponent> ranges) {
        return ranges.stream().filter(r -> r.hasHigh() && r.getHigh().hasValue()).map(r -> r.getHigh()).findFirst();
    }

    /** The value as sent: "0.4 10*3/uL", or "(no numeric value)". */
    String asSent() {
        return quantity.map(q -> q.getValue().stripTrailingZeros().toPlainString() + unit(q).map(u -> " " + u).orElse(""))
                .orElse("(no numeric value)");
    }

    /** A cell count in cells per µL, if the value is a number in a unit of cell counts. */
    Optional<Double> cellsPerMicrolitre() {
        if (quantity.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> unit = unit(quantity.get()).map(LabReading::unitKey);
        if (unit.isEmpty()) {
            return Optional.empty();
        }
        double value = quantity.get().getValue().doubleValue();
        return switch (unit.get()) {
            case "/ul", "/mm3", "1/ul", "{cells}/ul", "cells/ul", "cells/mm3" -> Optional.of(value);
            case "10*3/ul", "k/ul", "thou/ul", "10*3/mm3", "/nl", "10*9/l", "g/l", "giga/l" -> Optional.of(value * 1000);
            case "10*6/ml" -> Optional.of(value * 1000);
            default -> Optional.empty();
        };
    }

    /** Haemoglobin in g/dL, if the value is a number in g/dL, g/L or mmol/L. */
    Optional<Double> gramsPerDecilitre() {
        if (quantity.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> unit = unit(quantity.get()).map(LabReading::unitKey);
        if (unit.isEmpty()) {
            return Optional.empty();
        }
        double value = quantity.get().getValue().doubleValue();
        return switch (unit.get()) {
            case "g/dl" -> Optional.of(value);
            case "g/l" -> Optional.of(value / 10);
            case "mmol/l" -> Optional.of(value * HB_MMOL_TO_G_DL);
            default -> Optional.empty();
        };
    }

    /**
     * The value as a multiple of the result's upper limit of normal; empty without a reference range
     * or when the limit is in another unit than the value (U/L, IU/L and [IU]/L are one unit; µkat/L
     * is converted at 60 U per µkat).
     */
    Optional<Double> timesUpperLimit() {
        if (quantity.isEmpty() || upperLimit.isEmpty() || upperLimit.get().getValue().signum() <= 0) {
            return Optional.empty();
        }
        double value = quantity.get().getValue().doubleValue();
        double limit = upperLimit.get().getValue().doubleValue();
        Optional<String> valueUnit = unit(quantity.get()).map(LabReading::unitKey);
        Optional<String> limitUnit = unit(upperLimit.get()).map(LabReading::unitKey);
        if (limitUnit.isEmpty() || limitUnit.equals(valueUnit)) {
            return Optional.of(value / limit); // the range is in the result's own unit
        }
        Optional<Double> v = enzymeUnits(quantity.get());
        Optional<Double> l = enzymeUnits(upperLimit.get());
        return v.isPresent() && l.isPresent() && l.get() > 0 ? Optional.of(v.get() / l.get()) : Optional.empty();
    }

    /** True if the reading has a reference range with an upper limit. */
    boolean hasUpperLimit() {
        return upperLimit.isPresent();
    }

    private static Optional<Double> enzymeUnits(Quantity q) {
        Optional<String> unit = unit(q).map(LabReading::unitKey);
        if (unit.isEmpty()) {
            return Optional.empty();
        }
        double value = q.getValue().doubleValue();
        return switch (unit.get()) {
            case "u/l", "iu/l", "[iu]/l", "ie/l", "ед/л", "u/litre" -> Optional.of(value);
            case "ukat/l" -> Optional.of(value * 60);
            default -> Optional.empty();
        };
    }

    private static Optional<String> unit(Quantity q) {
        if (q.hasCode() && !q.getCode().isBlank()) {
            return Optional.of(q.getCode());
        }
        return q.hasUnit() && !q.getUnit().isBlank() ? Optional.of(q.getUnit()) : Optional.empty();
    }

    /** A unit as a lookup key: case folded, no spaces, µ as u, ^ as *, "x10" as "10", "cells" kept. */
    static String unitKey(String unit) {
        String key = unit.strip().toLowerCase(Locale.ROOT).replace(" ", "").replace('µ', 'u').replace('μ', 'u')
                .replace('^', '*').replace("×", "x").replace("mcl", "ul");
        if (key.startsWith("x10")) {
            key = key.substring(1);
        }
        key = key.replace("10e3", "10*3").replace("10e9", "10*9").replace("10e6", "10*6");
        key = key.replaceAll("^10\\*3/", "10*3/").replace("10³", "10*3").replace("10⁹", "10*9");
        key = key.replace("кл/мкл", "/ul").replace("/мкл", "/ul").replace("г/дл", "g/dl").replace("г/л", "g/l");
        return key;
    }
}

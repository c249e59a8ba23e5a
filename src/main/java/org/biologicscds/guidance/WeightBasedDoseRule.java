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
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Doses of weight-dosed biologics (those whose MedicationKnowledge has a mg/kg range: infliximab),
 * clinical-v2.md 3.6, <em>route first</em>:
 * <ul>
 *   <li>Subcutaneous infliximab (Zymfentra, Remsima SC: by product, pen or syringe form, or the
 *   subcutaneous route; value set {@code subcutaneous-value-set}) is a fixed dose, never mg/kg: a dose
 *   other than {@code subcutaneous-dose} (120 mg; 240 mg only where the EU label allows) is out of
 *   range, and Zymfentra ({@code iv-induction-value-set}) with no intravenous infliximab in the
 *   {@code iv-induction-lookback} (16 weeks) is a warning: it is labelled as maintenance after IV
 *   induction. No weight is needed.</li>
 *   <li>Intravenous: {@code weight-missing} when no body weight is recorded in the window (90 days,
 *   30 days under 18), else {@code dose-out-of-range} when dose / newest weight is outside the range
 *   for the indication ({@code dose-range} rows, widest over several indications; the drug's own
 *   range without one), allowing {@code vial-rounding} (10 %) either way.</li>
 * </ul>
 * The heart-failure dose cap (over 5 mg/kg) is the {@code heart-failure} rule's fact (one card per
 * fact); this rule still says it when the dose is otherwise in range, and that card is withheld when
 * the heart-failure card fires.
 */
final class WeightBasedDoseRule implements Rule {

    static final String WEIGHT_MISSING = "weight-missing";
    static final String OUT_OF_RANGE = "dose-out-of-range";

    /** One row of the per-indication range table: "crohns-disease 5-10". */
    private record Range(String indication, double low, double high) {
    }

    private final int adultWindowDays;
    private final int childWindowDays;
    private final int childAge;
    private final String weightSet;
    private final List<String> intravenousWeightDosed;
    private final BigDecimal heartFailureMaximum;
    private final String subcutaneousSet;
    private final String ivInductionSet;
    private final int ivInductionLookbackDays;
    private final BigDecimal subcutaneousDose;
    private final BigDecimal subcutaneousDoseEu;
    private final String labelRegion;
    private final double vialRounding;
    private final IndicationTable indications;
    private final List<Range> ranges = new ArrayList<>();

    WeightBasedDoseRule(Knowledge knowledge) {
        RuleParameters weight = knowledge.parameters(WEIGHT_MISSING);
        this.adultWindowDays = weight.days("window");
        this.childWindowDays = weight.days("child-window");
        this.childAge = weight.integer("child-age");
        this.weightSet = knowledge.valueSet(WEIGHT_MISSING, "weight-value-set");
        this.intravenousWeightDosed = weight.strings("intravenous-weight-dosed");
        RuleParameters dose = knowledge.parameters(OUT_OF_RANGE);
        this.heartFailureMaximum = dose.decimal("heart-failure-maximum-mg-per-kg");
        this.subcutaneousSet = knowledge.valueSet(OUT_OF_RANGE, "subcutaneous-value-set");
        this.ivInductionSet = knowledge.valueSet(OUT_OF_RANGE, "iv-induction-value-set");
        this.ivInductionLookbackDays = dose.days("iv-induction-lookback");
        this.subcutaneousDose = dose.decimal("subcutaneous-dose");
        this.subcutaneousDoseEu = dose.decimal("subcutaneous-dose-eu");
        this.labelRegion = dose.string("label-region");
        this.vialRounding = dose.decimal("vial-rounding").doubleValue() / 100;
        this.indications = new IndicationTable(knowledge, OUT_OF_RANGE);
        for (String row : dose.strings("dose-range")) {
            String[] parts = row.strip().split("\\s+");
            String[] bounds = parts.length == 2 ? parts[1].split("-") : new String[0];
            if (bounds.length != 2) {
                throw dose.invalid("dose-range", "must read '<indication> <low>-<high>' (mg/kg), not '" + row + "'");
            }
            indications.require(dose, "dose-range", parts[0]);
            ranges.add(new Range(parts[0], Double.parseDouble(bounds[0]), Double.parseDouble(bounds[1])));
        }
    }

    @Override
    public List<String> ruleIds() {
        return List.of(WEIGHT_MISSING, OUT_OF_RANGE);
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        Optional<Drug.DoseRange> labelled = order.drug().weightBasedDose();
        if (order.ongoing()) {
            return List.of();
        }
        if (labelled.isEmpty()) {
            return intravenousOnlyWeightDosed(order) ? weightMissing(order, facts) : List.of();
        }
        if (order.subcutaneous()) { // read once at recognition: route, product, form, then dosage text
            return subcutaneousDose(order, facts);
        }
        String drug = order.drug().name();
        boolean child = facts.ageInYears().map(a -> a < childAge).orElse(false);
        int windowDays = child ? childWindowDays : adultWindowDays;
        LocalDate from = facts.today().minusDays(windowDays);
        Optional<Observation> weight = facts.observations(weightSet).stream()
                .filter(o -> o.getValue() instanceof Quantity q && q.hasValue() && DosePerWeight.kilograms(q).isPresent())
                .filter(o -> PatientFacts.observationDate(o).map(d -> !d.isBefore(from)).orElse(false))
                .findFirst();
        Optional<Quantity> dose = orderedDose(order);
        if (weight.isEmpty()) {
            List<String> shown = new ArrayList<>();
            shown.add("No body weight recorded in the last " + windowDays + " days" + (child ? " (patient under " + childAge + ")" : ""));
            dose.ifPresent(d -> shown.add("Ordered dose: " + DosePerWeight.show(d)));
            return List.of(new Finding(WEIGHT_MISSING, Indicator.INFO,
                    "No body weight in the last " + windowDays + " days: the mg/kg dose of " + drug + " could not be checked",
                    shown, "Weigh the patient and check the " + drug + " dose in mg/kg.", List.of()));
        }
        Optional<BigDecimal> mgPerKg = dose.flatMap(d -> perKilogram(d, weight.get()));
        if (mgPerKg.isEmpty()) {
            return List.of();
        }
        return outOfRange(order, facts, dose.get(), weight.get(), mgPerKg.get(), labelled.get());
    }

    /**
     * A drug dosed by weight only when infused ({@code intravenous-weight-dosed}: golimumab IV 2 mg/kg,
     * tocilizumab IV 8 mg/kg; their subcutaneous doses are fixed), ordered with an intravenous route,
     * product or form (3.6): only {@code weight-missing}; no labelled mg/kg range of theirs is in the
     * knowledge, so no dose-range check.
     */
    private boolean intravenousOnlyWeightDosed(BiologicOrder order) {
        return !intravenousWeightDosed.isEmpty() && order.isOneOf(intravenousWeightDosed)
                && order.route() == AdministrationRoute.INTRAVENOUS;
    }

    /** {@code weight-missing} when no usable body weight is in the window, else nothing. */
    private List<Finding> weightMissing(BiologicOrder order, PatientFacts facts) {
        boolean child = facts.ageInYears().map(a -> a < childAge).orElse(false);
        int windowDays = child ? childWindowDays : adultWindowDays;
        LocalDate from = facts.today().minusDays(windowDays);
        boolean weighed = facts.observations(weightSet).stream()
                .filter(o -> o.getValue() instanceof Quantity q && q.hasValue() && DosePerWeight.kilograms(q).isPresent())
                .anyMatch(o -> PatientFacts.observationDate(o).map(d -> !d.isBefore(from)).orElse(false));
        if (weighed) {
            return List.of();
        }
        String drug = order.drug().name();
        List<String> shown = new ArrayList<>();
        shown.add("No body weight recorded in the last " + windowDays + " days" + (child ? " (patient under " + childAge + ")" : ""));
        orderedDose(order).ifPresent(d -> shown.add("Ordered dose: " + DosePerWeight.show(d)));
        shown.add("Intravenous " + drug + " is dosed by body weight");
        return List.of(new Finding(WEIGHT_MISSING, Indicator.INFO,
                "No body weight in the last " + windowDays + " days: the mg/kg dose of " + drug + " could not be checked",
                shown, "Weigh the patient and check the " + drug + " dose in mg/kg.", List.of()));
    }

    private List<Finding> outOfRange(BiologicOrder order, PatientFacts facts, Quantity dose, Observation weight,
                                     BigDecimal mgPerKg, Drug.DoseRange labelled) {
        String drug = order.drug().name();
        List<String> found = OrderIndication.of(order, facts, indications.valueSets());
        List<Range> applicable = ranges.stream().filter(r -> found.contains(r.indication())).toList();
        double low = applicable.isEmpty() ? labelled.lowMgPerKg() : applicable.stream().mapToDouble(Range::low).min().orElseThrow();
        double high = applicable.isEmpty() ? labelled.highMgPerKg() : applicable.stream().mapToDouble(Range::high).max().orElseThrow();
        String indication = applicable.isEmpty() ? "its labelled uses"
                : String.join(" or ", applicable.stream().map(r -> indications.name(r.indication())).toList());
        double value = mgPerKg.doubleValue();
        Quantity kg = (Quantity) weight.getValue();
        LocalDate weighed = PatientFacts.observationDate(weight).orElseThrow();
        String perKg = format(mgPerKg.setScale(1, RoundingMode.HALF_UP).doubleValue());
        List<String> shown = new ArrayList<>();
        shown.add("Ordered dose: " + DosePerWeight.show(dose));
        shown.add("Body weight: " + DosePerWeight.show(kg) + " on " + weighed);
        shown.add("Dose per kilogram: " + perKg + " mg/kg");
        shown.add("Range for " + indication + ": " + format(low) + "-" + format(high) + " mg/kg (±"
                + format(vialRounding * 100) + " % allowed for rounding to whole vials)");
        String weightText = format(DosePerWeight.kilograms(kg).orElseThrow().setScale(1, RoundingMode.HALF_UP).doubleValue()) + " kg, " + weighed;
        String doseText = DosePerWeight.unit(dose).equals("mg/kg") ? drug + " " + perKg + " mg/kg"
                : drug + " " + dose.getValue().stripTrailingZeros().toPlainString() + " mg = " + perKg + " mg/kg";
        if (value < low * (1 - vialRounding) || value > high * (1 + vialRounding)) {
            return List.of(new Finding(OUT_OF_RANGE, Indicator.WARNING,
                    doseText + " (" + weightText + "): outside " + format(low) + "-" + format(high) + " mg/kg for "
                            + Describe.shortened(indication), shown,
                    "Check the dose and the weight before the infusion is prepared.", List.of()));
        }
        // The same evidence the heart-failure rule accepts: a diagnosis or a recorded NYHA class.
        boolean heartFailure = !facts.activeConditions("heart-failure").isEmpty() || !facts.conditions("nyha-class").isEmpty()
                || !facts.observations("nyha-assessment").isEmpty();
        if (heartFailure && mgPerKg.compareTo(heartFailureMaximum) > 0) {
            String maximum = heartFailureMaximum.stripTrailingZeros().toPlainString();
            shown.add("Heart failure on record");
            return List.of(new Finding(OUT_OF_RANGE, Indicator.WARNING,
                    doseText + " with heart failure: doses over " + maximum + " mg/kg are contraindicated", shown,
                    "Do not exceed " + maximum + " mg/kg in heart failure (higher doses raised mortality in NYHA III/IV).",
                    List.of()));
        }
        return List.of();
    }

    /** Subcutaneous infliximab: a fixed dose; Zymfentra follows IV induction. */
    private List<Finding> subcutaneousDose(BiologicOrder order, PatientFacts facts) {
        Optional<Quantity> dose = orderedDose(order);
        List<BigDecimal> allowed = labelRegion.equals("EU") ? List.of(subcutaneousDose, subcutaneousDoseEu) : List.of(subcutaneousDose);
        String labelled = subcutaneousDose.stripTrailingZeros().toPlainString() + " mg every 2 weeks";
        List<String> shown = new ArrayList<>();
        shown.add("Subcutaneous infliximab: " + Describe.concept(facts.medicationConcept(order.draft())));
        dose.ifPresent(d -> shown.add("Ordered dose: " + DosePerWeight.show(d)));
        boolean wrongDose = dose.map(d -> !DosePerWeight.unit(d).equals("mg") || allowed.stream().noneMatch(a -> a.compareTo(d.getValue()) == 0))
                .orElse(false);
        if (facts.codes().matchesMedication(ivInductionSet, facts.medicationConcept(order.draft()))) {
            LocalDate from = facts.today().minusDays(ivInductionLookbackDays);
            List<DrugHistory.Use> intravenous = DrugHistory.biologics(facts, order).stream()
                    .filter(u -> u.drug().id().equals(order.drug().id()))
                    .filter(u -> !facts.codes().matchesMedication(subcutaneousSet, u.use().concept()))
                    .filter(u -> !u.lastDose().isBefore(from))
                    .toList();
            if (intravenous.isEmpty()) {
                shown.add("No intravenous infliximab recorded since " + from);
                return List.of(new Finding(OUT_OF_RANGE, Indicator.WARNING,
                        "No IV infliximab in the last " + ivInductionLookbackDays / 7
                                + " weeks: Zymfentra is labelled as maintenance after IV induction", shown,
                        "Give intravenous induction first (weeks 0, 2 and 6); subcutaneous " + labelled
                                + " starts at week 10.", List.of()));
            }
        }
        if (wrongDose) {
            return List.of(new Finding(OUT_OF_RANGE, Indicator.WARNING,
                    "Subcutaneous infliximab " + DosePerWeight.show(dose.get()) + ": the labelled dose is " + labelled, shown,
                    "Order " + labelled + " (a fixed dose, not weight-based).", List.of()));
        }
        return List.of();
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

    private static Optional<BigDecimal> perKilogram(Quantity dose, Observation weight) {
        String unit = DosePerWeight.unit(dose);
        if (unit.equals("mg/kg")) {
            return Optional.of(dose.getValue());
        }
        Optional<BigDecimal> milligrams = switch (unit) {
            case "mg" -> Optional.of(dose.getValue());
            case "g" -> Optional.of(dose.getValue().movePointRight(3));
            default -> Optional.empty();
        };
        Optional<BigDecimal> kg = DosePerWeight.kilograms((Quantity) weight.getValue());
        if (milligrams.isEmpty() || kg.isEmpty() || kg.get().signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(milligrams.get().divide(kg.get(), 3, RoundingMode.HALF_UP));
    }




    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}

package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;

/**
 * {@code methotrexate-dosing} (clinical-v2.md section 4; amendment 17), both directions. Oral, SC or IM
 * methotrexate that meets an advanced therapy and is taken on more than one day a week (read by
 * {@link MethotrexateSchedule}) → {@code frequency-indicator} (critical); weekly but more than
 * {@code max-weekly-mg} (25 mg) a week → {@code dose-indicator} (warning); a frequency that is written but
 * cannot be read → {@code unreadable-indicator} (info). Routes of {@code excluded-route-value-set}
 * (intravenous, intrathecal: oncology regimens) and the forms of {@code exclude-value-set} are not
 * checked. 
 *
 * <p>Forward (a biologic draft): each current methotrexate of the record or of the request's other drafts;
 * an unreadable frequency only on a new start or restart of the biologic (info once per course, 1.2), and a
 * record that gives no dosage at all is not an unreadable one (reconciled lists often carry none); a draft
 * of this request without any dosage is. Reverse (the methotrexate draft, 1.4 R): the draft itself, with
 * "Change to once weekly" (the draft with timing once a week) and "Remove this order" on the critical card.
 * One card per fact (1.1): this rule owns the methotrexate of a daily or over-25-mg order, and
 * {@code methotrexate-combination} is withheld for it.
 */
final class MethotrexateDosingRule implements Rule, ReverseRule {

    static final String ID = "methotrexate-dosing";

    private final String valueSet;
    private final String exclude;
    private final String excludedRoutes;
    private final MethotrexateSchedule schedule;
    private final BigDecimal maxWeeklyMg;
    private final Indicator frequencyIndicator;
    private final Indicator doseIndicator;
    private final Indicator unreadableIndicator;
    private final String frequencySummary;
    private final String doseSummary;
    private final String unreadableSummary;
    private final Map<String, String> advice;
    private final List<String> indicationSets;
    private final Map<String, String> indicationLabels;
    private final String reviseLabel;
    private final String removeLabel;
    private final String revisedText;

    MethotrexateDosingRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.valueSet = knowledge.valueSet(ID, "value-set");
        this.exclude = knowledge.valueSet(ID, "exclude-value-set");
        this.excludedRoutes = knowledge.valueSet(ID, "excluded-route-value-set");
        this.schedule = new MethotrexateSchedule(parameters);
        this.maxWeeklyMg = parameters.decimal("max-weekly-mg");
        this.frequencyIndicator = indicator(parameters, "frequency-indicator");
        this.doseIndicator = indicator(parameters, "dose-indicator");
        this.unreadableIndicator = indicator(parameters, "unreadable-indicator");
        this.frequencySummary = parameters.string("summary-frequency");
        this.doseSummary = parameters.string("summary-dose");
        this.unreadableSummary = parameters.string("summary-unreadable");
        this.advice = parameters.textsByDrug("advice");
        for (String kind : List.of("frequency", "dose", "unreadable")) {
            if (!advice.containsKey(kind)) {
                throw parameters.invalid("advice", "needs a value for '" + kind + "'");
            }
        }
        this.indicationSets = knowledge.valueSets(ID, "indication-value-set");
        this.indicationLabels = parameters.textsByDrug("indication-label");
        indicationSets.stream().filter(vs -> !indicationLabels.containsKey(vs)).findFirst().ifPresent(vs -> {
            throw parameters.invalid("indication-label", "has no label for value set '" + vs + "'");
        });
        if (!indicationLabels.containsKey("default")) {
            throw parameters.invalid("indication-label", "needs a value for 'default'");
        }
        this.reviseLabel = parameters.string("revise-label");
        this.removeLabel = parameters.string("remove-label");
        this.revisedText = parameters.string("revised-text");
    }

    private static Indicator indicator(RuleParameters parameters, String name) {
        try {
            return Indicator.fromCode(parameters.string(name));
        } catch (IllegalArgumentException e) {
            throw parameters.invalid(name, "must be info, warning or critical");
        }
    }

    @Override
    public String name() {
        return ID;
    }

    /** What one methotrexate order says, and the finding it gives, if any. */
    private record Checked(MethotrexateSchedule.Reading reading, Indicator indicator, String summary, String advice) {
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        boolean startsCourse = facts.course(order).startsCourse();
        List<MedicationUse> counted = new ArrayList<>();
        Checked worst = null;
        for (MedicationUse use : CoMedications.current(order, facts, valueSet, Optional.of(exclude))) {
            Optional<Resource> source = facts.source(use);
            if (source.isEmpty()) {
                continue;
            }
            List<Dosage> dosages = DosageReading.dosages(source.get());
            if (excludedRoute(dosages, facts)) {
                continue;
            }
            boolean draft = use.kind() == MedicationUse.Kind.DRAFT;
            Optional<Checked> checked = check(dosages, use.concept(), order.drug().name(), facts, draft || startsCourse, draft);
            if (checked.isEmpty()) {
                continue;
            }
            if (worst == null || checked.get().indicator().compareTo(worst.indicator()) > 0) {
                worst = checked.get();
                counted.add(0, use);
            } else {
                counted.add(use);
            }
        }
        if (worst == null) {
            return List.of();
        }
        List<String> shown = counted.stream().map(m -> "Active: " + m.describe()).toList();
        return List.of(new Finding(ID, worst.indicator(), worst.summary(), withSig(shown, worst.reading()), worst.advice(),
                List.of(), about(CoMedications.evidence(counted), worst)));
    }

    @Override
    public List<Finding> evaluateReverse(CoMedicationDraft draft, List<Therapy> therapies, PatientFacts facts) {
        if (!(draft.draft() instanceof MedicationRequest request) || therapies.isEmpty()
                || !facts.codes().matchesMedication(valueSet, draft.concept())
                || facts.codes().matchesMedication(exclude, draft.concept())) {
            return List.of();
        }
        List<Dosage> dosages = request.getDosageInstruction();
        if (excludedRoute(dosages, facts)) {
            return List.of();
        }
        String drugs = Therapies.names(therapies);
        Optional<Checked> checked = check(dosages, draft.concept(), drugs, facts, true, true);
        if (checked.isEmpty()) {
            return List.of();
        }
        List<SuggestedAction> suggestions = new ArrayList<>();
        if (checked.get().reading().kind() == MethotrexateSchedule.Kind.MORE_THAN_WEEKLY) {
            suggestions.add(new SuggestedAction.ReviseDraft(onceWeekly(request, draft.concept()), reviseLabel));
        }
        if (checked.get().indicator() != Indicator.INFO) {
            suggestions.add(new SuggestedAction.RemoveDraft(draft.reference(), removeLabel));
        }
        List<String> shown = new ArrayList<>();
        shown.add("Draft order: " + Describe.concept(draft.concept()));
        shown.addAll(Therapies.describe(therapies));
        return List.of(new Finding(ID, checked.get().indicator(), checked.get().summary(),
                withSig(shown, checked.get().reading()), checked.get().advice(), suggestions,
                about(List.of(draft.reference()), checked.get())));
    }

    /**
     * The records a finding is about (one card per fact, 1.1): the methotrexate order itself when it is taken
     * more than weekly or over the weekly maximum, the fact this rule owns over {@code methotrexate-combination};
     * only its frequency when that could not be read, so that the combination card stays.
     */
    private static List<String> about(List<String> records, Checked checked) {
        MethotrexateSchedule.Kind kind = checked.reading().kind();
        if (kind == MethotrexateSchedule.Kind.MORE_THAN_WEEKLY || kind == MethotrexateSchedule.Kind.WEEKLY) {
            return records;
        }
        return records.stream().map(r -> "frequency of " + r).toList();
    }

    /**
     * The finding for one methotrexate order: critical when taken more than once a week, warning over the
     * weekly maximum, info when its frequency cannot be read ({@code unreadableCounts}), or when it gives no
     * dosage at all and {@code silentCounts} (a draft).
     */
    private Optional<Checked> check(List<Dosage> dosages, CodeableConcept concept, String drug, PatientFacts facts,
                                    boolean unreadableCounts, boolean silentCounts) {
        MethotrexateSchedule.Reading reading = schedule.read(dosages, concept);
        String indication = indication(facts);
        String sig = reading.sig().isBlank() ? "" : Describe.shortened(reading.sig());
        switch (reading.kind()) {
            case MORE_THAN_WEEKLY:
                return Optional.of(new Checked(reading, frequencyIndicator,
                        fill(frequencySummary, reading.frequency(), sig, indication, drug, ""),
                        fill(advice.get("frequency"), reading.frequency(), sig, indication, drug, "")));
            case WEEKLY:
                if (reading.weeklyMg().isPresent() && reading.weeklyMg().get().compareTo(maxWeeklyMg) > 0) {
                    String dose = plain(reading.weeklyMg().get());
                    return Optional.of(new Checked(reading, doseIndicator,
                            fill(doseSummary, reading.frequency(), sig, indication, drug, dose),
                            fill(advice.get("dose"), reading.frequency(), sig, indication, drug, dose)));
                }
                return Optional.empty();
            case UNREADABLE:
                return unreadableCounts ? Optional.of(unreadable(reading, sig, indication, drug)) : Optional.empty();
            default:
                return silentCounts ? Optional.of(unreadable(reading, sig, indication, drug)) : Optional.empty();
        }
    }

    private Checked unreadable(MethotrexateSchedule.Reading reading, String sig, String indication, String drug) {
        return new Checked(reading, unreadableIndicator,
                fill(unreadableSummary, "", sig.isBlank() ? "no dosage given" : sig, indication, drug, ""),
                fill(advice.get("unreadable"), "", sig, indication, drug, ""));
    }

    private String fill(String template, String frequency, String sig, String indication, String drug, String dose) {
        String text = sig.isBlank() ? template.replace(" ({sig})", "") : template.replace("{sig}", sig);
        return Describe.capitalized(text.replace("{frequency}", frequency).replace("{indication}", indication)
                .replace("{drug}", drug).replace("{dose}", dose).replace("{max}", plain(maxWeeklyMg)));
    }

    private static List<String> withSig(List<String> shown, MethotrexateSchedule.Reading reading) {
        List<String> all = new ArrayList<>(shown);
        all.add(reading.sig().isBlank() ? "Dosage: none given" : "Dosage: " + reading.sig());
        reading.weeklyMg().ifPresent(mg -> all.add("Weekly dose read as " + plain(mg) + " mg"));
        return all;
    }

    /** The first indication on record the label table names, else its default ("inflammatory disease"). */
    private String indication(PatientFacts facts) {
        return indicationSets.stream().filter(vs -> !facts.activeConditions(vs).isEmpty()).findFirst()
                .map(indicationLabels::get).orElse(indicationLabels.get("default"));
    }

    private boolean excludedRoute(List<Dosage> dosages, PatientFacts facts) {
        for (Dosage dosage : dosages) {
            if (dosage.hasRoute() && facts.codes().matchesMedication(excludedRoutes, dosage.getRoute())) {
                return true;
            }
            String text = DosageReading.text(dosage);
            if (!dosage.hasRoute() && !text.isBlank()
                    && facts.codes().matchesMedication(excludedRoutes, new CodeableConcept().setText(text))) {
                return true;
            }
        }
        return false;
    }

    /** The draft as "Change to once weekly" writes it: same id, each dosage once a week, the weekly dose kept per dose. */
    private MedicationRequest onceWeekly(MedicationRequest draft, CodeableConcept concept) {
        MedicationRequest revised = draft.copy();
        if (revised.getDosageInstruction().isEmpty()) {
            revised.addDosageInstruction();
        }
        for (Dosage dosage : revised.getDosageInstruction()) {
            Optional<BigDecimal> dose = DosageReading.doseMg(dosage, concept);
            Timing timing = new Timing();
            timing.getRepeat().setFrequency(1).setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.WK);
            dosage.setTiming(timing);
            dosage.setText(revisedText.replace("{dose}", dose.map(d -> plain(d) + " mg").orElse("the dose")));
            dosage.setPatientInstruction(null);
            dosage.getAdditionalInstruction().clear();
        }
        return revised;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}

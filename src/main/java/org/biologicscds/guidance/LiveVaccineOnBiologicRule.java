package org.biologicscds.guidance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;

/**
 * {@code live-vaccine-on-biologic} (clinical-v2.md section 4, trigger R; amendments 5 and 10): a draft
 * live vaccine (CVX or name of {@code value-set}; non-live look-alikes such as Shingrix are excluded by
 * the value set) for a patient on therapy, or whose last dose was within {@code after-last-dose} (per
 * drug or class; default 3 months). On therapy → the drug's indicator ({@code indicator}: critical;
 * vedolizumab and IL-4R/IL-13 warning). After stopping: inside the label's hold ({@code label-hold}) →
 * that indicator, beyond it up to {@code after-last-dose} → warning (never above the drug's indicator).
 * The wait counts from this patient's own last dose (amendment 10 asks each card to say from when).
 * One card per draft naming every therapy that counts; "Remove this order"; the detail names a non-live
 * alternative where {@code alternative} has one for the vaccine (value set key), else {@code no-alternative}.
 */
final class LiveVaccineOnBiologicRule implements ReverseRule {

    static final String ID = "live-vaccine-on-biologic";

    private record Counted(Therapy therapy, Indicator indicator, int waitDays) {
    }

    private final String valueSet;
    private final Indicator defaultIndicator;
    private final Map<String, Indicator> indicators;
    private final Map<String, Integer> afterLastDose;
    private final Map<String, Integer> labelHold;
    private final Map<String, String> alternatives;
    private final String noAlternative;
    private final String summaryCritical;
    private final String summaryCriticalCurrent;
    private final String summaryWarning;
    private final String summaryWarningCurrent;
    private final String advice;

    LiveVaccineOnBiologicRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.valueSet = knowledge.valueSet(ID, "value-set");
        this.defaultIndicator = parameters.indicator();
        this.indicators = parameters.indicatorsByDrug();
        this.afterLastDose = parameters.daysByDrug("after-last-dose");
        if (!afterLastDose.containsKey("default")) {
            throw parameters.invalid("after-last-dose", "needs a value for drug 'default'");
        }
        this.labelHold = parameters.daysByDrug("label-hold");
        labelHold.forEach((drug, hold) -> {
            if (hold > afterLastDose.getOrDefault(drug, afterLastDose.get("default"))) {
                throw parameters.invalid("after-last-dose", "for '" + drug + "' must be at least its label-hold (amendment 5)");
            }
        });
        this.alternatives = parameters.textsByDrug("alternative");
        alternatives.keySet().stream().filter(vs -> !knowledge.valueSets().has(vs)).findFirst().ifPresent(vs -> {
            throw parameters.invalid("alternative", "names value set '" + vs + "', which is not loaded");
        });
        this.noAlternative = parameters.string("no-alternative");
        this.summaryCritical = parameters.string("summary-critical");
        this.summaryCriticalCurrent = parameters.string("summary-critical-current");
        this.summaryWarning = parameters.string("summary-warning");
        this.summaryWarningCurrent = parameters.string("summary-warning-current");
        this.advice = parameters.string("advice");
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public List<Finding> evaluateReverse(CoMedicationDraft draft, List<Therapy> therapies, PatientFacts facts) {
        if (!facts.codes().matchesMedication(valueSet, draft.concept())) {
            return List.of();
        }
        LocalDate today = facts.today();
        List<Counted> counted = new ArrayList<>();
        for (Therapy therapy : therapies) {
            indicator(therapy, today).ifPresent(i -> counted.add(new Counted(therapy, i, wait(therapy))));
        }
        if (counted.isEmpty()) {
            return List.of();
        }
        // Most urgent first; among equals, the newest last dose (the order therapies come in).
        counted.sort(Comparator.comparing((Counted c) -> c.indicator().ordinal()).reversed());
        Counted first = counted.get(0);
        Therapy therapy = first.therapy();
        boolean current = therapy.onTherapy() && therapy.lastDose().equals(today);
        String template = first.indicator() == Indicator.CRITICAL
                ? (current ? summaryCriticalCurrent : summaryCritical)
                : (current ? summaryWarningCurrent : summaryWarning);
        String vaccine = Describe.shortened(Describe.concept(draft.concept()));
        String drug = therapy.order().drug().name();
        String summary = template.replace("{vaccine}", vaccine).replace("{drug}", drug)
                .replace("{date}", therapy.lastDose().toString()).replace("{window}", window(first.waitDays()));
        List<String> shown = new ArrayList<>(List.of(ReverseFacts.draftLine(draft)));
        for (Counted c : counted) {
            shown.add(ReverseFacts.describe(c.therapy(), today));
            shown.add("Wait for live vaccines after " + c.therapy().order().drug().name() + ": " + window(c.waitDays())
                    + " from this patient's own last dose" + (c.therapy().onTherapy() ? " once it is stopped"
                    : ", until " + c.therapy().lastDose().plusDays(c.waitDays())));
        }
        String names = ReverseFacts.names(counted.stream().map(Counted::therapy).toList());
        String alternative = alternatives.entrySet().stream()
                .filter(e -> facts.codes().matchesMedication(e.getKey(), draft.concept()))
                .map(Map.Entry::getValue).findFirst().orElse(noAlternative);
        String next = advice + " " + alternative.replace("{drug}", names);
        List<Therapy> named = counted.stream().map(Counted::therapy).toList();
        return List.of(new Finding(ID, first.indicator(), Describe.capitalized(summary), shown, next,
                List.of(ReverseFacts.remove(draft)), ReverseFacts.evidence(draft, named, facts)));
    }

    /** The card's tier for one therapy, if it counts (amendment 5). */
    private Optional<Indicator> indicator(Therapy therapy, LocalDate today) {
        Indicator highest = PerDrug.pick(indicators, therapy.order(), defaultIndicator);
        if (therapy.onTherapy()) {
            return Optional.of(highest);
        }
        long since = ChronoUnit.DAYS.between(therapy.lastDose(), today);
        Integer hold = PerDrug.pick(labelHold, therapy.order(), null);
        if (hold != null && since < hold) {
            return Optional.of(highest);
        }
        if (since < wait(therapy)) {
            return Optional.of(highest.compareTo(Indicator.WARNING) < 0 ? highest : Indicator.WARNING);
        }
        return Optional.empty();
    }

    private int wait(Therapy therapy) {
        return PerDrug.pick(afterLastDose, therapy.order(), afterLastDose.get("default"));
    }

    /** "3 months", "15 weeks", "12 months", "10 days". */
    static String window(int days) {
        if (days >= 360 && days <= 366) {
            return "12 months";
        }
        if (days % 30 == 0) {
            return days / 30 + (days == 30 ? " month" : " months");
        }
        if (days % 7 == 0) {
            return days / 7 + (days == 7 ? " week" : " weeks");
        }
        return days + " days";
    }
}

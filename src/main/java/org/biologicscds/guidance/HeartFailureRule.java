package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * {@code heart-failure} (clinical-v2.md 3.4, 5.2, amendment 6): a TNF inhibitor, rituximab or an S1P
 * modulator ({@code applies-to}) for a patient with heart failure. Rituximab ({@code class-iv-only}):
 * only NYHA IV, critical (EU label, non-oncology use). S1P modulators ({@code recent-event-applies-to}):
 * the labels' cardiac contraindication within 6 months, see {@link #recentEvent}. TNF inhibitors:
 * NYHA III/IV (an NYHA Observation within {@code nyha-window}, or a class-coded Condition or stage)
 * gives the drug's {@code severe-indicator} (TNF mAbs critical, EU contraindication; etanercept a
 * warning, its label says caution); NYHA I/II or no class: warning. A drug with a
 * {@code dose-limit-mg-per-kg} (infliximab 5 mg/kg, US contraindication above it) ordered above the
 * limit: critical with NYHA III/IV or no class, a warning with NYHA I/II, the summary naming the
 * dose: this rule owns that fact, so its evidence names the weight and the order (1.1). The advice
 * names the options of the patient's indication (1.7) minus the {@code exclude-option}s (and at
 * NYHA IV the {@code exclude-option-nyha-iv}s, amendment 16).
 */
final class HeartFailureRule implements Rule {

    static final String ID = "heart-failure";

    private static final Pattern CLASS = Pattern.compile("(?i)class\\s*(IV|III|II|I|[1-4])\\b|\\b(IV|III|II|I)\\b");

    /** The newest NYHA class on record: severe = III/IV; coded = from a condition, which needs no date. */
    record NyhaClass(boolean severe, String text, Optional<LocalDate> date, boolean coded, String evidence) {
    }

    private final List<String> appliesTo;
    private final int nyhaWindowDays;
    private final Map<String, String> severeIndicator;
    private final Map<String, BigDecimal> doseLimit;
    private final Map<String, String> summarySevere;
    private final String summaryDoseSevere;
    private final String summaryDoseMild;
    private final String summary;
    private final Map<String, String> advice;
    private final String adviceNoIndication;
    private final Set<String> excluded;
    private final Set<String> excludedAtClassIv;
    private final String weightSet;
    private final int weightWindowDays;
    private final Alternatives alternatives;
    private final List<String> classIvOnly;
    private final List<String> recentEventAppliesTo;
    private final String recentEventSet;
    private final int recentEventWindowDays;
    private final String summaryRecentEvent;
    private final String summaryRecentNyha;

    HeartFailureRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.appliesTo = parameters.strings("applies-to");
        this.classIvOnly = parameters.strings("class-iv-only");
        this.recentEventAppliesTo = parameters.strings("recent-event-applies-to");
        this.recentEventSet = knowledge.valueSet(ID, "recent-event-value-set");
        this.recentEventWindowDays = parameters.days("recent-event-window");
        this.summaryRecentEvent = parameters.string("summary-recent-event");
        this.summaryRecentNyha = parameters.string("summary-recent-nyha");
        if (recentEventAppliesTo.isEmpty()) {
            throw parameters.invalid("recent-event-applies-to", "must name at least one drug or class");
        }
        this.nyhaWindowDays = parameters.days("nyha-window");
        this.severeIndicator = parameters.textsByDrug("severe-indicator");
        this.doseLimit = parameters.numbersByDrug("dose-limit-mg-per-kg");
        this.summarySevere = parameters.textsByDrug("summary-severe");
        this.summaryDoseSevere = parameters.string("summary-dose-severe");
        this.summaryDoseMild = parameters.string("summary-dose-mild");
        this.summary = parameters.string("summary");
        this.advice = parameters.textsByDrug("advice");
        this.adviceNoIndication = parameters.string("advice-no-indication");
        this.excluded = Set.copyOf(parameters.strings("exclude-option"));
        this.excludedAtClassIv = Set.copyOf(parameters.strings("exclude-option-nyha-iv"));
        if (!severeIndicator.containsKey("default") || !summarySevere.containsKey("default") || !advice.containsKey("default")) {
            throw parameters.invalid("severe-indicator", "summary-severe and advice need a value for drug 'default'");
        }
        this.weightSet = knowledge.valueSet("weight-missing", "weight-value-set");
        this.weightWindowDays = knowledge.parameters("weight-missing").days("window");
        this.alternatives = new Alternatives(knowledge);
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!order.isOneOf(appliesTo)) {
            return List.of();
        }
        if (order.isOneOf(recentEventAppliesTo)) {
            return recentEvent(order, facts).map(List::of).orElse(List.of());
        }
        List<Condition> heartFailure = facts.activeConditions("heart-failure");
        Optional<NyhaClass> newest = newestNyhaClass(facts);
        if (heartFailure.isEmpty() && newest.isEmpty()) {
            return List.of();
        }
        String drug = order.drug().name();
        List<String> shown = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        heartFailure.forEach(c -> {
            shown.add("On the problem list: " + Describe.condition(c));
            evidence.add(reference(c));
        });
        LocalDate from = facts.today().minusDays(nyhaWindowDays);
        Optional<NyhaClass> current = newest.filter(n -> n.coded() || n.date().map(d -> !d.isBefore(from)).orElse(false));
        newest.ifPresent(n -> {
            shown.add((current.isPresent() ? "Newest NYHA class: " : "Last NYHA class (older than "
                    + nyhaWindowDays / 30 + " months, not used): ") + n.text() + n.date().map(d -> " on " + d).orElse(""));
            evidence.add(n.evidence());
        });
        if (newest.isEmpty()) {
            shown.add("No NYHA class recorded");
        }
        boolean severe = current.map(NyhaClass::severe).orElse(false);
        String roman = current.map(n -> roman(n.text(), n.severe())).orElse("unknown");
        if (!classIvOnly.isEmpty() && order.isOneOf(classIvOnly) && !(severe && roman.equals("IV"))) {
            return List.of(); // rituximab: contraindicated at NYHA IV only (EU label, non-oncology use); no card below it
        }

        Optional<BigDecimal> limit = Optional.ofNullable(PerDrug.pick(doseLimit, order, null));
        Optional<DosePerWeight> dose = limit.flatMap(l -> DosePerWeight.of(order, facts, weightSet, weightWindowDays));
        boolean overLimit = limit.isPresent() && dose.map(d -> d.mgPerKg().compareTo(limit.get()) > 0).orElse(false);

        Indicator indicator;
        String text;
        if (overLimit) {
            shown.add(dose.get().describe());
            dose.get().weight().ifPresent(w -> evidence.add(reference(w)));
            evidence.add(order.reference());
            boolean contraindicated = severe || current.isEmpty();
            indicator = contraindicated ? Indicator.CRITICAL : Indicator.WARNING;
            text = (contraindicated ? summaryDoseSevere : summaryDoseMild);
        } else if (severe) {
            indicator = Indicator.fromCode(PerDrug.pick(severeIndicator, order, null));
            text = PerDrug.pick(summarySevere, order, null);
        } else {
            indicator = Indicator.WARNING;
            text = summary;
        }
        String condition = heartFailure.isEmpty() ? "NYHA class " + roman : Describe.concept(heartFailure.get(0).getCode());
        text = text.replace("{drug}", drug).replace("{class}", roman)
                .replace("{condition}", Describe.shortened(condition))
                .replace("{mgkg}", dose.map(DosePerWeight::shown).orElse(""))
                .replace("{limit}", limit.map(l -> l.stripTrailingZeros().toPlainString()).orElse(""));

        Set<String> out = new HashSet<>(excluded);
        if (severe && roman.equals("IV")) {
            out.addAll(excludedAtClassIv);
        }
        Optional<String> options = alternatives.advice(alternatives.of(order, facts), out, facts);
        String next = PerDrug.pick(advice, order, null).replace("{options}", options.orElse(adviceNoIndication)).replace("{drug}", drug);
        return List.of(new Finding(ID, indicator, Describe.capitalized(text), shown, next, List.of(), evidence));
    }

    /**
     * S1P modulators (3.4, amendment 6): the labels' cardiac contraindication, one card for one fact
     * (this rule owns it): in the last {@code recent-event-window} (6 months) a myocardial infarction,
     * unstable angina, stroke, TIA or decompensated heart failure ({@code recent-event-value-set}, by
     * onset or recorded date, any clinical status), or NYHA class III/IV (an NYHA Observation in the
     * window, or an active class-coded condition) → the rule's {@code indicator} (critical). The card
     * names every such record; nothing else about heart failure is said for these drugs.
     */
    private Optional<Finding> recentEvent(BiologicOrder order, PatientFacts facts) {
        LocalDate from = facts.today().minusDays(recentEventWindowDays);
        List<Condition> events = facts.conditions(recentEventSet).stream()
                .filter(c -> PatientFacts.conditionDate(c).map(d -> !d.isBefore(from)).orElse(false)).toList();
        Optional<NyhaClass> nyha = newestNyhaClass(facts)
                .filter(n -> n.date().map(d -> !d.isBefore(from)).orElse(n.coded()))
                .filter(NyhaClass::severe);
        if (events.isEmpty() && nyha.isEmpty()) {
            return Optional.empty();
        }
        String drug = order.drug().name();
        List<String> shown = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        events.forEach(c -> {
            shown.add("Within " + Wording.window(recentEventWindowDays) + ": " + Describe.condition(c));
            evidence.add(reference(c));
        });
        nyha.ifPresent(n -> {
            shown.add("NYHA class: " + n.text() + n.date().map(d -> " on " + d).orElse(""));
            evidence.add(n.evidence());
        });
        String text = events.isEmpty()
                ? summaryRecentNyha.replace("{class}", roman(nyha.get().text(), true))
                        .replace("{date}", nyha.get().date().map(LocalDate::toString).orElse("date unknown"))
                : summaryRecentEvent.replace("{condition}", Describe.shortened(Describe.concept(events.get(0).getCode())))
                        .replace("{date}", PatientFacts.conditionDate(events.get(0)).map(LocalDate::toString).orElse(""));
        text = text.replace("{drug}", drug).replace("{window}", Wording.window(recentEventWindowDays));
        Optional<String> options = alternatives.advice(alternatives.of(order, facts), excluded, facts);
        String next = PerDrug.pick(advice, order, null).replace("{options}", options.orElse(adviceNoIndication)).replace("{drug}", drug);
        return Optional.of(new Finding(ID, Indicator.fromCode(PerDrug.pick(severeIndicator, order, null)),
                Describe.capitalized(text), shown, next, List.of(), evidence));
    }

    static Optional<NyhaClass> newestNyhaClass(PatientFacts facts) {
        List<NyhaClass> classes = new ArrayList<>();
        for (Condition condition : facts.conditions("nyha-class")) {
            classes.add(nyha(facts, condition.getCode(), PatientFacts.conditionDate(condition), true, reference(condition)));
        }
        for (Condition condition : facts.activeConditions("heart-failure")) {
            for (Condition.ConditionStageComponent stage : condition.getStage()) {
                if (facts.codes().matches("nyha-class", stage.getSummary())) {
                    classes.add(nyha(facts, stage.getSummary(), PatientFacts.conditionDate(condition), true,
                            reference(condition)));
                }
            }
        }
        for (Observation observation : facts.observations("nyha-assessment")) {
            // An NYHA observation's answer may be bare ("Class IV", "III"): read with the answer set.
            if (observation.getValue() instanceof CodeableConcept value && facts.codes().matches("nyha-answer", value)) {
                classes.add(nyha(facts, value, PatientFacts.observationDate(observation), false, reference(observation)));
            } else if (observation.getValue() instanceof org.hl7.fhir.r4.model.StringType text
                    && facts.codes().matchesText("nyha-answer", text.getValue())) {
                classes.add(nyha(facts, new CodeableConcept().setText(text.getValue()),
                        PatientFacts.observationDate(observation), false, reference(observation)));
            }
        }
        return classes.stream().max(Comparator.comparing((NyhaClass n) -> n.date().orElse(LocalDate.MIN)));
    }

    private static NyhaClass nyha(PatientFacts facts, CodeableConcept concept, Optional<LocalDate> date, boolean coded,
                                  String evidence) {
        return new NyhaClass(facts.codes().matches("nyha-class-iii-iv", concept), Describe.concept(concept), date,
                coded, evidence);
    }

    /** The class as a roman numeral, read from the class's words; "III/IV" or "I/II" when they do not say. */
    static String roman(String text, boolean severe) {
        Matcher m = CLASS.matcher(text);
        while (m.find()) {
            String found = (m.group(1) != null ? m.group(1) : m.group(2)).toUpperCase();
            String numeral = switch (found) {
                case "1" -> "I";
                case "2" -> "II";
                case "3" -> "III";
                case "4" -> "IV";
                default -> found;
            };
            boolean isSevere = numeral.equals("III") || numeral.equals("IV");
            if (isSevere == severe) {
                return numeral;
            }
        }
        return severe ? "III/IV" : "I/II";
    }

    static String reference(Resource resource) {
        String id = resource.getIdElement().getIdPart();
        return resource.fhirType() + "/" + (id == null ? "(no id)" : id);
    }
}

package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;

/**
 * {@code glucocorticoid-co-medication} (clinical-v2.md section 4; amendment 24), both directions: a
 * systemic glucocorticoid at a prednisone-equivalent of at least {@code min-daily-mg} (20 mg/day) for at
 * least {@code min-days} (14 d) with an advanced therapy → info "consider PJP prophylaxis".
 * Prednisone-equivalent = mg/day × the {@code factor} of the first ingredient value set that names the
 * medication (prednisone, prednisolone 1; methylprednisolone 1.25; dexamethasone 6.67; hydrocortisone 0.25).
 * Oral budesonide is in none of them; the forms of {@code exclude-value-set} (topical, eye, inhaled, nasal,
 * rectal, intra-articular) never count, by name, route or dosage text.
 *
 * <p>mg/day: the dose per administration ({@link DosageReading#doseMg}) times the administrations a day
 * (timing code, {@code Timing.repeat}, else the {@code per-day-cue} words; once a day when the order names no
 * frequency at all), summed over dosages of one sequence, the largest sequence. Duration: the planned course
 * ({@code dispenseRequest.expectedSupplyDuration}, {@code validityPeriod}, the dosages' {@code boundsDuration}
 * or {@code boundsPeriod}, a statement's effective period), or for the forward direction the days since the
 * start if longer.
 *
 * <p><b>Once per course, read statelessly.</b> Forward, the card shows on a new start or restart of the
 * biologic; on a maintenance order only within {@code course-window} (28 d) of the day the glucocorticoid
 * course became one of at least 14 days at that dose: its start when the planned course is that long,
 * else its start + 14 d. Scenario 46 (prednisone 30 mg/day for 21 d, maintenance infliximab) is inside the
 * window (day 7 of it); the next infusion eight weeks later is not. Reverse (the glucocorticoid draft,
 * amendment 24): only with an immunosuppressive advanced therapy the patient is on (not the classes of
 * {@code not-with}: IL-4R/IL-13), a planned course of at least {@code reverse-min-days} (28 d), and no
 * glucocorticoid at that dose already active in the record (a renewal continues a course whose card was shown).
 */
final class GlucocorticoidRule implements Rule, ReverseRule {

    static final String ID = "glucocorticoid-co-medication";

    private final String valueSet;
    private final List<String> excludes;
    private final Map<String, BigDecimal> factors;
    private final BigDecimal minDailyMg;
    private final int minDays;
    private final int reverseMinDays;
    private final int courseWindow;
    private final List<String> notWith;
    private final List<Pattern> perDayCues;
    private final List<BigDecimal> perDayValues;
    private final String summary;
    private final String advice;

    GlucocorticoidRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.valueSet = knowledge.valueSet(ID, "value-set");
        this.excludes = knowledge.valueSets(ID, "exclude-value-set");
        this.factors = new LinkedHashMap<>(parameters.numbersByDrug("factor"));
        if (factors.isEmpty()) {
            throw parameters.invalid("factor", "needs one value per ingredient value set");
        }
        factors.keySet().stream().filter(vs -> !knowledge.valueSets().has(vs)).findFirst().ifPresent(vs -> {
            throw parameters.invalid("factor", "names value set '" + vs + "', which is not loaded");
        });
        this.minDailyMg = parameters.decimal("min-daily-mg");
        this.minDays = parameters.days("min-days");
        this.reverseMinDays = parameters.days("reverse-min-days");
        this.courseWindow = parameters.days("course-window");
        this.notWith = parameters.strings("not-with");
        this.perDayCues = new ArrayList<>();
        this.perDayValues = new ArrayList<>();
        for (String row : parameters.strings("per-day-cue")) {
            int bar = row.lastIndexOf('|');
            if (bar < 1) {
                throw parameters.invalid("per-day-cue", "row '" + row + "' must be regex|administrations-a-day");
            }
            try {
                perDayCues.add(Pattern.compile(row.substring(0, bar), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
                perDayValues.add(new BigDecimal(row.substring(bar + 1)));
            } catch (RuntimeException e) {
                throw parameters.invalid("per-day-cue", "row '" + row + "' cannot be read: " + e.getMessage());
            }
        }
        this.summary = parameters.string("summary");
        this.advice = parameters.string("advice");
    }

    @Override
    public String name() {
        return ID;
    }

    /** One glucocorticoid course as read: prednisone-equivalent mg/day, the ingredient, the planned days. */
    private record Course(BigDecimal equivalentMg, String ingredient, BigDecimal factor, BigDecimal dailyMg,
                          Optional<Long> plannedDays) {
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        boolean startsCourse = facts.course(order).startsCourse();
        LocalDate today = facts.today();
        List<MedicationUse> counted = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        BigDecimal highest = null;
        for (MedicationUse use : CoMedications.current(order, facts, valueSet, Optional.empty())) {
            Optional<Resource> source = facts.source(use);
            if (source.isEmpty() || local(use.concept(), source.get(), facts)) {
                continue;
            }
            Optional<Course> course = course(source.get(), use.concept(), facts);
            if (course.isEmpty() || course.get().equivalentMg().compareTo(minDailyMg) < 0) {
                continue;
            }
            LocalDate start = use.start().orElse(use.kind() == MedicationUse.Kind.DRAFT ? today : null);
            long elapsed = start == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(start, today));
            long planned = course.get().plannedDays().orElse(0L);
            if (Math.max(planned, elapsed) < minDays) {
                continue;
            }
            if (!startsCourse) {
                if (start == null) {
                    continue;
                }
                LocalDate anchor = planned >= minDays ? start : start.plusDays(minDays);
                if (today.isBefore(anchor) || !today.isBefore(anchor.plusDays(courseWindow))) {
                    continue;
                }
            }
            counted.add(use);
            shown.add("Active: " + use.describe());
            shown.add(explain(course.get(), Math.max(planned, elapsed), planned >= elapsed));
            highest = highest == null || course.get().equivalentMg().compareTo(highest) > 0 ? course.get().equivalentMg() : highest;
        }
        if (counted.isEmpty()) {
            return List.of();
        }
        String drug = order.drug().name();
        return List.of(new Finding(ID, Indicator.INFO, fill(summary, highest, drug), shown, fill(advice, highest, drug),
                List.of(), CoMedications.evidence(counted)));
    }

    @Override
    public List<Finding> evaluateReverse(CoMedicationDraft draft, List<Therapy> therapies, PatientFacts facts) {
        if (!(draft.draft() instanceof MedicationRequest request)
                || !facts.codes().matchesMedication(valueSet, draft.concept()) || local(draft.concept(), request, facts)) {
            return List.of();
        }
        List<Therapy> immunosuppressive = therapies.stream().filter(Therapy::onTherapy)
                .filter(t -> !notWith.contains(t.order().drug().id()) && !notWith.contains(t.order().drug().drugClass()))
                .toList();
        if (immunosuppressive.isEmpty()) {
            return List.of();
        }
        Optional<Course> course = course(request, draft.concept(), facts);
        if (course.isEmpty() || course.get().equivalentMg().compareTo(minDailyMg) < 0
                || course.get().plannedDays().orElse(0L) < reverseMinDays || continues(request, facts)) {
            return List.of();
        }
        String drugs = Therapies.names(immunosuppressive);
        List<String> shown = new ArrayList<>();
        shown.add("Draft order: " + Describe.concept(draft.concept()));
        shown.add(explain(course.get(), course.get().plannedDays().get(), true));
        shown.addAll(Therapies.describe(immunosuppressive));
        return List.of(new Finding(ID, Indicator.INFO, fill(summary, course.get().equivalentMg(), drugs), shown,
                fill(advice, course.get().equivalentMg(), drugs), List.of(), List.of(draft.reference())));
    }

    /** True if the record already has an active systemic glucocorticoid at the dose: the draft renews a known course. */
    private boolean continues(MedicationRequest draft, PatientFacts facts) {
        for (MedicationUse use : facts.medications()) {
            if (use.kind() == MedicationUse.Kind.DRAFT || use.kind() == MedicationUse.Kind.ADMINISTRATION || !use.active()
                    || !facts.codes().matchesMedication(valueSet, use.concept())) {
                continue;
            }
            Optional<Resource> source = facts.source(use);
            if (source.isPresent() && source.get() != draft && !local(use.concept(), source.get(), facts)
                    && course(source.get(), use.concept(), facts)
                    .map(c -> c.equivalentMg().compareTo(minDailyMg) >= 0).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private Optional<Course> course(Resource source, CodeableConcept concept, PatientFacts facts) {
        Optional<String> ingredient = factors.keySet().stream()
                .filter(vs -> facts.codes().matchesMedication(vs, concept)).findFirst();
        if (ingredient.isEmpty()) {
            return Optional.empty();
        }
        Optional<BigDecimal> daily = dailyMg(DosageReading.dosages(source), concept);
        if (daily.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal factor = factors.get(ingredient.get());
        Optional<Long> planned = taperDaysAtThreshold(DosageReading.dosages(source), concept, factor).or(() -> plannedDays(source));
        return Optional.of(new Course(daily.get().multiply(factor).setScale(1, RoundingMode.HALF_UP), ingredient.get(),
                factor, daily.get(), planned));
    }

    /**
     * A taper written as steps ({@code sequence}), each with its {@code boundsDuration}: the days of the steps at or
     * above the threshold, added up (40, 30, 20, 10 mg a week each: 21 days at 20 mg/day or more). Empty when
     * the dosages are not such a list.
     */
    private Optional<Long> taperDaysAtThreshold(List<Dosage> dosages, CodeableConcept concept, BigDecimal factor) {
        if (dosages.size() < 2 || !dosages.stream().allMatch(d -> d.hasSequence()
                && d.getTiming().getRepeat().hasBoundsDuration())) {
            return Optional.empty();
        }
        long days = 0;
        for (Dosage dosage : dosages) {
            Optional<BigDecimal> daily = dailyMg(List.of(dosage), concept);
            if (daily.isPresent() && daily.get().multiply(factor).compareTo(minDailyMg) >= 0) {
                days += FhirDates.days(dosage.getTiming().getRepeat().getBoundsDuration()).orElse(0L);
            }
        }
        return Optional.of(days);
    }

    /** mg/day: dose × administrations a day, summed within a sequence, the largest sequence. */
    private Optional<BigDecimal> dailyMg(List<Dosage> dosages, CodeableConcept concept) {
        Map<Integer, BigDecimal> bySequence = new LinkedHashMap<>();
        for (Dosage dosage : dosages) {
            Optional<BigDecimal> dose = DosageReading.doseMg(dosage, concept);
            if (dose.isEmpty()) {
                continue;
            }
            BigDecimal daily = dose.get().multiply(perDay(dosage));
            bySequence.merge(dosage.hasSequence() ? dosage.getSequence() : 0, daily, BigDecimal::add);
        }
        return bySequence.values().stream().max(BigDecimal::compareTo);
    }

    private BigDecimal perDay(Dosage dosage) {
        Timing timing = dosage.getTiming();
        for (Coding code : timing.getCode().getCoding()) {
            String value = code.hasCode() ? code.getCode().toUpperCase(Locale.ROOT) : "";
            switch (value) {
                case "QD", "AM", "PM", "BED":
                    return BigDecimal.ONE;
                case "BID":
                    return BigDecimal.valueOf(2);
                case "TID":
                    return BigDecimal.valueOf(3);
                case "QID":
                    return BigDecimal.valueOf(4);
                case "QOD":
                    return new BigDecimal("0.5");
                default:
                    break;
            }
        }
        if (timing.hasRepeat()) {
            Optional<Double> period = DosageReading.periodDays(timing.getRepeat());
            if (period.isPresent() && period.get() > 0) {
                return BigDecimal.valueOf(DosageReading.frequency(timing.getRepeat()) / period.get())
                        .setScale(4, RoundingMode.HALF_UP);
            }
            if (timing.getRepeat().getTimeOfDay().size() > 1) {
                return BigDecimal.valueOf(timing.getRepeat().getTimeOfDay().size());
            }
        }
        String text = DosageReading.text(dosage).toLowerCase(Locale.ROOT);
        for (int i = 0; i < perDayCues.size(); i++) {
            Matcher matcher = perDayCues.get(i).matcher(text);
            if (matcher.find()) {
                return perDayValues.get(i);
            }
        }
        return BigDecimal.ONE;
    }

    /**
     * The planned course in days: the longest of the expected supply duration, the validity period, the
     * dosages' bounds (duration, or period start to end inclusive), a statement's effective period.
     */
    static Optional<Long> plannedDays(Resource source) {
        List<Long> spans = new ArrayList<>();
        if (source instanceof MedicationRequest request) {
            MedicationRequest.MedicationRequestDispenseRequestComponent dispense = request.getDispenseRequest();
            if (dispense.hasExpectedSupplyDuration()) {
                FhirDates.days(dispense.getExpectedSupplyDuration()).ifPresent(spans::add);
            }
            if (dispense.hasValidityPeriod()) {
                span(dispense.getValidityPeriod()).ifPresent(spans::add);
            }
        }
        if (source instanceof MedicationStatement statement && statement.getEffective() instanceof Period period) {
            span(period).ifPresent(spans::add);
        }
        for (Dosage dosage : DosageReading.dosages(source)) {
            Timing.TimingRepeatComponent repeat = dosage.getTiming().getRepeat();
            if (repeat.hasBoundsDuration()) {
                FhirDates.days(repeat.getBoundsDuration()).ifPresent(spans::add);
            } else if (repeat.hasBoundsPeriod()) {
                span(repeat.getBoundsPeriod()).ifPresent(spans::add);
            }
        }
        return spans.stream().max(Long::compare);
    }

    private static Optional<Long> span(Period period) {
        Optional<LocalDate> start = FhirDates.start(period);
        Optional<LocalDate> end = FhirDates.end(period);
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ChronoUnit.DAYS.between(start.get(), end.get()) + 1);
    }

    private boolean local(CodeableConcept concept, Resource source, PatientFacts facts) {
        for (String exclude : excludes) {
            if (facts.codes().matchesMedication(exclude, concept)) {
                return true;
            }
            for (Dosage dosage : DosageReading.dosages(source)) {
                if (dosage.hasRoute() && facts.codes().matchesMedication(exclude, dosage.getRoute())) {
                    return true;
                }
                String text = DosageReading.text(dosage);
                if (!text.isBlank() && facts.codes().matchesMedication(exclude, new CodeableConcept().setText(text))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String explain(Course course, long days, boolean planned) {
        String dose = plain(course.dailyMg()) + " mg/day";
        String equivalent = course.factor().compareTo(BigDecimal.ONE) == 0 ? ""
                : " (" + course.ingredient() + " " + dose + " × " + plain(course.factor()) + ")";
        return "Prednisone-equivalent " + plain(course.equivalentMg()) + " mg/day" + equivalent + " for "
                + (planned ? "a planned " + days + " days" : days + " days so far");
    }

    private String fill(String template, BigDecimal dose, String drug) {
        return Describe.capitalized(template.replace("{dose}", plain(dose)).replace("{drug}", drug)
                .replace("{min}", plain(minDailyMg)));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}

package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Timing;

/**
 * How often a methotrexate order is taken (clinical-v2.md section 4, {@code methotrexate-dosing};
 * amendment 17). Structured timing first, then the free text:
 * <ul>
 * <li>{@code Timing.code} among the {@code daily-timing-code}s (QD, BID, TID, QID, QOD, ...) → more than
 *     once a week; among the {@code weekly-timing-code}s (WK) → weekly;</li>
 * <li>{@code Timing.repeat}: a period of 1 to 6 days → more than weekly; a period under a day (every 12 h)
 *     → more than weekly unless the repeat is bounded to ≤ 24 h ({@code count} × period or
 *     {@code boundsDuration}): a weekly dose split over ≤ 24 h is weekly; a period of 7 days or more → weekly
 *     with one dose, more than weekly with two or more (twice weekly) unless the text says the doses are a
 *     split dose; {@code dayOfWeek} with one day → weekly, with two or more → more than weekly;</li>
 * <li>text (the dosage text, patient instruction, timing code text, additional instructions), lower case,
 *     with {@code negation-cue} phrases ("not daily", "не ежедневно") taken out: a {@code daily-cue} ("daily",
 *     "every other day", "twice weekly", "ежедневно") alone → more than weekly; a {@code weekly-cue} alone →
 *     weekly; both → weekly when a {@code split-cue} ("every 12 hours for 3 doses") says the daily words are a
 *     split weekly dose, else unreadable; neither → unreadable.</li>
 * </ul>
 * A dosage with no text, code or repeat says nothing ({@link Kind#NOT_STATED}). Of several dosages the
 * worst counts; the weekly dose is the dose per administration times the administrations a week, summed
 * over dosages of one {@code sequence} and the largest of the sequences (a titration).
 */
final class MethotrexateSchedule {

    enum Kind { MORE_THAN_WEEKLY, UNREADABLE, WEEKLY, NOT_STATED }

    /**
     * @param kind      how often it is taken
     * @param frequency the words for it, as the order says them ("daily", "every 2 days", "twice weekly", "code QD")
     * @param sig       the order's dosage text, one line (empty when it has none)
     * @param weeklyMg  mg a week, when the dose and timing could both be read
     */
    record Reading(Kind kind, String frequency, String sig, Optional<BigDecimal> weeklyMg) {
    }

    private record One(Kind kind, String frequency, Optional<BigDecimal> weeklyMg) {
    }

    private static final Map<String, String> CODE_WORDS = Map.of("QD", "daily", "BID", "twice daily", "TID",
            "three times daily", "QID", "four times daily", "QOD", "every other day", "AM", "every morning",
            "PM", "every evening", "BED", "at bedtime");
    private static final Pattern DOSES = Pattern.compile("(\\d+)\\s*(?:doses|приема|приёма|приёмов|приемов)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern DIVIDED = Pattern.compile("divided|разделённ|разделенн|в \\d+ приема",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private final Set<String> dailyCodes;
    private final Set<String> weeklyCodes;
    private final List<Pattern> dailyCues;
    private final List<Pattern> weeklyCues;
    private final List<Pattern> splitCues;
    private final List<Pattern> negationCues;

    MethotrexateSchedule(RuleParameters parameters) {
        this.dailyCodes = upper(parameters.strings("daily-timing-code"));
        this.weeklyCodes = upper(parameters.strings("weekly-timing-code"));
        this.dailyCues = patterns(parameters, "daily-cue");
        this.weeklyCues = patterns(parameters, "weekly-cue");
        this.splitCues = patterns(parameters, "split-cue");
        this.negationCues = patterns(parameters, "negation-cue");
    }

    private static Set<String> upper(List<String> codes) {
        return codes.stream().map(c -> c.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    private static List<Pattern> patterns(RuleParameters parameters, String name) {
        List<Pattern> compiled = new ArrayList<>();
        for (String cue : parameters.strings(name)) {
            try {
                compiled.add(Pattern.compile(cue, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw parameters.invalid(name, "'" + cue + "' is not a regular expression: " + e.getDescription());
            }
        }
        if (compiled.isEmpty()) {
            throw parameters.invalid(name, "needs at least one value");
        }
        return List.copyOf(compiled);
    }

    Reading read(List<Dosage> dosages, CodeableConcept medication) {
        String sig = dosages.stream().map(DosageReading::text).filter(t -> !t.isBlank()).map(Describe::oneLine)
                .collect(Collectors.joining("; "));
        List<Dosage> saying = dosages.stream().filter(DosageReading::says).toList();
        if (saying.isEmpty()) {
            return new Reading(Kind.NOT_STATED, "", sig, Optional.empty());
        }
        Map<Integer, List<One>> bySequence = new LinkedHashMap<>();
        One worst = null;
        for (Dosage dosage : saying) {
            One one = read(dosage, medication);
            bySequence.computeIfAbsent(dosage.hasSequence() ? dosage.getSequence() : 0, s -> new ArrayList<>()).add(one);
            if (worst == null || one.kind().ordinal() < worst.kind().ordinal()) {
                worst = one;
            }
        }
        Optional<BigDecimal> weekly = Optional.empty();
        if (worst.kind() == Kind.WEEKLY) {
            boolean allRead = bySequence.values().stream().flatMap(List::stream).allMatch(o -> o.weeklyMg().isPresent());
            if (allRead) {
                weekly = bySequence.values().stream()
                        .map(ones -> ones.stream().map(o -> o.weeklyMg().get()).reduce(BigDecimal.ZERO, BigDecimal::add))
                        .max(BigDecimal::compareTo);
            }
        }
        return new Reading(worst.kind(), worst.frequency(), sig, weekly);
    }

    private One read(Dosage dosage, CodeableConcept medication) {
        String text = withoutNegations(DosageReading.text(dosage).toLowerCase(Locale.ROOT));
        Optional<BigDecimal> dose = DosageReading.doseMg(dosage, medication);
        Timing timing = dosage.getTiming();
        for (Coding code : timing.getCode().getCoding()) {
            String value = code.hasCode() ? code.getCode().toUpperCase(Locale.ROOT) : "";
            if (dailyCodes.contains(value)) {
                return new One(Kind.MORE_THAN_WEEKLY, CODE_WORDS.getOrDefault(value, "code " + value), Optional.empty());
            }
            if (weeklyCodes.contains(value)) {
                return new One(Kind.WEEKLY, "once weekly", dose.map(d -> d.multiply(BigDecimal.valueOf(textDoses(text)))));
            }
        }
        if (timing.hasRepeat()) {
            Optional<One> structured = structured(timing.getRepeat(), text, dose);
            if (structured.isPresent()) {
                return structured.get();
            }
        }
        Optional<String> daily = first(dailyCues, text);
        // "twice weekly" is a daily cue: the weekly cues are looked for in what the daily cues leave.
        Optional<String> weekly = first(weeklyCues, without(dailyCues, text));
        boolean split = first(splitCues, text).isPresent();
        if (daily.isPresent() && (weekly.isEmpty() || !split)) {
            return weekly.isEmpty() ? new One(Kind.MORE_THAN_WEEKLY, daily.get(), Optional.empty())
                    : new One(Kind.UNREADABLE, "", Optional.empty());
        }
        if (weekly.isPresent()) {
            return new One(Kind.WEEKLY, weekly.get(), dose.map(d -> d.multiply(BigDecimal.valueOf(textDoses(text)))));
        }
        return new One(Kind.UNREADABLE, "", Optional.empty());
    }

    private Optional<One> structured(Timing.TimingRepeatComponent repeat, String text, Optional<BigDecimal> dose) {
        int frequency = DosageReading.frequency(repeat);
        boolean split = first(splitCues, text).isPresent();
        if (repeat.getDayOfWeek().size() >= 2) {
            return Optional.of(new One(Kind.MORE_THAN_WEEKLY, "on " + repeat.getDayOfWeek().size() + " days a week",
                    Optional.empty()));
        }
        if (repeat.getDayOfWeek().size() == 1) {
            int perDay = Math.max(frequency, Math.max(1, repeat.getTimeOfDay().size()));
            return Optional.of(new One(Kind.WEEKLY, "once weekly", dose.map(d -> d.multiply(BigDecimal.valueOf(perDay)))));
        }
        Optional<Double> period = DosageReading.periodDays(repeat);
        if (period.isEmpty()) {
            return Optional.empty();
        }
        double days = period.get();
        if (days < 1) {
            Optional<Double> span = boundedSpanDays(repeat, days);
            if (span.isPresent() && span.get() <= 1.0 + 1e-9) {
                int doses = repeat.hasCount() ? repeat.getCount() : (int) Math.round(span.get() / days * frequency);
                return Optional.of(new One(Kind.WEEKLY, "a weekly dose split over " + hours(span.get()) + " hours",
                        dose.map(d -> d.multiply(BigDecimal.valueOf(Math.max(1, doses))))));
            }
            return Optional.of(new One(Kind.MORE_THAN_WEEKLY, (frequency > 1 ? frequency + " times " : "")
                    + "every " + hours(days) + " hours", Optional.empty()));
        }
        if (days <= 6 + 1e-9) {
            String words = days == 1 ? (frequency == 1 ? "daily" : frequency + " times a day")
                    : (frequency == 1 ? "" : frequency + " times ") + "every " + whole(days) + " days";
            return Optional.of(new One(Kind.MORE_THAN_WEEKLY, words, Optional.empty()));
        }
        if (frequency >= 2 && !split) {
            return Optional.of(new One(Kind.MORE_THAN_WEEKLY, frequency + " times every " + whole(days) + " days",
                    Optional.empty()));
        }
        BigDecimal perWeek = BigDecimal.valueOf(frequency * 7.0 / days);
        return Optional.of(new One(Kind.WEEKLY, days == 7 ? "once weekly" : "every " + whole(days) + " days",
                dose.map(d -> d.multiply(perWeek).setScale(2, RoundingMode.HALF_UP))));
    }

    /** How long a repeat of a sub-daily period lasts, when it is bounded: count × period, or boundsDuration. */
    private static Optional<Double> boundedSpanDays(Timing.TimingRepeatComponent repeat, double periodDays) {
        if (repeat.hasCount()) {
            // Three doses 12 hours apart span 24 hours: the first dose starts the span.
            return Optional.of((repeat.getCount() - 1) * periodDays / DosageReading.frequency(repeat));
        }
        if (repeat.hasBoundsDuration() && repeat.getBoundsDuration().hasValue()) {
            String unit = repeat.getBoundsDuration().hasCode() ? repeat.getBoundsDuration().getCode()
                    : repeat.getBoundsDuration().getUnit();
            return DosageReading.unitDays(unit).map(d -> repeat.getBoundsDuration().getValue().doubleValue() * d);
        }
        return Optional.empty();
    }

    private String withoutNegations(String text) {
        return without(negationCues, text);
    }

    private static String without(List<Pattern> cues, String text) {
        String result = text;
        for (Pattern cue : cues) {
            result = cue.matcher(result).replaceAll(" ");
        }
        return result;
    }

    private static Optional<String> first(List<Pattern> cues, String text) {
        for (Pattern cue : cues) {
            Matcher matcher = cue.matcher(text);
            if (matcher.find()) {
                return Optional.of(matcher.group().trim());
            }
        }
        return Optional.empty();
    }

    /** The doses a week a text names for a split weekly dose ("for 3 doses"); 1 when it does not, or says "divided". */
    private static int textDoses(String text) {
        if (DIVIDED.matcher(text).find()) {
            return 1;
        }
        Matcher doses = DOSES.matcher(text);
        return doses.find() ? Math.max(1, Integer.parseInt(doses.group(1))) : 1;
    }

    private static String hours(double days) {
        return whole(days * 24);
    }

    private static String whole(double value) {
        return Math.abs(value - Math.rint(value)) < 1e-9 ? String.valueOf((long) Math.rint(value))
                : BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}

package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Coding;

/**
 * {@code baseline-labs} (clinical-v2.md section 4, amendment 14): before a new start or restart, the
 * tests the drug's label asks for within {@code window} (90 days), and their start thresholds.
 * Which tests a drug needs ({@code requires}, per drug or class, else {@code default}) and the
 * thresholds ({@code <analyte>-below} in cells/µL or g/dL, {@code <analyte>-above-uln} as a multiple
 * of the upper limit of normal, per drug or class) are parameters; each analyte is read from its
 * value set ({@code analyte-value-set}, keyed by analyte), from the newest result in the window.
 *
 * <p>A result that is out of range, or a required test with no result in the window, gives the
 * drug's {@code indicator} (JAK, IL-6R, anakinra: warning; other immunosuppressive therapies: info).
 * A result that could not be compared (unit not understood, ALT/AST without a reference range) is
 * named in the card, never passed in silence; when it is the only finding the card is info.
 */
final class BaselineLabsRule implements Rule {

    static final String ID = "baseline-labs";
    /** The analytes of a blood count (clinical-v2.md 6.2 "CBC"): missing together they are "no blood count". */
    private static final Set<String> BLOOD_COUNT = Set.of("blood-count", "lymphocytes", "neutrophils", "hemoglobin",
            "platelets");
    private static final List<String> ENZYMES = List.of("alt", "ast");

    private enum Kind { MISSING, OUT_OF_RANGE, NOT_COMPARED }

    private record Problem(Kind kind, String analyte, String summary, String fact, String reference) {
    }

    private final List<String> appliesTo;
    private final int windowDays;
    private final Map<String, List<String>> requires;
    private final Map<String, String> valueSets;
    private final Map<String, String> names;
    private final Map<String, Map<String, BigDecimal>> below = new LinkedHashMap<>();
    private final Map<String, Map<String, BigDecimal>> aboveUln = new LinkedHashMap<>();
    private final Map<String, Indicator> indicators;
    private final Indicator defaultIndicator;
    private final Map<String, Coding> orderCodes;
    private final String summaryMissing;
    private final String summaryBelow;
    private final String summaryAbove;
    private final String summaryNotCompared;
    private final String advice;

    @Override
    public String name() {
        return ID;
    }

    BaselineLabsRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.appliesTo = parameters.strings("applies-to");
        this.windowDays = parameters.days("window");
        this.requires = parameters.textListsByDrug("requires");
        if (!requires.containsKey("default")) {
            throw parameters.invalid("requires", "needs a value for drug 'default'");
        }
        this.valueSets = parameters.textsByDrug("analyte-value-set");
        this.names = parameters.textsByDrug("analyte-name");
        for (String id : valueSets.values()) {
            if (!knowledge.valueSets().has(id)) {
                throw parameters.invalid("analyte-value-set", "names value set '" + id + "', which is not loaded");
            }
        }
        requires.values().stream().flatMap(List::stream).forEach(a -> {
            if (!valueSets.containsKey(a) || !names.containsKey(a)) {
                throw parameters.invalid("requires", "names analyte '" + a + "' without analyte-value-set and analyte-name");
            }
        });
        for (String analyte : List.of("lymphocytes", "neutrophils", "platelets", "hemoglobin")) {
            below.put(analyte, parameters.numbersByDrug(analyte + "-below"));
        }
        for (String analyte : ENZYMES) {
            aboveUln.put(analyte, parameters.numbersByDrug(analyte + "-above-uln"));
        }
        this.indicators = parameters.indicatorsByDrug();
        this.defaultIndicator = parameters.indicator();
        this.orderCodes = parameters.codingsByDrug("order-test");
        this.summaryMissing = parameters.string("summary-missing");
        this.summaryBelow = parameters.string("summary-below");
        this.summaryAbove = parameters.string("summary-above");
        this.summaryNotCompared = parameters.string("summary-not-compared");
        this.advice = parameters.string("advice");
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (order.ongoing() || !order.isOneOf(appliesTo)) {
            return List.of();
        }
        CourseState course = facts.course(order);
        if (!course.startsCourse()) {
            return List.of(); // new starts and restarts (section 4: NS)
        }
        String drug = order.drug().name();
        LocalDate from = facts.today().minusDays(windowDays);
        List<String> required = PerDrug.pick(requires, order, requires.get("default"));
        Set<String> checked = new LinkedHashSet<>(required);
        for (String analyte : valueSets.keySet()) {
            if (threshold(analyte, order).isPresent()) {
                checked.add(analyte);
            }
        }
        List<Problem> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<String> found = new LinkedHashSet<>();
        for (String analyte : checked) {
            Optional<LabReading> newest = newest(facts, analyte, from);
            if (newest.isEmpty()) {
                if (required.contains(analyte)) {
                    missing.add(analyte);
                }
                continue;
            }
            found.add(analyte);
            seen.add(names.get(analyte) + " " + newest.get().asSent() + " on " + newest.get().date()
                    + " (" + newest.get().name() + ")");
            compare(analyte, newest.get(), order, drug).ifPresent(problems::add);
        }
        if (!missing.isEmpty()) {
            problems.add(0, missing(missing, found, course));
        }
        if (problems.isEmpty()) {
            return List.of();
        }
        problems.sort((a, b) -> Integer.compare(rank(a.kind()), rank(b.kind())));
        Indicator drugIndicator = PerDrug.pick(indicators, order, defaultIndicator);
        boolean onlyNotCompared = problems.stream().allMatch(p -> p.kind() == Kind.NOT_COMPARED);
        Indicator indicator = onlyNotCompared ? Indicator.INFO : drugIndicator;
        List<String> shown = new ArrayList<>();
        problems.forEach(p -> shown.add(p.fact()));
        seen.forEach(s -> shown.add("In the last " + windowDays + " days: " + s));
        List<SuggestedAction> suggestions = new ArrayList<>();
        Map<String, Coding> byCode = new LinkedHashMap<>();
        missing.stream().map(orderCodes::get).filter(java.util.Objects::nonNull)
                .forEach(c -> byCode.putIfAbsent(c.getSystem() + "|" + c.getCode(), c));
        List<Coding> toOrder = List.copyOf(byCode.values());
        if (!toOrder.isEmpty()) {
            suggestions.add(new SuggestedAction.OrderTests(toOrder, String.join(" and ",
                    toOrder.stream().map(Coding::getDisplay).distinct().toList())));
        }
        List<String> records = problems.stream().map(Problem::reference).filter(java.util.Objects::nonNull).distinct().toList();
        return List.of(new Finding(ID, indicator, problems.get(0).summary(), shown,
                Wording.fill(advice, Map.of("drug", drug, "moment", course.moment())), suggestions, records));
    }

    private static int rank(Kind kind) {
        return switch (kind) {
            case OUT_OF_RANGE -> 0;
            case MISSING -> 1;
            case NOT_COMPARED -> 2;
        };
    }

    private Optional<LabReading> newest(PatientFacts facts, String analyte, LocalDate from) {
        if (analyte.equals("blood-count")) {
            // any part of a blood count, or the panel itself
            return BLOOD_COUNT.stream().filter(valueSets::containsKey)
                    .flatMap(a -> LabReading.since(facts, valueSets.get(a), from).stream())
                    .max(java.util.Comparator.comparing(LabReading::date));
        }
        return LabReading.since(facts, valueSets.get(analyte), from).stream().findFirst();
    }

    private Optional<BigDecimal> threshold(String analyte, BiologicOrder order) {
        Map<String, BigDecimal> byDrug = below.containsKey(analyte) ? below.get(analyte) : aboveUln.get(analyte);
        return byDrug == null ? Optional.empty() : Optional.ofNullable(PerDrug.pick(byDrug, order, null));
    }

    private Optional<Problem> compare(String analyte, LabReading reading, BiologicOrder order, String drug) {
        Optional<BigDecimal> limit = threshold(analyte, order);
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        String name = names.get(analyte);
        String date = reading.date().toString();
        if (ENZYMES.contains(analyte)) {
            Optional<Double> times = reading.timesUpperLimit();
            if (times.isEmpty()) {
                String why = reading.quantity().isEmpty() ? "no numeric value"
                        : reading.hasUpperLimit() ? "its reference range is in another unit" : "no reference range (upper limit of normal) with the result";
                return Optional.of(notCompared(analyte, reading, name, date, why, limit.get().toPlainString() + " × ULN"));
            }
            if (times.get() > limit.get().doubleValue()) {
                String value = reading.asSent() + " (" + round(times.get()) + " × ULN)";
                return Optional.of(new Problem(Kind.OUT_OF_RANGE, analyte,
                        Wording.fill(summaryAbove, Map.of("test", name, "value", value, "date", date, "drug", drug)),
                        name + " " + value + " on " + date + ": above " + limit.get().toPlainString()
                                + " × the upper limit of normal, the label's start threshold for " + drug,
                        reading.reference()));
            }
            return Optional.empty();
        }
        boolean hb = analyte.equals("hemoglobin");
        Optional<Double> value = hb ? reading.gramsPerDecilitre() : reading.cellsPerMicrolitre();
        String unit = hb ? " g/dL" : "/µL";
        if (value.isEmpty()) {
            return Optional.of(notCompared(analyte, reading, name, date, reading.quantity().isEmpty() ? "no numeric value"
                    : "unit not understood", limit.get().toPlainString() + unit));
        }
        if (value.get() < limit.get().doubleValue()) {
            String shown = (hb ? round(value.get()) : String.valueOf(Math.round(value.get()))) + unit;
            return Optional.of(new Problem(Kind.OUT_OF_RANGE, analyte,
                    Wording.fill(summaryBelow, Map.of("test", name, "value", shown, "date", date, "drug", drug)),
                    name + " " + shown + " on " + date + " (sent as " + reading.asSent() + "): below "
                            + limit.get().toPlainString() + unit + ", the label's start threshold for " + drug,
                    reading.reference()));
        }
        return Optional.empty();
    }

    private Problem notCompared(String analyte, LabReading reading, String name, String date, String why, String limit) {
        return new Problem(Kind.NOT_COMPARED, analyte,
                Wording.fill(summaryNotCompared, Map.of("test", name, "value", reading.asSent(), "date", date)),
                name + " " + reading.asSent() + " on " + date + " could not be compared with the start threshold ("
                        + limit + "): " + why, reading.reference());
    }

    /** "blood count" when no part of one was found at all, else the parts that are missing by name. */
    private Problem missing(List<String> analytes, Set<String> found, CourseState course) {
        List<String> words = new ArrayList<>();
        boolean noBloodCount = analytes.stream().anyMatch(BLOOD_COUNT::contains)
                && found.stream().noneMatch(BLOOD_COUNT::contains);
        if (noBloodCount) {
            words.add(names.getOrDefault("blood-count", "blood count"));
        }
        for (String a : analytes) {
            if (!noBloodCount || !BLOOD_COUNT.contains(a)) {
                words.add(names.get(a));
            }
        }
        String tests = join(words);
        return new Problem(Kind.MISSING, String.join(",", analytes),
                Wording.fill(summaryMissing, Map.of("tests", tests, "days", String.valueOf(windowDays),
                        "moment", course.moment())),
                "No " + tests + " result in the last " + windowDays + " days", null);
    }

    private static String join(List<String> words) {
        if (words.size() <= 1) {
            return words.isEmpty() ? "" : words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static String round(double value) {
        return BigDecimal.valueOf(Math.round(value * 10) / 10.0).stripTrailingZeros().toPlainString();
    }
}

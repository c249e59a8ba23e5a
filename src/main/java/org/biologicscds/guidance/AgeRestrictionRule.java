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
 * {@code age-restriction} (clinical-v2.md 3.5, table 5.3, amendment 13): the patient is younger than
 * the labelled minimum age for the drug in the indication on record, by the labels of the site's
 * {@code label-region} (US default, EU, RU). The table is the repeated {@code minimum-age} parameter,
 * one row per drug (or class, or {@code default}), indication (a value set of the
 * {@code indication-name} rows, or {@code *}), region ({@code US}, {@code EU}, {@code RU} or
 * {@code *}) and age ({@code 6 a}, {@code 8 mo}), optionally a route ({@code IV} or {@code SC}: table 5.3
 * gives abatacept pJIA 2 y SC but 6 y IV; a route row counts only for an order of that route, and for
 * an order whose route is not stated, where the lowest minimum counts as everywhere else). An indication without a row of its own falls back to
 * the drug's {@code *} row (adults); with several indications the lowest minimum counts (licensed for
 * at least one); with none on record, the lowest minimum of any indication. An off-label indication
 * ({@code off-label-indication}: CRMO, DM/PM) gets no card; no birth date gets an info card. The
 * per-drug indicator makes netakimab under 18 critical in every region.
 */
final class AgeRestrictionRule implements Rule {

    static final String ID = "age-restriction";

    /** One row of the minimum-age table; {@code months} is the minimum age in months. */
    private record Row(String drug, String indication, String region, int months, boolean verify,
                       Optional<AdministrationRoute> route) {

        boolean fits(AdministrationRoute ordered) {
            return route.isEmpty() || ordered == AdministrationRoute.NOT_STATED || route.get() == ordered;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final String region;
    private final Map<String, String> labels;
    private final IndicationTable indications;
    private final List<String> offLabel;
    private final Map<String, Indicator> indicators;
    private final Indicator defaultIndicator;
    private final Map<String, String> advice;

    AgeRestrictionRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.region = parameters.string("label-region");
        this.labels = new java.util.LinkedHashMap<>();
        for (String row : parameters.strings("label-name")) {
            int colon = row.indexOf(':');
            if (colon <= 0) {
                throw parameters.invalid("label-name", "must read '<region>: <label>', not '" + row + "'");
            }
            labels.put(row.substring(0, colon).strip(), row.substring(colon + 1).strip());
        }
        if (!labels.containsKey(region)) {
            throw parameters.invalid("label-region", "'" + region + "' has no label-name row");
        }
        this.indications = new IndicationTable(knowledge, ID);
        this.offLabel = parameters.strings("off-label-indication");
        offLabel.forEach(id -> indications.require(parameters, "off-label-indication", id));
        for (Map.Entry<String, List<String>> entry : parameters.textListsByDrug("minimum-age").entrySet()) {
            for (String text : entry.getValue()) {
                rows.add(row(parameters, entry.getKey(), text));
            }
        }
        if (rows.stream().noneMatch(r -> r.drug().equals("default") && r.indication().equals("*"))) {
            throw parameters.invalid("minimum-age", "needs a row '* * <age>' for drug 'default'");
        }
        this.indicators = parameters.indicatorsByDrug();
        this.defaultIndicator = parameters.indicator();
        this.advice = parameters.textsByDrug("advice");
    }

    private Row row(RuleParameters parameters, String drug, String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length < 4 || !parts[2].matches("\\d+") || !List.of("a", "mo").contains(parts[3])) {
            throw parameters.invalid("minimum-age", "must read '<indication|*> <US|EU|RU|*> <n> <a|mo> [verify] [IV|SC]', not '" + text + "'");
        }
        Optional<AdministrationRoute> route = Optional.empty();
        for (int i = 4; i < parts.length; i++) {
            switch (parts[i]) {
                case "verify" -> { }
                case "IV" -> route = Optional.of(AdministrationRoute.INTRAVENOUS);
                case "SC" -> route = Optional.of(AdministrationRoute.SUBCUTANEOUS);
                default -> throw parameters.invalid("minimum-age", "unknown word '" + parts[i] + "' in '" + text
                        + "' (after the age: verify, IV or SC)");
            }
        }
        if (!parts[0].equals("*")) {
            indications.require(parameters, "minimum-age", parts[0]);
        }
        int n = Integer.parseInt(parts[2]);
        return new Row(drug, parts[0], parts[1], parts[3].equals("a") ? 12 * n : n, text.contains("verify"), route);
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        String drug = order.drug().name();
        List<Row> ofDrug = rowsOf(order);
        Optional<LocalDate> birth = facts.record().patient().filter(p -> p.hasBirthDateElement())
                .flatMap(p -> FhirDates.day(p.getBirthDateElement()));
        if (birth.isEmpty()) {
            int youngest = ofDrug.stream().filter(this::inRegion).mapToInt(Row::months).min().orElse(18 * 12);
            return List.of(new Finding(ID, Indicator.INFO, "Age unknown: check that " + drug + " is licensed for this patient",
                    List.of("No birth date in the record", Describe.capitalized(drug) + " is licensed from age " + age(youngest)
                            + " (" + labels.get(region) + ", youngest indication)"),
                    "Record the birth date; check the licensed age for the indication.", List.of()));
        }
        List<String> found = OrderIndication.of(order, facts, indications.valueSets());
        if (found.stream().anyMatch(offLabel::contains)) {
            return List.of();
        }
        long months = ChronoUnit.MONTHS.between(birth.get(), facts.today());
        Optional<Row> licensed = found.isEmpty()
                ? ofDrug.stream().filter(this::inRegion).min(Comparator.comparingInt(Row::months))
                : found.stream().map(i -> minimumFor(ofDrug, i)).flatMap(Optional::stream).min(Comparator.comparingInt(Row::months));
        if (licensed.isEmpty() || months >= licensed.get().months()) {
            return List.of();
        }
        Row minimum = licensed.get();
        String indication = found.isEmpty() ? "any indication"
                : minimum.indication().equals("*") ? Describe.shortened(indications.name(found.get(0))) : indications.name(minimum.indication());
        int years = (int) (months / 12);
        List<String> shown = new ArrayList<>();
        shown.add("Age " + years + " (born " + birth.get() + ")");
        shown.add(Describe.capitalized(drug) + " is licensed for " + indication + " from age " + age(minimum.months())
                + " (" + labels.get(region) + (minimum.verify() ? "; minimum age to verify" : "") + ")");
        if (!found.isEmpty()) {
            shown.add("Indication on record: " + String.join(", ", found.stream().map(indications::name).toList()));
        }
        return List.of(new Finding(ID, PerDrug.pick(indicators, order, defaultIndicator),
                "Age " + years + ": " + drug + " is not licensed for " + indication + " under " + age(minimum.months())
                        + " (" + labels.get(region) + ")",
                shown, PerDrug.pick(advice, order, "").replace("{drug}", drug), List.of()));
    }

    /** The rows of the order's drug (by drug id, else its class, else the default rows) that fit the order's route. */
    private List<Row> rowsOf(BiologicOrder order) {
        for (String key : List.of(order.drug().id(), order.drug().drugClass(), "default")) {
            List<Row> found = rows.stream().filter(r -> r.drug().equals(key)).filter(r -> r.fits(order.route())).toList();
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    /**
     * The minimum for one indication: its own row in this region, else its row for every region, else the
     * drug's "*" row; of several (one per route, the order's route not stated) the lowest.
     */
    private Optional<Row> minimumFor(List<Row> ofDrug, String indication) {
        for (String wanted : List.of(indication, "*")) {
            for (String where : List.of(region, "*")) {
                Optional<Row> found = ofDrug.stream().filter(r -> r.indication().equals(wanted) && r.region().equals(where))
                        .min(Comparator.comparingInt(Row::months));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private boolean inRegion(Row row) {
        return row.region().equals("*") || row.region().equals(region);
    }

    private static String age(int months) {
        return months % 12 == 0 ? months / 12 + " years" : months + " months";
    }
}

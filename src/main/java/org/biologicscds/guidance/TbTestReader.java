package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Reads IGRA and tuberculin skin test results as EHRs record them: coded answers (LOINC LA codes,
 * SNOMED qualifiers), strings, interpretation flags, or numbers (IGRA antigen minus nil in IU/mL,
 * T-SPOT spot counts, TST induration in mm). Thresholds come from the knowledge.
 */
final class TbTestReader {

    private static final String IGRA_QUALITATIVE = "igra-qualitative";
    private static final String IGRA_QUANTITATIVE = "igra-quantitative";
    private static final String TSPOT_SPOTS = "tspot-spot-counts";
    private static final String TST = "tst-induration";
    /** Answer value sets, most cautious first: "non-reactive" must read as negative before "reactive" as positive. */
    private static final List<Map.Entry<String, TbTestResult.Reading>> ANSWER_SETS = List.of(
            Map.entry("result-indeterminate", TbTestResult.Reading.INDETERMINATE),
            Map.entry("result-negative", TbTestResult.Reading.NEGATIVE),
            Map.entry("result-positive", TbTestResult.Reading.POSITIVE));

    private final BigDecimal igraPositiveIuPerMl;
    private final BigDecimal tspotPositiveSpots;
    private final BigDecimal tspotNegativeSpots;
    private final BigDecimal tstPositiveMm;

    TbTestReader(RuleParameters parameters) {
        this.igraPositiveIuPerMl = parameters.decimal("igra-positive-iu-per-ml");
        this.tspotPositiveSpots = parameters.decimal("tspot-positive-spots");
        this.tspotNegativeSpots = parameters.decimal("tspot-negative-spots");
        this.tstPositiveMm = parameters.decimal("tst-positive-mm");
    }

    /** Every final TB test result of the record, newest first. */
    List<TbTestResult> results(PatientFacts facts) {
        List<TbTestResult> results = new ArrayList<>();
        for (Observation o : facts.observations(IGRA_QUALITATIVE)) {
            results.add(read(facts, o, "IGRA", Kind.QUALITATIVE));
        }
        for (Observation o : facts.observations(IGRA_QUANTITATIVE)) {
            results.add(read(facts, o, "IGRA", Kind.IGRA_NUMBER));
        }
        for (Observation o : facts.observations(TSPOT_SPOTS)) {
            results.add(read(facts, o, "IGRA", Kind.SPOT_COUNT));
        }
        for (Observation o : facts.observations(TST)) {
            results.add(read(facts, o, "Tuberculin skin test", Kind.INDURATION));
        }
        results.sort((a, b) -> b.date().orElse(java.time.LocalDate.MIN).compareTo(a.date().orElse(java.time.LocalDate.MIN)));
        return results;
    }

    /** TB tests ordered or under way without a final result. */
    List<Observation> pending(PatientFacts facts) {
        List<Observation> pending = new ArrayList<>();
        for (String valueSet : List.of(IGRA_QUALITATIVE, IGRA_QUANTITATIVE, TSPOT_SPOTS, TST)) {
            pending.addAll(facts.pendingObservations(valueSet));
        }
        return pending;
    }

    private enum Kind { QUALITATIVE, IGRA_NUMBER, SPOT_COUNT, INDURATION }

    private TbTestResult read(PatientFacts facts, Observation o, String test, Kind kind) {
        String name = test + " (" + Describe.concept(o.getCode()) + ")";
        Type value = o.getValue();
        TbTestResult.Reading reading;
        String shown;
        TbTestResult.Reading laboratory = codedOrText(facts, o);
        if (laboratory != null) {
            // Amendment 11: the laboratory's own interpretation (coded result, interpretation flag)
            // wins over the numeric cut-offs, which apply only to a bare number.
            reading = laboratory;
            shown = kind == Kind.INDURATION && value instanceof Quantity quantity && quantity.hasValue()
                    ? induration(quantity) + flag(o) : shownValue(o);
        } else if (value instanceof Quantity quantity && quantity.hasValue() && kind == Kind.INDURATION) {
            BigDecimal mm = millimetres(quantity);
            reading = fromNumber(kind, mm, quantity.getComparator());
            shown = induration(quantity);
        } else if (value instanceof Quantity quantity && quantity.hasValue()) {
            reading = fromNumber(kind, quantity.getValue(), quantity.getComparator());
            shown = comparatorText(quantity) + quantity.getValue().stripTrailingZeros().toPlainString()
                    + (quantity.hasUnit() ? " " + Describe.oneLine(quantity.getUnit()) : "");
        } else {
            // A result that cannot be read is not a negative: it is reported like an indeterminate one.
            reading = TbTestResult.Reading.INDETERMINATE;
            shown = "result could not be interpreted";
        }
        String shortName = test.equals("IGRA") ? "IGRA" : "skin test";
        return new TbTestResult(name, shortName, reading, shown, PatientFacts.observationDate(o),
                "Observation/" + o.getIdElement().getIdPart());
    }

    /** The reading from a coded or text value, else from the interpretation flag; null if neither says. */
    private static TbTestResult.Reading codedOrText(PatientFacts facts, Observation o) {
        for (Map.Entry<String, TbTestResult.Reading> answers : ANSWER_SETS) {
            if (facts.valueIn(o, answers.getKey())) {
                return answers.getValue();
            }
        }
        for (Map.Entry<String, TbTestResult.Reading> answers : ANSWER_SETS) {
            if (facts.interpretationIn(o, answers.getKey())) {
                return answers.getValue();
            }
        }
        return null;
    }

    /**
     * Reads a number against the thresholds. A comparator makes the value a bound: "<0.35" is
     * negative, "&gt;10" positive; a bound that straddles a threshold cannot be read and counts as
     * indeterminate, never as negative.
     */
    private TbTestResult.Reading fromNumber(Kind kind, BigDecimal number, Quantity.QuantityComparator comparator) {
        if (kind == Kind.QUALITATIVE) {
            return TbTestResult.Reading.INDETERMINATE;
        }
        // Below this every value is negative; at or above the positive bound every value is positive.
        BigDecimal positiveFrom = switch (kind) {
            case IGRA_NUMBER -> igraPositiveIuPerMl;
            case SPOT_COUNT -> tspotPositiveSpots;
            default -> tstPositiveMm;
        };
        BigDecimal negativeUpTo = kind == Kind.SPOT_COUNT ? tspotNegativeSpots : null;
        if (comparator == null || comparator == Quantity.QuantityComparator.NULL) {
            if (number.compareTo(positiveFrom) >= 0) {
                return TbTestResult.Reading.POSITIVE;
            }
            return negativeUpTo == null || number.compareTo(negativeUpTo) <= 0
                    ? TbTestResult.Reading.NEGATIVE : TbTestResult.Reading.INDETERMINATE;
        }
        return switch (comparator) {
            case LESS_THAN -> negativeUpTo == null
                    ? (number.compareTo(positiveFrom) <= 0 ? TbTestResult.Reading.NEGATIVE : TbTestResult.Reading.INDETERMINATE)
                    : (number.compareTo(negativeUpTo.add(BigDecimal.ONE)) <= 0
                            ? TbTestResult.Reading.NEGATIVE : TbTestResult.Reading.INDETERMINATE);
            case LESS_OR_EQUAL -> number.compareTo(negativeUpTo == null ? positiveFrom : negativeUpTo.add(BigDecimal.ONE)) < 0
                    ? TbTestResult.Reading.NEGATIVE : TbTestResult.Reading.INDETERMINATE;
            case GREATER_THAN, GREATER_OR_EQUAL -> number.compareTo(positiveFrom) >= 0
                    ? TbTestResult.Reading.POSITIVE : TbTestResult.Reading.INDETERMINATE;
            default -> TbTestResult.Reading.INDETERMINATE;
        };
    }

    private static BigDecimal millimetres(Quantity quantity) {
        return "cm".equals(quantity.getCode()) || "cm".equals(quantity.getUnit())
                ? quantity.getValue().movePointRight(1) : quantity.getValue();
    }

    private static String induration(Quantity quantity) {
        return comparatorText(quantity) + millimetres(quantity).stripTrailingZeros().toPlainString() + " mm induration";
    }

    private static String flag(Observation o) {
        return o.getInterpretation().isEmpty() ? "" : " (" + Describe.concept(o.getInterpretationFirstRep()) + ")";
    }

    private static String comparatorText(Quantity quantity) {
        return quantity.hasComparator() ? quantity.getComparator().toCode() : "";
    }

    private static String shownValue(Observation o) {
        Type value = o.getValue();
        if (value instanceof org.hl7.fhir.r4.model.CodeableConcept concept) {
            return Describe.concept(concept);
        }
        if (value instanceof StringType text) {
            return Describe.oneLine(text.getValue());
        }
        if (value instanceof Quantity quantity && quantity.hasValue()) {
            String flag = o.getInterpretation().isEmpty() ? "" : " (" + Describe.concept(o.getInterpretationFirstRep()) + ")";
            return quantity.getValue().stripTrailingZeros().toPlainString()
                    + (quantity.hasUnit() ? " " + Describe.oneLine(quantity.getUnit()) : "") + flag;
        }
        return o.getInterpretation().isEmpty() ? "(no value)" : Describe.concept(o.getInterpretationFirstRep());
    }
}

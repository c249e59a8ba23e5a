package org.biologicscds.guidance;

import org.hl7.fhir.r4.model.Observation;

/** Reads a qualitative lab result (positive, negative, indeterminate) from its coded or text value or its flag. */
final class Results {

    enum Reading { POSITIVE, NEGATIVE, INDETERMINATE, UNKNOWN }

    private Results() {
    }

    /** Negative and indeterminate answers are checked first: "non-reactive" must not read as "reactive". */
    static Reading reading(PatientFacts facts, Observation o) {
        if (facts.valueIn(o, "result-indeterminate")) {
            return Reading.INDETERMINATE;
        }
        if (facts.valueIn(o, "result-negative")) {
            return Reading.NEGATIVE;
        }
        if (facts.valueIn(o, "result-positive")) {
            return Reading.POSITIVE;
        }
        if (facts.interpretationIn(o, "result-indeterminate")) {
            return Reading.INDETERMINATE;
        }
        if (facts.interpretationIn(o, "result-negative")) {
            return Reading.NEGATIVE;
        }
        if (facts.interpretationIn(o, "result-positive")) {
            return Reading.POSITIVE;
        }
        return Reading.UNKNOWN;
    }

    /** "Negative on 2025-03-02 (Hepatitis B virus surface Ag ...)". */
    static String describe(PatientFacts facts, Observation o) {
        String value = o.getValue() instanceof org.hl7.fhir.r4.model.CodeableConcept concept ? Describe.concept(concept)
                : o.hasValue() && o.getValue().isPrimitive() ? Describe.oneLine(o.getValue().primitiveValue())
                : o.getInterpretation().isEmpty() ? "(no value)" : Describe.concept(o.getInterpretationFirstRep());
        return value + PatientFacts.observationDate(o).map(d -> " on " + d).orElse(" (no date)")
                + " (" + Describe.concept(o.getCode()) + ")";
    }
}

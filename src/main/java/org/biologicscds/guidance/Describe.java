package org.biologicscds.guidance;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * Card wording for FHIR values: the words a clinician recognises. Plain text on one line; the cards
 * package escapes it for Markdown.
 */
final class Describe {

    private Describe() {
    }

    /** The concept's text, else its first display, else its first code. */
    static String concept(CodeableConcept concept) {
        if (concept == null) {
            return "(not named)";
        }
        if (concept.hasText()) {
            return oneLine(concept.getText());
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.hasDisplay()) {
                return oneLine(coding.getDisplay());
            }
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.hasCode()) {
                return oneLine(coding.getCode());
            }
        }
        return "(not named)";
    }

    /** "Multiple sclerosis (since 2019-04-02, active)". */
    static String condition(org.hl7.fhir.r4.model.Condition condition) {
        StringBuilder out = new StringBuilder(concept(condition.getCode()));
        java.util.List<String> notes = new java.util.ArrayList<>();
        PatientFacts.conditionDate(condition).ifPresent(d -> notes.add("since " + d));
        if (condition.hasClinicalStatus() && condition.getClinicalStatus().hasCoding()) {
            notes.add(condition.getClinicalStatus().getCodingFirstRep().getCode());
        }
        if (!notes.isEmpty()) {
            out.append(" (").append(String.join(", ", notes)).append(')');
        }
        return out.toString();
    }

    /** Record text on one line, trimmed: a summary or a fact must not be broken up by the data. */
    static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ').strip();
    }

    /** A long name ("Methotrexate 2.5 MG Oral Tablet [Trexall]") cut to fit into a summary. */
    static String shortened(String name) {
        return name.length() <= 40 ? name : name.substring(0, 39).stripTrailing() + "…";
    }

    /** As {@link #shortened(String)}, to at most {@code max} characters (summaries with two such values). */
    static String shortened(String name, int max) {
        return name.length() <= max ? name : name.substring(0, max - 1).stripTrailing() + "…";
    }

    static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

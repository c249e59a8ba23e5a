package org.biologicscds.guidance;

import java.util.List;

/**
 * A rule that also runs in the reverse direction (clinical-v2.md 1.4, trigger R; section 4 "Reverse
 * direction, exactly"): a co-medication or live-vaccine draft for a patient on therapy with (or, for
 * vaccines, recently exposed to) an advanced therapy. At most one finding per rule per draft, naming
 * every therapy it concerns; its suggestions act on the draft ("Change to once weekly", "Remove this
 * order"). Like {@link Rule}, a pure function of its arguments that throws only when it cannot run.
 */
public interface ReverseRule {

    /**
     * @param draft     the co-medication or vaccine draft under review
     * @param therapies every advanced therapy of the catalogue the patient is on or was given in the
     *                  last year, newest last dose first; never empty
     */
    List<Finding> evaluateReverse(CoMedicationDraft draft, List<Therapy> therapies, PatientFacts facts);

    /** The rule's name in logs and in the card saying its check could not run ({@link Rule#name()}). */
    String name();

    /** The ids of the rules whose findings {@code rule} gives, as {@link Rule#ruleIds()}. */
    static List<String> ruleIds(ReverseRule rule) {
        return rule instanceof Rule both ? both.ruleIds() : List.of(rule.name());
    }
}

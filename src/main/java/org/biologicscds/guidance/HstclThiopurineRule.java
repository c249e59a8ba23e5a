package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Enumerations;

/**
 * {@code hstcl-thiopurine} (clinical-v2.md 3.3, forward direction): a TNF inhibitor with current
 * azathioprine or mercaptopurine. Under {@code under-age} (35): a male (or a patient whose sex is not
 * recorded) gets a warning; a female with IBD an info card once per course (new start or restart);
 * a female outside IBD no card, the immunosuppressant card carries the HSTCL line (1.1). From that
 * age on, or with no birth date known to be over it, no card. The detail gives the SONIC/ECCO
 * context, methotrexate as the alternative immunomodulator, and EBV serology.
 *
 * <p>Reverse (1.4 R, section 4): a thiopurine draft for a patient on a TNF inhibitor, by the same
 * tiers (a female with IBD only when the draft starts a thiopurine course: none in the last
 * {@code restart-after} days); the card is on the draft, with "Replace with methotrexate" (the draft
 * rewritten as {@code replacement}, once weekly, no dose: the prescriber sets it) and "Remove this order".
 * It owns the fact over {@code immunosuppressant-combination} as in the forward direction (1.1).
 */
final class HstclThiopurineRule implements Rule, ReverseRule {

    private final Alternatives alternatives;

    static final String ID = "hstcl-thiopurine";

    private final String valueSet;
    private final List<String> appliesTo;
    private final int underAge;
    private final String ibd;
    private final String summaryMale;
    private final String summaryFemale;
    private final String advice;
    private final org.hl7.fhir.r4.model.Coding replacement;
    private final String replacementSig;
    private final int newCourseAfter;

    HstclThiopurineRule(Knowledge knowledge) {
        this.alternatives = new Alternatives(knowledge);
        RuleParameters parameters = knowledge.parameters(ID);
        this.valueSet = knowledge.valueSet(ID, "value-set");
        this.appliesTo = parameters.strings("applies-to");
        this.underAge = parameters.integer("under-age");
        this.ibd = knowledge.valueSet(ID, "ibd-value-set");
        this.summaryMale = parameters.string("summary-male");
        this.summaryFemale = parameters.string("summary-female");
        this.advice = parameters.string("advice");
        this.replacement = parameters.coding("replacement");
        this.replacementSig = parameters.string("replacement-sig");
        this.newCourseAfter = knowledge.course().days("restart-after");
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
        Optional<Integer> age = facts.ageInYears();
        if (age.map(a -> a >= underAge).orElse(false)) {
            return List.of();
        }
        List<Therapy> tnf = ReverseFacts.onTherapy(therapies).stream().filter(t -> t.order().isOneOf(appliesTo)).toList();
        if (tnf.isEmpty()) {
            return List.of();
        }
        boolean female = gender(facts).equals("female");
        if (female && (ReverseFacts.takenSince(facts, valueSet, Optional.empty(), facts.today().minusDays(newCourseAfter))
                || tnf.stream().noneMatch(t -> alternatives.indicated(t.order(), facts, ibd)))) {
            return List.of();
        }
        String drugs = ReverseFacts.names(tnf);
        String text = (female ? summaryFemale : summaryMale)
                .replace("{medication}", Describe.shortened(Describe.concept(draft.concept()), 30))
                .replace("{drug}", Describe.shortened(drugs, 30))
                .replace("{age}", age.map(String::valueOf).orElse("unknown-age"))
                .replace("{sex}", gender(facts).equals("male") ? "male" : "patient");
        List<String> shown = new ArrayList<>(List.of(ReverseFacts.draftLine(draft)));
        tnf.forEach(t -> shown.add(ReverseFacts.describe(t, facts.today())));
        shown.add(age.map(a -> "Patient aged " + a + " (" + gender(facts) + "); the HSTCL signal is in patients under "
                + underAge).orElse("Age unknown: no birth date in the record"));
        List<SuggestedAction> suggestions = new ArrayList<>();
        if (draft.draft() instanceof org.hl7.fhir.r4.model.MedicationRequest request) {
            suggestions.add(new SuggestedAction.ReviseDraft(asMethotrexate(request), "Replace with methotrexate"));
        }
        suggestions.add(ReverseFacts.remove(draft));
        return List.of(new Finding(ID, female ? Indicator.INFO : Indicator.WARNING, Describe.capitalized(text), shown,
                advice.replace("{drug}", drugs), suggestions, ReverseFacts.evidence(draft, tnf, facts)));
    }

    /** The thiopurine draft rewritten as the replacement (methotrexate), once weekly, without a dose. */
    private org.hl7.fhir.r4.model.MedicationRequest asMethotrexate(org.hl7.fhir.r4.model.MedicationRequest draft) {
        org.hl7.fhir.r4.model.MedicationRequest revised = draft.copy();
        revised.setContained(new ArrayList<>(draft.getContained().stream()
                .filter(r -> !(r instanceof org.hl7.fhir.r4.model.Medication)).toList()));
        revised.setMedication(new org.hl7.fhir.r4.model.CodeableConcept(replacement.copy()).setText(replacement.getDisplay()));
        org.hl7.fhir.r4.model.Dosage weekly = new org.hl7.fhir.r4.model.Dosage().setText(replacementSig);
        weekly.getTiming().getRepeat().setFrequency(1).setPeriod(1)
                .setPeriodUnit(org.hl7.fhir.r4.model.Timing.UnitsOfTime.WK);
        revised.setDosageInstruction(List.of(weekly));
        return revised;
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!order.isOneOf(appliesTo)) {
            return List.of();
        }
        Optional<Integer> age = facts.ageInYears();
        if (age.map(a -> a >= underAge).orElse(false)) {
            return List.of();
        }
        List<MedicationUse> thiopurines = CoMedications.current(order, facts, valueSet, Optional.empty());
        if (thiopurines.isEmpty()) {
            return List.of();
        }
        boolean female = gender(facts).equals("female");
        if (female && (!facts.course(order).startsCourse() || !alternatives.indicated(order, facts, ibd))) {
            return List.of();
        }
        String drug = order.drug().name();
        String text = (female ? summaryFemale : summaryMale)
                .replace("{medication}", Describe.shortened(Describe.concept(thiopurines.get(0).concept())))
                .replace("{drug}", drug)
                .replace("{age}", age.map(String::valueOf).orElse("unknown-age"))
                .replace("{sex}", gender(facts).equals("male") ? "male" : "patient");
        List<String> shown = new ArrayList<>(thiopurines.stream().map(m -> "Active: " + m.describe()).toList());
        shown.add(age.map(a -> "Patient aged " + a + " (" + gender(facts) + "); the HSTCL signal is in patients under "
                + underAge).orElse("Age unknown: no birth date in the record"));
        return List.of(new Finding(ID, female ? Indicator.INFO : Indicator.WARNING, Describe.capitalized(text), shown,
                advice.replace("{drug}", drug), List.of(), CoMedications.evidence(thiopurines)));
    }

    /** The administrative gender as recorded: "male", "female", or "sex not recorded". */
    static String gender(PatientFacts facts) {
        return facts.record().patient().filter(p -> p.hasGender() && p.getGender() != Enumerations.AdministrativeGender.NULL)
                .map(p -> p.getGender().toCode()).orElse("sex not recorded");
    }
}

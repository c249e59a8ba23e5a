package org.biologicscds.guidance;

import java.util.List;
import java.util.Optional;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Recognition of the reverse triggers (clinical-v2.md 1.4 R): a draft that is not a catalogue drug but
 * orders a co-medication of the {@code co-medication-value-set}s (systemic forms only) or a live vaccine
 * ({@code live-vaccine-value-set}, by CVX code or name; a MedicationRequest or a ServiceRequest). Which
 * value sets count is knowledge ({@code Library/reverse-triggers}); a value set it names that is not
 * loaded fails the start. Needs nothing but the draft, so a request can tell without the record whether
 * it needs the record. Immutable and thread-safe.
 */
final class ReverseTriggers {

    private final List<String> coMedications;
    private final String liveVaccines;
    private final String exclude;

    ReverseTriggers(Knowledge knowledge) {
        RuleParameters parameters = knowledge.library(Therapies.LIBRARY);
        this.coMedications = parameters.strings("co-medication-value-set");
        this.liveVaccines = parameters.string("live-vaccine-value-set");
        this.exclude = parameters.string("exclude-value-set");
        for (String valueSet : concat(coMedications, List.of(liveVaccines, exclude))) {
            if (!knowledge.valueSets().has(valueSet)) {
                throw parameters.invalid("value-set", "names value set '" + valueSet + "', which is not loaded");
            }
        }
    }

    /** The draft as a reverse trigger, if its medication is a co-medication or a live vaccine. */
    Optional<CoMedicationDraft> medicationDraft(MedicationRequest draft, String reference, CodeableConcept medication,
                                                PatientFacts facts) {
        boolean vaccine = facts.codes().matchesMedication(liveVaccines, medication);
        boolean coMedication = !vaccine && coMedications.stream().anyMatch(vs -> facts.codes().matchesMedication(vs, medication))
                && !nonSystemic(draft, medication, facts);
        return vaccine || coMedication ? Optional.of(new CoMedicationDraft(draft, reference, medication)) : Optional.empty();
    }

    /** A draft ServiceRequest as a reverse trigger, if it orders a live vaccine (CVX code or name). */
    Optional<CoMedicationDraft> serviceDraft(ServiceRequest draft, PatientFacts facts) {
        CodeableConcept code = draft.getCode();
        if (code == null || code.isEmpty() || !facts.codes().matchesMedication(liveVaccines, code)) {
            return Optional.empty();
        }
        return Optional.of(new CoMedicationDraft(draft, "ServiceRequest/" + draft.getIdElement().getIdPart(), code));
    }

    /** True if the draft orders a live vaccine (what {@code live-vaccine-on-biologic} reads). */
    boolean isLiveVaccine(CoMedicationDraft draft, PatientFacts facts) {
        return facts.codes().matchesMedication(liveVaccines, draft.concept());
    }

    /** Topical and eye forms (e.g. tacrolimus ointment) act locally: not a co-medication (3.3). */
    private boolean nonSystemic(MedicationRequest draft, CodeableConcept medication, PatientFacts facts) {
        return facts.codes().matchesMedication(exclude, medication)
                || facts.medicationForm(draft).map(form -> facts.codes().matchesMedication(exclude, form)).orElse(false)
                || draft.getDosageInstruction().stream().anyMatch(d -> d.hasRoute() && facts.codes().matchesMedication(exclude, d.getRoute()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}

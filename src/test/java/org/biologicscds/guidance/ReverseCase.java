package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biologicscds.knowledge.Drug;
import org.biologicscds.record.FhirReader;
import org.biologicscds.record.PatientRecord;
import org.biologicscds.testing.Scenario;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * A reverse-direction case (clinical-v2.md 1.4 R) for the rule tests: a co-medication draft, the record,
 * and the advanced therapies the patient is on, handed to a {@link ReverseRule} directly, as the reverse
 * machinery will hand them (a therapy is a {@link BiologicOrder} with {@code therapyStart} present).
 */
final class ReverseCase {

    private static final FhirReader READER = new FhirReader(TestKnowledge.FHIR);

    private Patient patient;
    private final List<Resource> record = new ArrayList<>();
    private MedicationRequest draft;
    private final List<Therapy> therapies = new ArrayList<>();

    static ReverseCase of(String draftJson) {
        ReverseCase c = new ReverseCase();
        c.draft = (MedicationRequest) READER.read(draftJson);
        return c;
    }

    ReverseCase patient(String json) {
        this.patient = (Patient) READER.read(json);
        return this;
    }

    ReverseCase record(String... json) {
        for (String resource : json) {
            record.add(READER.read(resource));
        }
        return this;
    }

    /** On therapy with a catalogue drug since {@code startDaysAgo}, last dose {@code lastDoseDaysAgo}. */
    ReverseCase onTherapy(String drugId, int startDaysAgo, int lastDoseDaysAgo) {
        Drug drug = TestKnowledge.get().drugs().byId(drugId).orElseThrow(() -> new IllegalArgumentException(drugId));
        return on(drug, startDaysAgo, lastDoseDaysAgo, true);
    }

    /** A therapy of any drug (a class the catalogue may not hold yet), on therapy or only recently given. */
    ReverseCase on(Drug drug, int startDaysAgo, int lastDoseDaysAgo, boolean onTherapy) {
        BiologicOrder order = new BiologicOrder(null, "MedicationStatement/" + drug.id(), drug, Ehr.TODAY_DATE,
                Optional.of(Ehr.daysAgoDate(startDaysAgo)));
        therapies.add(new Therapy(order, Ehr.daysAgoDate(lastDoseDaysAgo), onTherapy));
        return this;
    }

    List<Finding> evaluate(ReverseRule rule) {
        PatientFacts facts = facts();
        return rule.evaluateReverse(new CoMedicationDraft(draft, reference(), facts.medicationConcept(draft)),
                List.copyOf(therapies), facts);
    }

    PatientFacts facts() {
        PatientRecord patientRecord = new PatientRecord(Scenario.PATIENT_ID, patient, record);
        return new PatientFacts(patientRecord, List.of(draft), TestKnowledge.get(), LocalDate.parse(Ehr.TODAY));
    }

    String reference() {
        return "MedicationRequest/" + draft.getIdElement().getIdPart();
    }

    List<Therapy> therapies() {
        return List.copyOf(therapies);
    }
}

package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biologicscds.knowledge.Drug;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.record.DraftOrders;
import org.biologicscds.record.FhirReader;
import org.biologicscds.record.PatientRecord;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * An order of a drug of a given class, evaluated by the real guidance on {@link Ehr#TODAY}: the
 * catalogue's drug when the knowledge has it, else a drug of that id and class (clinical-v2.md 5.2
 * gates by class; a parameter may name a class before its drugs exist). The draft is a text-only
 * MedicationRequest naming the drug, with a route when one is given.
 */
final class ClassOrder {

    private static final Knowledge KNOWLEDGE = TestKnowledge.get();
    private static final Guidance GUIDANCE = new Guidance(KNOWLEDGE);
    private static final FhirReader READER = new FhirReader(TestKnowledge.FHIR);

    private final Drug drug;
    private Patient patient;
    private String route;
    private boolean ongoing;
    private final List<Resource> record = new ArrayList<>();

    private ClassOrder(Drug drug) {
        this.drug = drug;
    }

    /** An order of {@code id}, a drug of {@code drugClass}. */
    static ClassOrder of(String id, String drugClass) {
        Drug drug = KNOWLEDGE.drugs().byId(id).orElse(new Drug(id, id, drugClass, Optional.empty(), Optional.empty()));
        if (!drug.drugClass().equals(drugClass)) {
            throw new AssertionError(id + " is " + drug.drugClass() + " in the catalogue, not " + drugClass);
        }
        return new ClassOrder(drug);
    }

    ClassOrder patient(String json) {
        this.patient = (Patient) READER.read(json);
        return this;
    }

    ClassOrder record(String... json) {
        for (String resource : json) {
            record.add(READER.read(resource));
        }
        return this;
    }

    /** The order says intravenous (SNOMED 47625008 as its route). */
    ClassOrder intravenous() {
        this.route = "47625008";
        return this;
    }

    /** The drug as a therapy the patient is on (patient-view monitoring), since a year ago. */
    ClassOrder ongoing() {
        this.ongoing = true;
        return this;
    }

    List<Finding> findings() {
        return results().findings();
    }

    /** The findings of the order as the guidance returns them (for rendering). */
    OrderFindings results() {
        MedicationRequest draft = (MedicationRequest) READER.read("""
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},"medicationCodeableConcept":{"text":"%s"}%s}
                """.formatted(drug.name(), route == null ? "" : """
                ,"dosageInstruction":[{"route":{"coding":[{"system":"http://snomed.info/sct","code":"%s"}]}}]""".formatted(route)));
        LocalDate today = LocalDate.parse(Ehr.TODAY);
        PatientRecord patientRecord = new PatientRecord(org.biologicscds.testing.Scenario.PATIENT_ID, patient, record);
        DraftOrders drafts = new DraftOrders(List.of(draft), List.of(draft));
        PatientFacts facts = new PatientFacts(patientRecord, List.of(draft), KNOWLEDGE, today);
        BiologicOrder order = new BiologicOrder(draft, "MedicationRequest/draft-1", drug, today,
                ongoing ? Optional.of(today.minusYears(1)) : Optional.empty(), new RouteReader(KNOWLEDGE).route(draft, facts));
        return GUIDANCE.evaluate(List.of(order), drafts, patientRecord, today).get(0);
    }

    Optional<Finding> finding(String ruleId) {
        return findings().stream().filter(f -> f.ruleId().equals(ruleId)).findFirst();
    }

    List<String> ruleIds() {
        return findings().stream().map(Finding::ruleId).toList();
    }
}

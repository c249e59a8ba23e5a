package org.biologicscds.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biologicscds.testing.PrefetchBuilder;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * A deterministic patient record of a given size for the benchmarks: the clinical picture of the
 * README's example (psoriasis, methotrexate, hepatitis B (surface antigen and core antibody), C and HIV negative, a recent weight, no TB
 * screening: cards {@code tb-screening-missing}, {@code methotrexate-dosing} (the methotrexate fact's one
 * card), {@code baseline-labs} and {@code vaccination-before-start}) plus history
 * that touches every prefetch key but changes no card: older weights and negative hepatitis tests,
 * resolved or unrelated conditions, completed prescriptions, inactivated vaccines, past procedures,
 * a penicillin allergy, past administrations and completed lab orders. The same size always gives
 * the same resources (ids, codes, dates), so runs compare.
 */
public final class BenchRecord {

    /** The cards every size answers, in order: the filler must not change them. */
    public static final List<String> EXPECTED_CARDS =
            List.of("tb-screening-missing", "methotrexate-dosing", "baseline-labs", "vaccination-before-start");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String LOINC = "http://loinc.org";
    private static final String CVX = "http://hl7.org/fhir/sid/cvx";
    private static final LocalDate HISTORY_END = LocalDate.of(2026, 1, 1);

    private final String patientId;
    private final List<Resource> resources;

    private BenchRecord(String patientId, List<Resource> resources) {
        this.patientId = patientId;
        this.resources = resources;
    }

    /** A record of exactly {@code size} resources (at least 8: the patient and the clinical picture). */
    public static BenchRecord of(int size) {
        if (size < 8) {
            throw new IllegalArgumentException("a bench record has at least 8 resources, not " + size);
        }
        String patientId = "bench-" + size;
        List<Resource> resources = new ArrayList<>();
        Patient patient = new Patient();
        patient.setId(patientId);
        patient.setGender(Enumerations.AdministrativeGender.FEMALE).setBirthDateElement(new DateType("1979-04-12"));
        patient.addName().setFamily("Bench").addGiven("Record");
        resources.add(patient);
        resources.add(condition(patientId, "psoriasis", "200965009", "Chronic plaque psoriasis", "active", "2019-03-01"));
        resources.add(prescription(patientId, "mtx-1", "105586", "Methotrexate 10 MG Oral Tablet", MedicationRequest.MedicationRequestStatus.ACTIVE, "2025-06-02"));
        resources.add(coded(patientId, "hbsag-1", "5196-1", "Hepatitis B virus surface Ag [Presence] in Serum or Plasma by Immunoassay", "2026-09-15"));
        resources.add(coded(patientId, "antihbc-1", "16933-4", "Hepatitis B virus core Ab [Presence] in Serum", "2026-09-15"));
        resources.add(coded(patientId, "hcv-1", "16128-1", "Hepatitis C virus Ab [Presence] in Serum", "2026-09-15"));
        resources.add(coded(patientId, "hiv-1", "56888-1", "HIV 1+2 Ab+HIV1 p24 Ag [Presence] in Serum or Plasma by Immunoassay", "2026-09-15"));
        resources.add(weight(patientId, "weight-1", 72, "2026-11-02"));
        for (int i = 0; resources.size() < size; i++) {
            resources.add(filler(patientId, i));
        }
        return new BenchRecord(patientId, List.copyOf(resources));
    }

    public String patientId() {
        return patientId;
    }

    public List<Resource> resources() {
        return resources;
    }

    /** An order-sign request for infliximab with the full prefetch of this record, as the given service's templates ask. */
    public ObjectNode withPrefetch(Map<String, String> templates) {
        ObjectNode request = request();
        request.set("prefetch", PrefetchBuilder.build(templates, patientId, resources));
        return request;
    }

    /** The same request with no prefetch: the service fetches the record from {@code fhirServer}. */
    public ObjectNode withoutPrefetch(String fhirServer) {
        ObjectNode request = request();
        request.put("fhirServer", fhirServer);
        return request;
    }

    /** The record as a collection Bundle, for {@code serve --load}. */
    public Bundle bundle() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        resources.forEach(r -> bundle.addEntry().setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart()).setResource(r));
        return bundle;
    }

    private ObjectNode request() {
        ObjectNode request = MAPPER.createObjectNode();
        request.put("hook", "order-sign");
        request.put("hookInstance", "5b1f3c2e-8e5a-4f0e-9b4c-2d1f6a7e9c10");
        ObjectNode context = request.putObject("context");
        context.put("userId", "Practitioner/dermatologist-1");
        context.put("patientId", patientId);
        ObjectNode draftOrders = context.putObject("draftOrders");
        draftOrders.put("resourceType", "Bundle").put("type", "collection");
        ObjectNode draft = draftOrders.putArray("entry").addObject().putObject("resource");
        draft.put("resourceType", "MedicationRequest").put("id", "draft-infliximab").put("status", "draft")
                .put("intent", "order").put("authoredOn", "2026-11-23");
        draft.putObject("subject").put("reference", "Patient/" + patientId);
        ObjectNode medication = draft.putObject("medicationCodeableConcept");
        medication.putArray("coding").addObject().put("system", RXNORM).put("code", "1790546")
                .put("display", "infliximab-dyyb 100 MG Injection [Inflectra]");
        medication.put("text", "Inflectra 100 mg IV");
        ObjectNode dose = draft.putArray("dosageInstruction").addObject();
        dose.put("text", "5 mg/kg IV at weeks 0, 2 and 6, then every 8 weeks");
        dose.putArray("doseAndRate").addObject().putObject("doseQuantity").put("value", 5).put("unit", "mg/kg")
                .put("system", "http://unitsofmeasure.org").put("code", "mg/kg");
        return request;
    }

    /** The i-th piece of history: nine kinds in turn, each older than the last of its kind. */
    private static Resource filler(String patientId, int i) {
        int round = i / 9;
        String date = HISTORY_END.minusDays(30L * round + i % 9).toString();
        String id = "h" + i;
        return switch (i % 9) {
            case 0 -> switch (round % 4) {
                case 0 -> condition(patientId, id, "38341003", "Hypertensive disorder", "active", date);
                case 1 -> condition(patientId, id, "195967001", "Asthma", "active", date);
                case 2 -> condition(patientId, id, "55822004", "Hyperlipidemia", "active", date);
                default -> condition(patientId, id, "68566005", "Urinary tract infectious disease", "resolved", date);
            };
            case 1 -> round % 2 == 0 ? weight(patientId, id, 70 + round % 5, date)
                    : coded(patientId, id, "5196-1", "Hepatitis B virus surface Ag [Presence] in Serum or Plasma by Immunoassay", date);
            case 2 -> switch (round % 3) {
                case 0 -> prescription(patientId, id, "308182", "Amoxicillin 250 MG Oral Capsule", MedicationRequest.MedicationRequestStatus.COMPLETED, date);
                case 1 -> prescription(patientId, id, "197806", "Ibuprofen 600 MG Oral Tablet", MedicationRequest.MedicationRequestStatus.COMPLETED, date);
                default -> prescription(patientId, id, "314076", "Lisinopril 10 MG Oral Tablet", MedicationRequest.MedicationRequestStatus.STOPPED, date);
            };
            case 3 -> statement(patientId, id, round % 2 == 0 ? "617310" : "310798",
                    round % 2 == 0 ? "Atorvastatin 20 MG Oral Tablet" : "Hydrochlorothiazide 25 MG Oral Tablet", date);
            case 4 -> immunization(patientId, id, date);
            case 5 -> procedure(patientId, id, date);
            case 6 -> allergy(patientId, id, date);
            case 7 -> administration(patientId, id, date);
            default -> labOrder(patientId, id, date);
        };
    }

    private static Reference subject(String patientId) {
        return new Reference("Patient/" + patientId);
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept().addCoding(new Coding(system, code, display)).setText(display);
    }

    private static Condition condition(String patientId, String id, String code, String display, String status, String onset) {
        Condition condition = new Condition();
        condition.setId(id);
        condition.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", status, null));
        condition.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null));
        condition.setCode(concept(SNOMED, code, display)).setSubject(subject(patientId)).setOnset(new DateTimeType(onset));
        if (status.equals("resolved")) {
            condition.setAbatement(new DateTimeType(onset));
        }
        return condition;
    }

    private static MedicationRequest prescription(String patientId, String id, String code, String display,
                                                  MedicationRequest.MedicationRequestStatus status, String authored) {
        MedicationRequest request = new MedicationRequest();
        request.setId(id);
        request.setStatus(status).setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setMedication(concept(RXNORM, code, display)).setSubject(subject(patientId))
                .setAuthoredOnElement(new DateTimeType(authored));
        request.addDosageInstruction().setText("as directed");
        return request;
    }

    private static Observation observation(String patientId, String id, String code, String display, String date) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL).setCode(concept(LOINC, code, display))
                .setSubject(subject(patientId)).setEffective(new DateTimeType(date));
        return observation;
    }

    private static Observation coded(String patientId, String id, String code, String display, String date) {
        return observation(patientId, id, code, display, date).setValue(concept(LOINC, "LA6577-6", "Negative"));
    }

    private static Observation weight(String patientId, String id, int kg, String date) {
        return observation(patientId, id, "29463-7", "Body weight", date)
                .setValue(new Quantity().setValue(kg).setUnit("kg").setSystem("http://unitsofmeasure.org").setCode("kg"));
    }

    private static MedicationStatement statement(String patientId, String id, String code, String display, String date) {
        MedicationStatement statement = new MedicationStatement();
        statement.setId(id);
        statement.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE).setMedication(concept(RXNORM, code, display))
                .setSubject(subject(patientId)).setEffective(new DateTimeType(date));
        return statement;
    }

    private static Immunization immunization(String patientId, String id, String date) {
        Immunization immunization = new Immunization();
        immunization.setId(id);
        immunization.setStatus(Immunization.ImmunizationStatus.COMPLETED)
                .setVaccineCode(concept(CVX, "141", "Influenza, seasonal, injectable")).setPatient(subject(patientId))
                .setOccurrence(new DateTimeType(date));
        return immunization;
    }

    private static Procedure procedure(String patientId, String id, String date) {
        Procedure procedure = new Procedure();
        procedure.setId(id);
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED).setCode(concept(SNOMED, "73761001", "Colonoscopy"))
                .setSubject(subject(patientId)).setPerformed(new DateTimeType(date));
        return procedure;
    }

    private static AllergyIntolerance allergy(String patientId, String id, String date) {
        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.setId(id);
        allergy.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", null))
                .setCode(concept(SNOMED, "764146007", "Penicillin")).setPatient(subject(patientId))
                .setRecordedDateElement(new DateTimeType(date));
        return allergy;
    }

    private static MedicationAdministration administration(String patientId, String id, String date) {
        MedicationAdministration administration = new MedicationAdministration();
        administration.setId(id);
        administration.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED)
                .setMedication(concept(RXNORM, "1665021", "ceftriaxone 1000 MG Injection")).setSubject(subject(patientId))
                .setEffective(new DateTimeType(date));
        return administration;
    }

    private static ServiceRequest labOrder(String patientId, String id, String date) {
        ServiceRequest order = new ServiceRequest();
        order.setId(id);
        order.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED).setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
                .setCode(concept(LOINC, "58410-2", "CBC panel - Blood by Automated count")).setSubject(subject(patientId))
                .setAuthoredOnElement(new DateTimeType(date)).setOccurrence(new DateTimeType(date));
        return order;
    }
}

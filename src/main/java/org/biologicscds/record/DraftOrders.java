package org.biologicscds.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.biologicscds.hooks.HookContext;
import org.biologicscds.hooks.HookRequestException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * The draft orders of an order hook. MedicationRequests are checked; a ServiceRequest is checked
 * only as a possible live vaccine (clinical-v2.md 1.4 R) and otherwise counts as a test being ordered;
 * NutritionOrder, DeviceRequest and other drafts are ignored, as the spec expects.
 *
 * @param toCheck the drafts the clinician is acting on: the selected ones for {@code order-select},
 *                all of them for {@code order-sign}
 * @param all     every draft MedicationRequest of the bundle (the others count as co-medication)
 * @param medications the Medication resources of the bundle, which drafts may reference
 * @param serviceRequests the draft ServiceRequests of the bundle for this patient (tests ordered in the
 *                    same request: no screening card for a test being ordered, clinical-v2.md amendment 22)
 * @param serviceRequestsToCheck the draft ServiceRequests the clinician is acting on (selected ones for
 *                    {@code order-select}, all for {@code order-sign}): a live vaccine ordered as a service is
 *                    a reverse trigger (clinical-v2.md 1.4 R)
 */
public record DraftOrders(List<MedicationRequest> toCheck, List<MedicationRequest> all, List<Medication> medications,
                          List<ServiceRequest> serviceRequests, List<ServiceRequest> serviceRequestsToCheck) {

    public DraftOrders {
        toCheck = List.copyOf(toCheck);
        all = List.copyOf(all);
        medications = List.copyOf(medications);
        serviceRequests = List.copyOf(serviceRequests);
        serviceRequestsToCheck = List.copyOf(serviceRequestsToCheck);
    }

    /** Drafts with the Medications and ServiceRequests of the bundle, every ServiceRequest to check. */
    public DraftOrders(List<MedicationRequest> toCheck, List<MedicationRequest> all, List<Medication> medications,
                       List<ServiceRequest> serviceRequests) {
        this(toCheck, all, medications, serviceRequests, serviceRequests);
    }

    /** Drafts with the Medications of the bundle, no ServiceRequests. */
    public DraftOrders(List<MedicationRequest> toCheck, List<MedicationRequest> all, List<Medication> medications) {
        this(toCheck, all, medications, List.of());
    }

    /** Drafts whose medications are coded inline or contained. */
    public DraftOrders(List<MedicationRequest> toCheck, List<MedicationRequest> all) {
        this(toCheck, all, List.of());
    }

    public static DraftOrders none() {
        return new DraftOrders(List.of(), List.of());
    }

    /** Reads the drafts of {@code context}; a bundle or draft that cannot be read is a 400. */
    public static DraftOrders read(HookContext context, FhirReader reader) {
        JsonNode bundleJson = context.draftOrders();
        if (bundleJson == null) {
            return none();
        }
        Bundle bundle;
        try {
            Resource resource = reader.read(bundleJson);
            if (!(resource instanceof Bundle b)) {
                throw HookRequestException.badRequest("BCDS-1011", "context.draftOrders must be a FHIR Bundle");
            }
            bundle = b;
        } catch (FhirReader.NotFhirException e) {
            throw HookRequestException.badRequest("BCDS-1011", "context.draftOrders is not a readable FHIR R4 Bundle");
        }
        List<MedicationRequest> all = new ArrayList<>();
        List<MedicationRequest> toCheck = new ArrayList<>();
        List<Medication> medications = new ArrayList<>();
        List<ServiceRequest> serviceRequests = new ArrayList<>();
        List<ServiceRequest> servicesToCheck = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Medication medication) {
                medications.add(medication);
            }
            if (entry.getResource() instanceof ServiceRequest test && PatientReferences.belongsTo(test, context.patientId())) {
                serviceRequests.add(test);
                String reference = "ServiceRequest/" + test.getIdElement().getIdPart();
                if (context.selections().isEmpty() || context.selections().contains(reference)) {
                    servicesToCheck.add(test);
                }
            }
            if (!(entry.getResource() instanceof MedicationRequest draft)) {
                continue;
            }
            if (!PatientReferences.belongsTo(draft, context.patientId())) {
                throw HookRequestException.badRequest("BCDS-1015",
                        "a draft MedicationRequest names a different patient than context.patientId");
            }
            all.add(draft);
            String reference = "MedicationRequest/" + draft.getIdElement().getIdPart();
            if (context.selections().isEmpty() || context.selections().contains(reference)) {
                toCheck.add(draft);
            }
        }
        return new DraftOrders(toCheck, all, medications, serviceRequests, servicesToCheck);
    }
}

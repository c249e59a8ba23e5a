package org.biologicscds.record;

import java.util.List;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Which patient a resource is about, read from its {@code subject} or {@code patient} element. */
final class PatientReferences {

    private PatientReferences() {
    }

    /**
     * False only when the resource names a patient and it is not {@code patientId}; a resource that
     * names none (as some EHRs send within a patient-scoped search) belongs to the request's patient.
     */
    static boolean belongsTo(Resource resource, String patientId) {
        for (String element : List.of("subject", "patient")) {
            Property property = resource.getNamedProperty(element);
            if (property == null) {
                continue;
            }
            for (Base value : property.getValues()) {
                if (value instanceof Reference reference && reference.hasReference()) {
                    String ref = reference.getReference();
                    if (ref.startsWith("Patient/") || ref.contains("/Patient/")) {
                        String id = ref.substring(ref.lastIndexOf("Patient/") + "Patient/".length());
                        int history = id.indexOf("/_history");
                        if (history >= 0) {
                            id = id.substring(0, history);
                        }
                        return id.equals(patientId);
                    }
                }
            }
        }
        return true;
    }
}

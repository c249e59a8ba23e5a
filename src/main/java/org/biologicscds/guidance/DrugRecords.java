package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.biologicscds.knowledge.Drug;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Resource;

/**
 * The records of the patient's record that name one catalogue drug (ingredient level: every
 * biosimilar and route), for the evidence of a finding ({@link Finding#evidence()}) and for
 * suggestions that act on an existing order.
 */
final class DrugRecords {

    private static final Set<String> ACTIVE_REQUEST = Set.of("active", "on-hold");

    private DrugRecords() {
    }

    /** "MedicationRequest/id", "MedicationStatement/id", "MedicationAdministration/id" of every record of the drug. */
    static List<String> references(PatientFacts facts, Drug drug) {
        List<String> references = new ArrayList<>();
        for (MedicationRequest request : facts.record().all(MedicationRequest.class)) {
            if (is(facts, facts.medicationConcept(request), drug)) {
                references.add(reference(request));
            }
        }
        for (MedicationStatement statement : facts.record().all(MedicationStatement.class)) {
            if (is(facts, facts.medicationConcept(statement.getMedication(), statement.getContained()), drug)) {
                references.add(reference(statement));
            }
        }
        for (MedicationAdministration given : facts.record().all(MedicationAdministration.class)) {
            if (is(facts, facts.medicationConcept(given.getMedication(), given.getContained()), drug)) {
                references.add(reference(given));
            }
        }
        return references;
    }

    /** The drug's orders that are still active or on hold (not drafts of this request). */
    static List<MedicationRequest> activeOrders(PatientFacts facts, Drug drug) {
        return facts.record().all(MedicationRequest.class).stream()
                .filter(r -> ACTIVE_REQUEST.contains(PatientFacts.status(r.getStatusElement())))
                .filter(r -> is(facts, facts.medicationConcept(r), drug))
                .toList();
    }

    private static boolean is(PatientFacts facts, org.hl7.fhir.r4.model.CodeableConcept concept, Drug drug) {
        return facts.drug(concept).map(d -> d.id().equals(drug.id())).orElse(false);
    }

    static String reference(Resource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }
}

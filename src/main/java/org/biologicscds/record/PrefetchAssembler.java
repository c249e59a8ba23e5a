package org.biologicscds.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.biologicscds.hooks.HookRequest;
import org.biologicscds.hooks.HookRequestException;
import org.biologicscds.hooks.ServiceDefinition;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Builds the {@link PatientRecord} from the request's prefetch, key by key of the service's
 * templates. Follows the CDS Hooks 2.0 rules: a missing key was not fetched; {@code null} was
 * fetched and found nothing; an OperationOutcome means the client's fetch failed.
 *
 * <p>Data a template asks for that the client did not supply is a 412 naming the keys: a check that
 * cannot run must not look like an all-clear. (Fetching it from {@code fhirServer} instead is the
 * next step of the record's growth.)
 */
public final class PrefetchAssembler {

    private final FhirReader reader;

    public PrefetchAssembler(FhirReader reader) {
        this.reader = reader;
    }

    public PatientRecord assemble(HookRequest request, ServiceDefinition service) {
        String patientId = request.context().patientId();
        Map<String, JsonNode> prefetch = request.prefetch();
        TreeSet<String> missing = new TreeSet<>();
        TreeSet<String> failed = new TreeSet<>();
        Patient patient = null;
        List<Resource> resources = new ArrayList<>();
        for (String key : service.prefetch().keySet()) {
            if (!prefetch.containsKey(key)) {
                missing.add(key);
                continue;
            }
            JsonNode value = prefetch.get(key);
            if (value.isNull()) {
                continue;
            }
            Resource resource;
            try {
                resource = reader.read(value);
            } catch (FhirReader.NotFhirException e) {
                failed.add(key);
                continue;
            }
            if (resource instanceof OperationOutcome) {
                failed.add(key);
            } else if (resource instanceof Bundle bundle) {
                for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                    Resource item = entry.getResource();
                    if (item != null && !(item instanceof OperationOutcome)) {
                        resources.add(item);
                    }
                }
            } else {
                resources.add(resource);
            }
        }
        if (!missing.isEmpty() || !failed.isEmpty()) {
            StringBuilder message = new StringBuilder("the patient data these checks need could not be had:");
            if (!missing.isEmpty()) {
                message.append(" not prefetched ").append(missing).append(';');
            }
            if (!failed.isEmpty()) {
                message.append(" prefetch failed or is not FHIR ").append(failed).append(';');
            }
            message.append(" send them as prefetch (see GET /cds-services)");
            throw new HookRequestException(HookRequestException.Outcome.PRECONDITION_FAILED, "BCDS-2001",
                    message.toString());
        }
        List<Resource> ownResources = new ArrayList<>();
        for (Resource resource : resources) {
            if (resource instanceof Patient p) {
                if (p.getIdElement().getIdPart() == null || p.getIdElement().getIdPart().equals(patientId)) {
                    patient = p;
                }
            } else if (PatientReferences.belongsTo(resource, patientId)) {
                ownResources.add(resource);
            }
        }
        return new PatientRecord(patientId, patient, ownResources);
    }
}

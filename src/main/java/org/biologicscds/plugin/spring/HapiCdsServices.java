package org.biologicscds.plugin.spring;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestJson;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.hapi.fhir.cdshooks.api.CdsResolutionStrategyEnum;
import ca.uhn.hapi.fhir.cdshooks.api.ICdsServiceRegistry;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.biologicscds.hooks.HookRequestException;
import org.biologicscds.hooks.ServiceDefinition;
import org.biologicscds.service.BiologicCdsService;
import org.biologicscds.service.CdsCall;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;

/**
 * Our CDS services as services of HAPI's CDS Hooks module ({@link ICdsServiceRegistry}). Each is
 * registered with its prefetch templates and every key resolved by the module through the JPA
 * server's DAOs ({@link CdsResolutionStrategyEnum#DAO}), so a request needs no prefetch and no
 * fhirServer; the module's request, prefetch filled in, is answered by {@link BiologicCdsService}
 * exactly as the standalone service answers it. A request our service refuses (400, 404, 412) is
 * the module's exception with that status and our message (code first).
 */
public final class HapiCdsServices {

    /** The module id the services are registered under (to unregister them all at once). */
    public static final String MODULE_ID = "biologics-cds";

    private final BiologicCdsService service;
    private final ObjectMapper hapiMapper;
    private final DaoRegistry daos;

    /**
     * @param hapiMapper the module's object mapper (bean {@code CdsHooksConfig.CDS_HOOKS_OBJECT_MAPPER_FACTORY}),
     *                   which writes the prefetch resources as FHIR JSON
     */
    public HapiCdsServices(BiologicCdsService service, ObjectMapper hapiMapper, DaoRegistry daos) {
        this.service = service;
        this.hapiMapper = hapiMapper;
        this.daos = daos;
    }

    /** Registers every service of our catalogue. */
    public void registerIn(ICdsServiceRegistry registry) {
        for (ServiceDefinition definition : service.catalog().discovery().services()) {
            CdsServiceJson json = new CdsServiceJson().setId(definition.id()).setHook(definition.hook())
                    .setTitle(definition.title()).setDescription(definition.description());
            definition.prefetch().forEach((key, template) -> {
                json.addPrefetch(key, template);
                json.addSource(key, CdsResolutionStrategyEnum.DAO);
            });
            registry.registerService(definition.id(), request -> answer(definition.id(), request), json, false, MODULE_ID);
        }
    }

    /**
     * The module's DAO prefetch runs the template's search without its
     * {@code _include=MedicationRequest:medication}: the Medications a MedicationRequest of the
     * record references are read here and added as included entries, as the search would have
     * returned them. Without them an order coded by reference (e.g. methotrexate) goes unrecognised.
     */
    private void addReferencedMedications(Bundle bundle) {
        Set<String> present = new HashSet<>();
        List<String> referenced = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Medication medication) {
                present.add("Medication/" + medication.getIdElement().getIdPart());
            } else if (entry.getResource() instanceof MedicationRequest order && order.getMedication() instanceof Reference ref
                    && ref.getReferenceElement().hasIdPart() && "Medication".equals(ref.getReferenceElement().getResourceType())) {
                referenced.add("Medication/" + ref.getReferenceElement().getIdPart());
            }
        }
        for (String reference : referenced) {
            if (present.add(reference)) {
                try {
                    IBaseResource medication = daos.getResourceDao("Medication").read(new IdType(reference), new SystemRequestDetails());
                    bundle.addEntry().setResource((Medication) medication).getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);
                } catch (ResourceNotFoundException | ResourceGoneException e) {
                    // Left unresolved: the service then says the drug could not be resolved (BCDS-2004).
                }
            }
        }
    }

    /** Answers one request of the module, prefetch resolved. */
    public CdsServiceResponseJson answer(String serviceId, CdsServiceRequestJson request) {
        for (String key : request.getPrefetchKeys()) {
            if (request.getPrefetch(key) instanceof Bundle bundle) {
                addReferencedMedications(bundle);
            }
        }
        byte[] body;
        try {
            body = hapiMapper.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("BCDS-5201: the CDS Hooks module's request cannot be written as JSON", e);
        }
        CdsCall call;
        try {
            call = service.call(serviceId, body);
        } catch (HookRequestException e) {
            throw BaseServerResponseException.newInstance(e.outcome().status(), e.code() + ": " + e.diagnostics());
        }
        try {
            return hapiMapper.readValue(service.json().write(call.response()), CdsServiceResponseJson.class);
        } catch (IOException e) {
            throw new IllegalStateException("BCDS-5202: our cards cannot be read as the CDS Hooks module's response", e);
        }
    }
}

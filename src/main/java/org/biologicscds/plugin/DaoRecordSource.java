package org.biologicscds.plugin;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.record.FetchFailure;
import org.biologicscds.record.FetchResult;
import org.biologicscds.record.PrefetchTokens;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Resource;

/**
 * The record read inside a HAPI JPA server through its own DAOs ({@link DaoRegistry}), with the
 * writer's {@link RequestDetails}: so the same partition and the same storage interceptors
 * (authorization, consent) apply as to the writer's own reads, and a write made a moment ago in the
 * same database, or earlier in the same transaction, is seen. Every search is synchronous
 * ({@link SearchParameterMap#setLoadSynchronous(boolean)}): the JPA server's search cache answers
 * identical searches from a snapshot for up to a minute, which once hid a positive IGRA posted a
 * second before an order (issue 17).
 */
final class DaoRecordSource implements RecordSource {

    private final DaoRegistry daos;
    private final MatchUrlService matchUrls;
    private final FhirContext fhir;

    DaoRecordSource(DaoRegistry daos, MatchUrlService matchUrls, FhirContext fhir) {
        this.daos = daos;
        this.matchUrls = matchUrls;
        this.fhir = fhir;
    }

    @Override
    public Map<String, FetchResult> read(Map<String, String> templates, String patientId, RequestDetails request) {
        PrefetchTokens tokens = PrefetchTokens.forPatient(patientId);
        Map<String, FetchResult> results = new LinkedHashMap<>();
        templates.forEach((key, template) -> results.put(key, tokens.resolve(template)
                .map(query -> readOne(key, query, request))
                .orElseGet(() -> FetchResult.failed(key, FetchFailure.UNRESOLVED_TOKEN,
                        "the template uses " + tokens.unresolved(template)))));
        return results;
    }

    @Override
    public Optional<Medication> medication(String reference, RequestDetails request) {
        IdType id = new IdType(reference);
        if (!"Medication".equals(id.getResourceType()) || !id.hasIdPart()) {
            return Optional.empty();
        }
        FetchResult result = readOne("medication", "Medication/" + id.getIdPart(), request);
        return result.resources().stream().filter(Medication.class::isInstance).map(Medication.class::cast).findFirst();
    }

    @Override
    public boolean readsThroughServer() {
        return true;
    }

    private FetchResult readOne(String key, String query, RequestDetails request) {
        int questionMark = query.indexOf('?');
        String type = questionMark < 0 ? query.substring(0, Math.max(query.indexOf('/'), 0)) : query.substring(0, questionMark);
        if (type.isEmpty() || !daos.isResourceTypeSupported(type)) {
            return FetchResult.failed(key, FetchFailure.UNSUPPORTED_TEMPLATE, "this server stores no " + type);
        }
        IFhirResourceDao<? extends IBaseResource> dao = daos.getResourceDao(type);
        try {
            if (questionMark < 0) {
                IBaseResource resource = dao.read(new IdType(query), request);
                return FetchResult.found(key, List.of((Resource) resource));
            }
            SearchParameterMap search = matchUrls.translateMatchUrl(query, fhir.getResourceDefinition(type));
            search.setLoadSynchronous(true);
            IBundleProvider found = dao.search(search, request);
            List<Resource> resources = new ArrayList<>();
            for (IBaseResource resource : found.getAllResources()) {
                resources.add((Resource) resource);
            }
            return FetchResult.found(key, resources);
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return FetchResult.failed(key, FetchFailure.REJECTED, "not found on this server");
        } catch (AuthenticationException e) {
            return FetchResult.failed(key, FetchFailure.UNAUTHORIZED, "the writer is not authenticated for this read");
        } catch (ForbiddenOperationException e) {
            return FetchResult.failed(key, FetchFailure.FORBIDDEN, "the writer may not read this");
        } catch (BaseServerResponseException e) {
            return FetchResult.failed(key, FetchFailure.REJECTED, "the server refused the read (HTTP " + e.getStatusCode() + ")");
        } catch (RuntimeException e) {
            // Not silent: the caller turns any failure into "not checked".
            return FetchResult.failed(key, FetchFailure.FAILED, "the read failed (" + e.getClass().getSimpleName() + ")");
        }
    }
}

package org.biologicscds.plugin;

import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.record.FetchResult;
import org.biologicscds.record.FhirEndpoint;
import org.biologicscds.record.FhirFetcher;
import org.biologicscds.record.PrefetchTokens;
import org.hl7.fhir.r4.model.Medication;

/**
 * The record read back over FHIR REST, with the CDS path's fetcher, from a configured base URL or
 * else the base URL of the server the write came to, presenting the writer's bearer token: for a
 * plain {@code RestfulServer}, which has no DAOs to read through.
 */
final class HttpRecordSource implements RecordSource {

    private final FhirFetcher fetcher;
    private final Optional<URI> base;

    HttpRecordSource(FhirFetcher fetcher, Optional<URI> base) {
        this.fetcher = fetcher;
        this.base = base;
    }

    @Override
    public Map<String, FetchResult> read(Map<String, String> templates, String patientId, RequestDetails request) {
        return fetcher.fetchTemplates(endpoint(request), templates, PrefetchTokens.forPatient(patientId));
    }

    @Override
    public Optional<Medication> medication(String reference, RequestDetails request) {
        FetchResult result = fetcher.fetchAll(endpoint(request), Map.of("medication", reference)).get("medication");
        return result.resources().stream().filter(Medication.class::isInstance).map(Medication.class::cast).findFirst();
    }

    private FhirEndpoint endpoint(RequestDetails request) {
        return new FhirEndpoint(base.map(URI::toString).orElse(request.getFhirServerBase()), bearerToken(request));
    }

    @Override
    public boolean readsThroughServer() {
        return false;
    }

    private static Optional<String> bearerToken(RequestDetails request) {
        String authorization = request.getHeader(Constants.HEADER_AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim());
        }
        return Optional.empty();
    }
}

package org.biologicscds.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.biologicscds.hooks.FhirAuthorization;
import org.biologicscds.hooks.HookRequest;
import org.biologicscds.hooks.HookRequestException;
import org.biologicscds.hooks.ServiceDefinition;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link PatientRecord} for a request, key by key of the service's prefetch templates,
 * following CDS Hooks 2.0: a key that is missing was not fetched by the client; {@code null} was
 * fetched and found nothing (and is not fetched again); an OperationOutcome means the client's
 * fetch failed. Keys missing or failed are fetched from {@code fhirServer} with
 * {@code fhirAuthorization.access_token} ({@link FhirFetcher}: in parallel, one deadline, paging).
 *
 * <p>Data a template asks for that can be had neither way is a 412 naming each key and why: a check
 * that cannot run must not look like an all-clear. Immutable and thread-safe.
 */
public final class PrefetchAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(PrefetchAssembler.class);

    private final FhirReader reader;
    private final FhirFetcher fetcher;
    private final FetchWait fetchWait;
    private final PrefetchScreen screen;

    /** An assembler whose fetches are waited for as {@code fetchWait} says, parsing every prefetched resource. */
    public PrefetchAssembler(FhirReader reader, FhirFetcher fetcher, FetchWait fetchWait) {
        this(reader, fetcher, fetchWait, PrefetchScreen.keepingEverything());
    }

    /**
     * As above, parsing only the prefetched resources {@code screen} keeps (what the rules of one
     * knowledge can read). Resources fetched from fhirServer are not screened: their queries already
     * ask only for what the rules read.
     */
    public PrefetchAssembler(FhirReader reader, FhirFetcher fetcher, FetchWait fetchWait, PrefetchScreen screen) {
        this.reader = reader;
        this.fetcher = fetcher;
        this.fetchWait = fetchWait;
        this.screen = screen;
    }

    /** This assembler with another screen (the one of the knowledge a call runs on). */
    public PrefetchAssembler screening(PrefetchScreen other) {
        return new PrefetchAssembler(reader, fetcher, fetchWait, other);
    }

    /** A 400 if the service requires https FHIR servers and the request names a plain http one. */
    public void checkFhirServer(HookRequest request) {
        if (fetcher.settings().requireHttps() && request.fhirServer() != null
                && !"https".equalsIgnoreCase(URI.create(request.fhirServer()).getScheme())) {
            throw HookRequestException.badRequest("BCDS-1016",
                    "fhirServer must be an https URL: this service does not send access tokens over plain http");
        }
    }

    public PatientRecord assemble(HookRequest request, ServiceDefinition service) {
        String patientId = request.context().patientId();
        Map<String, JsonNode> prefetch = request.prefetch();
        List<Resource> resources = new ArrayList<>();
        Map<String, String> toFetch = new LinkedHashMap<>();
        TreeSet<String> notPrefetched = new TreeSet<>();
        TreeSet<String> prefetchFailed = new TreeSet<>();
        for (Map.Entry<String, String> template : service.prefetch().entrySet()) {
            String key = template.getKey();
            if (!prefetch.containsKey(key)) {
                notPrefetched.add(key);
                toFetch.put(key, template.getValue());
            } else if (!prefetch.get(key).isNull() && !addPrefetched(prefetch.get(key), resources)) {
                prefetchFailed.add(key);
                toFetch.put(key, template.getValue());
            }
        }
        if (!toFetch.isEmpty()) {
            if (request.fhirServer() == null) {
                throw noFhirServer(notPrefetched, prefetchFailed);
            }
            if (!fetcher.settings().allows(request.fhirServer())) {
                throw new HookRequestException(HookRequestException.Outcome.PRECONDITION_FAILED, "BCDS-2003",
                        "the patient data these checks need was not prefetched " + new TreeSet<>(toFetch.keySet())
                                + ", and fhirServer is not one this service may fetch from (--fhir-server-allow)");
            }
            resources.addAll(fetch(request, toFetch));
        }
        return PatientRecord.of(patientId, resources);
    }

    /**
     * Adds what a prefetch value holds; false if it is an OperationOutcome, a search result that
     * reports an error, or not FHIR at all. What the screen leaves out is not parsed at all; it
     * keeps OperationOutcomes, Bundles and anything it cannot judge, so these answers are as before.
     */
    private boolean addPrefetched(JsonNode value, List<Resource> resources) {
        JsonNode toRead = screen.screen(value);
        if (toRead == null) {
            return true; // one resource no rule reads: fetched fine, nothing to add
        }
        Resource resource;
        try {
            resource = reader.read(toRead);
        } catch (FhirReader.NotFhirException e) {
            return false;
        }
        if (resource instanceof OperationOutcome) {
            return false;
        }
        if (resource instanceof Bundle bundle) {
            List<Resource> items = new ArrayList<>();
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                Resource item = entry.getResource();
                if (item instanceof OperationOutcome outcome) {
                    if (QueryReader.hasError(outcome)) {
                        return false; // the client's search failed part-way: its entries are not the whole answer
                    }
                } else if (item != null) {
                    items.add(item);
                }
            }
            resources.addAll(items);
        } else {
            resources.add(resource);
        }
        return true;
    }

    private List<Resource> fetch(HookRequest request, Map<String, String> templates) {
        long started = System.nanoTime();
        FhirEndpoint endpoint = new FhirEndpoint(request.fhirServer(),
                request.authorization().map(FhirAuthorization::accessToken));
        PrefetchTokens tokens = PrefetchTokens.of(request.context());
        Map<String, FetchResult> results = fetchWait.await(() -> fetcher.fetchTemplates(endpoint, templates, tokens));
        List<FetchResult> failed = results.values().stream().filter(r -> !r.ok()).toList();
        LOG.info("hookInstance={} fetched={} failed={} ms={}", request.hookInstance(), results.keySet(),
                failed.stream().map(r -> r.key() + ":" + r.failure()).toList(), (System.nanoTime() - started) / 1_000_000);
        if (!failed.isEmpty()) {
            throw new HookRequestException(HookRequestException.Outcome.PRECONDITION_FAILED, "BCDS-2002",
                    "the patient data these checks need could not be fetched from fhirServer: "
                            + failed.stream().map(FetchResult::describe).collect(Collectors.joining("; "))
                            + "; nothing was checked");
        }
        List<Resource> resources = new ArrayList<>();
        results.values().forEach(r -> resources.addAll(r.resources()));
        return resources;
    }

    private static HookRequestException noFhirServer(TreeSet<String> notPrefetched, TreeSet<String> prefetchFailed) {
        StringBuilder message = new StringBuilder("the patient data these checks need could not be had:");
        if (!notPrefetched.isEmpty()) {
            message.append(" not prefetched ").append(notPrefetched).append(';');
        }
        if (!prefetchFailed.isEmpty()) {
            message.append(" prefetch failed or is not FHIR ").append(prefetchFailed).append(';');
        }
        message.append(" and no fhirServer to fetch them from: send them as prefetch (see GET /cds-services)"
                + " or send fhirServer");
        return new HookRequestException(HookRequestException.Outcome.PRECONDITION_FAILED, "BCDS-2001",
                message.toString());
    }
}

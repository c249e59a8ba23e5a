package org.biologicscds.record;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.exceptions.NonFhirResponseException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * Runs one prefetch query against a FHIR server: a read ({@code Patient/123}) or a search
 * ({@code Observation?patient=123&code=...}) whose pages it follows while they stay on the server's
 * origin, up to the cap. Turns every way a server can fail into a {@link FetchFailure}.
 */
final class QueryReader {

    private static final Pattern READ = Pattern.compile("([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})");
    private static final Pattern SEARCH = Pattern.compile("[A-Z][A-Za-z]+(\\?.*)?");

    private final IGenericClient client;
    private final URI base;
    private final int maxPages;

    QueryReader(IGenericClient client, String base, int maxPages) {
        this.client = client;
        this.base = URI.create(base);
        this.maxPages = maxPages;
    }

    FetchResult read(String key, String query) {
        try {
            if (READ.matcher(query).matches()) {
                int slash = query.indexOf('/');
                IBaseResource resource = client.read().resource(query.substring(0, slash))
                        .withId(query.substring(slash + 1)).execute();
                return resource instanceof Resource r ? FetchResult.found(key, List.of(r))
                        : FetchResult.failed(key, FetchFailure.NOT_FHIR, "the answer is not an R4 resource");
            }
            if (SEARCH.matcher(query).matches()) {
                return search(key, query.contains("?") ? query : query + "?");
            }
            return FetchResult.failed(key, FetchFailure.UNSUPPORTED_TEMPLATE,
                    "its template is neither a read (Type/id) nor a search (Type?params)");
        } catch (RuntimeException e) {
            return failure(key, e);
        }
    }

    private FetchResult search(String key, String query) {
        Bundle page = client.search().byUrl(query).returnBundle(Bundle.class).execute();
        List<Resource> found = new ArrayList<>();
        for (int pages = 1; ; pages++) {
            for (Bundle.BundleEntryComponent entry : page.getEntry()) {
                Resource resource = entry.getResource();
                if (resource instanceof OperationOutcome outcome) {
                    if (hasError(outcome)) {
                        return FetchResult.failed(key, FetchFailure.NOT_FHIR, "the search result reports an error");
                    }
                } else if (resource != null) {
                    found.add(resource);
                }
            }
            Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
            if (next == null || !next.hasUrl()) {
                return FetchResult.found(key, found);
            }
            if (pages >= maxPages) {
                return FetchResult.failed(key, FetchFailure.TOO_MANY_PAGES, "more than " + maxPages + " result pages");
            }
            URI nextUrl = base.resolve(next.getUrl());
            if (!sameOrigin(nextUrl)) {
                return FetchResult.failed(key, FetchFailure.FOREIGN_NEXT_LINK,
                        "a next link leaves the fhirServer; the token is not sent elsewhere");
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new FhirClientConnectionException(new InterruptedIOException("deadline passed"));
            }
            page = client.loadPage().byUrl(nextUrl.toString()).andReturnBundle(Bundle.class).execute();
        }
    }

    private boolean sameOrigin(URI url) {
        return url.getScheme() != null && url.getScheme().equalsIgnoreCase(base.getScheme())
                && url.getHost() != null && url.getHost().equalsIgnoreCase(base.getHost())
                && port(url) == port(base);
    }

    private static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    static boolean hasError(OperationOutcome outcome) {
        return outcome.getIssue().stream().anyMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL);
    }

    /** The failure an exception of HAPI's client means; the message names no URL and no data. */
    static FetchResult failure(String key, RuntimeException e) {
        if (causedBy(e, DataFormatException.class) || e instanceof ClassCastException) {
            // HAPI's client wraps a body it cannot parse in a connection exception.
            return FetchResult.failed(key, FetchFailure.NOT_FHIR, "the fhirServer's answer is not the FHIR asked for");
        }
        if (e instanceof FhirClientConnectionException) {
            if (causedBy(e, SocketTimeoutException.class) || causedBy(e, InterruptedIOException.class)) {
                return FetchResult.failed(key, FetchFailure.TIMEOUT, "the fhirServer did not answer in time");
            }
            if (causedBy(e, ConnectException.class) || causedBy(e, UnknownHostException.class)
                    || causedBy(e, NoRouteToHostException.class)) {
                return FetchResult.failed(key, FetchFailure.UNREACHABLE, "the fhirServer could not be reached");
            }
            return FetchResult.failed(key, FetchFailure.UNREACHABLE, "the connection to the fhirServer failed");
        }
        if (e instanceof NonFhirResponseException) {
            return FetchResult.failed(key, FetchFailure.NOT_FHIR, "the fhirServer's answer is not FHIR");
        }
        if (e instanceof BaseServerResponseException response) {
            int status = response.getStatusCode();
            String text = "the fhirServer answered HTTP " + status;
            if (status == 401) {
                return FetchResult.failed(key, FetchFailure.UNAUTHORIZED, text + ": the access token was not accepted");
            }
            if (status == 403) {
                return FetchResult.failed(key, FetchFailure.FORBIDDEN, text + ": the access token does not allow this read");
            }
            return FetchResult.failed(key, status >= 500 ? FetchFailure.SERVER_ERROR : FetchFailure.REJECTED, text);
        }
        return FetchResult.failed(key, FetchFailure.FAILED, "the fetch failed: " + e.getClass().getSimpleName());
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (Objects.equals(t.getCause(), t)) {
                break;
            }
        }
        return false;
    }
}

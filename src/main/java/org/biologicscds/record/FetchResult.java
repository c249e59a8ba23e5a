package org.biologicscds.record;

import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Resource;

/**
 * What fetching one prefetch key gave: the resources found (a read's resource, or every entry of
 * every page of a search), or why it failed.
 *
 * @param key       the prefetch key
 * @param resources the resources found, in the order received; empty if the search found nothing
 *                  or the fetch failed
 * @param failure   null when the fetch succeeded
 * @param reason    a short human reason for the failure naming no patient data; empty on success
 */
public record FetchResult(String key, List<Resource> resources, FetchFailure failure, String reason) {

    public FetchResult {
        Objects.requireNonNull(key, "key");
        resources = List.copyOf(resources);
        Objects.requireNonNull(reason, "reason");
    }

    public static FetchResult found(String key, List<Resource> resources) {
        return new FetchResult(key, resources, null, "");
    }

    public static FetchResult failed(String key, FetchFailure failure, String reason) {
        return new FetchResult(key, List.of(), Objects.requireNonNull(failure, "failure"), reason);
    }

    public boolean ok() {
        return failure == null;
    }

    /** {@code observations (no answer within 2000 ms)}: how a 412 names it. */
    public String describe() {
        return ok() ? key : key + " (" + reason + ")";
    }
}

package org.biologicscds.record;

import java.util.Map;
import java.util.function.Supplier;

/**
 * How the caller of {@link PrefetchAssembler} waits for a fetch from a FHIR server: the service
 * gives its compute turn back meanwhile, so that other calls compute while this one waits on the
 * network.
 */
@FunctionalInterface
public interface FetchWait {

    /** Runs {@code fetch} (which blocks until the fetch is over) and returns what it returned. */
    Map<String, FetchResult> await(Supplier<Map<String, FetchResult>> fetch);
}

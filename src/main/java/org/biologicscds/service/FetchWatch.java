package org.biologicscds.service;

import java.util.Map;
import java.util.function.Supplier;
import org.biologicscds.record.FetchResult;
import org.biologicscds.record.FetchWait;

/**
 * The {@link FetchWait} the service gives its assembler, counting the fetches made on each thread:
 * every fetch of the assembler goes through its FetchWait, on the calling thread, so a count that
 * did not move while a record was assembled means the record came from the prefetch alone. That is
 * how the run-ahead knows which records it may keep without the assembler telling it.
 */
final class FetchWatch implements FetchWait {

    private final FetchWait inner;
    private final ThreadLocal<long[]> fetches = ThreadLocal.withInitial(() -> new long[1]);

    FetchWatch(FetchWait inner) {
        this.inner = inner;
    }

    @Override
    public Map<String, FetchResult> await(Supplier<Map<String, FetchResult>> fetch) {
        fetches.get()[0]++;
        return inner.await(fetch);
    }

    /** What {@code work} returned, and whether it fetched anything on this thread. */
    <T> Watched<T> watch(Supplier<T> work) {
        long[] count = fetches.get();
        long before = count[0];
        T result = work.get();
        return new Watched<>(result, count[0] != before);
    }

    record Watched<T>(T result, boolean fetched) {
    }
}

package org.biologicscds.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.biologicscds.record.PatientRecord;

/**
 * Run-ahead: the patient records assembled for recent calls, answered again to a call with the very
 * same inputs ({@link RunAheadKey}). An EHR calls order-select while the clinician edits an order,
 * then order-sign, for the same patient with the same prefetch; parsing that prefetch with HAPI is
 * the largest share of a call's CPU, and is done once.
 *
 * <p>What a call does with it depends on its hook ({@link Use}): an order-select keeps its record (the
 * order is being edited: more order-selects and an order-sign follow); an order-sign takes the record
 * and lets it go (the editing is over), and keeps none of its own; other hooks only look. So a stream of
 * calls that do not repeat (order-signs, patient-views) keeps nothing, and costs only a hash and a
 * lookup: kept records live long enough to be promoted to the old generation of the heap, and a
 * stream of records that die there costs full collections, more than the parse they would save.
 *
 * <p>Memory only, and bounded three ways: at most so many records, at most so many bytes of the
 * requests they came from, each for a fixed time after it was assembled (a hit does not extend it).
 * Only records assembled from the prefetch alone are kept: data fetched from the EHR's FHIR server
 * may change from one call to the next, and was read with the call's access token.
 *
 * <p>Kept records are shared by concurrent calls. {@link PatientRecord} is immutable; the HAPI
 * resources in it are not, and the rules only read them ({@code RunAheadTest} checks that every
 * scenario leaves them as it found them). The records are published through this object's lock.
 *
 * <p>Thread-safe. A miss costs a hash of the prefetch tree and a lookup; the lock is held for the
 * lookup and the comparison of two trees on a hash hit, never while a record is assembled.
 */
public final class RunAhead {

    private final RunAheadSettings settings;
    private final Clock clock;
    /** In insertion order: the oldest first, which is also the first to expire and the first evicted. */
    private final LinkedHashMap<RunAheadKey, Kept> kept = new LinkedHashMap<>();
    private long keptBytes;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder fetched = new LongAdder();

    public RunAhead(RunAheadSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The run-ahead as {@code settings} say, its records expiring by the system clock. */
    public static RunAhead of(RunAheadSettings settings) {
        return new RunAhead(settings, Clock.systemUTC());
    }

    public static RunAhead off() {
        return of(RunAheadSettings.off());
    }

    public RunAheadSettings settings() {
        return settings;
    }

    public boolean on() {
        return settings.on();
    }

    /** Calls answered with a kept record. */
    public long hits() {
        return hits.sum();
    }

    /** Calls whose record was assembled from the prefetch (kept or not). */
    public long misses() {
        return misses.sum();
    }

    /** Calls whose record needed a fetch from the FHIR server, and was not kept. */
    public long fetched() {
        return fetched.sum();
    }

    /** The records kept now. */
    public synchronized int size() {
        return kept.size();
    }

    /** What a call does with the run-ahead. */
    public enum Use {
        /** Look, and keep the record assembled on a miss (order-select: more calls for this order follow). */
        KEEP,
        /** Look, and let the record found go (order-sign: the order is signed); keep none. */
        TAKE,
        /** Look only (patient-view, or any other hook). */
        LOOK;

        /** The use of a call to a service for {@code hook}. */
        public static Use of(String hook) {
            return switch (hook) {
                case "order-select" -> KEEP;
                case "order-sign" -> TAKE;
                default -> LOOK;
            };
        }
    }

    /**
     * The record for {@code key}: the one kept for it, or the one {@code assemble} makes, kept for
     * next time if {@code use} says so and it fetched nothing. {@code requestBytes} is the size of the
     * request it came from.
     */
    PatientRecord record(RunAheadKey key, long requestBytes, Use use, Supplier<FetchWatch.Watched<PatientRecord>> assemble) {
        Instant now = clock.instant();
        PatientRecord found = find(key, now, use == Use.TAKE);
        if (found != null) {
            hits.increment();
            return found;
        }
        FetchWatch.Watched<PatientRecord> made = assemble.get();
        if (made.fetched()) {
            fetched.increment();
        } else {
            misses.increment();
            if (use == Use.KEEP) {
                keep(key, made.result(), requestBytes, now);
            }
        }
        return made.result();
    }

    /** Counts a call that will fetch (a prefetch key is missing), assembled without looking here. */
    void countFetched() {
        fetched.increment();
    }

    /** Lets every kept record go. */
    public synchronized void clear() {
        kept.clear();
        keptBytes = 0;
    }

    /** The records kept now (tests: they check no call changed them). */
    synchronized List<PatientRecord> records() {
        List<PatientRecord> records = new ArrayList<>();
        kept.values().forEach(k -> records.add(k.record()));
        return records;
    }

    private synchronized PatientRecord find(RunAheadKey key, Instant now, boolean take) {
        dropExpired(now);
        Kept k = take ? kept.remove(key) : kept.get(key);
        if (k == null) {
            return null;
        }
        if (take) {
            keptBytes -= k.bytes();
        }
        return k.record();
    }

    private synchronized void keep(RunAheadKey key, PatientRecord record, long bytes, Instant assembled) {
        if (bytes > settings.maxBytes()) {
            return;
        }
        Kept previous = kept.remove(key); // two calls raced to assemble the same record: keep the later one
        if (previous != null) {
            keptBytes -= previous.bytes();
        }
        kept.put(key, new Kept(record, bytes, assembled.plus(settings.ttl())));
        keptBytes += bytes;
        Iterator<Kept> oldest = kept.values().iterator();
        while (kept.size() > settings.maxRecords() || keptBytes > settings.maxBytes()) {
            keptBytes -= oldest.next().bytes();
            oldest.remove();
        }
        dropExpired(assembled);
    }

    private void dropExpired(Instant now) {
        Iterator<Kept> oldest = kept.values().iterator();
        while (oldest.hasNext()) {
            Kept k = oldest.next();
            if (now.isBefore(k.expires())) {
                // The rest were kept later and expire later (give or take the calls assembling at once,
                // which a later call or the bounds take out).
                return;
            }
            keptBytes -= k.bytes();
            oldest.remove();
        }
    }

    private record Kept(PatientRecord record, long bytes, Instant expires) {
    }
}

package org.biologicscds.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.ToDoubleFunction;
import org.biologicscds.hooks.Card;

/**
 * The service's metrics, in a Micrometer registry scraped as Prometheus text at {@code /metrics}:
 * <ul>
 *   <li>{@code cds_requests_seconds} (timer): requests and latency by {@code endpoint}
 *       (discovery, service, feedback, admin, metrics, other), {@code service} (a known service id,
 *       {@code unknown}, or {@code none}) and {@code status};</li>
 *   <li>{@code cds_cards_total}: cards answered, by {@code rule} and {@code indicator};</li>
 *   <li>{@code cds_checks_not_run_total}: rules that threw, by {@code rule}: each answer carried a card saying that
 *       check could not run, beside the other rules' cards;</li>
 *   <li>{@code cds_fetch_failures_total}: failed patient-data fetches, by {@code prefetch_key} and {@code cause};</li>
 *   <li>{@code cds_feedback_total}: feedback entries stored (duplicates not counted), by {@code service} and {@code outcome};</li>
 *   <li>{@code cds_issued_cards_total}: the issued-card log's cards, by {@code state} (recorded, written, dropped, lost);</li>
 *   <li>{@code cds_run_ahead_total}: calls by what the run-ahead did for them, by {@code outcome} (hit: a kept
 *       record answered; miss: assembled from the prefetch; fetched: assembled with a fetch, not kept), and
 *       {@code cds_run_ahead_records}, the records it keeps now.</li>
 * </ul>
 * Label values are ids from the service's own configuration, never request data, so their number
 * stays bounded, and each meter is built once and kept: the per-request methods look it up in a map
 * instead of building tags, sorting them and asking the registry (about a kilobyte of garbage and
 * a registry lookup per request and per card). Thread-safe.
 */
public final class CdsMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FetchFailures fetchFailures = (prefetchKey, cause) -> Counter.builder("cds.fetch.failures")
            .description("Patient-data fetches from the EHR's FHIR server that failed")
            .tag("prefetch_key", prefetchKey).tag("cause", cause.label())
            .register(registry).increment();

    private final ConcurrentMap<RequestKey, Timer> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<CardKey, Counter> cards = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> checksNotRun = new ConcurrentHashMap<>();

    private record RequestKey(String endpoint, String service, int status) {
    }

    private record CardKey(String rule, String indicator) {
    }

    /** Records one HTTP request. */
    public void request(String endpoint, String service, int status, Duration latency) {
        requests.computeIfAbsent(new RequestKey(endpoint, service, status), key -> Timer.builder("cds.requests")
                .description("HTTP requests by endpoint, CDS service and status")
                .tag("endpoint", key.endpoint()).tag("service", key.service()).tag("status", Integer.toString(key.status()))
                .register(registry)).record(latency);
    }

    /** Counts the cards of one answer by rule (the card's source.topic code) and indicator. */
    public void cards(List<Card> answered) {
        for (Card card : answered) {
            String rule = card.source().topic() == null ? "none" : card.source().topic().code();
            cards.computeIfAbsent(new CardKey(rule, card.indicator().code()), key -> Counter.builder("cds.cards")
                    .description("Cards answered, by rule and indicator")
                    .tag("rule", key.rule()).tag("indicator", key.indicator())
                    .register(registry)).increment();
        }
    }

    /** Counts one rule that threw on a call, so its check could not run ({@code guidance.CheckNotRun}). */
    public void checkNotRun(String rule) {
        checksNotRun.computeIfAbsent(rule, key -> Counter.builder("cds.checks.not.run")
                .description("Rules that threw, whose checks could not run, by rule")
                .tag("rule", key).register(registry)).increment();
    }

    /** Counts feedback entries newly stored for a service. */
    public void feedback(String service, String outcome, int entries) {
        Counter.builder("cds.feedback").description("Feedback entries stored (duplicates not counted)")
                .tag("service", service).tag("outcome", outcome)
                .register(registry).increment(entries);
    }

    /** The counter the patient-data fetching code increments. */
    public FetchFailures fetchFailures() {
        return fetchFailures;
    }

    /** Exposes counts kept elsewhere (the issued-card log's) as {@code cds_issued_cards_total{state}}. */
    public <T> void issuedCards(T source, String state, ToDoubleFunction<T> count) {
        FunctionCounter.builder("cds.issued.cards", source, count)
                .description("Cards of the issued-card log, by state").tag("state", state).register(registry);
    }

    /**
     * Exposes how many calls wait right now as {@code cds_calls_waiting{on}}: {@code on} is what they
     * wait for ({@code compute-turn}, {@code fhir-server}).
     */
    public <T> void callsWaiting(T source, String on, ToDoubleFunction<T> count) {
        Gauge.builder("cds.calls.waiting", source, count)
                .description("Admitted calls waiting right now, by what they wait for").tag("on", on).register(registry);
    }

    /** Exposes the run-ahead's counts ({@code cds_run_ahead_total{outcome}}), kept by the run-ahead itself. */
    public <T> void runAhead(T source, String outcome, ToDoubleFunction<T> count) {
        FunctionCounter.builder("cds.run.ahead", source, count)
                .description("Calls by what the run-ahead of assembled records did for them").tag("outcome", outcome)
                .register(registry);
    }

    /** Exposes how many records the run-ahead keeps now as {@code cds_run_ahead_records}. */
    public <T> void runAheadRecords(T source, ToDoubleFunction<T> count) {
        Gauge.builder("cds.run.ahead.records", source, count)
                .description("Assembled patient records the run-ahead keeps now").register(registry);
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }
}

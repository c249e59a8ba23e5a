package org.biologicscds.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load generator for {@code bench/fixed-rate.sh}: POSTs one body to one URL at a fixed
 * rate, request i scheduled at {@code start + i / rate}, on a fixed number of keep-alive HTTP/1.1
 * connections. Each request's latency runs from its scheduled time, not from when a connection was
 * free to send it, so a stall delays and counts every request scheduled during it (coordinated
 * omission is counted, as in wrk2). With {@code one} instead of a rate, one connection sends the next
 * call as soon as the last one is answered: the latency of a single client.
 *
 * <pre>java -cp ... org.biologicscds.bench.FixedRateLoad URL BODY_FILE RATE|one DURATION_S WARMUP_S [CONNECTIONS]</pre>
 *
 * Prints one line: achieved rate, p50, p90, p99, p99.9 and max in ms, answers not 200 and failures.
 */
public final class FixedRateLoad {

    private static final long MAX_LATENCY_US = TimeUnit.MINUTES.toMicros(5);

    private final HttpClient client;
    private final HttpRequest request;
    private final double rate;   // requests per second; 0 for one client, one call at a time
    private final int connections;

    FixedRateLoad(URI uri, byte[] body, double rate, int connections) {
        // HTTP/1.1 only: the JDK client would otherwise try an h2c upgrade on every new connection.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        this.request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        this.rate = rate;
        this.connections = connections;
    }

    /** What one run measured. */
    record Result(Histogram latencies, long sent, long not200, long failed, double seconds) {

        String line(String label) {
            return String.format(Locale.ROOT,
                    "%s: %d requests in %.1f s = %.1f/s; latency ms p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f; not 200: %d, failed: %d",
                    label, sent, seconds, sent / seconds, ms(50), ms(90), ms(99), ms(99.9), latencies.getMaxValue() / 1000.0, not200, failed);
        }

        private double ms(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** Sends for {@code seconds}; every connection is a thread that takes the next scheduled slot. */
    Result run(double seconds) throws InterruptedException {
        Histogram latencies = new ConcurrentHistogram(MAX_LATENCY_US, 3);
        AtomicLong nextSlot = new AtomicLong();
        AtomicLong not200 = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        double interval = rate > 0 ? 1e9 / rate : 0;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < (rate > 0 ? connections : 1); c++) {
            Thread thread = new Thread(() -> {
                while (true) {
                    long scheduled;
                    if (rate > 0) {
                        scheduled = start + (long) (nextSlot.getAndIncrement() * interval);
                        if (scheduled >= end) {
                            return;
                        }
                        for (long wait; (wait = scheduled - System.nanoTime()) > 0; ) {
                            LockSupport.parkNanos(wait);
                        }
                    } else {
                        scheduled = System.nanoTime();
                        if (scheduled >= end) {
                            return;
                        }
                        nextSlot.incrementAndGet();
                    }
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            not200.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        failed.incrementAndGet();   // counted and reported; the schedule goes on
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    latencies.recordValue(Math.min(MAX_LATENCY_US, (System.nanoTime() - scheduled) / 1000));
                }
            }, "load-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(latencies, latencies.getTotalCount(), not200.get(), failed.get(), elapsed);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: FixedRateLoad URL BODY_FILE RATE|one DURATION_S WARMUP_S [CONNECTIONS]");
            System.exit(2);
        }
        boolean one = args[2].equals("one");
        double rate = one ? 0 : Double.parseDouble(args[2]);
        FixedRateLoad load = new FixedRateLoad(URI.create(args[0]), Files.readAllBytes(Path.of(args[1])), rate,
                args.length > 5 ? Integer.parseInt(args[5]) : 16);
        double warmup = Double.parseDouble(args[4]);
        if (warmup > 0) {
            load.run(warmup);
        }
        String label = one ? "one client" : String.format(Locale.ROOT, "fixed rate %.0f/s, %d connections", rate, load.connections);
        System.out.println(load.run(Double.parseDouble(args[3])).line(label));
    }
}

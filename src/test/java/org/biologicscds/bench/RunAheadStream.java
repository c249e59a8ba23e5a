package org.biologicscds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.biologicscds.guidance.Guidance;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.HookRequestException;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.knowledge.SitePolicy;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.service.BiologicCdsService;
import org.biologicscds.service.ComputeTurns;
import org.biologicscds.service.RunAhead;
import org.biologicscds.testing.SameAnswer;
import org.biologicscds.testing.TestKnowledge;

/**
 * The run-ahead benchmark's client: streams of calls for different patients to a running {@code serve},
 * each answer checked against the one this process computes for that patient without a run-ahead
 * (the same knowledge and hooks folders, the system clock). Two streams, after a warm-up of other
 * patients:
 * <ul>
 *   <li>{@code distinct}: one order-sign per patient, nothing repeats: what the run-ahead costs;</li>
 *   <li>{@code pairs}: per patient an order-select then an order-sign with the same prefetch, one after
 *       the other: what it saves.</li>
 * </ul>
 * Patients differ in id and in content (bits of the patient number take methotrexate off, make the
 * patient a child, make the weight old), so most pairs of patients expect different cards, and the
 * suggestions name the patient. Prints one Markdown row per stream to stdout and {@code OUT_FILE};
 * exits 1 if any answer was not its patient's or not a 200.
 *
 * <pre>java -cp ... org.biologicscds.bench.RunAheadStream BASE_URL LABEL PATIENTS PAIRS CONNECTIONS SIZE WARMUP OUT_FILE</pre>
 */
public final class RunAheadStream {

    private static final String SIGN = "biologic-order-sign";
    private static final String SELECT = "biologic-order-select";
    private static final CdsJson JSON = new CdsJson();
    private static final Pattern RUN_AHEAD = Pattern.compile("^cds_run_ahead_total\\{outcome=\"(\\w+)\"} ([0-9.E]+)$",
            Pattern.MULTILINE);

    private final String base;
    private final String template;
    private final String templatePatient;
    private final BiologicCdsService uncached;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RunAheadStream(String base, int size) {
        this.base = base;
        ServiceCatalog catalog = ServiceCatalog.load(TestKnowledge.HOOKS, JSON);
        BenchRecord record = BenchRecord.of(size);
        this.template = record.withPrefetch(catalog.find(SIGN).orElseThrow().prefetch()).toString();
        this.templatePatient = record.patientId();
        this.uncached = new BiologicCdsService(catalog, TestKnowledge.get(), SitePolicy.none(), TestKnowledge.FHIR, JSON,
                Clock.systemUTC(), FetchSettings.defaults(), ComputeTurns.perProcessor(),
                new Guidance(TestKnowledge.get()), RunAhead.off());
    }

    /** A call: which service, the body, and the cards (uuids out) it must be answered with. */
    private record Call(String serviceId, String body, JsonNode expected) {
    }

    /** Patient {@code n}'s order-sign: its own id everywhere, and content that depends on the bits of n. */
    private String signFor(int n) {
        String body = template;
        if ((n & 1) != 0) {
            body = replaceOnce(body, "\"105586\"", "\"197806\""); // methotrexate becomes ibuprofen: no combination card
        }
        if ((n & 2) != 0) {
            body = replaceOnce(body, "\"1979-04-12\"", "\"2022-04-12\""); // a child: below infliximab's licensed age
        }
        if ((n & 4) != 0) {
            body = replaceOnce(body, "\"2026-11-02\"", "\"2026-01-02\""); // no recent weight
        }
        return body.replace(templatePatient, "rp-" + n);
    }

    private static String replaceOnce(String body, String from, String to) {
        int at = body.indexOf(from);
        if (at < 0 || body.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException("the bench record no longer has exactly one " + from);
        }
        return body.replace(from, to);
    }

    private static String asSelect(String sign) {
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(sign);
        root.put("hook", "order-select");
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("context")).putArray("selections")
                .add("MedicationRequest/draft-infliximab");
        return root.toString();
    }

    private Call call(String serviceId, String body) {
        JsonNode expected;
        try {
            expected = SameAnswer.cardsWithoutUuids(JSON.readTree(JSON.write(
                    uncached.call(serviceId, body.getBytes(StandardCharsets.UTF_8)).response())));
        } catch (HookRequestException e) {
            throw new IllegalStateException("patient request refused in-process: " + e.getMessage(), e);
        }
        return new Call(serviceId, body, expected);
    }

    /** One stream: sequences of calls (each sequence one after the other), sequences spread over the connections. */
    private Result run(List<List<Call>> sequences, int connections) throws Exception {
        Map<String, Double> before = runAheadCounts();
        long[] latencies = new long[sequences.stream().mapToInt(List::size).sum()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        long started = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (List<Call> sequence : sequences) {
            work.add(threads.submit(() -> {
                for (Call c : sequence) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = post(c);
                    latencies[next.getAndIncrement()] = System.nanoTime() - t0;
                    if (response.statusCode() != 200) {
                        failed.incrementAndGet();
                    } else if (!SameAnswer.cardsWithoutUuids(JSON.readTree(response.body())).equals(c.expected())) {
                        wrong.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        threads.shutdown();
        Map<String, Double> after = runAheadCounts();
        Arrays.sort(latencies);
        return new Result(latencies.length, latencies.length / seconds, latencies[latencies.length / 2] / 1e6,
                latencies[(int) (latencies.length * 0.99)] / 1e6, wrong.get(), failed.get(),
                after.getOrDefault("hit", 0.0) - before.getOrDefault("hit", 0.0),
                after.getOrDefault("miss", 0.0) - before.getOrDefault("miss", 0.0));
    }

    private record Result(int calls, double perSecond, double p50, double p99, int wrong, int failed, double hits,
                          double misses) {
    }

    private HttpResponse<String> post(Call c) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/cds-services/" + c.serviceId()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(c.body())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Double> runAheadCounts() throws IOException, InterruptedException {
        String scrape = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> counts = new java.util.HashMap<>();
        Matcher m = RUN_AHEAD.matcher(scrape);
        while (m.find()) {
            counts.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return counts;
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String label = args[1];
        int patients = Integer.parseInt(args[2]);
        int pairs = Integer.parseInt(args[3]);
        int connections = Integer.parseInt(args[4]);
        int size = Integer.parseInt(args[5]);
        int warmup = Integer.parseInt(args[6]);
        Path out = Path.of(args[7]);
        RunAheadStream bench = new RunAheadStream(base, size);

        // Patient numbers: warm-up [0, warmup), distinct [warmup, warmup + patients), pairs after that.
        List<List<Call>> warm = new ArrayList<>();
        List<List<Call>> distinct = new ArrayList<>();
        List<List<Call>> paired = new ArrayList<>();
        Set<JsonNode> differentAnswers = new HashSet<>();
        for (int n = 0; n < warmup + patients + pairs; n++) {
            String sign = bench.signFor(n);
            if (n < warmup) {
                warm.add(List.of(bench.call(SIGN, sign)));
            } else if (n < warmup + patients) {
                Call call = bench.call(SIGN, sign);
                differentAnswers.add(call.expected());
                distinct.add(List.of(call));
            } else {
                paired.add(List.of(bench.call(SELECT, asSelect(sign)), bench.call(SIGN, sign)));
            }
        }
        bench.run(warm, connections);
        List<String> rows = new ArrayList<>();
        for (Map.Entry<String, List<List<Call>>> stream : List.of(Map.entry("distinct", distinct), Map.entry("pairs", paired))) {
            Result r = bench.run(stream.getValue(), connections);
            rows.add(String.format(java.util.Locale.ROOT, "| %s | %s | %d | %.0f | %.1f | %.1f | %d | %d | %.0f | %.0f |",
                    label, stream.getKey(), r.calls(), r.perSecond(), r.p50(), r.p99(), r.wrong(), r.failed(), r.hits(),
                    r.misses()));
            if (r.wrong() > 0 || r.failed() > 0) {
                System.err.println("run-ahead bench: " + r.wrong() + " answers not their patient's, " + r.failed()
                        + " not 200, in " + label + "/" + stream.getKey());
            }
        }
        rows.forEach(System.out::println);
        Files.writeString(out, String.join("\n", rows) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.err.println("distinct answers among the " + patients + " patients of the distinct stream: "
                + differentAnswers.size());
        boolean bad = rows.stream().anyMatch(row -> !row.matches(".*\\| 0 \\| 0 \\| [0-9]+ \\| [0-9]+ \\|$"));
        System.exit(bad ? 1 : 0);
    }
}

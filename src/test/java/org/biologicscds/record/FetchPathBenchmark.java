package org.biologicscds.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.sandbox.ResourceStore;
import org.biologicscds.sandbox.SandboxFhirServer;
import org.biologicscds.testing.PrefetchBuilder;
import org.biologicscds.testing.RecordScenario;
import org.biologicscds.testing.RecordScenarios;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.SameAnswer;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test (its name keeps it out of {@code mvn verify}): how much time the fetch
 * path adds to a hook call. Every demo patient's order is signed over HTTP, alternately with full
 * prefetch and with no prefetch and fhirServer pointing at the sandbox FHIR server on the same
 * port (7 searches in parallel, loopback), after a warm-up. Latency is measured at the client.
 * Asserts only that both ways answer 200 with the same cards. Run:
 *
 * <pre>mvn -B -o -DbuildDir=/tmp/x test -Dtest=FetchPathBenchmark -Dbenchmark.rounds=30</pre>
 *
 * The Markdown table is printed and written to {@code fetch-path-benchmark.md} in the temp folder.
 */
class FetchPathBenchmark {

    @Test
    void fetchPathLatency() throws Exception {
        int rounds = Integer.getInteger("benchmark.rounds", 30);
        int warmup = Integer.getInteger("benchmark.warmup", 5);
        SandboxFhirServer sandbox = new SandboxFhirServer(new ResourceStore());
        sandbox.load(Path.of("src/main/resources/demo-patients"));
        List<Resource> stored = new ArrayList<>();
        sandbox.store().counts().keySet().forEach(type -> stored.addAll(sandbox.store().all(type)));
        ServiceCatalog catalog = ServiceCatalog.load(TestKnowledge.HOOKS, new CdsJson());
        List<RecordScenario> scenarios = RecordScenarios.from(Path.of("src/main/resources/demo-patients")).stream()
                .filter(s -> s.serviceId().equals("biologic-order-sign")).toList();
        try (RunningServer server = new RunningServer(FetchSettings.defaults(), List.of(sandbox.handler()))) {
            List<String[]> bodies = new ArrayList<>();
            for (RecordScenario scenario : scenarios) {
                ObjectNode full = scenario.request().deepCopy();
                full.set("prefetch", PrefetchBuilder.build(catalog.find(scenario.serviceId()).orElseThrow().prefetch(),
                        scenario.request().at("/context/patientId").asText(), stored));
                ObjectNode none = scenario.request().deepCopy();
                none.put("fhirServer", server.uri(SandboxFhirServer.CONTEXT_PATH).toString());
                bodies.add(new String[] {full.toString(), none.toString()});
            }
            List<Long> prefetched = new ArrayList<>();
            List<Long> fetched = new ArrayList<>();
            for (int round = 0; round < warmup + rounds; round++) {
                for (String[] body : bodies) {
                    long a = System.nanoTime();
                    RunningServer.Reply withPrefetch = server.call("biologic-order-sign", body[0]);
                    long b = System.nanoTime();
                    RunningServer.Reply withoutPrefetch = server.call("biologic-order-sign", body[1]);
                    long c = System.nanoTime();
                    assertThat(withPrefetch.status()).isEqualTo(200);
                    assertThat(withoutPrefetch.status()).isEqualTo(200);
                    assertThat(SameAnswer.cardsWithoutUuids(withoutPrefetch.json()))
                            .isEqualTo(SameAnswer.cardsWithoutUuids(withPrefetch.json()));
                    if (round >= warmup) {
                        prefetched.add(b - a);
                        fetched.add(c - b);
                    }
                }
            }
            List<Long> added = new ArrayList<>();
            for (int i = 0; i < fetched.size(); i++) {
                added.add(fetched.get(i) - prefetched.get(i));
            }
            String table = """
                    | hook calls (order-sign, %d demo patients x %d rounds) | median ms | p99 ms |
                    |---|---|---|
                    | full prefetch | %s | %s |
                    | no prefetch, fetched from the sandbox at /fhir | %s | %s |
                    | added by the fetch path (paired difference) | %s | %s |
                    """.formatted(scenarios.size(), rounds, ms(prefetched, 50), ms(prefetched, 99), ms(fetched, 50),
                    ms(fetched, 99), ms(added, 50), ms(added, 99));
            Path out = Path.of(System.getProperty("java.io.tmpdir"), "fetch-path-benchmark.md");
            Files.writeString(out, table, StandardCharsets.UTF_8);
            System.out.println(table + "\nwritten to " + out + "; cores: " + Runtime.getRuntime().availableProcessors());
        }
    }

    /** The percentile (nearest rank) in milliseconds, one decimal. */
    private static String ms(List<Long> nanos, int percentile) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return String.format(java.util.Locale.ROOT, "%.1f", sorted[Math.max(0, rank)] / 1_000_000.0);
    }
}

package org.biologicscds.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.service.BiologicCdsService;
import org.biologicscds.service.CdsCall;
import org.biologicscds.testing.TestKnowledge;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process path of one order-sign call with full prefetch, no HTTP: the body bytes are parsed
 * (Jackson, then HAPI for the prefetch and draft orders), the record assembled, the guidance
 * evaluated, the cards rendered and the response encoded to bytes, for records of 10, 100 and 1,000
 * resources ({@link BenchRecord}). Setup fails if a record does not answer the expected cards, so
 * the figures are for a call that does the real work. Run with {@code bench/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class HookCallBenchmark {

    static final String SERVICE = "biologic-order-sign";

    @Param({"10", "100", "1000"})
    public int resources;

    private BiologicCdsService service;
    private byte[] body;

    @Setup(Level.Trial)
    public void setUp() {
        service = BiologicCdsService.load(TestKnowledge.FOLDER, TestKnowledge.HOOKS, null, TestKnowledge.FHIR,
                Clock.systemUTC(), FetchSettings.defaults());
        BenchRecord record = BenchRecord.of(resources);
        body = record.withPrefetch(service.service(SERVICE).prefetch()).toString().getBytes(StandardCharsets.UTF_8);
        List<String> cards = service.call(SERVICE, body).ruleIds();
        if (!cards.equals(BenchRecord.EXPECTED_CARDS)) {
            throw new IllegalStateException("record of " + resources + " answers " + cards + ", not " + BenchRecord.EXPECTED_CARDS);
        }
    }

    /** Parse, assemble, evaluate, render and encode: what the HTTP handler does between reading the body and writing bytes. */
    @Benchmark
    public byte[] orderSign() {
        CdsCall call = service.call(SERVICE, body);
        return service.json().write(call.response());
    }
}

package org.biologicscds.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.service.BiologicCdsService;
import org.biologicscds.testing.TestKnowledge;

/**
 * CPU time per in-process order-sign call (the same call as {@link HookCallBenchmark}), measured
 * with the thread's CPU clock rather than the wall clock: on a machine shared with other work the
 * wall clock counts the time the thread waited for a core, the CPU clock does not. Prints one
 * Markdown row per record size. Run with {@code bench/cpu.sh}.
 *
 * <pre>java -cp ... org.biologicscds.bench.CpuPerCall [WARMUP_SECONDS] [MEASURE_SECONDS] [SIZE...]</pre>
 */
public final class CpuPerCall {

    private CpuPerCall() {
    }

    public static void main(String[] args) {
        int warmupSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int measureSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int[] sizes = args.length > 2 ? java.util.Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {10, 100, 1000};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        BiologicCdsService service = BiologicCdsService.load(TestKnowledge.FOLDER, TestKnowledge.HOOKS, null,
                TestKnowledge.FHIR, Clock.systemUTC(), FetchSettings.defaults());
        System.out.println("| resources | calls | CPU ms per call | wall ms per call |");
        System.out.println("|---|---|---|---|");
        for (int size : sizes) {
            byte[] body = BenchRecord.of(size).withPrefetch(service.service(HookCallBenchmark.SERVICE).prefetch())
                    .toString().getBytes(StandardCharsets.UTF_8);
            if (!service.call(HookCallBenchmark.SERVICE, body).ruleIds().equals(BenchRecord.EXPECTED_CARDS)) {
                throw new IllegalStateException("record of " + size + " does not answer " + BenchRecord.EXPECTED_CARDS);
            }
            run(service, body, warmupSeconds * 1_000_000_000L);
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            long calls = run(service, body, measureSeconds * 1_000_000_000L);
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            wall = System.nanoTime() - wall;
            System.out.printf(Locale.ROOT, "| %d | %d | %.3f | %.3f |%n", size, calls, cpu / 1e6 / calls, wall / 1e6 / calls);
        }
    }

    private static long run(BiologicCdsService service, byte[] body, long nanos) {
        long end = System.nanoTime() + nanos;
        long calls = 0;
        long bytes = 0;
        while (System.nanoTime() < end) {
            bytes += service.json().write(service.call(HookCallBenchmark.SERVICE, body).response()).length;
            calls++;
        }
        if (bytes == 0) {
            throw new IllegalStateException("no response written");
        }
        return calls;
    }
}

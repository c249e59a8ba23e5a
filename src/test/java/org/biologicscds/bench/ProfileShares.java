package org.biologicscds.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns what {@code bench/profile.sh} collected under load into two Markdown tables: the server's CPU
 * per request by kind of thread (from two snapshots of {@code /proc/PID/task/*}/stat), and where the
 * request threads spend their samples, step by step (from async-profiler's collapsed stacks).
 *
 * <pre>java -cp ... org.biologicscds.bench.ProfileShares COLLAPSED CPU_BEFORE CPU_AFTER REQUESTS</pre>
 *
 * A snapshot holds one line per thread, {@code name|utime+stime in clock ticks}. A stack is counted in
 * the first step, in the order below, whose frame it holds: inner steps come before the frames that
 * wrap them (the parse before the service's call, the call before the handler), so each sample counts
 * once, in the innermost step it belongs to. A step's share is its share of the request threads' samples.
 */
public final class ProfileShares {

    private static final int TICKS_PER_SECOND = 100;
    private static final String REQUEST_THREAD = "[cds-http";
    // Thread names end in a number (cds-http-12, C2 CompilerThread0); /proc cuts names at 15 characters.
    private static final Pattern THREAD_NUMBER = Pattern.compile("[-#]?\\d+$");

    /** A step of the request and the frame that marks it (a substring of the frame's method). */
    private record Step(String label, String frame) {
    }

    private static final List<Step> STEPS = List.of(
            new Step("HAPI: prefetch JSON to R4 resources", "org/biologicscds/record/FhirReader.read"),
            new Step("fetching missing prefetch (HAPI client)", "org/biologicscds/record/FhirFetcher"),
            new Step("the sandbox FHIR server at /fhir (HAPI RestfulServer)", "ca/uhn/fhir/rest/server/RestfulServer"),
            new Step("the record: patient checks, grouping", "org/biologicscds/record/"),
            new Step("the rules", "org/biologicscds/guidance/Guidance.evaluate"),
            new Step("Jackson: request body to tree", "org/biologicscds/hooks/CdsJson.readTree"),
            new Step("the cards and their JSON", "org/biologicscds/cards/"),
            new Step("waiting for and handing over a compute turn", "org/biologicscds/service/ComputeTurns.take"),
            new Step("waiting for and handing over a compute turn", "java/util/concurrent/Semaphore.release"),
            new Step("reading the request body", "org/biologicscds/server/Replies.body"),
            new Step("writing the answer", "org/biologicscds/server/Replies.send"),
            new Step("the log line", "ch/qos/logback/"),
            new Step("request metrics", "org/biologicscds/metrics/"),
            new Step("the rest of the call (request checks, answer JSON)", "org/biologicscds/service/"),
            new Step("the rest of the CDS handler (limits, headers)", "org/biologicscds/server/CdsHandler"),
            new Step("Jetty and the JVM (HTTP parsing, selectors, thread hand-offs)", ""));

    private ProfileShares() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: ProfileShares COLLAPSED CPU_BEFORE CPU_AFTER REQUESTS");
            System.exit(2);
        }
        long requests = Long.parseLong(args[3]);
        Map<String, Long> cpu = cpuByThreadKind(readSnapshot(Path.of(args[1])), readSnapshot(Path.of(args[2])));
        long total = cpu.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("| threads | CPU s | CPU per request | share |");
        System.out.println("|---|---|---|---|");
        cpu.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.println(row(e.getKey(), e.getValue(), requests, total)));
        System.out.println(row("all", total, requests, total));
        System.out.println();

        Map<String, Long> steps = requestSteps(Files.readAllLines(Path.of(args[0])));
        long samples = steps.values().stream().mapToLong(Long::longValue).sum();
        long requestTicks = cpu.getOrDefault("cds-http", 0L);
        System.out.println("| request threads: step | samples | share | CPU per request (share of the request threads' CPU) |");
        System.out.println("|---|---|---|---|");
        steps.forEach((label, n) -> System.out.printf("| %s | %d | %.1f%% | %.0f µs |%n", label, n,
                100.0 * n / samples, microsPerRequest(requestTicks, requests) * n / samples));
    }

    private static String row(String kind, long ticks, long requests, long total) {
        return String.format("| %s | %.2f | %.0f µs | %.1f%% |", kind, (double) ticks / TICKS_PER_SECOND,
                microsPerRequest(ticks, requests), 100.0 * ticks / total);
    }

    private static double microsPerRequest(long ticks, long requests) {
        return ticks * (1_000_000.0 / TICKS_PER_SECOND) / requests;
    }

    static Map<String, Long> readSnapshot(Path file) throws IOException {
        Map<String, Long> byThread = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int bar = line.lastIndexOf('|');
            if (bar > 0) {
                byThread.merge(line.substring(0, bar), Long.parseLong(line.substring(bar + 1).trim()), Long::sum);
            }
        }
        return byThread;
    }

    /**
     * CPU ticks per kind of thread between two snapshots. Threads are matched by name; a thread that
     * started in between counts from zero, and one that ended is lost (the pools keep their threads
     * under steady load).
     */
    static Map<String, Long> cpuByThreadKind(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        after.forEach((name, ticks) -> byKind.merge(THREAD_NUMBER.matcher(name).replaceFirst(""),
                Math.max(0, ticks - before.getOrDefault(name, 0L)), Long::sum));
        return byKind;
    }

    /** Samples of the request threads, per step, in the order of {@link #STEPS}. */
    static Map<String, Long> requestSteps(List<String> collapsedStacks) {
        Map<String, Long> byStep = new LinkedHashMap<>();
        for (Step step : STEPS) {
            byStep.putIfAbsent(step.label(), 0L);
        }
        for (String line : collapsedStacks) {
            int space = line.lastIndexOf(' ');
            if (space < 0 || !line.startsWith(REQUEST_THREAD)) {
                continue;
            }
            String stack = line.substring(0, space);
            long samples = Long.parseLong(line.substring(space + 1));
            for (Step step : STEPS) {
                if (stack.contains(step.frame())) {
                    byStep.merge(step.label(), samples, Long::sum);
                    break;
                }
            }
        }
        byStep.values().removeIf(n -> n == 0);
        return byStep;
    }
}

package org.biologicscds.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.biologicscds.feedback.DatabaseSettings;
import org.biologicscds.feedback.FeedbackDatabase;
import org.biologicscds.feedback.IssuedCardLog;
import org.biologicscds.hooks.Card;
import org.biologicscds.hooks.CdsResponse;
import org.biologicscds.hooks.Coding;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.hooks.Source;
import org.biologicscds.metrics.CdsMetrics;
import org.biologicscds.service.CdsCall;

/**
 * What recording issued cards adds to the hook path: the time {@link IssuedCardRecorder#answered}
 * takes for an answer with two cards, at a steady rate, with the real log writing to an H2 file.
 * A benchmark, not a test (speed goals live here, never in unit tests). Run with the test classpath:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.biologicscds.server.IssuedCardRecorderBenchmark 20000 2}
 * (calls, calls per millisecond). Results: docs/feedback.md.
 */
public final class IssuedCardRecorderBenchmark {

    private IssuedCardRecorderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int perMillisecond = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path folder = Files.createTempDirectory("issued-card-benchmark");
        try (FeedbackDatabase db = FeedbackDatabase.open(new DatabaseSettings("jdbc:h2:file:" + folder.resolve("db"), null, null))) {
            IssuedCardLog log = new IssuedCardLog(db.dataSource(), IssuedCardLog.Settings.DEFAULT).start();
            IssuedCardRecorder recorder = new IssuedCardRecorder(log, new CdsMetrics(), Clock.systemUTC());
            Source tb = new Source("label", "https://example.org", null, new Coding("system", "tb-screening-missing", "TB"));
            Source mtx = new Source("label", "https://example.org", null, new Coding("system", "methotrexate-combination", "MTX"));
            long[] nanos = new long[calls];
            for (int i = 0; i < calls; i++) {
                CdsCall call = new CdsCall(new CdsResponse(List.of(
                        new Card(UUID.randomUUID().toString(), "summary", "detail", Indicator.WARNING, tb, List.of(), null,
                                List.of(), List.of()),
                        new Card(UUID.randomUUID().toString(), "summary", "detail", Indicator.INFO, mtx, List.of(), null,
                                List.of(), List.of()))), "hook-" + i, List.of(), "pt-" + i);
                long started = System.nanoTime();
                recorder.answered("biologic-order-sign", call);
                nanos[i] = System.nanoTime() - started;
                if (i % perMillisecond == 0) {
                    Thread.sleep(1);
                }
            }
            log.flush(Duration.ofMinutes(5));
            long[] warm = Arrays.copyOfRange(nanos, calls / 5, calls); // the first fifth warms the JIT
            Arrays.sort(warm);
            System.out.printf("answered() with 2 cards, %d calls: median %.1f µs, p99 %.1f µs, max %.1f ms; %s%n", calls,
                    warm[warm.length / 2] / 1e3, warm[(int) (warm.length * 0.99)] / 1e3, warm[warm.length - 1] / 1e6, log.stats());
            log.close();
        }
    }
}

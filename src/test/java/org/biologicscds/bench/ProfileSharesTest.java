package org.biologicscds.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic behind bench/profile.sh's tables, on stacks and snapshots shaped as the tools write them. */
class ProfileSharesTest {

    @Test
    void aStackCountsOnceInTheFirstStepItHolds() {
        List<String> stacks = List.of(
                // A HAPI parse under the compute turn counts as the parse, not as the turn or the service.
                "[cds-http-12 tid=101];org/eclipse/jetty/server/Server.handle;org/biologicscds/service/ComputeTurns.compute;"
                        + "org/biologicscds/record/PrefetchAssembler.addPrefetched;org/biologicscds/record/FhirReader.read;"
                        + "ca/uhn/fhir/parser/JsonParser.parseChildren 30",
                "[cds-http-13 tid=102];org/biologicscds/service/ComputeTurns.compute;"
                        + "org/biologicscds/guidance/Guidance.evaluate;org/biologicscds/guidance/TuberculosisRule.evaluate 12",
                "[cds-http-13 tid=102];org/biologicscds/service/ComputeTurns.compute;"
                        + "org/biologicscds/service/ComputeTurns.take;java/util/concurrent/Semaphore.acquireUninterruptibly 3",
                "[cds-http-12 tid=101];org/eclipse/jetty/io/SelectorManager.select;epoll_wait 5",
                // Under the handler but in no inner step: the handler's own work.
                "[cds-http-14 tid=103];org/biologicscds/server/RequestMetrics.handle;org/biologicscds/server/CdsHandler.handle;"
                        + "org/biologicscds/server/LogSafe.id 2",
                // Not a request thread: the collector and the compilers are counted from /proc, not here.
                "[VM Thread tid=7];SerialHeap::collect 40");

        Map<String, Long> steps = ProfileShares.requestSteps(stacks);

        assertThat(steps).containsExactly(
                entry("HAPI: prefetch JSON to R4 resources", 30L),
                entry("the rules", 12L),
                entry("waiting for and handing over a compute turn", 3L),
                entry("the rest of the CDS handler (limits, headers)", 2L),
                entry("Jetty and the JVM (HTTP parsing, selectors, thread hand-offs)", 5L));
    }

    @Test
    void cpuIsTheDifferenceOfTwoSnapshotsSummedByKindOfThread() {
        Map<String, Long> before = Map.of("cds-http-12", 100L, "cds-http-13", 50L, "C2 CompilerThre", 400L, "VM Thread", 10L);
        Map<String, Long> after = Map.of("cds-http-12", 180L, "cds-http-13", 90L, "cds-http-14", 25L,
                "C2 CompilerThre", 410L, "VM Thread", 10L);

        Map<String, Long> byKind = ProfileShares.cpuByThreadKind(before, after);

        // cds-http-14 started between the snapshots: all of its CPU is in the window.
        assertThat(byKind).containsOnly(entry("cds-http", 80L + 40L + 25L), entry("C2 CompilerThre", 10L),
                entry("VM Thread", 0L));
    }
}

package org.biologicscds.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.knowledge.SitePolicy;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.testing.InfliximabOrder;
import org.biologicscds.testing.StalledFhirServer;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * At most so many calls compute at once, and a call waiting on the network gives its turn back:
 * first the turns on their own, then a service with one turn whose call waits for a stalled FHIR
 * server while another call is answered.
 */
class ComputeTurnsTest {

    private static final long WAIT_SECONDS = 10;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** Waits until {@code thread} is blocked (waiting for a turn), failing after a while. */
    private static void awaitBlocked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (thread.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as(thread.getName() + " should be waiting for a turn").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noMoreComputeAtOnceThanThereAreTurns_theNextWaitsForOne() throws Exception {
        ComputeTurns turns = new ComputeTurns(2);
        CountDownLatch twoIn = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger computing = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Runnable work = () -> turns.compute(() -> {
            most.accumulateAndGet(computing.incrementAndGet(), Math::max);
            twoIn.countDown();
            await(release);
            return computing.decrementAndGet();
        });
        Future<?> first = threads.submit(work);
        Future<?> second = threads.submit(work);
        await(twoIn);
        Thread third = new Thread(work, "third");
        third.start();

        awaitBlocked(third);
        assertThat(turns.available()).isZero();
        assertThat(turns.waitingForTurn()).isEqualTo(1);
        release.countDown();
        third.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        first.get(WAIT_SECONDS, TimeUnit.SECONDS);
        second.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(third.isAlive()).isFalse();
        assertThat(most.get()).isEqualTo(2);
        assertThat(turns.available()).isEqualTo(2);
    }

    @Test
    void aWaitOutsideGivesTheTurnBack_andTakesOneAgainBeforeItGoesOn() throws Exception {
        ComputeTurns turns = new ComputeTurns(1);
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch answerArrives = new CountDownLatch(1);
        CountDownLatch otherIn = new CountDownLatch(1);
        CountDownLatch otherDone = new CountDownLatch(1);
        AtomicInteger afterTheWait = new AtomicInteger();
        Thread fetching = new Thread(() -> turns.compute(() -> {
            turns.outside(() -> {
                waiting.countDown();
                await(answerArrives);
                return null;
            });
            return afterTheWait.incrementAndGet();
        }), "fetching");
        fetching.start();
        await(waiting);
        assertThat(turns.waitingOutside()).isEqualTo(1);

        // The only turn is free while the first call waits: another call computes meanwhile...
        Future<Integer> other = threads.submit(() -> turns.compute(() -> {
            otherIn.countDown();
            await(otherDone);
            return 1;
        }));
        await(otherIn);
        // ...and the first, its answer in, goes on only once that call has given the turn back.
        answerArrives.countDown();
        awaitBlocked(fetching);
        assertThat(afterTheWait.get()).isZero();
        assertThat(turns.waitingOutside()).isZero();
        assertThat(turns.waitingForTurn()).isEqualTo(1);
        otherDone.countDown();
        assertThat(other.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
        fetching.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertThat(afterTheWait.get()).isEqualTo(1);
        assertThat(turns.available()).isEqualTo(1);
        assertThat(turns.waitingForTurn()).isZero();
    }

    @Test
    void outsideOfATurn_aWaitJustRuns_andAddsNoTurn_andACallInATurnComputesInIt() {
        ComputeTurns turns = new ComputeTurns(1);

        assertThat(turns.outside(() -> "waited")).isEqualTo("waited");
        assertThat(turns.compute(() -> turns.compute(() -> "nested"))).isEqualTo("nested");
        assertThat(turns.available()).isEqualTo(1);
    }

    @Test
    void whatFailsInATurnOrInAWait_givesItsTurnBack() {
        ComputeTurns turns = new ComputeTurns(1);

        assertThatThrownBy(() -> turns.compute(() -> {
            throw new IllegalStateException("the work failed");
        })).hasMessage("the work failed");
        assertThatThrownBy(() -> turns.compute(() -> turns.outside(() -> {
            throw new IllegalStateException("the wait failed");
        }))).hasMessage("the wait failed");
        assertThat(turns.available()).isEqualTo(1);
    }

    @Test
    void noTurnsAtAll_isRefused() {
        assertThatThrownBy(() -> new ComputeTurns(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCallWaitingForAStalledFhirServer_holdsNoTurn_anotherCallIsAnsweredMeanwhile() throws Exception {
        CdsJson json = new CdsJson();
        BiologicCdsService service = new BiologicCdsService(ServiceCatalog.load(TestKnowledge.HOOKS, json),
                TestKnowledge.get(), SitePolicy.none(), TestKnowledge.FHIR, json, Clock.systemUTC(),
                FetchSettings.defaults(), new ComputeTurns(1));
        try (StalledFhirServer ehr = new StalledFhirServer()) {
            CompletableFuture<CdsCall> fetching = CompletableFuture.supplyAsync(() -> {
                try {
                    return service.call("biologic-order-sign", bytes(InfliximabOrder.withoutPrefetch(ehr.base())));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            ehr.awaitStalled();

            CdsCall meanwhile = threads.submit(() -> service.call("biologic-order-sign", bytes(InfliximabOrder.withPrefetch())))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(meanwhile.ruleIds()).contains("tb-screening-missing");
            assertThat(fetching).isNotDone();
            ehr.release();
            assertThat(fetching.get(WAIT_SECONDS, TimeUnit.SECONDS).hookInstance()).isNotBlank();
        }
    }
}

package org.biologicscds.service;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * At most so many calls compute at once (parse the prefetch, evaluate the guidance, render the
 * cards): the work is CPU-bound, so more at once than the cores only adds live memory to every
 * garbage collection and switching between threads. A call that waits on the network (a fetch from
 * the EHR's FHIR server) gives its turn back meanwhile and takes one again afterwards, so a slow
 * FHIR server holds up only the calls that need it.
 *
 * <p>Turns are handed out in arrival order. Waiting for one blocks the thread, which is bounded: the
 * server admits only so many calls at once ({@code --max-concurrent-calls}), and each of them holds
 * at most one thread. Thread-safe.
 */
public final class ComputeTurns {

    private final Semaphore turns;
    /** Whether this thread is in a turn: giving back a turn one does not hold would add one for good. */
    private final ThreadLocal<Boolean> inTurn = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private final AtomicInteger waitingForTurn = new AtomicInteger();
    private final AtomicInteger waitingOutside = new AtomicInteger();

    public ComputeTurns(int turns) {
        if (turns < 1) {
            throw new IllegalArgumentException("at least one compute turn, not " + turns);
        }
        this.turns = new Semaphore(turns, true);
    }

    /** One turn per processor the JVM may use. */
    public static ComputeTurns perProcessor() {
        return new ComputeTurns(Runtime.getRuntime().availableProcessors());
    }

    /** Runs {@code work} in a turn, waiting for one first; within a turn already, just runs it. */
    public <T> T compute(Supplier<T> work) {
        if (inTurn.get()) {
            return work.get();
        }
        take();
        try {
            return work.get();
        } finally {
            inTurn.set(Boolean.FALSE);
            turns.release();
        }
    }

    /**
     * Runs {@code wait} with the caller's turn given back, and waits for a turn again before
     * returning (or throwing); outside a turn, just runs it.
     */
    public <T> T outside(Supplier<T> wait) {
        if (!inTurn.get()) {
            return wait.get();
        }
        inTurn.set(Boolean.FALSE);
        turns.release();
        waitingOutside.incrementAndGet();
        try {
            return wait.get();
        } finally {
            waitingOutside.decrementAndGet();
            take();
        }
    }

    private void take() {
        waitingForTurn.incrementAndGet();
        try {
            turns.acquireUninterruptibly();
        } finally {
            waitingForTurn.decrementAndGet();
        }
        inTurn.set(Boolean.TRUE);
    }

    /** Calls waiting for a turn right now. */
    public int waitingForTurn() {
        return waitingForTurn.get();
    }

    /** Calls waiting outside their turn right now (on the EHR's FHIR server). */
    public int waitingOutside() {
        return waitingOutside.get();
    }

    /** Turns free right now (for tests). */
    public int available() {
        return turns.availablePermits();
    }
}

package org.biologicscds.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of issued cards, written off the request thread: {@link #record} puts the cards on a
 * bounded queue and returns at once (it never waits for the database); one writer thread takes
 * whatever is queued, up to {@code maxBatch} cards, and inserts it in one transaction. When fewer
 * than a batch are waiting it first lingers a moment for more: each commit writes the database's
 * file, and under load one commit per {@code linger} costs far less than one per answer.
 *
 * <p>What can be lost (this log only; feedback is stored synchronously by {@link FeedbackStore}):
 * <ul>
 *   <li>on a crash (SIGKILL, power loss): the cards still on the queue and the batch being
 *       written, i.e. those issued since the writer's last commit, never more than
 *       {@code capacity + maxBatch};</li>
 *   <li>while the database is slower than the hooks: cards that find the queue full are dropped
 *       (counted in {@link Stats#dropped()});</li>
 *   <li>while the database is down: a batch that fails {@code attempts} times is given up
 *       (counted in {@link Stats#lost()}).</li>
 * </ul>
 * {@link #close()} writes everything queued before it returns, so a normal stop loses nothing.
 * Feedback on a card missing from this log is still stored; the report counts it as unmatched.
 * Thread-safe.
 */
public final class IssuedCardLog implements AutoCloseable {

    /**
     * @param capacity    the queue's size; more waiting cards are dropped
     * @param maxBatch    the most cards written in one transaction
     * @param attempts    tries per batch before it is given up
     * @param retryDelay  the pause between tries
     * @param linger      how long the writer waits for more cards before it writes less than a batch
     *                    ({@link #flush} and {@link #close} cut it short)
     */
    public record Settings(int capacity, int maxBatch, int attempts, Duration retryDelay, Duration linger) {

        /** 10 000 queued cards (minutes of peak load), batches of 500, 3 tries 1 s apart, 50 ms linger. */
        public static final Settings DEFAULT = new Settings(10_000, 500, 3, Duration.ofSeconds(1), Duration.ofMillis(50));
    }

    /** Counts since start: cards recorded (queued), written, dropped (queue full or closed), lost (database failed), batches written. */
    public record Stats(long recorded, long written, long dropped, long lost, long batches) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(IssuedCardLog.class);
    private static final String INSERT = """
            INSERT INTO issued_card (card_uuid, rule_id, indicator, service_id, hook_instance, patient_id, issued_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private final DataSource dataSource;
    private final Settings settings;
    private final BlockingQueue<IssuedCard> queue;
    private final Thread writer;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final Object progress = new Object();
    private final CountDownLatch closing = new CountDownLatch(1);
    /** Callers waiting in {@link #flush}: while there are any, the writer does not linger. */
    private final AtomicInteger flushing = new AtomicInteger();
    private volatile boolean open = true;

    /** A log writing to {@code dataSource}; call {@link #start()} to start its writer. */
    public IssuedCardLog(DataSource dataSource, Settings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.capacity());
        this.writer = new Thread(this::run, "issued-card-writer");
        writer.setDaemon(true);
    }

    public IssuedCardLog start() {
        writer.start();
        return this;
    }

    /**
     * Queues the cards for writing and returns at once. Returns false when some could not be
     * queued (queue full, or the log closed); those are counted as dropped.
     */
    public boolean record(List<IssuedCard> cards) {
        boolean all = true;
        for (IssuedCard card : cards) {
            if (open && queue.offer(card)) {
                recorded.incrementAndGet();
            } else {
                dropped.incrementAndGet();
                all = false;
            }
        }
        return all;
    }

    /** Waits until every card recorded before this call is written (or given up); false on timeout. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long target = recorded.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        flushing.incrementAndGet();
        LockSupport.unpark(writer);
        try {
            synchronized (progress) {
                while (written.get() + lost.get() < target) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                }
            }
            return true;
        } finally {
            flushing.decrementAndGet();
        }
    }

    public Stats stats() {
        return new Stats(recorded.get(), written.get(), dropped.get(), lost.get(), batches.get());
    }

    /**
     * Stops accepting cards, writes what is queued, and stops the writer (waits at most 30 s).
     * The writer is never interrupted: an interrupt inside a JDBC call can break the connection.
     */
    @Override
    public void close() {
        open = false;
        closing.countDown();
        LockSupport.unpark(writer);
        try {
            if (writer.isAlive()) {
                writer.join(30_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the writer still drains on its own thread
            return;
        }
        if (!writer.isAlive()) {
            drainAll(); // cards a racing record() queued after the writer's last look
        }
    }

    private void run() {
        while (open) {
            try {
                IssuedCard first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    linger();
                    List<IssuedCard> batch = new ArrayList<>();
                    batch.add(first);
                    queue.drainTo(batch, settings.maxBatch() - 1);
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        drainAll();
    }

    /**
     * Waits up to {@code linger} for more cards, unless a batch is already waiting (so lingering
     * never caps the rate the log can take) or someone flushes or closes. An early wake-up only
     * makes a smaller batch.
     */
    private void linger() {
        long end = System.nanoTime() + settings.linger().toNanos();
        long left;
        while (queue.size() < settings.maxBatch() - 1 && open && flushing.get() == 0
                && (left = end - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left);
        }
    }

    private void drainAll() {
        List<IssuedCard> batch = new ArrayList<>();
        while (queue.drainTo(batch, settings.maxBatch()) > 0) {
            write(batch);
            batch = new ArrayList<>();
        }
    }

    private void write(List<IssuedCard> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                insert(batch);
                batches.incrementAndGet();
                done(written, batch.size());
                return;
            } catch (SQLException | RuntimeException e) {
                if (attempt >= settings.attempts()) {
                    LOG.warn("issued-card log: gave up a batch of {} cards after {} attempts: {}", batch.size(), attempt,
                            FeedbackDatabase.describe(e));
                    done(lost, batch.size());
                    return;
                }
                if (!pause()) {
                    attempt = settings.attempts() - 1; // closing: one last try, no more waiting
                }
            }
        }
    }

    /** Waits the retry delay; false at once when the log is closing. */
    private boolean pause() {
        try {
            return !closing.await(settings.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void insert(List<IssuedCard> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (IssuedCard card : batch) {
                    insert.setString(1, card.cardUuid());
                    insert.setString(2, card.ruleId());
                    insert.setString(3, card.indicator().code());
                    insert.setString(4, card.serviceId());
                    insert.setString(5, card.hookInstance());
                    insert.setString(6, card.patientId());
                    insert.setObject(7, FeedbackStore.utc(card.issuedAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private void done(AtomicLong counter, int cards) {
        synchronized (progress) {
            counter.addAndGet(cards);
            progress.notifyAll();
        }
    }
}

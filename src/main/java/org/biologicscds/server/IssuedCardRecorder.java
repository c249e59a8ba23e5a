package org.biologicscds.server;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.biologicscds.feedback.IssuedCard;
import org.biologicscds.feedback.IssuedCardLog;
import org.biologicscds.hooks.Card;
import org.biologicscds.metrics.CdsMetrics;
import org.biologicscds.service.CdsCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a hook is answered: counts its cards and queues them on the issued-card log, which writes
 * them off the request thread (this costs a queue offer per card, never a database wait). Never
 * throws: recording must not change the answer.
 */
final class IssuedCardRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(IssuedCardRecorder.class);
    /** A full queue means thousands of drops a second: one warning a minute says it. */
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final IssuedCardLog log;
    private final CdsMetrics metrics;
    private final Clock clock;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    IssuedCardRecorder(IssuedCardLog log, CdsMetrics metrics, Clock clock) {
        this.log = log;
        this.metrics = metrics;
        this.clock = clock;
    }

    void answered(String serviceId, CdsCall call) {
        call.checksNotRun().forEach(metrics::checkNotRun);
        List<Card> cards = call.response().cards();
        if (cards.isEmpty()) {
            return;
        }
        try {
            metrics.cards(cards);
            // Only references to strings the answer already holds, and one array: no copying,
            // formatting or hashing on the request thread.
            Instant now = clock.instant();
            IssuedCard[] issued = new IssuedCard[cards.size()];
            for (int i = 0; i < issued.length; i++) {
                Card card = cards.get(i);
                issued[i] = new IssuedCard(card.uuid(), card.source().topic().code(), card.indicator(), serviceId,
                        call.hookInstance(), call.patientId(), now);
            }
            if (!log.record(Arrays.asList(issued))) {
                warnDropped();
            }
        } catch (RuntimeException e) {
            LOG.error("service={} hookInstance={} cards not recorded: {}", serviceId, call.hookInstance(), e.toString());
        }
    }

    private void warnDropped() {
        long last = lastWarning.get();
        long now = System.nanoTime();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warn("issued-card log full: cards are being dropped ({} so far; see cds_issued_cards_total{state=\"dropped\"})",
                    log.stats().dropped());
        }
    }
}

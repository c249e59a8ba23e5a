package org.biologicscds.server;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
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

    private final IssuedCardLog log;
    private final CdsMetrics metrics;
    private final Clock clock;

    IssuedCardRecorder(IssuedCardLog log, CdsMetrics metrics, Clock clock) {
        this.log = log;
        this.metrics = metrics;
        this.clock = clock;
    }

    void answered(String serviceId, CdsCall call) {
        List<Card> cards = call.response().cards();
        if (cards.isEmpty()) {
            return;
        }
        try {
            metrics.cards(cards);
            Instant now = clock.instant();
            List<IssuedCard> issued = cards.stream().map(card -> new IssuedCard(card.uuid(),
                    card.source().topic().code(), card.indicator(), serviceId, call.hookInstance(), call.patientId(), now))
                    .toList();
            if (!log.record(issued)) {
                LOG.warn("service={} hookInstance={} issued-card log full: cards not recorded", serviceId, call.hookInstance());
            }
        } catch (RuntimeException e) {
            LOG.error("service={} hookInstance={} cards not recorded: {}", serviceId, call.hookInstance(), e.toString());
        }
    }
}

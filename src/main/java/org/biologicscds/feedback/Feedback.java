package org.biologicscds.feedback;

import java.time.Clock;

/**
 * The feedback side of the service on one database: the synchronous {@link FeedbackStore}, the
 * asynchronous {@link IssuedCardLog} (started here) and the {@link FeedbackAnalytics}. Closing it
 * drains the issued-card log; the database stays open (its owner closes it after).
 */
public final class Feedback implements AutoCloseable {

    private final FeedbackParser parser = new FeedbackParser();
    private final FeedbackStore store;
    private final IssuedCardLog issuedCards;
    private final FeedbackAnalytics analytics;
    private final Clock clock;

    /** @param clock  stamps stored feedback and, through the server, issued cards */
    public Feedback(FeedbackDatabase database, Clock clock, IssuedCardLog.Settings settings) {
        this.clock = clock;
        this.store = new FeedbackStore(database, clock);
        this.issuedCards = new IssuedCardLog(database.dataSource(), settings).start();
        this.analytics = new FeedbackAnalytics(database.dataSource());
    }

    public FeedbackParser parser() {
        return parser;
    }

    public FeedbackStore store() {
        return store;
    }

    public IssuedCardLog issuedCards() {
        return issuedCards;
    }

    public FeedbackAnalytics analytics() {
        return analytics;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        issuedCards.close();
    }
}

package org.biologicscds.testing;

import java.time.Clock;
import java.util.UUID;
import org.biologicscds.feedback.DatabaseSettings;
import org.biologicscds.feedback.Feedback;
import org.biologicscds.feedback.FeedbackDatabase;
import org.biologicscds.feedback.IssuedCardLog;

/** A feedback store in a private in-memory H2 database, for tests that build a {@code CdsServer} by hand. */
public final class InMemoryFeedback {

    private InMemoryFeedback() {
    }

    public static Feedback open(Clock clock) {
        FeedbackDatabase database = FeedbackDatabase.open(
                new DatabaseSettings("jdbc:h2:mem:test-" + UUID.randomUUID(), null, null));
        return new Feedback(database, clock, IssuedCardLog.Settings.DEFAULT);
    }
}

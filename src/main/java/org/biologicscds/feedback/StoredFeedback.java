package org.biologicscds.feedback;

import java.time.Instant;

/** A feedback entry as stored: the entry, the service it was posted to, and when it arrived. */
public record StoredFeedback(String serviceId, FeedbackEntry entry, Instant receivedAt) {
}

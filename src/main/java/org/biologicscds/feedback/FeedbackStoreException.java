package org.biologicscds.feedback;

/**
 * The feedback database could not be reached or could not store: nothing was stored, and the
 * client should send the feedback again (the server answers 503). The message names no patient
 * data and no credentials.
 */
public final class FeedbackStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FeedbackStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

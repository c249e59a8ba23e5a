package org.biologicscds.hooks;

/**
 * A CDS Hooks request that cannot be answered with cards: the client sent something wrong, or data
 * the service needs could not be had. Carries the protocol outcome and a stable code so that the
 * transport maps it to a status and a JSON body in one place.
 *
 * <p>The message names the offending member and what was expected; it never carries patient data.
 */
public final class HookRequestException extends RuntimeException {

    /** The protocol outcomes a request can end in other than 200. */
    public enum Outcome {
        BAD_REQUEST(400, "invalid"),
        NOT_FOUND(404, "not-found"),
        PRECONDITION_FAILED(412, "incomplete"),
        PAYLOAD_TOO_LARGE(413, "too-costly"),
        UNSUPPORTED_MEDIA_TYPE(415, "not-supported");

        private final int status;
        private final String issueType;

        Outcome(int status, String issueType) {
            this.status = status;
            this.issueType = issueType;
        }

        /** The HTTP status code. */
        public int status() {
            return status;
        }

        /** The FHIR {@code OperationOutcome.issue.code} that says the same. */
        public String issueType() {
            return issueType;
        }
    }

    private static final long serialVersionUID = 1L;

    private final Outcome outcome;
    private final String code;

    public HookRequestException(Outcome outcome, String code, String message) {
        super(message);
        this.outcome = outcome;
        this.code = code;
    }

    public static HookRequestException badRequest(String code, String message) {
        return new HookRequestException(Outcome.BAD_REQUEST, code, message);
    }

    public Outcome outcome() {
        return outcome;
    }

    /** A stable code such as {@code BCDS-1003} that operators and tests can grep for. */
    public String code() {
        return code;
    }

    /** The code and the message, as shown to the client. */
    public String diagnostics() {
        return code + ": " + getMessage();
    }
}

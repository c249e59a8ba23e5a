package org.biologicscds.server;

import java.util.regex.Pattern;

/**
 * Makes what reaches a log line safe: ids a client chose, and exceptions. Logs carry opaque ids
 * only; never bodies, URLs with queries, names or tokens.
 */
final class LogSafe {

    private static final Pattern OPAQUE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int MAX_CAUSES = 8;

    private LogSafe() {
    }

    /**
     * An id as sent when it looks like one (1 to 64 of {@code A-Z a-z 0-9 . _ : -}: UUIDs, FHIR
     * ids, service ids), else {@code "(not-an-id)"}: free text, which could hold a name, or line
     * breaks, which could forge log lines, never reach the log. {@code null} is {@code "-"}.
     */
    static String id(String value) {
        if (value == null) {
            return "-";
        }
        return OPAQUE_ID.matcher(value).matches() ? value : "(not-an-id)";
    }

    /**
     * A stand-in for {@code failure} to pass to a logger: the same class names and stack frames,
     * causes included, but no messages. Parsers put the offending input in their messages, and
     * the input can be patient data.
     */
    static Throwable withoutMessages(Throwable failure) {
        return copy(failure, 0);
    }

    private static Throwable copy(Throwable failure, int depth) {
        Redacted copy = new Redacted(failure.getClass().getName());
        copy.setStackTrace(failure.getStackTrace());
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure && depth < MAX_CAUSES) {
            copy.initCause(copy(cause, depth + 1));
        }
        return copy;
    }

    /** Stands for an exception of another class whose message is withheld. */
    static final class Redacted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Redacted(String className) {
            super(className + " (message withheld: it may quote the request)");
        }
    }
}

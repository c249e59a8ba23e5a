package org.biologicscds.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import org.slf4j.LoggerFactory;

/**
 * The per-request log lines' asynchronous appender ({@code REQUESTS} in {@code logback.xml}): its
 * queue must be written out before the JVM exits, or a normal stop would lose the last lines.
 */
public final class RequestLog {

    /** The appender's name in {@code logback.xml}. */
    public static final String APPENDER = "REQUESTS";

    private RequestLog() {
    }

    /**
     * Writes out what the appender has queued (waiting at most its {@code maxFlushTime}) and stops
     * it. Call once, when no more requests are served. Does nothing when Logback is not the SLF4J
     * binding or the appender is not configured.
     */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Appender<?> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(APPENDER);
            if (appender != null) {
                appender.stop();
            }
        }
    }
}

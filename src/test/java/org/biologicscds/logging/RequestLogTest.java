package org.biologicscds.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The shipped logback.xml: the per-request lines go through an asynchronous appender that never
 * drops a line, and only they do (start-up and error lines are written at once).
 */
class RequestLogTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

    @Test
    void requestLines_goThroughAnAsyncAppenderThatNeitherDropsNorSkipsLines() {
        Appender<?> appender = root.getAppender(RequestLog.APPENDER);

        assertThat(appender).isInstanceOf(AsyncAppender.class);
        AsyncAppender async = (AsyncAppender) appender;
        assertThat(async.getDiscardingThreshold()).isZero();
        assertThat(async.isNeverBlock()).isFalse();
        assertThat(async.isIncludeCallerData()).isFalse();
    }

    @Test
    void eachLineGoesToExactlyOneAppender() {
        Appender<ch.qos.logback.classic.spi.ILoggingEvent> async = root.getAppender(RequestLog.APPENDER);
        Appender<ch.qos.logback.classic.spi.ILoggingEvent> direct = root.getAppender("STDERR");

        for (String perRequest : new String[] {"org.biologicscds.server.CdsHandler", "org.biologicscds.record.PrefetchAssembler",
                "org.biologicscds.server.FeedbackHandler", "org.biologicscds.server.ClientAuthHandler"}) {
            LoggingEvent event = event(perRequest);
            assertThat(async.getFilterChainDecision(event)).as(perRequest).isEqualTo(FilterReply.NEUTRAL);
            assertThat(direct.getFilterChainDecision(event)).as(perRequest).isEqualTo(FilterReply.DENY);
        }
        LoggingEvent other = event("org.biologicscds.cli.ServeCommand");
        assertThat(async.getFilterChainDecision(other)).isEqualTo(FilterReply.DENY);
        assertThat(direct.getFilterChainDecision(other)).isEqualTo(FilterReply.NEUTRAL);
    }

    private LoggingEvent event(String loggerName) {
        return new LoggingEvent(RequestLogTest.class.getName(), context.getLogger(loggerName), Level.INFO, "line", null, null);
    }
}

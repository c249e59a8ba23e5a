package org.biologicscds.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.AbstractMatcherFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Logback filter that matches events by the exact name of their logger: {@code logback.xml} uses
 * it to send the lines written once per request (the access line, the fetch line) through an
 * asynchronous appender, and everything else straight to stderr. Splitting by appender rather than
 * by logger keeps every event on the root logger, where tests and operators attach their appenders.
 * Configured with {@code <names>a, b</names>}, {@code <onMatch>} and {@code <onMismatch>}.
 */
public final class LoggerNameFilter extends AbstractMatcherFilter<ILoggingEvent> {

    private Set<String> names = Set.of();

    /** Comma-separated logger names. */
    public void setNames(String names) {
        this.names = Arrays.stream(names.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!isStarted()) {
            return FilterReply.NEUTRAL;
        }
        return names.contains(event.getLoggerName()) ? onMatch : onMismatch;
    }
}

package org.optimizerlab.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What the server logs while this is open, taken from logback itself (a {@link ListAppender}): {@link #start()}
 * takes every logger at the levels the tests log at (WARN and above), {@link #info} one logger from INFO up. The
 * console still gets every line. Closing it detaches the appender and restores the logger's level. Tests run one
 * at a time in the JVM, so the capture holds only their server's lines.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Logger logger, Level level) {
        this.logger = logger;
        this.previous = logger.getLevel();
        appender.start();
        if (level != null) {
            logger.setLevel(level);
        }
        logger.addAppender(appender);
    }

    /** Starts capturing every logger at its configured level. */
    public static LogCapture start() {
        return new LogCapture((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME), null);
    }

    /** Captures the logger of {@code type} from INFO up. */
    public static LogCapture info(Class<?> type) {
        return info(type.getName());
    }

    /** Captures the logger named {@code name} from INFO up. */
    public static LogCapture info(String name) {
        return new LogCapture((Logger) LoggerFactory.getLogger(name), Level.INFO);
    }

    /** The events so far. */
    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** The messages so far, formatted, without level or stack trace. */
    public List<String> lines() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Everything logged since the start, a line per event ({@code LEVEL Logger - message}) and its stack trace. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : events()) {
            String name = event.getLoggerName();
            text.append(event.getLevel()).append(' ').append(name.substring(name.lastIndexOf('.') + 1)).append(" - ")
                    .append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return text.toString();
    }

    /** Whether any stack trace was logged (a line {@code \tat ...} or {@code Caused by:}). */
    public boolean hasStackTrace() {
        String text = text();
        return text.contains("\tat ") || text.contains("Caused by:");
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
    }
}

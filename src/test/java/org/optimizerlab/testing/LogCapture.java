package org.optimizerlab.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * What the server logs at INFO and above while this is open, formatted as the server's one-line format with any
 * stack trace after it (a logback appender on the root logger, whose level is INFO meanwhile; tests log only
 * warnings otherwise). Tests run one at a time in the JVM, so the capture holds only their server's lines.
 */
public final class LogCapture implements AutoCloseable {
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private final Logger root;
    private final Level previousLevel;
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();

    private LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%-5level %logger{0} - %msg%n%ex");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setImmediateFlush(true);
        appender.setOutputStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                synchronized (copy) {
                    copy.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (copy) {
                    copy.write(bytes, offset, length);
                }
            }
        });
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.INFO);
    }

    /** Starts capturing. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** Everything logged since {@link #start()}. */
    public String text() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether any stack trace was logged (a line {@code \tat ...} or {@code Caused by:}). */
    public boolean hasStackTrace() {
        String text = text();
        return text.contains("\tat ") || text.contains("Caused by:");
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        root.setLevel(previousLevel);
    }
}

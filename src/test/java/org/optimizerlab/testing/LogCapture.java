package org.optimizerlab.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the server logs while this is open (slf4j-simple writes each line to the current {@code System.err}), still
 * passed through to the real stderr. Tests run one at a time in the JVM, so the capture holds only their server's
 * lines.
 */
public final class LogCapture implements AutoCloseable {
    private final PrintStream original;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private LogCapture() {
        original = System.err;
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                synchronized (copy) {
                    copy.write(bytes, offset, length);
                }
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
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
        System.setErr(original);
    }
}

package org.optimizerlab.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Everything a child process prints (its output stream, with stderr merged if the builder said so), read as it comes. */
public final class ProcessOutput {
    private final StringBuilder text = new StringBuilder();     // guarded by itself
    private final Thread reader;

    private ProcessOutput(InputStream in, String name) {
        reader = new Thread(() -> copy(in), name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts reading {@code process}'s output. */
    public static ProcessOutput of(Process process) {
        return new ProcessOutput(process.getInputStream(), "process-output-" + process.pid());
    }

    /** What has been printed so far. */
    public String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    /** Waits up to {@code millis} for the process to close its output (it ended). */
    public void join(long millis) throws InterruptedException {
        reader.join(millis);
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (text) {
                    text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}

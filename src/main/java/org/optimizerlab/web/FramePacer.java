package org.optimizerlab.web;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one session's {@code frames} messages at least a frame interval apart: points are flushed at once when the
 * last message is old enough, else by one flush queued on the session's executor for when it is. Confined to the
 * session's tasks.
 */
final class FramePacer {
    private final long intervalNanos;
    private final ScheduledExecutorService timer;
    private final SerialExecutor serial;
    private final Runnable flush;
    private long lastSentNanos;
    private boolean flushScheduled;

    /** Paces {@code flush} (which sends and calls {@link #sent()}) to one per {@code intervalNanos}. */
    FramePacer(long intervalNanos, ScheduledExecutorService timer, SerialExecutor serial, Runnable flush) {
        this.intervalNanos = intervalNanos;
        this.timer = timer;
        this.serial = serial;
        this.flush = flush;
        ready();
    }

    /** The next flush may go at once (a new experiment). */
    void ready() {
        lastSentNanos = System.nanoTime() - intervalNanos;
    }

    /** A {@code frames} message went now. */
    void sent() {
        lastSentNanos = System.nanoTime();
    }

    /** Flushes now if the last {@code frames} is old enough, else once it is. */
    void flushSoon() {
        long wait = lastSentNanos + intervalNanos - System.nanoTime();
        if (wait <= 0) {
            flush.run();
        } else if (!flushScheduled) {
            flushScheduled = true;
            timer.schedule(() -> serial.submitFollowUp(this::scheduledFlush), wait, TimeUnit.NANOSECONDS);
        }
    }

    private void scheduledFlush() {
        flushScheduled = false;
        flush.run();
    }
}

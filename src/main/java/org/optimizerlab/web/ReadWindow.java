package org.optimizerlab.web;

import java.util.ArrayDeque;
import org.optimizerlab.validation.FieldException;

/**
 * Flow control by what the page has drawn, not by what the network took: a page that says {@code read} (the number of
 * {@code frames} messages it has handled so far on this connection) gets no more than {@link #WINDOW_BYTES} of
 * frames it has not confirmed, so a slow or starved browser is never more than that behind the experiment, and a
 * {@code pause} or {@code status} reaches it after at most that much data (the server's own unread bound only sees
 * what the socket has not taken, while the kernel's buffers and the browser's queue can hold megabytes more).
 *
 * <p>Off until the first {@code read}: clients that never confirm (scripts, the load driver, older pages) are bound
 * only by {@link ConnectionLimits#maxUnreadBytes()}. Frames sent before the first {@code read} are not counted. Not
 * thread-safe: used on the session's executor only.
 */
final class ReadWindow {
    /** The most bytes of {@code frames} sent and not yet confirmed before the experiment waits for the page. */
    static final long WINDOW_BYTES = 512 * 1024;

    /** {@code frames} messages sent on this connection. */
    private long sentFrames;
    /** Bytes of {@code frames} sent since confirmation began. */
    private long sentBytes;
    /** Bytes of {@code frames} the page has confirmed since confirmation began. */
    private long confirmedBytes;
    private boolean on;
    private long confirmedFrames;
    /** For each frame sent since confirmation began and not yet confirmed: {its number, sentBytes after it}. */
    private final ArrayDeque<long[]> unconfirmed = new ArrayDeque<>();

    /** A {@code frames} message of {@code bytes} bytes went to the client. */
    void sent(long bytes) {
        sentFrames++;
        if (on) {
            sentBytes += bytes;
            unconfirmed.addLast(new long[] {sentFrames, sentBytes});
        }
    }

    /**
     * The page has handled its first {@code frames} messages on this connection ({@code read}); the first call turns
     * confirmation on. A number past what was sent is an error naming {@code frames}; an older one changes nothing.
     */
    void read(long frames) {
        if (frames > sentFrames) {
            throw new FieldException("frames", "must be at most the " + sentFrames + " frames messages sent on this "
                    + "connection, got " + frames);
        }
        if (!on) {
            on = true;
            confirmedFrames = sentFrames;                       // what came before is not counted
            return;
        }
        if (frames <= confirmedFrames) {
            return;
        }
        confirmedFrames = frames;
        while (!unconfirmed.isEmpty() && unconfirmed.peekFirst()[0] <= frames) {
            confirmedBytes = unconfirmed.removeFirst()[1];
        }
    }

    /** Whether the page is too far behind for the experiment to advance (only once it confirms what it reads). */
    boolean full() {
        return on && sentBytes - confirmedBytes > WINDOW_BYTES;
    }

    /** Bytes of {@code frames} sent and not confirmed (0 until confirmation begins). */
    long unconfirmedBytes() {
        return sentBytes - confirmedBytes;
    }
}

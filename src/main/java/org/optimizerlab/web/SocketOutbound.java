package org.optimizerlab.web;

import java.util.concurrent.atomic.AtomicLong;
import org.optimizerlab.ops.ClassMetrics;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends on a Jetty WebSocket session without blocking, counting the bytes not yet written to the network and since
 * when they have stayed above the connection's bound ({@link ConnectionLimits#maxUnreadBytes()}). A send that fails
 * while the socket is open (Jetty's own queue refused it) marks the connection failed: the client would miss a
 * message, so the hub closes it rather than let it go on with a gap.
 */
final class SocketOutbound implements Outbound {
    private static final Logger LOG = LoggerFactory.getLogger(SocketOutbound.class);

    private final Session session;
    private final long maxUnreadBytes;
    private final ClassMetrics metrics;
    private final AtomicLong pending = new AtomicLong();
    private volatile long overSinceNanos;                  // 0 while at or under the bound
    private volatile boolean failed;

    SocketOutbound(Session session, long maxUnreadBytes) {
        this(session, maxUnreadBytes, ClassMetrics.NONE);
    }

    /** The same, counting every message handed to the socket in {@code metrics}. */
    SocketOutbound(Session session, long maxUnreadBytes, ClassMetrics metrics) {
        this.session = session;
        this.maxUnreadBytes = maxUnreadBytes;
        this.metrics = metrics;
    }

    @Override
    public void send(String text) {
        if (!session.isOpen()) {
            return;
        }
        long bytes = utf8Length(text);
        added(bytes);
        metrics.sent(bytes);
        try {
            session.sendText(text, Callback.from(() -> written(bytes), failure -> {
                written(bytes);
                if (session.isOpen()) {
                    failed = true;
                    LOG.debug("a send failed on an open socket: {}", failure.toString());
                }
            }));
        } catch (RuntimeException e) {
            written(bytes);
            LOG.debug("cannot send on a closing socket: {}", e.toString());
        }
    }

    @Override
    public long pendingBytes() {
        return pending.get();
    }

    /** Since when (System.nanoTime) more than the bound has waited, or 0 when it does not now. */
    long overSinceNanos() {
        return overSinceNanos;
    }

    /** Whether a send failed on an open socket (a message was lost: the connection must end). */
    boolean failed() {
        return failed;
    }

    private void added(long bytes) {
        if (pending.addAndGet(bytes) > maxUnreadBytes && overSinceNanos == 0) {
            overSinceNanos = System.nanoTime() | 1;
        }
    }

    private void written(long bytes) {
        if (pending.addAndGet(-bytes) <= maxUnreadBytes) {
            overSinceNanos = 0;
        }
    }

    /** The UTF-8 size of {@code text}, without encoding it. */
    static long utf8Length(CharSequence text) {
        long bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // 2 bytes below U+0800, 3 above; a surrogate pair is 4 bytes for its 2 chars
                bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }
}

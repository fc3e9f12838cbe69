package org.optimizerlab.web;

import io.javalin.websocket.WsContext;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.optimizerlab.ops.ClassMetrics.CloseCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open connections of the experiment socket, and how they end: closed by the client, or by the server
 * ({@link #end}: freed at once, the close frame sent, the socket dropped if the client has not answered it within a
 * few seconds). Each connection is freed exactly once, by whoever takes it out of the map first (the {@code free}
 * action given to the constructor). {@link #sweep()} closes the connections that hold the server without using it:
 * a client silent for {@link ConnectionLimits#idleTimeout()} (1001), or one that has left more than
 * {@link ConnectionLimits#maxUnreadBytes()} unread for {@link ConnectionLimits#unreadTimeout()}, more than
 * {@link ConnectionLimits#closeAtUnreadBytes()} at any time, or lost a message (1008).
 */
final class OpenConnections {
    /** Logged under the hub's name: these are its connections. */
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentHub.class);
    /** How long a closing connection may take to answer the close frame before it is dropped. */
    private static final long CLOSE_GRACE_MILLIS = 3000;

    /** One admitted connection. */
    record Connection(WsContext ctx, String address, ExperimentSession session, RateLimiter rate,
                      SocketOutbound out, AtomicLong lastHeardNanos, long openedNanos) {
    }

    private final ConcurrentHashMap<String, Connection> byId = new ConcurrentHashMap<>();
    /** Connections the server has closed and whose close frame may not be written yet. */
    private final Set<Connection> closing = ConcurrentHashMap.newKeySet();
    private final ConnectionLimits bounds;
    private final ConnectionEvents events;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier stopping;
    private final Consumer<Connection> free;

    /**
     * Connections within {@code bounds}, logged and counted by {@code events}; {@code timer} drops the sockets that
     * do not answer a close, except while the server is {@code stopping}; {@code free} releases what an ended
     * connection held.
     */
    OpenConnections(ConnectionLimits bounds, ConnectionEvents events, ScheduledExecutorService timer,
                    BooleanSupplier stopping, Consumer<Connection> free) {
        this.bounds = bounds;
        this.events = events;
        this.timer = timer;
        this.stopping = stopping;
        this.free = free;
    }

    /** A connection admitted and opened. */
    void add(Connection connection) {
        byId.put(connection.ctx().sessionId(), connection);
        events.opened(connection.address(), byId.size());
    }

    /** The open connection of a socket session, or null once it has ended. */
    Connection get(String id) {
        return byId.get(id);
    }

    Collection<Connection> all() {
        return byId.values();
    }

    int size() {
        return byId.size();
    }

    /** The client closed the connection (or it was lost): frees it unless the server has ended it already. */
    void closedByClient(String id, int code, String reason) {
        Connection connection = byId.remove(id);
        if (connection != null) {
            free.accept(connection);
            events.closedByClient(connection.address(), connection.openedNanos(), code, reason);
        }
    }

    /**
     * Ends a connection on the server's initiative: frees it at once, sends the close frame, and drops the
     * socket if the client has not answered the close within a few seconds.
     */
    void end(Connection connection, int code, String reason, CloseCause cause) {
        if (!byId.remove(connection.ctx().sessionId(), connection)) {
            return;
        }
        free.accept(connection);
        events.closedByServer(connection.address(), connection.openedNanos(), code, reason, cause);
        closing.add(connection);
        try {
            connection.ctx().closeSession(code, reason);
        } catch (RuntimeException e) {
            LOG.debug("closing a socket failed: {}", e.toString());
        }
        if (!stopping.getAsBoolean()) {
            timer.schedule(() -> {
                closing.remove(connection);
                if (connection.ctx().session.isOpen()) {
                    connection.ctx().session.disconnect();
                }
            }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Ends every connection, then waits up to {@code waitMillis} for their close frames to be written. */
    void endAll(int code, String reason, CloseCause cause, long waitMillis) {
        byId.values().forEach(c -> end(c, code, reason, cause));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        boolean anyOpen = true;
        while (anyOpen && System.nanoTime() < deadline) {
            anyOpen = false;
            for (Connection c : closing) {
                anyOpen |= c.ctx().session.isOpen();
            }
            if (anyOpen) {
                sleepQuietly(20);
            }
        }
    }

    /** Once a second: closes silent connections and those that do not read what they are sent. */
    void sweep() {
        try {
            long now = System.nanoTime();
            for (Connection c : byId.values()) {
                long unread = c.out().pendingBytes();
                long overSince = c.out().overSinceNanos();
                if (c.out().failed() || unread > bounds.closeAtUnreadBytes()) {
                    end(c, ExperimentHub.POLICY_VIOLATION, "not reading: " + mebibytes(unread) + " unread",
                            CloseCause.NOT_READING);
                } else if (overSince != 0 && unread > bounds.maxUnreadBytes()
                        && now - overSince > bounds.unreadTimeout().toNanos()) {
                    end(c, ExperimentHub.POLICY_VIOLATION, "not reading: " + mebibytes(unread) + " unread for "
                            + bounds.unreadTimeout().toSeconds() + " s", CloseCause.NOT_READING);
                } else if (now - c.lastHeardNanos().get() > bounds.idleTimeout().toNanos()) {
                    end(c, ExperimentHub.GOING_AWAY, "idle: no message for " + bounds.idleTimeout().toSeconds()
                            + " s", CloseCause.IDLE);
                }
            }
            events.sweep();
        } catch (RuntimeException e) {
            LOG.error("the connection sweep failed", e);
        }
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.optimizerlab.web;

import java.time.Duration;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * What one WebSocket connection may hold of the server, in the units that matter (documented in
 * {@code docs/protocol.md}, "Limits and closes"; each set by an environment variable).
 *
 * @param maxSessionsPerAddress open connections from one client address; more are closed with 1008. A class behind
 *                              one NAT or reverse proxy shares one address: raise it to the class size there
 * @param maxUnreadBytes        bytes sent to a client and not yet written to its socket; while more wait, the
 *                              connection's experiment stops advancing, and past twice this (and 1 MiB, a
 *                              frame's worth) it is closed with 1008
 * @param unreadTimeout         how long a connection may stay over {@code maxUnreadBytes} before it is closed (1008)
 * @param idleTimeout           how long a client may send nothing at all (pages send a {@code ping} every 25 s)
 *                              before its connection is closed (1001)
 * @param minPace               the least fraction of their speed the running races must keep with one more: while
 *                              they would get less, new connections are closed at the door with 1013 "server busy";
 *                              in [0, 1), 0 never refuses for the pace
 */
public record ConnectionLimits(int maxSessionsPerAddress, long maxUnreadBytes, Duration unreadTimeout,
                               Duration idleTimeout, double minPace) {

    public static final int DEFAULT_MAX_SESSIONS_PER_ADDRESS = 50;
    public static final long DEFAULT_MAX_UNREAD_BYTES = 4L << 20;
    public static final Duration DEFAULT_UNREAD_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
    /** Half their speed: below it a class's pages look frozen rather than slow. */
    public static final double DEFAULT_MIN_PACE = 0.5;

    /** The defaults of {@code docs/protocol.md}. */
    public static final ConnectionLimits DEFAULT = new ConnectionLimits(DEFAULT_MAX_SESSIONS_PER_ADDRESS,
            DEFAULT_MAX_UNREAD_BYTES, DEFAULT_UNREAD_TIMEOUT, DEFAULT_IDLE_TIMEOUT);

    public ConnectionLimits {
        Check.intInRange("maxSessionsPerAddress", maxSessionsPerAddress, 1, 100_000);
        Check.intInRangeLong("maxUnreadBytes", maxUnreadBytes, 64 * 1024, 1L << 30);
        seconds("unreadTimeout", unreadTimeout);
        seconds("idleTimeout", idleTimeout);
        Check.inClosedOpen("minPace", minPace, 0, 1);
    }

    /** The same at the default {@link #DEFAULT_MIN_PACE}. */
    public ConnectionLimits(int maxSessionsPerAddress, long maxUnreadBytes, Duration unreadTimeout,
                            Duration idleTimeout) {
        this(maxSessionsPerAddress, maxUnreadBytes, unreadTimeout, idleTimeout, DEFAULT_MIN_PACE);
    }

    /**
     * The bytes unread past which a connection is closed at once: twice {@link #maxUnreadBytes()} and 1 MiB (the
     * last {@code frames} sent before the experiment stopped may be up to 512 KiB).
     */
    public long closeAtUnreadBytes() {
        return 2 * maxUnreadBytes + (1 << 20);
    }

    private static void seconds(String field, Duration value) {
        Check.present(field, value);
        if (value.compareTo(Duration.ofSeconds(1)) < 0 || value.compareTo(Duration.ofHours(24)) > 0) {
            throw new FieldException(field, "must be 1 s to 24 h, got " + value.toSeconds() + " s");
        }
    }
}

package org.optimizerlab.web;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The pace one running race achieves against the speed it asked for, and whether the server (not the client) holds
 * it back. Time splits in two: time the <em>client</em> held the race back (too much unread, its read window full:
 * the race waits for the page and makes nothing) is not judged at all; the rest, which the server paces, fills
 * windows of about a second. The server <em>withholds</em> time from the race when its ticks wait for a worker and
 * when their time budget is cut short because other connections wait for the workers too. A window is
 * <em>busy</em> when the race made less than {@value #BUSY_BELOW} of the updates its speed earned in that time and
 * the server withheld at least {@value #WITHHELD_AT_LEAST} of it (a race alone on the server, too heavy for its
 * speed, is not held back by the server). So a page merely slow to draw is never told
 * "server busy", and a page that confirms promptly on a busy server is told the pace the server gives it. Each
 * window is also reported to the server's {@link PaceGauge}, counted up to the default speed. Confined to the
 * session's tasks.
 */
final class PaceMeter {
    /** A window of less judged time than this is not judged yet. */
    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Below this fraction of the asked pace a window can be busy. */
    static final double BUSY_BELOW = 0.9;
    /** The share of a window the server must have withheld from the race to count as busy. */
    static final double WITHHELD_AT_LEAST = 0.2;

    /**
     * What a window found: the speed asked, the updates per second made in the time the server paced, and whether
     * the server was busy (the page then shows "server busy: achieved of asked steps/s").
     */
    record Pace(double stepsPerSecond, double achieved, boolean busy) {
    }

    private final PaceGauge gauge;
    private long windowNanos;
    private long withheldNanos;
    private double earned;
    private long made;
    private boolean busyShown;

    PaceMeter(PaceGauge gauge) {
        this.gauge = gauge;
    }

    /**
     * One tick: {@code elapsedNanos} since the last one, of which the client held the race back {@code heldNanos}
     * and the server withheld {@code withheldNanos} (waiting for a worker, a budget cut short); {@code updates} made
     * at {@code stepsPerSecond}. Only the time not held counts toward the window (and of the time withheld, no more
     * than that). Returns the pace to send when a window ends busy, or ends the busy spell.
     */
    Optional<Pace> tick(long elapsedNanos, long withheldNanos, long heldNanos, double stepsPerSecond, int updates) {
        long judged = Math.max(0, elapsedNanos - heldNanos);
        windowNanos += judged;
        this.withheldNanos += Math.min(Math.max(0, withheldNanos), judged);
        earned += stepsPerSecond * judged / 1e9;
        made += updates;
        if (windowNanos < WINDOW_NANOS) {
            return Optional.empty();
        }
        double achieved = made * 1e9 / windowNanos;
        boolean busy = made < BUSY_BELOW * earned && this.withheldNanos >= WITHHELD_AT_LEAST * windowNanos;
        // The server's gauge asks whether a race could hold the lessons' default pace: a race asking for more counts
        // only up to it, so students at the fastest speed do not shut the door on the class.
        double asked = Math.min(earned, ClientMessage.DEFAULT_STEPS_PER_SECOND * windowNanos / 1e9);
        gauge.report(asked, busy ? Math.min(made, asked) : asked);
        clear();
        Pace pace = new Pace(stepsPerSecond, achieved, busy);
        if (busy || busyShown) {
            busyShown = busy;
            return Optional.of(pace);
        }
        return Optional.empty();
    }

    /** A new race, or a pause: forget the window and any busy notice (the page drops it with the state). */
    void restart() {
        clear();
        busyShown = false;
    }

    private void clear() {
        windowNanos = 0;
        withheldNanos = 0;
        earned = 0;
        made = 0;
    }
}

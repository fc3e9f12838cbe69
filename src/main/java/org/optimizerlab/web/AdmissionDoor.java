package org.optimizerlab.web;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.optimizerlab.ops.ClassMetrics.Refusal;

/**
 * The door of the experiment socket: decides whether a new connection may come in. In this order it refuses every
 * connection while the server stops (1001), one more than {@link ServerLimits#maxSessions()} (1013 "server full"),
 * one that would slow the running races below {@link ConnectionLimits#minPace()} of their speed ({@link PaceGauge},
 * 1013 "server busy"), and one more than {@link ConnectionLimits#maxSessionsPerAddress()} from the same client
 * address (1008). An admitted connection holds its place until {@link #leave(String)}.
 */
final class AdmissionDoor {
    private final ServerLimits limits;
    private final ConnectionLimits bounds;
    private final PaceGauge pace;
    private final Semaphore places;
    private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /**
     * Why a connection was refused: the cause counted in the metrics, the reason logged, and the close frame the
     * client gets.
     */
    record Refused(Refusal cause, String logged, int code, String told) {
    }

    AdmissionDoor(ServerLimits limits, PaceGauge pace) {
        this.limits = limits;
        this.bounds = limits.connections();
        this.pace = pace;
        this.places = new Semaphore(limits.maxSessions());
    }

    /** Lets a connection from {@code address} in (it then holds a place), or says why not (nothing held). */
    Optional<Refused> admit(String address) {
        if (stopping) {
            return refuse(Refusal.STOPPING, "the server is stopping", ExperimentHub.GOING_AWAY, "server restarting");
        }
        if (!places.tryAcquire()) {
            return refuse(Refusal.SERVER_FULL, "the server is full (" + limits.maxSessions() + " sessions)",
                    ExperimentHub.TRY_AGAIN_LATER,
                    "server full (" + limits.maxSessions() + " sessions); try again later");
        }
        if (pace.wouldFallBelow(bounds.minPace())) {
            places.release();
            int percent = (int) Math.round(100 * pace.pace());
            return refuse(Refusal.SERVER_BUSY, "the server is busy (experiments at " + percent + " % of their speed)",
                    ExperimentHub.TRY_AGAIN_LATER,
                    "server busy: experiments run at " + percent + " % of their speed; try again later");
        }
        if (!admitFrom(address)) {
            places.release();
            return refuse(Refusal.ADDRESS_FULL, "too many sessions from that address (at most "
                    + bounds.maxSessionsPerAddress() + ")", ExperimentHub.POLICY_VIOLATION,
                    "too many sessions from your address (at most " + bounds.maxSessionsPerAddress() + ")");
        }
        return Optional.empty();
    }

    /** An admitted connection from {@code address} has gone: its place is free again. */
    void leave(String address) {
        perAddress.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
        places.release();
    }

    /** From now on every connection is refused: the server is stopping. */
    void stop() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    /** Counts a connection from {@code address}; false (nothing counted) when it has as many as it may. */
    private boolean admitFrom(String address) {
        boolean[] admitted = {false};
        perAddress.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= bounds.maxSessionsPerAddress()) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0];
    }

    private static Optional<Refused> refuse(Refusal cause, String logged, int code, String told) {
        return Optional.of(new Refused(cause, logged, code, told));
    }
}

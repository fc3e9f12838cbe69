package org.optimizerlab.classroom;

/**
 * A submission or instructor action the challenge rules refuse for a reason other than a bad field: no such
 * challenge, closed, over a limit, or the server busy. The message is for the client; {@link #retryAfterSeconds}
 * is set for the limits.
 */
public final class ChallengeRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why, which the web layer turns into a status code. */
    public enum Reason {
        /** There is no such challenge (404). */
        NOT_FOUND,
        /** The challenge is closed or its deadline has passed (409). */
        CLOSED,
        /** Students may not see this leaderboard (403). */
        HIDDEN,
        /** A per-student limit was reached (429). */
        LIMITED,
        /** No computation slot was free in time (503). */
        BUSY
    }

    private final Reason reason;
    private final long retryAfterSeconds;

    public ChallengeRefused(Reason reason, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ChallengeRefused(Reason reason, String message) {
        this(reason, message, 0);
    }

    /** Why it was refused. */
    public Reason reason() {
        return reason;
    }

    /** Seconds after which trying again may succeed, 0 when not known. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

package org.optimizerlab.web;

/**
 * A token bucket: {@code burst} messages at once, then {@code perSecond} on average. Also decides when a refusal
 * is worth telling the client about (at most once a second), so a flood of messages does not become a flood of
 * errors. Thread-safe.
 */
final class RateLimiter {
    private static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;

    private final double tokensPerNano;
    private final double burst;
    private double tokens;                  // guarded by this
    private long last;                      // guarded by this
    private long lastReport;                // guarded by this
    private boolean reported;               // guarded by this

    RateLimiter(double perSecond, int burst, long now) {
        this.tokensPerNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes a token if there is one; {@code now} from {@link System#nanoTime()}. */
    synchronized boolean tryAcquire(long now) {
        tokens = Math.min(burst, tokens + (now - last) * tokensPerNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whether to report a refusal now: the first one, then at most one per second. */
    synchronized boolean shouldReport(long now) {
        if (reported && now - lastReport < REPORT_INTERVAL_NANOS) {
            return false;
        }
        reported = true;
        lastReport = now;
        return true;
    }
}

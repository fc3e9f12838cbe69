package org.optimizerlab.optim;

/**
 * Test helper: the largest difference a reference test has seen between the engine and a golden file, and where
 * (a NaN counts as the largest, so a diverged value is never hidden behind a smaller finite one).
 */
public final class WorstDifference {
    private double value;
    private String where = "none";

    /** Keeps {@code difference} if it is the largest so far (or NaN), with {@code what} and {@code step}. */
    public void update(double difference, String what, int step) {
        if (difference > value || Double.isNaN(difference)) {
            value = difference;
            where = what + " at step " + step;
        }
    }

    /** The largest difference seen (0 before any). */
    public double value() {
        return value;
    }

    /** Where it was seen, {@code "<what> at step <n>"}, or {@code "none"}. */
    public String where() {
        return where;
    }
}

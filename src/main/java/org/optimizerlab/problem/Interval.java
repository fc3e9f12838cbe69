package org.optimizerlab.problem;

/**
 * A closed range of one coordinate, {@code [low, high]}: a side of a plotting window.
 *
 * @param low  the smaller end
 * @param high the larger end, {@code > low}
 */
public record Interval(double low, double high) {

    public Interval {
        if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
            throw new IllegalArgumentException("an interval needs finite low < high, got [" + low + ", " + high + "]");
        }
    }
}

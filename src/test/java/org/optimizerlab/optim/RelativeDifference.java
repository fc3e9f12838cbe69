package org.optimizerlab.optim;

/**
 * How far a value of the engine is from a reference value, as used by every reference test.
 *
 * <p>{@code |a - b| / max(|a|, |b|, floor)}: the plain relative difference, except for values far smaller than the
 * quantity's own {@code scale} (the largest magnitude the reference reaches for that coordinate over the whole
 * trajectory), which are measured against {@code floor = fraction * scale} instead. Identical values have
 * difference 0.
 *
 * <p>Why a floor: a coordinate passing through zero, or a state decaying towards zero near a minimum, is the
 * difference of much larger numbers; its relative difference measures the cancellation of the last few bits of
 * those numbers, not the optimizer. The fractions:
 * <ul>
 *   <li>{@link #PARAMS} = 1e-6 for parameters: below a millionth of its scale a coordinate is compared with an
 *       absolute tolerance of 1e-15 times its scale, a few units in the last place of the values around it.</li>
 *   <li>{@link #STATE} = 1e-3 for optimizer state: a velocity {@code v} near a minimum is the difference of two
 *       nearly equal positions, and a {@code cache} there is made of gradients that are themselves differences of
 *       large terms; both carry absolute round-off of the order of the positions' and gradients' last bits, so
 *       below a thousandth of their scale they are compared with an absolute tolerance of 1e-12 times their
 *       scale.</li>
 * </ul>
 */
public final class RelativeDifference {

    /** The fraction of a parameter's scale below which it counts as near zero. */
    public static final double PARAMS = 1e-6;
    /** The fraction of a state quantity's scale below which it counts as near zero. */
    public static final double STATE = 1e-3;

    private RelativeDifference() {
    }

    /** The difference between {@code actual} and {@code expected}, relative, or against {@code floor} if larger. */
    public static double of(double actual, double expected, double floor) {
        if (actual == expected) {
            return 0;
        }
        double difference = Math.abs(actual - expected);
        if (Double.isNaN(difference)) {
            return Double.POSITIVE_INFINITY;
        }
        return difference / Math.max(Math.max(Math.abs(actual), Math.abs(expected)), floor);
    }

    /** The scale of coordinate {@code i} over rows of reference values: its largest magnitude. */
    public static double scale(double[][] rows, int i) {
        double scale = 0;
        for (double[] row : rows) {
            scale = Math.max(scale, Math.abs(row[i]));
        }
        return scale;
    }
}

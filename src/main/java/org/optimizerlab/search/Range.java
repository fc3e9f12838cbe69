package org.optimizerlab.search;

import java.util.SplittableRandom;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * The range a hyperparameter is drawn from: uniformly, or log-uniformly (uniform in the logarithm, as for learning
 * rates and regularization strengths, which matter by orders of magnitude). A range with {@code low == high} fixes
 * the value.
 *
 * @param low  the smallest value, finite (and {@code > 0} on a log scale)
 * @param high the largest value, {@code >= low}
 * @param log  whether to draw log-uniformly
 */
public record Range(double low, double high, boolean log) {

    public Range {
        Check.finite("[0]", low);
        Check.finite("[1]", high);
        if (log && !(low > 0)) {
            throw new FieldException("[0]", "must be > 0 (drawn on a log scale), got " + Check.show(low));
        }
        if (!(high >= low)) {
            throw new FieldException("[1]", "must be >= " + Check.show(low) + ", got " + Check.show(high));
        }
    }

    /** A value drawn from the range. */
    public double sample(SplittableRandom random) {
        return valueAt(random.nextDouble());
    }

    /**
     * The value a fraction {@code u} in {@code [0, 1)} of the way across the range (in the logarithm on a log scale),
     * kept inside {@code [low, high]}: {@code exp(log(low))} and the top of a log range can round past the ends
     * (e.g. {@code exp(log(1e-5)) < 1e-5}), and a value past an end may break the problem's rule for that field.
     */
    double valueAt(double u) {
        double value = log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low);
        return Math.min(high, Math.max(low, value));
    }

    /**
     * The coarse-to-fine range: {@code shrink} times as wide as this one (in the logarithm on a log scale), centred on
     * {@code best} and kept inside this range.
     */
    public Range around(double best, double shrink) {
        if (log) {
            double half = shrink * (Math.log(high) - Math.log(low)) / 2;
            return new Range(Math.max(low, best * Math.exp(-half)), Math.min(high, best * Math.exp(half)), true);
        }
        double half = shrink * (high - low) / 2;
        return new Range(Math.max(low, best - half), Math.min(high, best + half), false);
    }
}

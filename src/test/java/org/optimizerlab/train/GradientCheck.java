package org.optimizerlab.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.optimizerlab.problem.Batch;
import org.optimizerlab.problem.Problem;

/** Compares a problem's analytic gradient with centred finite differences of the batch loss it returns. */
public final class GradientCheck {
    /** The step of the centred differences. */
    static final double H = 1e-5;

    private GradientCheck() {
    }

    /**
     * The largest relative error over coordinates, {@code |a - n| / max(|a|, |n|, floor)}, where {@code a} is the
     * analytic and {@code n} the numerical derivative; {@code floor} keeps coordinates whose derivative is zero
     * (a dead ReLU) from dividing round-off by zero.
     */
    public static double maxRelativeError(Problem problem, double[] x, Batch batch, double floor) {
        double[] analytic = new double[x.length];
        problem.gradient(x, batch, analytic);
        double[] scratch = new double[x.length];
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone();
            plus[i] += H;
            double[] minus = x.clone();
            minus[i] -= H;
            double numerical = (problem.gradient(plus, batch, scratch) - problem.gradient(minus, batch, scratch)) / (2 * H);
            double scale = Math.max(Math.max(Math.abs(analytic[i]), Math.abs(numerical)), floor);
            worst = Math.max(worst, Math.abs(analytic[i] - numerical) / scale);
        }
        return worst;
    }

    /** Asserts the analytic gradient agrees with finite differences to a relative error below 1e-6. */
    public static void assertGradientMatches(Problem problem, double[] x, Batch batch) {
        assertThat(maxRelativeError(problem, x, batch, 1e-7)).isLessThan(1e-6);
    }
}

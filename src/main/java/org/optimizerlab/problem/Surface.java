package org.optimizerlab.problem;

import java.util.Optional;

/**
 * An analytic function of two variables {@code f(x, y)} with its exact gradient: a landscape students can see as a
 * contour map and watch optimizers cross.
 *
 * <p>Implementations give {@link #value} and {@link #gradient(double, double, double[])}; the {@link Problem}
 * methods follow from them.
 */
public interface Surface extends Problem, Landscape {

    /** {@code f(x, y)}. */
    @Override
    double value(double x, double y);

    /** Writes {@code (df/dx, df/dy)} at {@code (x, y)} into {@code out}. */
    void gradient(double x, double y, double[] out);

    @Override
    default Optional<Landscape> landscape() {
        return Optional.of(this);
    }

    @Override
    default int dimension() {
        return 2;
    }

    @Override
    default double loss(double[] p) {
        return value(p[0], p[1]);
    }

    @Override
    default double gradient(double[] p, Batch batch, double[] dx) {
        gradient(p[0], p[1], dx);
        return value(p[0], p[1]);
    }
}

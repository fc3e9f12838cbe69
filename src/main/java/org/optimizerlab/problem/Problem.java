package org.optimizerlab.problem;

import java.util.Map;
import java.util.Optional;

/**
 * Something to minimise: a loss over a parameter vector, with its exact gradient.
 *
 * <p>Two kinds exist. Analytic functions ({@link Surface}s and the online {@link Reddi} problem) have no training
 * set: every update is one full-batch epoch. Training problems have {@link #trainingSetSize()} samples and compute
 * the gradient of the mean loss over the samples of a {@link Batch}. Implementations are immutable: one problem
 * is shared by all runs of a race and may be used from several threads.
 */
public interface Problem {

    /** The name used in experiment specs ({@code rosenbrock}, {@code reddi}, ...). */
    String type();

    /** How many parameters the problem has. */
    int dimension();

    /** The point runs start from when a spec gives no {@code start}. */
    double[] defaultStart();

    /** The objective at {@code x}: the function's value, or the mean loss over the whole training set. */
    double loss(double[] x);

    /**
     * Writes into {@code dx} the gradient that update {@code batch.update()} uses at {@code x}, and returns the loss
     * that gradient is the gradient of (the batch loss; for analytic functions the value at {@code x}).
     */
    double gradient(double[] x, Batch batch, double[] dx);

    /** Puts {@code x} back into the feasible set after an update (a projection); nothing for unconstrained problems. */
    default void project(double[] x) {
    }

    /** The number of training samples, or 0 for problems without data, where every update is one full-batch epoch. */
    default int trainingSetSize() {
        return 0;
    }

    /** The loss as a picture over two parameters, for a contour map; empty when there is none to draw. */
    default Optional<Landscape> landscape() {
        return Optional.empty();
    }

    /** The problem's own parameters by spec name (for display and for writing the spec back out). */
    Map<String, Object> parameters();
}

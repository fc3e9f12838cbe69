package org.optimizerlab.optim;

import java.util.Map;

/**
 * The mutable state of one optimizer working on one parameter vector.
 *
 * <p>Lifecycle: {@link OptimizerConfig#newState(int)} creates it with all state at zero (as in the notes: "v
 * initialised to 0", "cache initialised to 0"); {@link #step} is then called once per update; to start again, ask
 * the configuration for a new state. Nothing else resets it.
 *
 * <p>Sign convention: {@code dx} is the gradient of the loss at {@code x}; every update moves {@code x} against it
 * ({@code x += -lr * dx} for plain SGD). {@code step} changes {@code x} and the optimizer's own arrays in place
 * and never writes {@code dx}.
 */
public interface Optimizer {

    /**
     * Applies one update to {@code x} in place.
     *
     * @param x  the parameters, overwritten with the updated values
     * @param dx the gradient of the loss at {@code x}; read only
     * @param lr the learning rate of this update (the configured {@code lr} under a constant schedule)
     */
    void step(double[] x, double[] dx, double lr);

    /** How many updates have been applied (Adam's and AMSGrad's {@code t} for bias correction). */
    int t();

    /**
     * Copies of the state a lesson plots, by the notes' names: {@code v} (velocity or first moment), {@code cache},
     * {@code cache_max} (AMSGrad's running maximum) and, once at least one update has been made,
     * {@code effective_lr}: the per-coordinate step size the last update multiplied its direction by
     * ({@code lr / (sqrt(cache) + eps)}, or its bias-corrected form for Adam and AMSGrad). Empty for plain SGD.
     */
    Map<String, double[]> state();
}

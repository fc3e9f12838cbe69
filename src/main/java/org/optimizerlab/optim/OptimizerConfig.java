package org.optimizerlab.optim;

import java.util.Map;

/**
 * The immutable, validated hyperparameters of one optimizer of the course notes.
 *
 * <p>Each implementation is a record whose compact constructor checks every value (a configuration that exists is
 * valid) and whose {@link #newState(int)} makes a fresh {@link Optimizer} with zeroed state. Hyperparameter names
 * follow the notes: {@code lr}, {@code mu}, {@code decay_rate}, {@code eps}.
 */
public sealed interface OptimizerConfig permits Sgd, Momentum, Nesterov, AdaGrad, RmsProp, Adam, AmsGrad {

    /** The name used in experiment specs: {@code sgd}, {@code momentum}, {@code nesterov}, ... */
    String type();

    /** The base learning rate; a schedule scales it per update. */
    double lr();

    /** A fresh optimizer state for a parameter vector of {@code dimension} numbers, all state at zero. */
    Optimizer newState(int dimension);

    /** Every hyperparameter by its spec name, in spec order (for display and for writing specs back out). */
    Map<String, Object> hyperparameters();
}

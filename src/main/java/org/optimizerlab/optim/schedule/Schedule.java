package org.optimizerlab.optim.schedule;

import java.util.Map;

/**
 * A learning-rate schedule (the notes' "learning-rate annealing"): a stateless rule giving the learning rate of
 * each update from the base rate {@code lr0}, so any schedule works with any optimizer.
 *
 * <p>{@code t} is the 0-based index of the update, {@code epoch} the 0-based epoch that update belongs to; on a
 * full-batch problem one update is one epoch, so the two are equal.
 */
public sealed interface Schedule permits Constant, StepDecay, ExponentialDecay, InverseDecay {

    /** The name used in experiment specs: {@code constant}, {@code step}, {@code exponential}, {@code inverse}. */
    String type();

    /** The learning rate of update {@code t} (0-based), which belongs to epoch {@code epoch} (0-based). */
    double lrAt(double lr0, long t, long epoch);

    /** Every parameter by its spec name (empty for {@code constant}). */
    Map<String, Object> parameters();
}

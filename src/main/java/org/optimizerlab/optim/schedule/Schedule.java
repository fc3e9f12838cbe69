package org.optimizerlab.optim.schedule;

import java.util.Map;

/**
 * A learning-rate schedule (the notes' "learning-rate annealing"): a stateless rule giving the learning rate of
 * each update from the base rate {@code lr0}, so any schedule works with any optimizer.
 *
 * <p>{@code t} is the 0-based index of the update, {@code epoch} the 0-based epoch that update belongs to; on a
 * full-batch problem one update is one epoch, so the two are equal.
 *
 * <p>The first four are the notes' schedules; {@link CosineAnnealing} and {@link Warmup} (a linear ramp in front of
 * any of the others) go past the notes.
 */
public sealed interface Schedule
        permits Constant, StepDecay, ExponentialDecay, InverseDecay, CosineAnnealing, Warmup {

    /**
     * The name used in experiment specs: {@code constant}, {@code step}, {@code exponential}, {@code inverse},
     * {@code cosine}; a {@link Warmup} answers with the schedule it warms up.
     */
    String type();

    /** The learning rate of update {@code t} (0-based), which belongs to epoch {@code epoch} (0-based). */
    double lrAt(double lr0, long t, long epoch);

    /** Every parameter by its spec name (empty for {@code constant}), {@code warmup} included when there is one. */
    Map<String, Object> parameters();

    /** The rate this schedule anneals towards, which the base {@code lr} must not be below: 0 but for cosine's {@code lr_min}. */
    default double lrFloor() {
        return 0;
    }
}

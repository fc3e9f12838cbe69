package org.optimizerlab.experiment;

import org.optimizerlab.validation.Check;

/**
 * What an {@link ExperimentRunner} puts into its records, so that it computes only what its client sends or prints.
 *
 * <p>A step is <em>kept</em> when it is a multiple of {@code stride}, the last step, or the step where its run
 * diverged (the rule of {@link org.optimizerlab.lesson.Decimation}, so the socket's decimation and the runner agree).
 * Kept records are bit for bit the records of {@link #FULL}, less what is switched off here; the records of other
 * steps carry only the cheap numbers (step, epoch, lr, loss, gradient norm, divergence): empty {@code params},
 * {@code update} and {@code state}, no layer statistics, no evaluation. A divergence record always carries its
 * vectors (the reason names the parameter that became non-finite).
 *
 * @param vectors whether kept records carry {@code params}, {@code update} and the optimizer's {@code state}
 * @param layers  whether kept records of training problems carry per-layer statistics
 * @param stride  which steps are kept besides the last and a divergence: the multiples of it; 1 keeps every step
 */
public record Recording(boolean vectors, boolean layers, int stride) {

    /** Everything at every step: the command line's JSONL, the claim checks, the challenges. */
    public static final Recording FULL = new Recording(true, true, 1);

    public Recording {
        Check.intInRange("stride", stride, 1, Integer.MAX_VALUE);
    }

    /** Whether the record of {@code step} (of {@code steps} in all) is kept. */
    public boolean keeps(int step, int steps, boolean diverged) {
        return stride == 1 || step % stride == 0 || step == steps || diverged;
    }
}

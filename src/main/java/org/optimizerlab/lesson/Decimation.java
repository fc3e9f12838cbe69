package org.optimizerlab.lesson;

import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.validation.Check;

/**
 * Which points of a long experiment are sent and plotted: all of them up to {@code maxPointsPerRun} steps;
 * beyond, every {@code stride}-th step ({@code stride = ceil(steps / maxPointsPerRun)}), plus the last step and a
 * divergence step. The WebSocket sends exactly these, and the claim check looks at exactly these, so a claim is
 * checked on what the page plots.
 *
 * @param steps  the experiment's number of updates
 * @param stride 1 (every point) or more
 */
public record Decimation(int steps, int stride) {

    public Decimation {
        Check.intInRange("steps", steps, 1, Integer.MAX_VALUE);
        Check.intInRange("stride", stride, 1, Integer.MAX_VALUE);
    }

    /** The decimation of an experiment of {@code steps} updates under a cap of {@code maxPointsPerRun} points. */
    public static Decimation of(int steps, int maxPointsPerRun) {
        Check.intInRange("maxPointsPerRun", maxPointsPerRun, 1, Integer.MAX_VALUE);
        return new Decimation(steps, Math.max(1, (int) ((steps + (long) maxPointsPerRun - 1) / maxPointsPerRun)));
    }

    /** Whether points are being dropped at all. */
    public boolean decimated() {
        return stride > 1;
    }

    /** Whether the point of {@code record} is kept. */
    public boolean keeps(StepRecord record) {
        return stride == 1 || record.step() % stride == 0 || record.step() == steps || record.diverged();
    }
}

package org.optimizerlab.experiment;

import org.optimizerlab.validation.Check;

/**
 * The largest experiment a spec may describe. The command line allows the maxima; a server may configure less.
 *
 * @param maxSteps the most updates per run, {@code 1..}{@value #MAX_STEPS}
 * @param maxRuns  the most runs in one race, {@code 1..}{@value #MAX_RUNS}
 */
public record Limits(int maxSteps, int maxRuns) {

    /** The hard ceiling on updates per run. */
    public static final int MAX_STEPS = 1_000_000;
    /** The hard ceiling on runs per race. */
    public static final int MAX_RUNS = 8;
    /** The widest limits: what the command line allows. */
    public static final Limits DEFAULT = new Limits(MAX_STEPS, MAX_RUNS);

    public Limits {
        Check.intInRange("maxSteps", maxSteps, 1, MAX_STEPS);
        Check.intInRange("maxRuns", maxRuns, 1, MAX_RUNS);
    }
}

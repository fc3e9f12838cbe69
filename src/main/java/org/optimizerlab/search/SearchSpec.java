package org.optimizerlab.search;

import java.util.Optional;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleFunction;
import org.optimizerlab.optim.OptimizerConfig;
import org.optimizerlab.optim.schedule.Schedule;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * A validated random search (the notes' hyperparameter tuning): {@code trials} networks of the spiral problem or of
 * a CSV table ({@link SearchProblem}), each
 * trained for {@code epochs} with its own {@code lr} (log-uniform), {@code reg} (log-uniform) and {@code dropout}
 * (uniform) drawn from the given ranges, ranked by validation accuracy (a regression table's by validation loss,
 * {@link SearchProblem#metric()}); optionally a second, finer round around the best. Read by {@link SearchReader}, run by {@link Search}.
 *
 * @param problem    the problem every trial trains, before its {@code reg} and {@code dropout} are set
 * @param seed       the seed of the data, the initial weights, the batches and the trials' draws
 * @param epochs     epochs per trial, {@code 1..}{@value #MAX_EPOCHS}
 * @param batchSize  samples per minibatch, {@code 1..n}
 * @param optimizer  the optimizer for a given learning rate
 * @param schedule   the learning-rate schedule of every trial
 * @param trials     trials of the first round, {@code 1..}{@value #MAX_TRIALS}
 * @param lr         where learning rates are drawn from (log scale)
 * @param reg        where regularization strengths are drawn from (log scale, or one fixed value)
 * @param dropout    where dropout probabilities are drawn from (uniform; {@code [0, 0]} without dropout)
 * @param refine     the optional coarse-to-fine second round
 */
public record SearchSpec(SearchProblem problem, long seed, int epochs, int batchSize,
                         DoubleFunction<OptimizerConfig> optimizer, Schedule schedule, int trials, Range lr, Range reg,
                         Range dropout, Optional<Refine> refine) {

    /** The most trials per round. */
    public static final int MAX_TRIALS = 100;
    /** The most epochs per trial. */
    public static final int MAX_EPOCHS = 1_000;
    /** The bound on all trials' {@code epochs * n * parameters}: the whole search's work, about half a minute. */
    public static final long MAX_WORK = 20_000_000_000L;

    /**
     * The coarse-to-fine second round: {@code trials} more trials drawn from ranges {@code shrink} times as wide as
     * the first round's, centred on the best first-round trial.
     *
     * @param trials trials of the second round, {@code 1..}{@value SearchSpec#MAX_TRIALS}
     * @param shrink the width of the new ranges relative to the old, in {@code (0, 1]}; default {@value #DEFAULT_SHRINK}
     */
    public record Refine(int trials, double shrink) {
        /** A quarter of the width (in the logarithm for lr and reg). */
        public static final double DEFAULT_SHRINK = 0.25;

        public Refine {
            Check.intInRange("trials", trials, 1, MAX_TRIALS);
            Check.inOpenClosed("shrink", shrink, 0, 1);
        }
    }

    public SearchSpec {
        Check.present("problem", problem);
        if (!(problem.validation() > 0)) {
            throw new FieldException("problem.validation", "must be > 0 for a search: trials are ranked by "
                    + problem.metric().words());
        }
        Check.intInRange("epochs", epochs, 1, MAX_EPOCHS);
        Check.present("optimizer", optimizer);
        Check.present("schedule", schedule);
        Check.intInRange("search.trials", trials, 1, MAX_TRIALS);
        Check.present("search.lr", lr);
        Check.present("search.reg", reg);
        Check.present("search.dropout", dropout);
        if (dropout.high() > 0 && !problem.hasHiddenLayer()) {
            throw new FieldException("search.dropout", "needs a problem with a hidden layer (mlp-spiral, or csv "
                    + "with hidden > 0)");
        }
        checkEnds("reg", reg, value -> problem.checkRegularization(value, problem.dropout()));
        checkEnds("dropout", dropout, value -> problem.checkRegularization(problem.reg(), value));
        Check.present("search.refine", refine);
        long allTrials = trials + refine.map(Refine::trials).orElse(0);
        double work = (double) allTrials * epochs * problem.trainingPoints() * problem.parameterCount();
        if (work > MAX_WORK) {
            throw new FieldException("search.trials", "trials * epochs * training points * parameters must be at most "
                    + MAX_WORK + ", got " + allTrials + " * " + epochs + " * " + problem.trainingPoints() + " * "
                    + problem.parameterCount() + " = " + (long) work);
        }
        Check.intInRange("batch_size", batchSize, 1, problem.trainingPoints());
    }

    /**
     * Checks both ends of the range of {@code field} with the problem's own rule for that field (a trial draws every
     * value in between, and the rules are intervals), so a search whose trials would be refused is refused up front:
     * {@code search.dropout[0]: must be in [0, 0.9], got -0.5}.
     */
    private static void checkEnds(String field, Range range, DoubleConsumer problemWith) {
        double[] ends = {range.low(), range.high()};
        for (int i = 0; i < ends.length; i++) {
            try {
                problemWith.accept(ends[i]);
            } catch (FieldException e) {
                throw new FieldException("search." + field + "[" + i + "]", e.problem());
            }
        }
    }

    /** All trials of both rounds. */
    public int totalTrials() {
        return trials + refine.map(Refine::trials).orElse(0);
    }
}

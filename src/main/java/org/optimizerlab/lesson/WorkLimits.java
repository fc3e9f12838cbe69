package org.optimizerlab.lesson;

import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.search.SearchProblem;
import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.train.DeepActivations;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * The most work a server does for one activation study, one hyperparameter search or one update of a race: lower
 * than the engine's own ceilings, so a class of students cannot keep the server busy, and no update holds a worker
 * for longer than a frame or so (a race's update runs in one piece on a worker shared by every student). The server enforces them on every request, and the
 * lesson loader checks presets (and the largest values their controls offer) against the same numbers.
 *
 * @param maxActivationsWork the most {@code samples * width² * layers} of one activation study
 * @param maxSearchTrials    the most trials of one search, both rounds together
 * @param maxSearchEpochs    the most epochs per trial
 * @param maxSearchWork      the most {@code trials * epochs * training points * parameters} of one search
 * @param maxUpdateWork      the most {@code runs * parameters * (batch_size + 2 * training points)} of one update of a
 *                           race (the gradient of a batch, and at an epoch's end the evaluation of the training and
 *                           validation sets, for every run)
 */
public record WorkLimits(long maxActivationsWork, int maxSearchTrials, int maxSearchEpochs, long maxSearchWork,
                         long maxUpdateWork) {

    /** The engine's ceiling: 20 layers of 500 units with 200 samples, about half a second of one core. */
    public static final long DEFAULT_MAX_ACTIVATIONS_WORK = DeepActivations.Config.MAX_WORK;
    public static final int DEFAULT_MAX_SEARCH_TRIALS = 60;
    public static final int DEFAULT_MAX_SEARCH_EPOCHS = 300;
    /** Some seconds of one core. */
    public static final long DEFAULT_MAX_SEARCH_WORK = 1_000_000_000L;
    /** About 20 ms of one core of a 2020s laptop (docs/benchmarks.md, "Cost of one update"). */
    public static final long DEFAULT_MAX_UPDATE_WORK = 16_000_000L;
    /** No ceiling: what the command line allows. */
    public static final long ENGINE_MAX_UPDATE_WORK = Long.MAX_VALUE;

    /** What a server allows unless configured otherwise. */
    public static final WorkLimits DEFAULT = new WorkLimits(DEFAULT_MAX_ACTIVATIONS_WORK, DEFAULT_MAX_SEARCH_TRIALS,
            DEFAULT_MAX_SEARCH_EPOCHS, DEFAULT_MAX_SEARCH_WORK, DEFAULT_MAX_UPDATE_WORK);
    /** The engine's own ceilings: what the command line allows. */
    public static final WorkLimits ENGINE = new WorkLimits(DeepActivations.Config.MAX_WORK,
            2 * SearchSpec.MAX_TRIALS, SearchSpec.MAX_EPOCHS, SearchSpec.MAX_WORK, ENGINE_MAX_UPDATE_WORK);

    public WorkLimits {
        Check.intInRangeLong("maxActivationsWork", maxActivationsWork, 1, DeepActivations.Config.MAX_WORK);
        Check.intInRange("maxSearchTrials", maxSearchTrials, 1, 2L * SearchSpec.MAX_TRIALS);
        Check.intInRange("maxSearchEpochs", maxSearchEpochs, 1, SearchSpec.MAX_EPOCHS);
        Check.intInRangeLong("maxSearchWork", maxSearchWork, 1, SearchSpec.MAX_WORK);
        Check.intInRangeLong("maxUpdateWork", maxUpdateWork, 1, ENGINE_MAX_UPDATE_WORK);
    }

    /** The same limits with another bound on one update. */
    public WorkLimits withMaxUpdateWork(long newMaxUpdateWork) {
        return new WorkLimits(maxActivationsWork, maxSearchTrials, maxSearchEpochs, maxSearchWork, newMaxUpdateWork);
    }

    /**
     * {@code runs * parameters * (batch_size + 2 * training points)}: the multiply-adds of the costliest update of a
     * race, an epoch's last (its batch's gradient and the evaluation of the training and validation sets, for every
     * run), within a small factor. Problems without data count one sample.
     */
    public static double work(Experiment experiment) {
        int n = experiment.problem().trainingSetSize();
        double samples = n == 0 ? 1 : experiment.batchSize() + 2.0 * n;
        return (double) experiment.runs().size() * experiment.problem().dimension() * samples;
    }

    /** {@code experiment} if one update is within the limit, else an error naming what to make smaller. */
    public Experiment check(Experiment experiment) {
        double work = work(experiment);
        if (work > maxUpdateWork) {
            throw new FieldException("problem", "one update of this race would cost about " + (long) work
                    + " (runs * parameters * (batch_size + 2 * training points) = " + experiment.runs().size() + " * "
                    + experiment.problem().dimension() + " * (" + experiment.batchSize() + " + 2 * "
                    + experiment.problem().trainingSetSize() + ")); this server allows " + maxUpdateWork
                    + ": use fewer runs, fewer points or a smaller network");
        }
        return experiment;
    }

    /** {@code samples * width² * layers}: the multiply-adds of an activation study. */
    public static long work(DeepActivations.Config config) {
        return (long) config.samples() * config.width() * config.width() * config.layers();
    }

    /** {@code trials * epochs * training points * parameters} over both rounds: the work of a search. */
    public static double work(SearchSpec search) {
        SearchProblem problem = search.problem();
        return (double) search.totalTrials() * search.epochs() * problem.trainingPoints() * problem.parameterCount();
    }

    /** {@code study} if it is within the limit, else an error naming {@code problem.samples} (as the engine does). */
    public DeepActivations check(DeepActivations study) {
        long work = work(study.config());
        if (work > maxActivationsWork) {
            DeepActivations.Config c = study.config();
            throw new FieldException("problem.samples", "samples * width² * layers must be at most "
                    + maxActivationsWork + " on this server, got " + c.samples() + " * " + c.width() + "² * "
                    + c.layers() + " = " + work);
        }
        return study;
    }

    /** {@code search} if it is within the limits, else an error naming the field that is too large. */
    public SearchSpec check(SearchSpec search) {
        if (search.totalTrials() > maxSearchTrials) {
            String field = search.refine().isPresent() ? "search.refine.trials" : "search.trials";
            throw new FieldException(field, "all trials (both rounds) must be at most " + maxSearchTrials
                    + " on this server, got " + search.totalTrials());
        }
        if (search.epochs() > maxSearchEpochs) {
            throw new FieldException("epochs", "must be at most " + maxSearchEpochs + " on this server, got "
                    + search.epochs());
        }
        double work = work(search);
        if (work > maxSearchWork) {
            SearchProblem p = search.problem();
            throw new FieldException("search.trials", "trials * epochs * training points * parameters must be at most "
                    + maxSearchWork + " on this server, got " + search.totalTrials() + " * " + search.epochs() + " * "
                    + p.trainingPoints() + " * " + p.parameterCount() + " = " + (long) work);
        }
        return search;
    }
}

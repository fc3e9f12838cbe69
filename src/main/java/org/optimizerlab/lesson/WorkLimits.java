package org.optimizerlab.lesson;

import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.train.DeepActivations;
import org.optimizerlab.train.SpiralClassifier;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * The most work a server does for one activation study or one hyperparameter search: lower than the engine's own
 * ceilings, so a class of students cannot keep the server busy. The server enforces them on every request, and the
 * lesson loader checks presets (and the largest values their controls offer) against the same numbers.
 *
 * @param maxActivationsWork the most {@code samples * width² * layers} of one activation study
 * @param maxSearchTrials    the most trials of one search, both rounds together
 * @param maxSearchEpochs    the most epochs per trial
 * @param maxSearchWork      the most {@code trials * epochs * training points * parameters} of one search
 */
public record WorkLimits(long maxActivationsWork, int maxSearchTrials, int maxSearchEpochs, long maxSearchWork) {

    /** The engine's ceiling: 20 layers of 500 units with 200 samples, about half a second of one core. */
    public static final long DEFAULT_MAX_ACTIVATIONS_WORK = DeepActivations.Config.MAX_WORK;
    public static final int DEFAULT_MAX_SEARCH_TRIALS = 60;
    public static final int DEFAULT_MAX_SEARCH_EPOCHS = 300;
    /** Some seconds of one core. */
    public static final long DEFAULT_MAX_SEARCH_WORK = 1_000_000_000L;

    /** What a server allows unless configured otherwise. */
    public static final WorkLimits DEFAULT = new WorkLimits(DEFAULT_MAX_ACTIVATIONS_WORK, DEFAULT_MAX_SEARCH_TRIALS,
            DEFAULT_MAX_SEARCH_EPOCHS, DEFAULT_MAX_SEARCH_WORK);
    /** The engine's own ceilings: what the command line allows. */
    public static final WorkLimits ENGINE = new WorkLimits(DeepActivations.Config.MAX_WORK,
            2 * SearchSpec.MAX_TRIALS, SearchSpec.MAX_EPOCHS, SearchSpec.MAX_WORK);

    public WorkLimits {
        Check.intInRangeLong("maxActivationsWork", maxActivationsWork, 1, DeepActivations.Config.MAX_WORK);
        Check.intInRange("maxSearchTrials", maxSearchTrials, 1, 2L * SearchSpec.MAX_TRIALS);
        Check.intInRange("maxSearchEpochs", maxSearchEpochs, 1, SearchSpec.MAX_EPOCHS);
        Check.intInRangeLong("maxSearchWork", maxSearchWork, 1, SearchSpec.MAX_WORK);
    }

    /** {@code samples * width² * layers}: the multiply-adds of an activation study. */
    public static long work(DeepActivations.Config config) {
        return (long) config.samples() * config.width() * config.width() * config.layers();
    }

    /** {@code trials * epochs * training points * parameters} over both rounds: the work of a search. */
    public static double work(SearchSpec search) {
        SpiralClassifier.Config problem = search.problem();
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
            SpiralClassifier.Config p = search.problem();
            throw new FieldException("search.trials", "trials * epochs * training points * parameters must be at most "
                    + maxSearchWork + " on this server, got " + search.totalTrials() + " * " + search.epochs() + " * "
                    + p.trainingPoints() + " * " + p.parameterCount() + " = " + (long) work);
        }
        return search;
    }
}

package org.optimizerlab.testing;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.experiment.StepRecord;

/**
 * The engine's own scores of an experiment spec, run here in the test JVM, for challenge tests to compare with the
 * scores the server gives a submission: each reads the spec with the default limits and runs it to the end.
 */
public final class EngineScores {
    /** The test course {@code regression}'s table lesson (its {@code synthetic.csv}). */
    public static final Path REGRESSION_TABLE = TestLessons.folder("regression").resolve("01-synthetic");

    private EngineScores() {
    }

    /** The first step at which a run's loss is below {@code threshold}; empty if none is within the spec's steps. */
    public static OptionalInt firstStepBelow(String spec, double threshold) {
        ExperimentRunner runner = new ExperimentRunner(new SpecReader(Limits.DEFAULT).read(spec));
        while (!runner.finished()) {
            for (StepRecord r : runner.advance()) {
                if (r.loss() < threshold) {
                    return OptionalInt.of(r.step());
                }
            }
        }
        return OptionalInt.empty();
    }

    /** The highest validation accuracy at any epoch end of any run. */
    public static double bestValidationAccuracy(String spec) {
        ExperimentRunner runner = new ExperimentRunner(new SpecReader(Limits.DEFAULT).read(spec));
        double best = Double.NEGATIVE_INFINITY;
        while (!runner.finished()) {
            for (StepRecord r : runner.advance()) {
                if (r.evaluation().isPresent()) {
                    best = Math.max(best, r.evaluation().get().validationAccuracy().getAsDouble());
                }
            }
        }
        return best;
    }

    /**
     * The lowest validation loss at any epoch end of {@code runs} (a JSON array) on {@link #REGRESSION_TABLE} within
     * {@code epochs}, with the problem, batch size and seed its {@code fit} preset's challenge fixes; a run that
     * diverged does not count.
     */
    public static double lowestValidationLossOnRegressionTable(String runs, int epochs) {
        ExperimentRunner runner = new ExperimentRunner(new SpecReader(Limits.DEFAULT, DataFolder.of(REGRESSION_TABLE))
                .read("{\"problem\": {\"type\": \"csv\", \"file\": \"synthetic.csv\", \"task\": \"regression\", "
                        + "\"target\": \"y\", \"validation\": 0.25}, \"epochs\": " + epochs + ", \"batch_size\": 9, "
                        + "\"seed\": 1, \"runs\": " + runs + "}"));
        double lowest = Double.POSITIVE_INFINITY;
        while (!runner.finished()) {
            for (StepRecord r : runner.advance()) {
                if (r.evaluation().isPresent() && !r.diverged()) {
                    lowest = Math.min(lowest, r.evaluation().get().validationLoss().orElseThrow());
                }
            }
        }
        return lowest;
    }
}

package org.optimizerlab.search;

import org.optimizerlab.data.CsvClassifier;
import org.optimizerlab.train.SpiralClassifier;
import org.optimizerlab.train.SpiralConfig;
import org.optimizerlab.train.TrainingProblem;

/**
 * What every trial of a search trains, before the trial's own {@code reg} and {@code dropout} are set: the
 * spiral networks ({@code mlp-spiral}, {@code softmax-spiral}) or the same networks on an instructor's CSV table
 * ({@code csv}, {@code task: classification}). Every trial sees the same data, split and initial weights.
 */
public sealed interface SearchProblem permits SearchProblem.Spiral, SearchProblem.Table {

    /** The network's fields as given in the spec ({@code hidden}, {@code reg}, {@code dropout}, {@code validation}...). */
    SpiralConfig config();

    /** The problem of one trial: the spec's network with {@code reg} and {@code dropout} replaced. */
    TrainingProblem withRegularization(double reg, double dropout);

    /** The training points (rows) every trial trains on. */
    int trainingPoints();

    /** The network's parameters. */
    int parameterCount();

    /** The problem's type in the spec. */
    String type();

    /** The problem as the spec gives it (the spec's own {@code reg} and {@code dropout}). */
    default TrainingProblem asGiven() {
        return withRegularization(config().reg(), config().dropout());
    }

    /** The spiral of {@code config}, generated from {@code seed}. */
    record Spiral(SpiralConfig config, long seed) implements SearchProblem {
        @Override
        public TrainingProblem withRegularization(double reg, double dropout) {
            return new SpiralClassifier(config.withRegularization(reg, dropout), seed);
        }

        @Override
        public int trainingPoints() {
            return config.trainingPoints();
        }

        @Override
        public int parameterCount() {
            return config.parameterCount();
        }

        @Override
        public String type() {
            return config.hasHiddenLayer() ? "mlp-spiral" : "softmax-spiral";
        }
    }

    /** A CSV table read (once) from the spec's folder, with the spec's network and split. */
    record Table(CsvClassifier problem) implements SearchProblem {
        @Override
        public SpiralConfig config() {
            return problem.config();
        }

        @Override
        public TrainingProblem withRegularization(double reg, double dropout) {
            return problem.withRegularization(reg, dropout);
        }

        @Override
        public int trainingPoints() {
            return problem.trainingSetSize();
        }

        @Override
        public int parameterCount() {
            return problem.dimension();
        }

        @Override
        public String type() {
            return problem.type();
        }
    }
}

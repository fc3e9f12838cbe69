package org.optimizerlab.search;

import org.optimizerlab.data.CsvClassifier;
import org.optimizerlab.data.CsvRegression;
import org.optimizerlab.train.SpiralClassifier;
import org.optimizerlab.train.SpiralConfig;
import org.optimizerlab.train.TrainingProblem;
import org.optimizerlab.validation.FieldException;

/**
 * What every trial of a search trains, before the trial's own {@code reg} and {@code dropout} are set: the
 * spiral networks ({@code mlp-spiral}, {@code softmax-spiral}) or the same networks on an instructor's CSV table
 * ({@code csv}, {@code task: classification}), ranked by validation accuracy; or the linear model of a CSV table
 * with {@code task: regression}, which has neither {@code reg} nor {@code dropout} (its trials differ only in
 * {@code lr}), ranked by validation loss. Every trial sees the same data, split and initial weights.
 */
public sealed interface SearchProblem permits SearchProblem.Network, SearchProblem.Regression {

    /** The problem of one trial: the spec's problem with {@code reg} and {@code dropout} replaced. */
    TrainingProblem withRegularization(double reg, double dropout);

    /**
     * Checks {@code reg} and {@code dropout} with the problem's own rules without building a problem; a
     * {@link FieldException} names the field ({@code reg} or {@code dropout}).
     */
    void checkRegularization(double reg, double dropout);

    /** The problem's {@code reg} as the spec gives it (0 where it has none). */
    double reg();

    /** The problem's {@code dropout} as the spec gives it (0 where it has none). */
    double dropout();

    /** The fraction of the data held out for validation. */
    double validation();

    /** Whether the problem has a hidden layer (and so dropout). */
    boolean hasHiddenLayer();

    /** What ranks the trials. */
    SearchMetric metric();

    /** The training points (rows) every trial trains on. */
    int trainingPoints();

    /** The model's parameters. */
    int parameterCount();

    /** The problem's type in the spec. */
    String type();

    /** The problem as the spec gives it (the spec's own {@code reg} and {@code dropout}). */
    default TrainingProblem asGiven() {
        return withRegularization(reg(), dropout());
    }

    /**
     * A network classifier (the spiral's or a table's): {@code reg}, {@code dropout} and the split come from its
     * {@link SpiralConfig}, and trials are ranked by validation accuracy.
     */
    sealed interface Network extends SearchProblem permits Spiral, Table {
        /** The network's fields as given in the spec ({@code hidden}, {@code reg}, {@code dropout}...). */
        SpiralConfig config();

        @Override
        default void checkRegularization(double reg, double dropout) {
            config().withRegularization(reg, dropout);
        }

        @Override
        default double reg() {
            return config().reg();
        }

        @Override
        default double dropout() {
            return config().dropout();
        }

        @Override
        default double validation() {
            return config().validation();
        }

        @Override
        default boolean hasHiddenLayer() {
            return config().hasHiddenLayer();
        }

        @Override
        default SearchMetric metric() {
            return SearchMetric.VALIDATION_ACCURACY;
        }
    }

    /** The spiral of {@code config}, generated from {@code seed}. */
    record Spiral(SpiralConfig config, long seed) implements Network {
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
    record Table(CsvClassifier problem) implements Network {
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

    /**
     * A CSV table's linear regression ({@code task: regression}): every trial fits the same model from zero with its
     * own {@code lr}; there is no {@code reg} or {@code dropout} to draw.
     */
    record Regression(CsvRegression problem) implements SearchProblem {
        @Override
        public TrainingProblem withRegularization(double reg, double dropout) {
            checkRegularization(reg, dropout);
            return problem;
        }

        @Override
        public void checkRegularization(double reg, double dropout) {
            if (reg != 0) {
                throw new FieldException("reg", "a regression table's linear model has no reg; must be 0, got " + reg);
            }
            if (dropout != 0) {
                throw new FieldException("dropout", "a regression table's linear model has no dropout; must be 0, got "
                        + dropout);
            }
        }

        @Override
        public double reg() {
            return 0;
        }

        @Override
        public double dropout() {
            return 0;
        }

        @Override
        public double validation() {
            return problem.validation();
        }

        @Override
        public boolean hasHiddenLayer() {
            return false;
        }

        @Override
        public SearchMetric metric() {
            return SearchMetric.VALIDATION_LOSS;
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

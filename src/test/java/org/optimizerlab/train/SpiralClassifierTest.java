package org.optimizerlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.init.WeightInit;
import org.optimizerlab.optim.Adam;
import org.optimizerlab.optim.schedule.Constant;
import org.optimizerlab.problem.Batch;

class SpiralClassifierTest {

    static SpiralConfig config(int hidden, Activation activation, double reg, double dropout,
                                          WeightInit init, double validation) {
        return new SpiralConfig(3, 30, hidden, activation, reg, dropout, new Initialization(init, 0.01),
                validation);
    }

    /** A point away from the start, so the gradient check sees a trained-looking network, not a symmetric one. */
    private static double[] randomPoint(SpiralClassifier problem, long seed) {
        double[] x = problem.defaultStart();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.5 * random.nextGaussian();
        }
        return x;
    }

    private static final Batch BATCH = new Batch(3, 0, new int[] {0, 5, 17, 40, 41, 63, 5});

    @Test
    void softmaxGradientMatchesFiniteDifferences() {
        SpiralClassifier problem = new SpiralClassifier(config(0, Activation.RELU, 0.1, 0, WeightInit.SMALL, 0.2), 1);
        GradientCheck.assertGradientMatches(problem, randomPoint(problem, 2), BATCH);
        GradientCheck.assertGradientMatches(problem, randomPoint(problem, 3), new Batch(0, 0, null));
    }

    @Test
    void mlpGradientMatchesFiniteDifferencesWithReluAndTanh() {
        for (Activation activation : Activation.values()) {
            SpiralClassifier problem = new SpiralClassifier(config(12, activation, 0.05, 0, WeightInit.HE, 0.2), 4);
            GradientCheck.assertGradientMatches(problem, randomPoint(problem, 5), BATCH);
            GradientCheck.assertGradientMatches(problem, randomPoint(problem, 6), new Batch(1, 0, null));
        }
    }

    @Test
    void mlpGradientWithDropoutMatchesFiniteDifferencesOfTheSameMask() {
        for (Activation activation : Activation.values()) {
            SpiralClassifier problem = new SpiralClassifier(config(12, activation, 1e-3, 0.5, WeightInit.HE, 0), 7);
            GradientCheck.assertGradientMatches(problem, randomPoint(problem, 8), BATCH);
        }
    }

    @Test
    void dropoutMasksDependOnTheUpdateOnly() {
        SpiralClassifier problem = new SpiralClassifier(config(20, Activation.RELU, 0, 0.5, WeightInit.HE, 0), 7);
        double[] x = problem.defaultStart();
        int[] rows = {1, 2, 3, 4, 5, 6};
        double[] a = new double[x.length];
        double[] b = new double[x.length];
        double lossA = problem.gradient(x, new Batch(9, 0, rows), a);
        problem.gradient(x, new Batch(4, 0, rows), b);                    // another update in between
        double lossAgain = problem.gradient(x, new Batch(9, 0, rows), b);
        assertThat(lossAgain).isEqualTo(lossA);
        assertThat(b).containsExactly(a);
        double lossOther = problem.gradient(x, new Batch(10, 0, rows), b);
        assertThat(lossOther).isNotEqualTo(lossA);
        // evaluation uses the whole network: no dropout, deterministic
        assertThat(problem.loss(x)).isEqualTo(problem.loss(x));
    }

    @Test
    void l2PenaltyIsHalfRegTimesTheSquaredWeightsNotScaledByTheBatch() {
        SpiralClassifier plain = new SpiralClassifier(config(8, Activation.TANH, 0, 0, WeightInit.XAVIER, 0.2), 3);
        SpiralClassifier regularized = new SpiralClassifier(config(8, Activation.TANH, 0.7, 0, WeightInit.XAVIER, 0.2), 3);
        double[] x = randomPoint(plain, 1);
        double squaredWeights = 0;
        for (ParameterBlock block : plain.layout()) {
            for (int i = block.offset(); i < block.end() && block.weight(); i++) {
                squaredWeights += x[i] * x[i];
            }
        }
        for (Batch batch : List.of(new Batch(0, 0, new int[] {3}), BATCH, new Batch(0, 0, null))) {
            double difference = regularized.gradient(x, batch, new double[x.length])
                    - plain.gradient(x, batch, new double[x.length]);
            assertThat(difference).isCloseTo(0.5 * 0.7 * squaredWeights, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void layoutNamesTheBlocksOfTheFlatVector() {
        SpiralClassifier mlp = new SpiralClassifier(config(5, Activation.RELU, 0, 0, WeightInit.HE, 0.2), 1);
        assertThat(mlp.layout()).extracting(ParameterBlock::name).containsExactly("W1", "b1", "W2", "b2");
        assertThat(mlp.layout()).extracting(ParameterBlock::size).containsExactly(10, 5, 15, 3);
        assertThat(mlp.dimension()).isEqualTo(33);
        assertThat(mlp.type()).isEqualTo("mlp-spiral");
        SpiralClassifier softmax = new SpiralClassifier(config(0, Activation.RELU, 0, 0, WeightInit.HE, 0.2), 1);
        assertThat(softmax.layout()).extracting(ParameterBlock::name).containsExactly("W", "b");
        assertThat(softmax.type()).isEqualTo("softmax-spiral");
        // biases start at the constant, weights by the rule
        double[] start = mlp.defaultStart();
        assertThat(start[10]).isEqualTo(0.01);
        assertThat(start[0]).isNotEqualTo(0);
    }

    @Test
    void validationSplitHoldsOutAFractionOfEveryClass() {
        SpiralClassifier problem = new SpiralClassifier(config(5, Activation.RELU, 0, 0, WeightInit.HE, 0.2), 1);
        assertThat(problem.trainingSetSize()).isEqualTo(72);
        LabeledPoints held = problem.validationPoints();
        assertThat(held.size()).isEqualTo(18);
        for (int c = 0; c < 3; c++) {
            int label = c;
            assertThat(java.util.Arrays.stream(held.labels()).filter(l -> l == label).count()).isEqualTo(6);
        }
        Evaluation evaluation = problem.evaluate(problem.defaultStart());
        assertThat(evaluation.trainLoss()).isCloseTo(Math.log(3), org.assertj.core.data.Offset.offset(0.05));
        assertThat(evaluation.validationAccuracy()).isPresent();
        assertThat(evaluation.trainLoss()).isEqualTo(problem.loss(problem.defaultStart()));
    }

    @Test
    void mlpWithAdamReachesNinetyFivePercentTrainingAccuracy() {
        SpiralClassifier problem = new SpiralClassifier(new SpiralConfig(3, 100, 100, Activation.RELU,
                1e-3, 0, new Initialization(WeightInit.SMALL, 0), 0.2), 42);
        Experiment experiment = new Experiment(problem, problem.defaultStart(), 1500, 42, problem.trainingSetSize(),
                List.of(new Run("adam", new Adam(0.01, 0.9, 0.999, 1e-8), new Constant())));
        ExperimentRunner runner = new ExperimentRunner(experiment);
        while (!runner.finished()) {
            runner.advance();
        }
        Evaluation evaluation = problem.evaluate(runner.params(0));
        assertThat(evaluation.trainAccuracy().getAsDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(evaluation.validationAccuracy().getAsDouble()).isGreaterThan(0.85);
    }

    @Test
    void invalidConfigurationsNameTheField() {
        Initialization init = new Initialization(WeightInit.HE, 0);
        assertThatThrownBy(() -> new SpiralConfig(1, 100, 10, Activation.RELU, 0, 0, init, 0.2))
                .hasMessage("classes: must be an integer in 2..10, got 1");
        assertThatThrownBy(() -> new SpiralConfig(3, 100, 10, Activation.RELU, 0, 0.95, init, 0.2))
                .hasMessage("dropout: must be in [0, 0.9], got 0.95");
        assertThatThrownBy(() -> new SpiralConfig(3, 100, 0, Activation.RELU, 0, 0.5, init, 0.2))
                .hasMessage("dropout: needs a hidden layer");
        assertThatThrownBy(() -> new SpiralConfig(10, 2000, 1000, Activation.RELU, 0, 0, init, 0.2))
                .hasMessage("hidden: points * hidden must be at most 5000000, got 20000 * 1000");
        assertThatThrownBy(() -> new SpiralConfig(3, 2, 10, Activation.RELU, 0, 0, init, 0.8))
                .hasMessage("validation: must leave at least one training point per class, got 0.8 of 2");
        assertThatThrownBy(() -> new SpiralConfig(3, 100, 10, Activation.RELU, -1, 0, init, 0.2))
                .hasMessage("reg: must be in [0, 100], got -1");
    }
}

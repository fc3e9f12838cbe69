package org.optimizerlab.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.optim.Adam;
import org.optimizerlab.optim.schedule.Constant;
import org.optimizerlab.train.Activation;
import org.optimizerlab.train.DeepActivations;
import org.optimizerlab.train.SpiralClassifier;
import org.optimizerlab.train.SpiralConfig;

/** The claims of the initialization lesson, on the default deep network (10 layers of 500 units). */
class InitializationClaimsTest {

    private static List<DeepActivations.Layer> forward(Activation activation, WeightInit init) {
        DeepActivations.Config config = new DeepActivations.Config(DeepActivations.Config.DEFAULT_LAYERS,
                DeepActivations.Config.DEFAULT_WIDTH, activation, init, DeepActivations.Config.DEFAULT_SAMPLES,
                DeepActivations.Config.DEFAULT_BINS);
        return new DeepActivations(config, 3).run().layers();
    }

    @Test
    void heWithReluKeepsLayerTenWithinTwiceTheStdOfLayerOne() {
        List<DeepActivations.Layer> layers = forward(Activation.RELU, WeightInit.HE);
        double ratio = layers.get(9).std() / layers.get(0).std();
        assertThat(ratio).isBetween(0.5, 2.0);
    }

    @Test
    void smallWeightsCollapseTheSignalBelowOneHundredThousandthOfLayerOne() {
        for (Activation activation : Activation.values()) {
            List<DeepActivations.Layer> layers = forward(activation, WeightInit.SMALL);
            assertThat(layers.get(9).std()).isLessThan(1e-5 * layers.get(0).std());
            assertThat(layers.get(0).std()).isGreaterThan(0.05);           // layer 1 itself is alive
        }
    }

    @Test
    void xavierKeepsTanhLayersAliveButReluLayersShrink() {
        List<DeepActivations.Layer> tanh = forward(Activation.TANH, WeightInit.XAVIER);
        assertThat(tanh.get(9).std()).isGreaterThan(0.1 * tanh.get(0).std());
        List<DeepActivations.Layer> relu = forward(Activation.RELU, WeightInit.XAVIER);
        assertThat(relu.get(9).std()).isLessThan(0.2 * relu.get(0).std());   // about 2^-4.5 of layer 1
    }

    @Test
    void zerosKeepEveryHiddenUnitIdenticalAfterTraining() {
        for (Activation activation : Activation.values()) {
            SpiralClassifier problem = new SpiralClassifier(new SpiralConfig(3, 50, 16, activation, 1e-3, 0,
                    new Initialization(WeightInit.ZEROS, 0.01), 0.2), 9);
            Experiment experiment = new Experiment(problem, problem.defaultStart(), 200, 9, 30,
                    List.of(new Run("adam", new Adam(0.01, 0.9, 0.999, 1e-8), new Constant())));
            ExperimentRunner runner = new ExperimentRunner(experiment);
            while (!runner.finished()) {
                runner.advance();
            }
            double[] x = runner.params(0);
            double[] firstUnit = unit(x, 0, 16, 3);
            assertThat(Arrays.stream(firstUnit).anyMatch(v -> Math.abs(v) > 1e-3)).isTrue();   // it did learn
            for (int j = 1; j < 16; j++) {
                assertThat(unit(x, j, 16, 3)).containsExactly(firstUnit, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void smallRandomWeightsBreakTheSymmetry() {
        SpiralClassifier problem = new SpiralClassifier(new SpiralConfig(3, 50, 16, Activation.RELU, 1e-3, 0,
                new Initialization(WeightInit.SMALL, 0.01), 0.2), 9);
        double[] x = problem.defaultStart();
        assertThat(unit(x, 1, 16, 3)).isNotEqualTo(unit(x, 0, 16, 3));
    }

    @Test
    void weightRulesHaveTheNotesStandardDeviations() {
        int nIn = 200;
        for (WeightInit init : WeightInit.values()) {
            double[] w = new double[nIn * 300];
            init.fill(w, 0, w.length, nIn, new SplittableRandom(1));
            double std = Math.sqrt(Arrays.stream(w).map(v -> v * v).sum() / w.length);
            double expected = switch (init) {
                case SMALL -> 0.01;
                case XAVIER -> 1 / Math.sqrt(nIn);
                case HE -> Math.sqrt(2.0 / nIn);
                case ZEROS -> 0;
            };
            assertThat(std).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.02 * expected));
        }
    }

    /** Hidden unit {@code j}'s incoming weights (a column of W1), bias and outgoing weights (a row of W2). */
    private static double[] unit(double[] x, int j, int hidden, int classes) {
        double[] unit = new double[2 + 1 + classes];
        unit[0] = x[j];
        unit[1] = x[hidden + j];
        unit[2] = x[2 * hidden + j];
        System.arraycopy(x, 3 * hidden + j * classes, unit, 3, classes);
        return unit;
    }
}

package org.optimizerlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.init.WeightInit;
import org.optimizerlab.problem.Batch;

/**
 * Networks of one to four hidden layers of mixed widths: the analytic gradient against centred finite differences
 * (each activation, with L2 and with dropout), and the forward pass, the batch loss with its dropout masks and the
 * predicted classes against {@link ReferenceNetwork}, a plain forward pass written here from the documented layout.
 */
class DeepNetworkTest {

    /** Depths 1 to 4, widths mixed (narrow and wide next to each other). */
    private static final List<List<Integer>> SHAPES = List.of(List.of(7), List.of(5, 9), List.of(6, 3, 8),
            List.of(4, 7, 2, 5));

    private static final Batch BATCH = new Batch(3, 0, new int[] {0, 5, 17, 40, 41, 63, 5});

    private static SpiralClassifier spiral(List<Integer> hidden, Activation activation, double reg, double dropout) {
        return new SpiralClassifier(new SpiralConfig(3, 30, hidden, activation, reg, dropout,
                new Initialization(WeightInit.HE, 0.01), 0.2), 4);
    }

    /** A point away from the start, so no unit sits at a ReLU corner by construction. */
    private static double[] randomPoint(SpiralClassifier problem, long seed) {
        double[] x = problem.defaultStart();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.5 * random.nextGaussian();
        }
        return x;
    }

    /**
     * Relative error below {@code 1e-5} on every coordinate. A wrong backward pass (a missing gate, the wrong layer's
     * input) gives errors of order 1; the centred difference's own truncation error, {@code h² f''' / 6} with
     * {@code h = 1e-5}, reaches a few {@code 1e-6} on a small derivative (about {@code 1e-5}) of a four-layer tanh
     * network, which is why this bound is looser than the single-layer tests' {@code 1e-6}.
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void theGradientOfEveryDepthMatchesCentredDifferences(Activation activation) {
        for (List<Integer> hidden : SHAPES) {
            SpiralClassifier plain = spiral(hidden, activation, 0.05, 0);
            assertMatches(plain, randomPoint(plain, 5), BATCH);
            assertMatches(plain, randomPoint(plain, 6), new Batch(1, 0, null));
            SpiralClassifier dropout = spiral(hidden, activation, 1e-3, 0.4);
            assertMatches(dropout, randomPoint(dropout, 7), BATCH);
        }
    }

    private static void assertMatches(SpiralClassifier problem, double[] x, Batch batch) {
        assertThat(GradientCheck.maxRelativeError(problem, x, batch, 1e-7))
                .as("hidden %s, dropout %s", problem.config().hidden(), problem.config().dropout()).isLessThan(1e-5);
    }

    @Test
    void theLayoutHasOneWeightAndOneBiasBlockPerLayer() {
        SpiralClassifier problem = spiral(List.of(6, 3, 8), Activation.RELU, 0, 0);
        assertThat(problem.layout()).extracting(ParameterBlock::name)
                .containsExactly("W1", "b1", "W2", "b2", "W3", "b3", "W4", "b4");
        assertThat(problem.layout()).extracting(ParameterBlock::rows).containsExactly(2, 1, 6, 1, 3, 1, 8, 1);
        assertThat(problem.layout()).extracting(ParameterBlock::cols).containsExactly(6, 6, 3, 3, 8, 8, 3, 3);
        int count = 2 * 6 + 6 + 6 * 3 + 3 + 3 * 8 + 8 + 8 * 3 + 3;
        assertThat(problem.dimension()).isEqualTo(count);
        assertThat(problem.config().parameterCount()).isEqualTo(count);
        assertThat(problem.parameters()).containsEntry("hidden", List.of(6, 3, 8));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void theLossIsThePlainForwardPassOfEveryLayer(Activation activation) {
        for (List<Integer> hidden : SHAPES) {
            double reg = 0.02;
            SpiralClassifier problem = spiral(hidden, activation, reg, 0);
            double[] x = randomPoint(problem, 9);
            LabeledPoints train = problem.trainingPoints();
            double loss = 0;
            for (int i = 0; i < train.size(); i++) {
                loss += crossEntropy(ReferenceNetwork.scores(x, hidden, 3, activation == Activation.TANH,
                        train.x()[2 * i], train.x()[2 * i + 1]), train.labels()[i]);
            }
            double penalty = 0;
            for (ParameterBlock block : problem.layout()) {
                for (int k = block.offset(); k < block.end() && block.weight(); k++) {
                    penalty += x[k] * x[k];
                }
            }
            assertThat(problem.loss(x)).isCloseTo(loss / train.size() + 0.5 * reg * penalty,
                    within(1e-12));
            int[] predicted = new int[train.size()];
            problem.predict(x, train.x(), predicted);
            for (int i = 0; i < train.size(); i++) {
                assertThat(ReferenceNetwork.agrees(x, hidden, 3, activation == Activation.TANH, train.x()[2 * i],
                        train.x()[2 * i + 1], predicted[i])).isTrue();
            }
        }
    }

    /**
     * With dropout, the batch loss is the plain forward pass with each hidden unit of each sample kept with
     * probability {@code 1 - p} and scaled by {@code 1/(1-p)}: masks from the dropout stream of the seed and the
     * update, drawn sample by sample, layer by layer, unit by unit (docs/spec-training.md).
     */
    @Test
    void dropoutDrawsOneMaskPerUnitOfEveryLayer() {
        List<Integer> hidden = List.of(5, 4, 6);
        double p = 0.3;
        SpiralClassifier problem = new SpiralClassifier(new SpiralConfig(3, 30, hidden, Activation.TANH, 0,
                p, new Initialization(WeightInit.XAVIER, 0.01), 0.2), 11);
        double[] x = randomPoint(problem, 3);
        SplittableRandom masks = RandomStream.DROPOUT.of(11, BATCH.update());
        LabeledPoints train = problem.trainingPoints();
        double loss = 0;
        for (int row : BATCH.indices()) {
            double[] input = {train.x()[2 * row], train.x()[2 * row + 1]};
            int offset = 0;
            for (int l = 0; l <= hidden.size(); l++) {
                boolean output = l == hidden.size();
                int width = output ? 3 : hidden.get(l);
                double[] out = new double[width];
                for (int j = 0; j < width; j++) {
                    double a = x[offset + input.length * width + j];
                    for (int k = 0; k < input.length; k++) {
                        a += input[k] * x[offset + k * width + j];
                    }
                    out[j] = output ? a : Math.tanh(a);
                }
                if (!output) {
                    for (int j = 0; j < width; j++) {
                        out[j] *= masks.nextDouble() < p ? 0 : 1 / (1 - p);
                    }
                }
                offset += input.length * width + width;
                input = out;
            }
            loss += crossEntropy(input, train.labels()[row]);
        }
        double got = problem.gradient(x, BATCH, new double[x.length]);
        assertThat(got).isCloseTo(loss / BATCH.indices().length, within(1e-12));
    }

    private static double crossEntropy(double[] scores, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        for (double s : scores) {
            sum += Math.exp(s - max);
        }
        return Math.log(sum) - (scores[label] - max);
    }
}

package org.optimizerlab.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.init.WeightInit;
import org.optimizerlab.problem.Batch;

/**
 * The one-hidden-layer network and the softmax classifier compute bit for bit what they computed before the layer
 * stack could be deeper, so the lesson presets' numbers do not move: each case takes 30 SGD steps on minibatches
 * (with dropout and L2 where given) and compares the exact bits of the final loss and of a hash of the parameters
 * with the ones the single-layer code gave (recorded from commit 7317b28).
 */
class OneLayerNumbersTest {

    /** {loss after the steps, hash of the parameters' bits}. */
    private static long[] trajectory(SpiralClassifier problem) {
        double[] x = problem.defaultStart();
        double[] dx = new double[x.length];
        SplittableRandom rows = new SplittableRandom(11);
        for (int t = 0; t < 30; t++) {
            int[] batch = new int[16];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = rows.nextInt(problem.trainingSetSize());
            }
            problem.gradient(x, new Batch(t, 0, batch), dx);
            for (int i = 0; i < x.length; i++) {
                x[i] -= 0.3 * dx[i];
            }
        }
        long hash = 17;
        for (double v : x) {
            hash = hash * 31 + Double.doubleToLongBits(v);
        }
        return new long[] {Double.doubleToLongBits(problem.loss(x)), hash};
    }

    private static SpiralClassifier spiral(int hidden, Activation activation, double dropout) {
        return new SpiralClassifier(new SpiralConfig(3, 100, hidden, activation, 1e-3, dropout,
                new Initialization(WeightInit.HE, 0.01), 0.2), 7);
    }

    /** Points of three features (the feature-by-feature path an instructor's table takes). */
    private static SpiralClassifier threeFeatures(int hidden) {
        SplittableRandom random = new SplittableRandom(3);
        double[] x = new double[3 * 60];
        int[] labels = new int[60];
        for (int i = 0; i < 60; i++) {
            labels[i] = i % 3;
            for (int k = 0; k < 3; k++) {
                x[3 * i + k] = random.nextGaussian() + (k == labels[i] ? 1.5 : 0);
            }
        }
        LabeledPoints all = new LabeledPoints(x, labels, 3);
        LabeledPoints none = new LabeledPoints(new double[0], new int[0], 3);
        return new SpiralClassifier(new SpiralConfig(3, 20, hidden, Activation.TANH, 1e-2,
                hidden == 0 ? 0 : 0.1, new Initialization(WeightInit.XAVIER, 0), 0), new LabeledPoints[] {all, none}, 5);
    }

    @Test
    void theCaseStudyNetworkIsUnchanged() {
        assertThat(trajectory(spiral(100, Activation.RELU, 0))).containsExactly(GOLDEN[0]);
        assertThat(trajectory(spiral(100, Activation.RELU, 0.2))).containsExactly(GOLDEN[1]);
        assertThat(trajectory(spiral(30, Activation.TANH, 0.5))).containsExactly(GOLDEN[2]);
    }

    @Test
    void theSoftmaxClassifierIsUnchanged() {
        assertThat(trajectory(spiral(0, Activation.RELU, 0))).containsExactly(GOLDEN[3]);
    }

    @Test
    void aTableOfThreeFeaturesIsUnchanged() {
        assertThat(trajectory(threeFeatures(12))).containsExactly(GOLDEN[4]);
        assertThat(trajectory(threeFeatures(0))).containsExactly(GOLDEN[5]);
    }

    private static final long[][] GOLDEN = {
        {4605090550254214041L, -7993605282702953244L},
        {4605079352151803835L, -6121697419927389520L},
        {4605506988949471237L, -2518392602971429843L},
        {4606987019369439687L, 1502489417796101662L},
        {4602951518737181978L, 8024564121582496703L},
        {4602624485397027540L, -3352106940014488148L},
    };
}

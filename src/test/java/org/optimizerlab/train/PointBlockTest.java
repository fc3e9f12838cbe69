package org.optimizerlab.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.init.WeightInit;

/**
 * A block of points computed at once ({@link PointBlock}) gives every double of the point-by-point pass: its kernels
 * are sequential {@code axpy}s bit for bit, and the evaluation, the predicted classes and a minibatch's loss and
 * gradient through blocks equal the point-by-point pass's for depths 0 to 2, both activations, three and six classes,
 * odd and even widths, and sets that end in a partial block.
 */
class PointBlockTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 60, 64})
    void theBlockKernelsGiveTheDoublesOfSequentialAxpys(int n) {
        SplittableRandom random = new SplittableRandom(n);
        double[][] x = new double[9][];
        for (int k = 0; k < x.length; k++) {
            x[k] = vector(random, n);
        }
        double[] a = vector(random, x.length);
        double[] fused = vector(random, n);
        double[] plain = fused.clone();
        Vectors.addEveryOther4(a, x, 1, fused, n);
        for (int k = 1; k <= 7; k += 2) {
            Vectors.axpy(a[k], x[k], plain, n);
        }
        assertThat(fused).isEqualTo(plain);

        Vectors.affine2(a[0], a[1], x[0], a[2], x[1], fused, n);
        Arrays.fill(plain, a[0]);
        Vectors.axpy(a[1], x[0], plain, n);
        Vectors.axpy(a[2], x[1], plain, n);
        assertThat(fused).isEqualTo(plain);
    }

    @Test
    void blocksGiveThePointByPointDoubles() {
        for (Activation activation : Activation.values()) {
            for (int classes : new int[] {3, 6}) {
                for (List<Integer> hidden : List.of(List.<Integer>of(), List.of(7), List.of(100), List.of(5, 4))) {
                    String what = activation + ", " + classes + " classes, hidden " + hidden;
                    checkAgainstPointByPoint(new DenseNetwork(2, hidden, activation, classes), classes, what);
                }
            }
        }
    }

    @Test
    void aTableWithMoreFeaturesGetsThePointByPointDoubles() {
        checkAgainstPointByPoint(new DenseNetwork(5, List.of(9), Activation.RELU, 3), 3, "5 features");
    }

    /** Evaluation, predictions and a shuffled batch of 150 (three blocks, the last partial) against single points. */
    private static void checkAgainstPointByPoint(DenseNetwork network, int classes, String what) {
        int dims = network.layout().get(0).rows();
        SplittableRandom random = new SplittableRandom(classes * 31L + network.parameterCount());
        double[] params = network.initialParameters(new Initialization(WeightInit.HE, 0.01), 7);
        for (int i = 0; i < params.length; i++) {
            params[i] += 0.3 * random.nextGaussian();
        }
        int n = 150;
        double[] x = vector(random, n * dims);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
        }
        LabeledPoints points = new LabeledPoints(x, labels, dims);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = (i * 37 + 11) % n;
        }
        double scale = 1.0 / n;

        DenseNetwork.Workspace ws = network.acquire();
        ws.unpack(params);
        ws.clearGradients();
        double[] pointLoss = new double[n];
        int[] pointClass = new int[n];
        double batchLoss = 0;
        for (int row : rows) {
            pointLoss[row] = ws.lossAndBackward(points, row, scale, null, 0);   // the point-by-point pass
            pointClass[row] = ws.highestScore();
            batchLoss += pointLoss[row];
        }
        double[] expectedGradient = new double[params.length];
        ws.packGradient(params, expectedGradient, 0.01);
        double sum = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            sum += pointLoss[i];
            correct += pointClass[i] == labels[i] ? 1 : 0;
        }

        ws.clearGradients();
        assertThat(ws.lossAndBackward(points, rows, n, scale, null, 0, true)).as(what).isEqualTo(batchLoss);
        assertThat(ws.correct()).as(what).isEqualTo(correct);
        assertThat(Arrays.copyOf(ws.pointLosses(n), n)).as(what).isEqualTo(pointLoss);
        double[] gradient = new double[params.length];
        ws.packGradient(params, gradient, 0.01);
        assertThat(gradient).as(what).isEqualTo(expectedGradient);
        assertThat(ws.meanLossAndAccuracy(points)).as(what).containsExactly(sum / n, (double) correct / n);
        int[] predicted = new int[n];
        ws.predictAll(points, predicted);
        assertThat(predicted).as(what).isEqualTo(pointClass);
        network.release(ws);
    }

    private static double[] vector(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            v[j] = random.nextGaussian();
        }
        return v;
    }
}

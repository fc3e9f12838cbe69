package org.optimizerlab.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.init.WeightInit;
import org.optimizerlab.problem.Batch;

/**
 * The fused loops of the network's backward pass give the doubles of the plain loops they replace: the ReLU
 * derivative without a branch is {@code Math.signum} of the output bit for bit (zero, subnormals, infinity, NaN), the
 * three-at-a-time kernels are three sequential {@code axpy}s bit for bit, and the class counts that leave a remainder
 * after the groups of three (the spiral's three classes leave none) still give the analytic gradient.
 */
class NetworkKernelsTest {

    private static final double[] OUTPUTS = {0.0, Double.MIN_VALUE, 1e-310, 1e-300, 0.25, 1, 1.5, 1e300,
            Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN};

    @Test
    void theReluDerivativeIsTheSignOfTheOutputBitForBit() {
        double[] derivative = new double[OUTPUTS.length];
        Activation.RELU.derivativeFromOutput(OUTPUTS, derivative, OUTPUTS.length);
        double[] g = new double[OUTPUTS.length];
        Arrays.fill(g, -0.75);
        Activation.RELU.multiplyByDerivative(OUTPUTS, g, OUTPUTS.length);
        for (int j = 0; j < OUTPUTS.length; j++) {
            assertThat(Double.doubleToRawLongBits(derivative[j])).as("relu'(%s)", OUTPUTS[j])
                    .isEqualTo(Double.doubleToRawLongBits(Math.signum(OUTPUTS[j])));
            assertThat(Double.doubleToRawLongBits(g[j])).as("-0.75 * relu'(%s)", OUTPUTS[j])
                    .isEqualTo(Double.doubleToRawLongBits(-0.75 * Math.signum(OUTPUTS[j])));
        }
    }

    @Test
    void theTanhDerivativeIsOneMinusTheSquaredOutput() {
        double[] out = {-0.9, -0.1, 0, 0.3, 0.99};
        double[] g = {2, -1, 0.5, 3, -4};
        double[] derivative = new double[out.length];
        Activation.TANH.derivativeFromOutput(out, derivative, out.length);
        double[] product = g.clone();
        Activation.TANH.multiplyByDerivative(out, product, out.length);
        for (int j = 0; j < out.length; j++) {
            assertThat(derivative[j]).isEqualTo(1 - out[j] * out[j]);
            assertThat(product[j]).isEqualTo(g[j] * (1 - out[j] * out[j]));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 8, 100, 101})
    void theThreeAtATimeKernelsGiveTheDoublesOfSequentialAxpys(int n) {
        SplittableRandom random = new SplittableRandom(n);
        double[][] x = {vector(random, n), vector(random, n), vector(random, n)};
        double[] a = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
        double[][] fused = {vector(random, n), vector(random, n), vector(random, n)};
        double[][] plain = {fused[0].clone(), fused[1].clone(), fused[2].clone()};

        Vectors.axpy3(a[0], a[1], a[2], x[0], fused[0], fused[1], fused[2], n);
        for (int k = 0; k < 3; k++) {
            Vectors.axpy(a[k], x[0], plain[k], n);
        }
        assertThat(fused).isDeepEqualTo(plain);

        Vectors.axpy2(a[0], a[1], x[1], fused[0], fused[1], n);
        Vectors.axpy(a[0], x[1], plain[0], n);
        Vectors.axpy(a[1], x[1], plain[1], n);
        assertThat(fused).isDeepEqualTo(plain);

        Vectors.combine3(a[0], x[0], a[1], x[1], a[2], x[2], fused[2], n);
        for (int j = 0; j < n; j++) {
            plain[2][j] = a[0] * x[0][j];
        }
        Vectors.axpy(a[1], x[1], plain[2], n);
        Vectors.axpy(a[2], x[2], plain[2], n);
        assertThat(fused).isDeepEqualTo(plain);

        Vectors.addCombination3(a[0], x[0], a[1], x[1], a[2], x[2], fused[1], n);
        for (int k = 0; k < 3; k++) {
            Vectors.axpy(a[k], x[k], plain[1], n);
        }
        assertThat(fused).isDeepEqualTo(plain);
    }

    /**
     * Class counts below, at and past the groups of three (1 + 1, 3 + 1, 3 + 2, 3 + 3 + 1), one and two hidden
     * layers: the analytic gradient against centred differences within {@code 1e-5} relative, as in
     * {@link DeepNetworkTest} (a class dropped from the output layer's weight gradient or from the hidden layer's
     * gradient gives errors of order 1).
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyClassCountGetsTheAnalyticGradient(Activation activation) {
        for (int classes : new int[] {2, 4, 5, 7}) {
            for (List<Integer> hidden : List.of(List.of(6), List.of(5, 4))) {
                SpiralClassifier problem = new SpiralClassifier(new SpiralConfig(classes, 12, hidden,
                        activation, 0.05, 0, new Initialization(WeightInit.HE, 0.01), 0), 4);
                double[] x = problem.defaultStart();
                SplittableRandom random = new SplittableRandom(classes);
                for (int i = 0; i < x.length; i++) {
                    x[i] += 0.5 * random.nextGaussian();
                }
                assertThat(GradientCheck.maxRelativeError(problem, x, new Batch(1, 0, new int[] {0, 3, 9, 20, 21}),
                        1e-7)).as("%d classes, hidden %s", classes, hidden).isLessThan(1e-5);
            }
        }
    }

    private static double[] vector(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            v[j] = random.nextGaussian();
        }
        return v;
    }
}

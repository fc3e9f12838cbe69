package org.optimizerlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GradientEstimateTest {

    private final LinearRegression problem = new LinearRegression(new LinearRegression.Config(400, 2, 1.0), 5);

    private GradientEstimate estimate(int[] ks, int repeats, long seed) {
        return new GradientEstimate(problem, new double[] {0.5, -0.5}, 5, ks, repeats, seed);
    }

    @Test
    void errorOfTheMeanOfKMinibatchGradientsShrinksLikeOneOverSqrtK() {
        int[] ks = {1, 4, 16, 64, 256};
        GradientEstimate.Result result = estimate(ks, 200, 1).compute();
        double[] error = result.meanError();
        for (int i = 1; i < ks.length; i++) {
            // each K is 4x the previous: the error should halve (within the noise of 200 repetitions)
            assertThat(error[i - 1] / error[i]).isBetween(1.6, 2.5);
        }
        // no plateau: a biased estimate would stop improving at its bias; this one keeps closing in (1/16 at K = 256)
        assertThat(error[ks.length - 1]).isLessThan(error[0] / 12);
        assertThat(result.fullGradientNorm()).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameNumbersAndTheKsDoNotChangeEachOther() {
        GradientEstimate.Result a = estimate(new int[] {1, 8, 32}, 20, 9).compute();
        GradientEstimate.Result b = estimate(new int[] {1, 8, 32}, 20, 9).compute();
        GradientEstimate.Result fewer = estimate(new int[] {8}, 20, 9).compute();
        GradientEstimate.Result other = estimate(new int[] {1, 8, 32}, 20, 10).compute();
        assertThat(b.meanError()).containsExactly(a.meanError());
        assertThat(fewer.meanError()[0]).isEqualTo(a.meanError()[1]);
        assertThat(other.meanError()[0]).isNotEqualTo(a.meanError()[0]);
    }

    @Test
    void aFullBatchHasNoError() {
        GradientEstimate full = new GradientEstimate(problem, new double[] {1, 2}, 400, new int[] {1, 2}, 3, 0);
        for (double error : full.compute().meanError()) {
            assertThat(error).isLessThan(1e-12);
        }
    }

    @Test
    void requestsAreBounded() {
        assertThatThrownBy(() -> estimate(new int[] {4, 4}, 10, 0))
                .hasMessage("ks[1]: must be an integer in 5..1000, got 4");
        assertThatThrownBy(() -> estimate(new int[] {1, 1001}, 10, 0))
                .hasMessage("ks[1]: must be an integer in 2..1000, got 1001");
        assertThatThrownBy(() -> estimate(new int[] {1}, 0, 0))
                .hasMessage("repeats: must be an integer in 1..500, got 0");
        assertThatThrownBy(() -> new GradientEstimate(problem, new double[] {0, 0}, 400, new int[] {1000}, 500, 0))
                .hasMessage("repeats: repeats * max(ks) * batch_size must be at most 1000000, got 500 * 1000 * 400 = 200000000");
        LinearRegression wide = new LinearRegression(new LinearRegression.Config(100, 200, 0), 0);
        assertThatThrownBy(() -> new GradientEstimate(wide, new double[200], 100, new int[] {1000}, 10, 0))
                .hasMessage("repeats: repeats * max(ks) * batch_size * dimension must be at most 10000000, got "
                        + "10 * 1000 * 100 * 200 = 200000000");
        assertThatThrownBy(() -> new GradientEstimate(problem, new double[] {0}, 5, new int[] {1}, 1, 0))
                .hasMessage("at: must have 2 numbers, got 1");
        assertThatThrownBy(() -> new GradientEstimate(problem, new double[] {0, 0}, 401, new int[] {1}, 1, 0))
                .hasMessage("batch_size: must be an integer in 1..400, got 401");
        LinearRegression big = new LinearRegression(new LinearRegression.Config(20_000, 1, 0), 0);
        assertThatThrownBy(() -> new GradientEstimate(big, new double[] {0}, 5, new int[] {1}, 1, 0))
                .hasMessage("problem: a gradient estimate runs on at most 10000 samples, got 20000");
    }
}

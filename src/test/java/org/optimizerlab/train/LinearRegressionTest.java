package org.optimizerlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.optim.Sgd;
import org.optimizerlab.optim.schedule.Constant;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.problem.Interval;
import org.optimizerlab.problem.Landscape;
import org.optimizerlab.validation.FieldException;

class LinearRegressionTest {

    private final LinearRegression problem = new LinearRegression(new LinearRegression.Config(50, 4, 0.3), 11);

    @Test
    void gradientMatchesCentredFiniteDifferencesOnMinibatchesAndTheFullBatch() {
        double[] w = new SplittableRandom(3).doubles(4, -2, 2).toArray();
        GradientCheck.assertGradientMatches(problem, w, new Batch(0, 0, new int[] {7, 3, 41, 3, 19}));
        GradientCheck.assertGradientMatches(problem, w, new Batch(0, 0, null));
    }

    @Test
    void batchLossIsTheMeanSquaredErrorOfItsRows() {
        double[] w = {0.5, -1, 2, 0.25};
        double expected = 0;
        for (int i : new int[] {2, 9}) {
            double r = -problem.target(i);
            for (int j = 0; j < 4; j++) {
                r += problem.feature(i, j) * w[j];
            }
            expected += r * r / 2;
        }
        assertThat(problem.gradient(w, new Batch(0, 0, new int[] {2, 9}), new double[4])).isEqualTo(expected, within(1e-12));
    }

    @Test
    void fullBatchGradientDescentConvergesToTheLeastSquaresSolution() {
        Experiment experiment = new Experiment(problem, problem.defaultStart(), 400, 11, problem.trainingSetSize(),
                List.of(new Run("gd", new Sgd(0.2), new Constant())));
        ExperimentRunner runner = new ExperimentRunner(experiment);
        while (!runner.finished()) {
            runner.advance();
        }
        double[] w = runner.params(0);
        double[] leastSquares = solveNormalEquations(problem);
        for (int j = 0; j < w.length; j++) {
            assertThat(w[j]).isCloseTo(leastSquares[j], within(1e-9));
        }
        // with little noise the fit is near the weights the data came from
        double[] truth = problem.trueWeights();
        for (int j = 0; j < w.length; j++) {
            assertThat(w[j]).isCloseTo(truth[j], within(0.3));
        }
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOther() {
        LinearRegression same = new LinearRegression(new LinearRegression.Config(50, 4, 0.3), 11);
        LinearRegression other = new LinearRegression(new LinearRegression.Config(50, 4, 0.3), 12);
        assertThat(same.feature(17, 2)).isEqualTo(problem.feature(17, 2));
        assertThat(same.target(49)).isEqualTo(problem.target(49));
        assertThat(other.target(49)).isNotEqualTo(problem.target(49));
    }

    @Test
    void invalidConfigurationsNameTheField() {
        assertThatThrownBy(() -> new LinearRegression.Config(0, 2, 0.1))
                .isInstanceOf(FieldException.class).hasMessage("n: must be an integer in 1..100000, got 0");
        assertThatThrownBy(() -> new LinearRegression.Config(10_000, 1_000, 0.1))
                .hasMessage("n: n * d must be at most 1000000, got 10000 * 1000");
        assertThatThrownBy(() -> new LinearRegression.Config(10, 2, -1))
                .hasMessage("noise: must be in [0, 1000], got -1");
    }

    /** Solves {@code X^T X w = X^T y} by Gaussian elimination with partial pivoting. */
    static double[] solveNormalEquations(LinearRegression p) {
        int n = p.trainingSetSize();
        int d = p.dimension();
        double[][] a = new double[d][d + 1];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < d; c++) {
                    a[r][c] += p.feature(i, r) * p.feature(i, c);
                }
                a[r][d] += p.feature(i, r) * p.target(i);
            }
        }
        for (int col = 0; col < d; col++) {
            int pivot = col;
            for (int r = col + 1; r < d; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int r = 0; r < d; r++) {
                if (r != col) {
                    double factor = a[r][col] / a[col][col];
                    for (int c = col; c <= d; c++) {
                        a[r][c] -= factor * a[col][c];
                    }
                }
            }
        }
        double[] w = new double[d];
        for (int r = 0; r < d; r++) {
            w[r] = a[r][d] / a[r][r];
        }
        return w;
    }

    @Test
    void withTwoWeightsTheMapIsTheFullTrainingLossWithTheLeastSquaresFitMarkedAndTheOriginInside() {
        LinearRegression two = new LinearRegression(new LinearRegression.Config(300, 2, 0.5), 5);
        Landscape map = two.landscape().orElseThrow();
        SplittableRandom random = new SplittableRandom(8);
        for (int k = 0; k < 20; k++) {
            double x = random.nextDouble(-4, 4);
            double y = random.nextDouble(-4, 4);
            double loss = two.loss(new double[] {x, y});
            assertThat(map.value(x, y)).isCloseTo(loss, within(1e-12 * Math.max(1, loss)));
        }
        double[] fit = map.minima().get(0);
        double[] leastSquares = solveNormalEquations(two);
        assertThat(fit[0]).isCloseTo(leastSquares[0], within(1e-12));
        assertThat(fit[1]).isCloseTo(leastSquares[1], within(1e-12));
        Interval xs = map.bounds().get(0);
        Interval ys = map.bounds().get(1);
        for (double[] inside : List.of(fit, new double[2])) {
            assertThat(inside[0]).isBetween(xs.low(), xs.high());
            assertThat(inside[1]).isBetween(ys.low(), ys.high());
        }
        assertThat(map.axes()).containsExactly("x[0]", "x[1]");
        assertThat(problem.landscape()).as("four weights: no plane to draw").isEmpty();
    }

    private static org.assertj.core.data.Offset<Double> within(double offset) {
        return org.assertj.core.data.Offset.offset(offset);
    }
}

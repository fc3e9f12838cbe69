package org.optimizerlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optimizerlab.analysis.MomentumRate.Method;
import org.optimizerlab.analysis.MomentumRate.Region;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.lesson.ClaimVerifier;
import org.optimizerlab.lesson.RateClaim;
import org.optimizerlab.lesson.SeriesPoint;
import org.optimizerlab.optim.Momentum;
import org.optimizerlab.optim.Nesterov;
import org.optimizerlab.optim.Optimizer;
import org.optimizerlab.optim.OptimizerConfig;
import org.optimizerlab.validation.FieldException;

/**
 * The rate map's closed form against other routes to the same numbers: the spectral radius by Gelfand's formula
 * (repeated squaring, no eigenvalues), the 2×2 matrix against the engine's own optimizer steps, and the rate against
 * the distance to the minimum of real runs.
 */
class MomentumRateTest {

    /** {@code lim ||M^n||^(1/n)} with {@code n = 2^60}, by squaring a normalised matrix: no eigenvalue formula. */
    static double gelfand(double[] m) {
        double[] n = m.clone();
        double log = 0;
        for (int k = 0; k < 60; k++) {
            double norm = frobenius(n);
            if (norm == 0) {
                return 0;
            }
            for (int i = 0; i < 4; i++) {
                n[i] /= norm;
            }
            log += Math.log(norm) / Math.pow(2, k);
            n = new double[] {n[0] * n[0] + n[1] * n[2], n[0] * n[1] + n[1] * n[3],
                    n[2] * n[0] + n[3] * n[2], n[2] * n[1] + n[3] * n[3]};
        }
        return Math.exp(log + Math.log(frobenius(n)) / Math.pow(2, 60));
    }

    private static double frobenius(double[] m) {
        return Math.sqrt(m[0] * m[0] + m[1] * m[1] + m[2] * m[2] + m[3] * m[3]);
    }

    @Test
    void theClosedFormEqualsGelfandsFormulaEverywhere() {
        Random random = new Random(11);
        for (int trial = 0; trial < 5000; trial++) {
            Method method = trial % 2 == 0 ? Method.MOMENTUM : Method.NESTEROV;
            double lr = Math.exp(Math.log(1e-4) + random.nextDouble() * Math.log(1e4));
            double mu = random.nextDouble() * 0.99;
            double lambda = Math.exp(Math.log(0.1) + random.nextDouble() * Math.log(1e3));
            double[] m = MomentumRate.matrix(method, lr, mu, lambda);
            double closed = MomentumRate.spectralRadius(m);
            assertThat(closed).as("%s lr=%s mu=%s λ=%s", method, lr, mu, lambda)
                    .isCloseTo(gelfand(m), within(1e-9 * Math.max(1, closed)));
        }
    }

    @Test
    void theMatrixIsTheEnginesOwnUpdate() {
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            double lr = 0.001 + random.nextDouble() * 0.5;
            double mu = random.nextDouble() * 0.99;
            double lambda = 0.5 + random.nextDouble() * 30;
            for (OptimizerConfig config : List.of(new Momentum(lr, mu), new Nesterov(lr, mu))) {
                Method method = Method.of(config.type(), "type");
                double[] m = MomentumRate.matrix(method, lr, mu, lambda);
                Optimizer state = config.newState(1);
                double[] x = {1.7};
                double[] expected = {1.7, 0};
                for (int step = 0; step < 3; step++) {
                    state.step(x, new double[] {lambda * x[0]}, lr);
                    expected = new double[] {m[0] * expected[0] + m[1] * expected[1],
                            m[2] * expected[0] + m[3] * expected[1]};
                    assertThat(x[0]).as("%s x after %d steps", config.type(), step + 1)
                            .isCloseTo(expected[0], within(1e-12 * Math.max(1, Math.abs(expected[0]))));
                    assertThat(state.state().get("v")[0])
                            .isCloseTo(expected[1], within(1e-12 * Math.max(1, Math.abs(expected[1]))));
                }
            }
        }
    }

    /** Runs that converge without swinging through the minimum, where the distance falls by exactly the rate. */
    @ParameterizedTest
    @CsvSource({"momentum, 0.02, 0.5", "momentum, 0.02, 0.7", "momentum, 0.05, 0.3", "nesterov, 0.02, 0.5",
            "nesterov, 0.02, 0.7", "sgd, 0.02, 0", "sgd, 0.09, 0"})
    void theMeasuredRateOfARunIsTheMapsRate(String type, double lr, double mu) {
        String optimizer = type.equals("sgd") ? "{\"type\": \"sgd\", \"lr\": " + lr + "}"
                : "{\"type\": \"" + type + "\", \"lr\": " + lr + ", \"mu\": " + mu + "}";
        String spec = "{\"problem\": {\"type\": \"quadratic\", \"a\": 1, \"b\": 20}, \"start\": [-2.5, 1.5],"
                + " \"steps\": 300, \"runs\": [{\"id\": \"r\", \"optimizer\": " + optimizer + "}]}";
        Map<String, List<SeriesPoint>> series = ClaimVerifier.series(new SpecReader(Limits.DEFAULT).read(spec), 1000);
        double measured = RateClaim.measuredRate(series.get("r"), 100, 300);
        double predicted = MomentumRate.of(Method.of(type, "type"), lr, mu, 1, 20).rate();
        assertThat(measured).isCloseTo(predicted, within(1e-4));
    }

    @Test
    void theOptimumIsTheBestPairAndEveryNeighbourIsSlower() {
        for (double[] ab : new double[][] {{1, 20}, {1, 100}, {4, 9}, {50, 2}}) {
            MomentumRate.Optimum best = MomentumRate.optimum(ab[0], ab[1]);
            double kappa = Math.max(ab[0], ab[1]) / Math.min(ab[0], ab[1]);
            double rate = MomentumRate.of(Method.MOMENTUM, best.lr(), best.mu(), ab[0], ab[1]).rate();
            assertThat(rate).isCloseTo((Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1), within(1e-6));
            assertThat(best.rate()).isCloseTo(rate, within(1e-6));
            for (double[] step : new double[][] {{1.01, 1}, {0.99, 1}, {1, 1.01}, {1, 0.99}}) {
                assertThat(MomentumRate.of(Method.MOMENTUM, best.lr() * step[0], best.mu() * step[1], ab[0], ab[1])
                        .rate()).isGreaterThan(rate);
            }
            RateMap map = RateMap.of(new RateMap.Request(Method.MOMENTUM, ab[0], ab[1], 1e-4, 1, 0, 0.99));
            int[] cell = map.best();
            assertThat(map.rates()[cell[1]][cell[0]]).isGreaterThanOrEqualTo(rate - 1e-9);
        }
    }

    /**
     * Nesterov's closed-form optimum against a numeric minimisation of the exact rate: for each mu the best lr by
     * golden-section search (the rate is unimodal in lr), then the best mu of that by golden section again, both to
     * 1e-13; the pair found equals the formula within 1e-6 (relative), and no curvature between b and a is slower
     * than the two ends there.
     */
    @ParameterizedTest
    @CsvSource({"1, 20", "1, 100", "3, 3.5", "50, 2", "0.5, 10000"})
    void nesterovsOptimumIsTheNumericMinimumOfTheExactRate(double a, double b) {
        MomentumRate.Optimum formula = MomentumRate.nesterovOptimum(a, b);
        double largest = Math.max(a, b);
        java.util.function.DoubleUnaryOperator bestLrAt = mu -> goldenSection(
                lr -> MomentumRate.of(Method.NESTEROV, lr, mu, a, b).rate(), 1e-12, 4 / largest);
        double mu = goldenSection(m -> MomentumRate.of(Method.NESTEROV, bestLrAt.applyAsDouble(m), m, a, b).rate(),
                0, 0.999999);
        double lr = bestLrAt.applyAsDouble(mu);
        assertThat(lr).isCloseTo(formula.lr(), within(1e-6 * formula.lr()));
        assertThat(mu).isCloseTo(formula.mu(), within(1e-6));
        double rate = MomentumRate.of(Method.NESTEROV, lr, mu, a, b).rate();
        assertThat(formula.rate()).isCloseTo(rate, within(1e-6));
        double kappa = largest / Math.min(a, b);
        assertThat(formula.rate()).isCloseTo(1 - 2 / Math.sqrt(3 * kappa + 1), within(1e-12));
        assertThat(formula.rate()).as("Nesterov's best is slower than heavy ball's best")
                .isGreaterThan(MomentumRate.optimum(a, b).rate() - 1e-12);
        for (int k = 0; k <= 1000; k++) {
            double lambda = Math.min(a, b) + (largest - Math.min(a, b)) * k / 1000;
            assertThat(MomentumRate.of(Method.NESTEROV, formula.lr(), formula.mu(), lambda, lambda).rate())
                    .as("curvature %s", lambda).isLessThanOrEqualTo(formula.rate() + 1e-6);
        }
        assertThat(MomentumRate.optimum(Method.NESTEROV, a, b)).isEqualTo(formula);
        assertThat(MomentumRate.optimum(Method.MOMENTUM, a, b)).isEqualTo(MomentumRate.optimum(a, b));
    }

    /** The minimum of a unimodal {@code f} on {@code [low, high]} by golden-section search, to 1e-13. */
    private static double goldenSection(java.util.function.DoubleUnaryOperator f, double low, double high) {
        double g = (Math.sqrt(5) - 1) / 2;
        double c = high - g * (high - low);
        double d = low + g * (high - low);
        double fc = f.applyAsDouble(c);
        double fd = f.applyAsDouble(d);
        while (high - low > 1e-13) {
            if (fc < fd) {
                high = d;
                d = c;
                fd = fc;
                c = high - g * (high - low);
                fc = f.applyAsDouble(c);
            } else {
                low = c;
                c = d;
                fc = fd;
                d = low + g * (high - low);
                fd = f.applyAsDouble(d);
            }
        }
        return (low + high) / 2;
    }

    @Test
    void regionsAreNamedByTheDominantEigenvalue() {
        assertThat(MomentumRate.of(Method.MOMENTUM, 0.02, 0.5, 1, 20).region()).isEqualTo(Region.TOO_SLOW);
        assertThat(MomentumRate.of(Method.MOMENTUM, 0.02, 0.9, 1, 20).region()).isEqualTo(Region.OSCILLATING);
        assertThat(MomentumRate.of(Method.MOMENTUM, 0.25, 0.9, 1, 20).region()).isEqualTo(Region.DIVERGING);
        // Nesterov's largest stable lr at mu = 0.9 on b = 20 is 2 (1 + mu) / ((1 + 2 mu) b) ≈ 0.068 (lesson 3)
        assertThat(MomentumRate.of(Method.NESTEROV, 0.067, 0.9, 1, 20).rate()).isLessThan(1);
        assertThat(MomentumRate.of(Method.NESTEROV, 0.069, 0.9, 1, 20).region()).isEqualTo(Region.DIVERGING);
        // SGD with lr above 1/b swings across the steep direction, but the slow direction still decides
        assertThat(MomentumRate.of(Method.MOMENTUM, 0.09, 0, 1, 20).region()).isEqualTo(Region.TOO_SLOW);
        assertThat(MomentumRate.of(Method.MOMENTUM, 0.099, 0, 1, 1.1).region()).isEqualTo(Region.TOO_SLOW);
        assertThat(MomentumRate.of(Method.MOMENTUM, 1.5, 0, 1, 1.1).region()).isEqualTo(Region.OSCILLATING);
    }

    @Test
    void criticalDampingIsWhereTheSlowDirectionStartsToOscillate() {
        double critical = MomentumRate.criticalMu(0.02, 1);
        assertThat(critical).isCloseTo(0.7372, within(1e-4));
        assertThat(MomentumRate.of(Method.MOMENTUM, 0.02, critical - 1e-6, 1, 20).region()).isEqualTo(Region.TOO_SLOW);
        assertThat(MomentumRate.of(Method.MOMENTUM, 0.02, critical + 1e-6, 1, 20).region())
                .isEqualTo(Region.OSCILLATING);
        assertThat(MomentumRate.of(Method.MOMENTUM, 0.02, critical, 1, 20).rate())
                .isCloseTo(1 - Math.sqrt(0.02), within(1e-6));
        double[] around = {critical - 0.05, critical + 0.05};
        for (double mu : around) {
            assertThat(MomentumRate.of(Method.MOMENTUM, 0.02, mu, 1, 20).rate()).as("mu = %s", mu)
                    .isGreaterThan(MomentumRate.of(Method.MOMENTUM, 0.02, critical, 1, 20).rate());
        }
    }

    @Test
    void badRequestsNameTheirField() {
        assertThatThrownBy(() -> new RateMap.Request(Method.MOMENTUM, 0, 20, 1e-4, 1, 0, 0.99))
                .isInstanceOf(FieldException.class).hasMessage("a: must be in (0, 1000000], got 0");
        assertThatThrownBy(() -> new RateMap.Request(Method.MOMENTUM, 1, 20, 1e-4, 1e-4, 0, 0.99))
                .isInstanceOf(FieldException.class).hasMessage("lr_max: must be > lr_min (1.0E-4), got 1.0E-4");
        assertThatThrownBy(() -> new RateMap.Request(Method.MOMENTUM, 1, 20, 1e-4, 1, 0, 1))
                .isInstanceOf(FieldException.class).hasMessage("mu_max: must be in [0, 1), got 1");
        assertThatThrownBy(() -> Method.of("adam", "optimizer")).isInstanceOf(FieldException.class)
                .hasMessageStartingWith("optimizer: the rate map covers momentum and nesterov");
    }
}

package org.optimizerlab.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.problem.Interval;
import org.optimizerlab.problem.Landscape;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * Least squares on a generated training set: the notes' "randomly generated training set" for minibatch SGD.
 *
 * <p>From the seed: {@code n} feature rows {@code x_i} of {@code d} standard normal numbers, true weights
 * {@code w_true} (standard normal), and targets {@code y_i = x_i · w_true + noise * N(0, 1)}. The parameters are the
 * {@code d} weights {@code w} (no intercept: the features are centred). The loss of a batch {@code B} is the mean
 * squared error ({@link LeastSquares}) {@code L_B(w) = (1/|B|) Σ_{i∈B} (x_i · w - y_i)²}, its exact gradient
 * {@code (2/|B|) Σ_{i∈B} (x_i · w - y_i) x_i}. Because every sample is equally likely to be in a random minibatch,
 * the minibatch gradient is an unbiased estimate of the full gradient ({@link GradientEstimate} shows it).
 * The runs start at {@code w = 0}.
 */
public final class LinearRegression implements TrainingProblem {

    private final Config config;
    private final double[] features;   // n rows of d, row-major
    private final double[] targets;
    private final double[] trueWeights;
    private final LeastSquares model;

    /**
     * The spec fields of {@code linear-regression}.
     *
     * @param n     training samples, {@code 1..}{@value #MAX_N}; default {@value #DEFAULT_N}
     * @param d     features (and weights), {@code 1..}{@value #MAX_D}; default {@value #DEFAULT_D};
     *              {@code n * d} at most {@value #MAX_VALUES}
     * @param noise the standard deviation of the Gaussian noise on the targets, {@code 0..}{@value #MAX_NOISE};
     *              default {@value #DEFAULT_NOISE}
     */
    public record Config(int n, int d, double noise) {
        /** Default training-set size. */
        public static final int DEFAULT_N = 200;
        /** Default number of features: two, so the trajectory can be drawn in the plane of the weights. */
        public static final int DEFAULT_D = 2;
        /** Default noise standard deviation. */
        public static final double DEFAULT_NOISE = 0.5;
        /** The most samples. */
        public static final int MAX_N = 100_000;
        /** The most features. */
        public static final int MAX_D = 1_000;
        /** The most numbers in the feature matrix. */
        public static final int MAX_VALUES = 1_000_000;
        /** The largest noise. */
        public static final double MAX_NOISE = 1_000;

        public Config {
            Check.intInRange("n", n, 1, MAX_N);
            Check.intInRange("d", d, 1, MAX_D);
            if ((long) n * d > MAX_VALUES) {
                throw new FieldException("n", "n * d must be at most " + MAX_VALUES + ", got " + n + " * " + d);
            }
            Check.inClosed("noise", noise, 0, MAX_NOISE);
        }
    }

    /** Generates the training set of {@code config} from {@code seed}. */
    public LinearRegression(Config config, long seed) {
        this.config = config;
        int n = config.n();
        int d = config.d();
        SplittableRandom random = RandomStream.DATA.of(seed);
        trueWeights = new double[d];
        for (int j = 0; j < d; j++) {
            trueWeights[j] = random.nextGaussian();
        }
        features = new double[n * d];
        targets = new double[n];
        for (int i = 0; i < n; i++) {
            double y = 0;
            for (int j = 0; j < d; j++) {
                double value = random.nextGaussian();
                features[i * d + j] = value;
                y += value * trueWeights[j];
            }
            targets[i] = y + config.noise() * random.nextGaussian();
        }
        model = new LeastSquares(features, targets, d);
    }

    /** The spec fields this problem was made from. */
    public Config config() {
        return config;
    }

    /** Feature {@code j} of sample {@code i}. */
    public double feature(int i, int j) {
        return features[i * config.d() + j];
    }

    /** The target of sample {@code i}. */
    public double target(int i) {
        return targets[i];
    }

    /** The weights the data was generated with (a copy); the least-squares fit is near them when the noise is small. */
    public double[] trueWeights() {
        return trueWeights.clone();
    }

    @Override
    public String type() {
        return "linear-regression";
    }

    @Override
    public int dimension() {
        return config.d();
    }

    @Override
    public int trainingSetSize() {
        return config.n();
    }

    @Override
    public double[] defaultStart() {
        return new double[config.d()];
    }

    @Override
    public double loss(double[] w) {
        return model.meanSquaredError(w, null, null);
    }

    @Override
    public double gradient(double[] w, Batch batch, double[] dx) {
        return model.meanSquaredError(w, batch.indices(), dx);
    }

    /**
     * With two weights, the full training loss over the plane of the weights. The loss is a quadratic,
     * {@code L(w) = w·A w - 2 b·w + c} with {@code A = XᵀX/n}, {@code b = Xᵀy/n}, {@code c = y·y/n}, so a map point
     * costs O(1) whatever {@code n}; its minimum, the least-squares fit {@code A⁻¹ b}, is marked. The window is a
     * square around that fit wide enough to hold the origin, where runs start by default.
     */
    @Override
    public Optional<Landscape> landscape() {
        if (config.d() != 2) {
            return Optional.empty();
        }
        double a00 = 0;
        double a01 = 0;
        double a11 = 0;
        double b0 = 0;
        double b1 = 0;
        double c = 0;
        for (int i = 0; i < config.n(); i++) {
            double x0 = features[2 * i];
            double x1 = features[2 * i + 1];
            double y = targets[i];
            a00 += x0 * x0;
            a01 += x0 * x1;
            a11 += x1 * x1;
            b0 += x0 * y;
            b1 += x1 * y;
            c += y * y;
        }
        int n = config.n();
        return Optional.of(new QuadraticLandscape(a00 / n, a01 / n, a11 / n, b0 / n, b1 / n, c / n));
    }

    /** {@code L(w) = w·A w - 2 b·w + c} for a symmetric 2×2 {@code A}: the training loss of two weights. */
    private record QuadraticLandscape(double a00, double a01, double a11, double b0, double b1, double c)
            implements Landscape {

        @Override
        public double value(double x, double y) {
            return a00 * x * x + 2 * a01 * x * y + a11 * y * y - 2 * (b0 * x + b1 * y) + c;
        }

        /** The least-squares fit {@code A⁻¹ b}; none when {@code A} is singular (fewer than two independent rows). */
        @Override
        public List<double[]> minima() {
            double det = a00 * a11 - a01 * a01;
            if (!(Math.abs(det) > 1e-12 * Math.max(a00 * a11, Double.MIN_NORMAL))) {
                return List.of();
            }
            return List.of(new double[] {(a11 * b0 - a01 * b1) / det, (a00 * b1 - a01 * b0) / det});
        }

        @Override
        public List<Interval> bounds() {
            double[] centre = minima().isEmpty() ? new double[2] : minima().get(0);
            double half = 1.25 * Math.max(0.5, Math.max(Math.abs(centre[0]), Math.abs(centre[1])));
            return List.of(new Interval(centre[0] - half, centre[0] + half),
                    new Interval(centre[1] - half, centre[1] + half));
        }

        @Override
        public List<String> axes() {
            return List.of("x[0]", "x[1]");
        }
    }

    @Override
    public List<ParameterBlock> layout() {
        return List.of(new ParameterBlock("w", 0, 1, config.d(), true));
    }

    @Override
    public Evaluation evaluate(double[] w) {
        return Evaluation.lossOnly(loss(w));
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("n", config.n());
        map.put("d", config.d());
        map.put("noise", config.noise());
        return map;
    }
}

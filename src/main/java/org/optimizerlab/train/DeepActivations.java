package org.optimizerlab.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.optimizerlab.init.WeightInit;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * The initialization lesson's experiment (CS231n, "weight initialization"): one forward pass of a random batch
 * through a deep fully connected network without biases, {@code H_l = act(H_{l-1} W_l)}, reporting each layer's
 * activation mean, standard deviation and histogram. With {@code small} weights the signal dies out layer by layer;
 * {@code xavier} keeps tanh layers alive; {@code he} keeps ReLU layers at the same scale.
 *
 * <p>The input is {@code samples x width} standard normal numbers, the weights of layer {@code l} come from the
 * weight rule with {@code n_in = width}; both from the seed. The histograms share one range (the smallest to the
 * largest activation of all layers) so layers can be compared by eye. Bounded: {@code samples * width² * layers}
 * multiply-adds at most {@value Config#MAX_WORK}.
 *
 * <p>It is not a {@link org.optimizerlab.problem.Problem}: nothing is optimized, so it has no runs or steps. A spec
 * whose {@code problem} is {@code deep-activations} is a spec of its own kind ({@code SpecKind.ACTIVATIONS}).
 *
 * @param config the network and the batch
 * @param seed   the seed of the input batch and the weights
 */
public record DeepActivations(DeepActivations.Config config, long seed) {

    public DeepActivations {
        Check.present("problem", config);
    }

    /**
     * The spec fields of {@code deep-activations}.
     *
     * @param layers     hidden layers, {@code 1..}{@value #MAX_LAYERS}; default {@value #DEFAULT_LAYERS}
     * @param width      units per layer (and input features), {@code 1..}{@value #MAX_WIDTH}; default {@value #DEFAULT_WIDTH}
     * @param activation the nonlinearity; default tanh
     * @param init       the weight rule; default xavier
     * @param samples    rows of the random input batch, {@code 1..}{@value #MAX_SAMPLES}; default {@value #DEFAULT_SAMPLES}
     * @param bins       histogram bins, {@code 2..}{@value #MAX_BINS}; default {@value #DEFAULT_BINS}
     */
    public record Config(int layers, int width, Activation activation, WeightInit init, int samples, int bins) {
        /** The lecture's ten layers. */
        public static final int DEFAULT_LAYERS = 10;
        /** The lecture's 500 units per layer. */
        public static final int DEFAULT_WIDTH = 500;
        /** The lecture starts with tanh. */
        public static final Activation DEFAULT_ACTIVATION = Activation.TANH;
        /** The weight rule that suits tanh. */
        public static final WeightInit DEFAULT_INIT = WeightInit.XAVIER;
        /** Input rows: 100,000 activations per layer, plenty for a histogram, and fast. */
        public static final int DEFAULT_SAMPLES = 200;
        /** Histogram bins. */
        public static final int DEFAULT_BINS = 40;
        /** The most layers. */
        public static final int MAX_LAYERS = 20;
        /** The widest layer. */
        public static final int MAX_WIDTH = 1_000;
        /** The most input rows. */
        public static final int MAX_SAMPLES = 2_000;
        /** The most histogram bins. */
        public static final int MAX_BINS = 200;
        /** The bound on {@code samples * width² * layers} (about a second of work). */
        public static final long MAX_WORK = 1_000_000_000L;

        public Config {
            Check.intInRange("layers", layers, 1, MAX_LAYERS);
            Check.intInRange("width", width, 1, MAX_WIDTH);
            Check.present("activation", activation);
            Check.present("init", init);
            Check.intInRange("samples", samples, 1, MAX_SAMPLES);
            Check.intInRange("bins", bins, 2, MAX_BINS);
            long work = (long) samples * width * width * layers;
            if (work > MAX_WORK) {
                throw new FieldException("samples", "samples * width² * layers must be at most " + MAX_WORK + ", got "
                        + samples + " * " + width + "² * " + layers + " = " + work);
            }
        }

        /** The fields by spec name. */
        public Map<String, Object> parameters() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("layers", layers);
            map.put("width", width);
            map.put("activation", activation.specName());
            map.put("init", init.specName());
            map.put("samples", samples);
            map.put("bins", bins);
            return map;
        }
    }

    /**
     * One layer's activations.
     *
     * @param layer  1-based layer number
     * @param mean   the mean activation
     * @param std    the standard deviation of the activations
     * @param min    the smallest activation
     * @param max    the largest activation
     * @param counts how many activations fall in each bin of {@link Report#edges()} (the last bin includes its upper edge)
     */
    public record Layer(int layer, double mean, double std, double min, double max, long[] counts) {
    }

    /**
     * What the forward pass showed.
     *
     * @param config the experiment
     * @param edges  the {@code bins + 1} bin edges shared by every layer's histogram
     * @param layers the layers, first to last
     */
    public record Report(Config config, double[] edges, List<Layer> layers) {
    }

    /** Runs the forward pass. */
    public Report run() {
        int n = config.samples();
        int width = config.width();
        SplittableRandom input = RandomStream.ACTIVATIONS.of(seed);
        double[][] h = new double[n][width];
        for (double[] row : h) {
            for (int j = 0; j < width; j++) {
                row[j] = input.nextGaussian();
            }
        }
        List<double[][]> activations = new ArrayList<>();
        double[][] w = new double[width][width];
        for (int l = 0; l < config.layers(); l++) {
            SplittableRandom random = RandomStream.INIT.of(seed, l);
            for (double[] row : w) {
                config.init().fill(row, 0, width, width, random);
            }
            h = multiply(h, w);
            for (double[] row : h) {
                config.activation().applyInPlace(row, width);
            }
            activations.add(h);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[][] layer : activations) {
            for (double[] row : layer) {
                for (double v : row) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(hi > lo)) {                                            // all equal (zeros): a unit-wide window
            lo -= 0.5;
            hi += 0.5;
        }
        double[] edges = new double[config.bins() + 1];
        for (int b = 0; b <= config.bins(); b++) {
            edges[b] = lo + (hi - lo) * b / config.bins();
        }
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < activations.size(); l++) {
            layers.add(describe(l + 1, activations.get(l), lo, hi, config.bins()));
        }
        return new Report(config, edges, List.copyOf(layers));
    }

    /** {@code a (n x k) times b (k x m)}, one output row at a time, {@code b}'s rows in blocks that stay in cache. */
    private static double[][] multiply(double[][] a, double[][] b) {
        int k = b.length;
        int m = b[0].length;
        double[][] out = new double[a.length][m];
        int block = 64;
        for (int from = 0; from < k; from += block) {
            int to = Math.min(k, from + block);
            for (int i = 0; i < a.length; i++) {
                double[] row = a[i];
                double[] target = out[i];
                for (int p = from; p < to; p++) {
                    Vectors.axpy(row[p], b[p], target, m);
                }
            }
        }
        return out;
    }

    private static Layer describe(int number, double[][] values, double lo, double hi, int bins) {
        long count = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long[] counts = new long[bins];
        for (double[] row : values) {
            for (double v : row) {
                count++;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                int bin = (int) ((v - lo) / (hi - lo) * bins);
                counts[Math.max(0, Math.min(bins - 1, bin))]++;
            }
        }
        double mean = sum / count;
        double squares = 0;
        for (double[] row : values) {
            for (double v : row) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new Layer(number, mean, Math.sqrt(squares / count), min, max, counts);
    }
}

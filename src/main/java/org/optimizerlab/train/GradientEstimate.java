package org.optimizerlab.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * The SGD lesson's experiment: a minibatch gradient is an unbiased estimate of the full gradient, so the mean of
 * {@code K} random minibatch gradients approaches the full gradient, its error shrinking like {@code 1/sqrt(K)}.
 *
 * <p>At the point {@code at}, each of {@code repeats} repetitions draws minibatches of {@code batchSize} samples
 * (each without replacement, uniformly, independently of the others) one after another and, whenever {@code K}
 * batches have been drawn for a {@code K} in {@code ks}, measures the Euclidean distance between the mean of those
 * {@code K} gradients and the full-batch gradient. The result is that distance averaged over the repetitions, per
 * {@code K}. Everything follows from {@code seed} (repetition {@code r} draws from its own stream), and the work is
 * bounded: {@code repeats * max(ks) * batchSize <= }{@value #MAX_ROWS} sampled rows and
 * {@code repeats * max(ks) * batchSize * dimension <= }{@value #MAX_WORK}: some tens of milliseconds.
 *
 * @param problem   the training problem, at most {@value #MAX_N} samples
 * @param at        the parameter point, of the problem's dimension, finite
 * @param batchSize samples per minibatch, {@code 1..n}; default {@value #DEFAULT_BATCH_SIZE}
 * @param ks        how many minibatch gradients to average, strictly increasing, each {@code 1..}{@value #MAX_K},
 *                  at most {@value #MAX_KS} of them
 * @param repeats   repetitions averaged per {@code K}, {@code 1..}{@value #MAX_REPEATS}; default
 *                  {@value #DEFAULT_REPEATS}
 * @param seed      the seed of the minibatch draws
 */
public record GradientEstimate(TrainingProblem problem, double[] at, int batchSize, int[] ks, int repeats, long seed) {

    /** The most training samples an estimate may run over. */
    public static final int MAX_N = 10_000;
    /** The largest {@code K}. */
    public static final int MAX_K = 1_000;
    /** The most {@code K} values. */
    public static final int MAX_KS = 32;
    /** The most repetitions. */
    public static final int MAX_REPEATS = 500;
    /** The bound on the rows drawn, {@code repeats * max(ks) * batchSize}. */
    public static final long MAX_ROWS = 1_000_000;
    /** The bound on {@code repeats * max(ks) * batchSize * dimension}. */
    public static final long MAX_WORK = 10_000_000;
    /** Default minibatch size. */
    public static final int DEFAULT_BATCH_SIZE = 10;
    /** Default repetitions. */
    public static final int DEFAULT_REPEATS = 50;
    /** Default {@code K} values: powers of two up to 256. */
    public static final int[] DEFAULT_KS = {1, 2, 4, 8, 16, 32, 64, 128, 256};

    public GradientEstimate {
        Check.present("problem", problem);
        if (problem.trainingSetSize() > MAX_N) {
            throw new FieldException("problem", "a gradient estimate runs on at most " + MAX_N
                    + " samples, got " + problem.trainingSetSize());
        }
        Check.present("at", at);
        if (at.length != problem.dimension()) {
            throw new FieldException("at", "must have " + problem.dimension() + " numbers, got " + at.length);
        }
        for (int i = 0; i < at.length; i++) {
            Check.finite("at[" + i + "]", at[i]);
        }
        at = at.clone();
        Check.intInRange("batch_size", batchSize, 1, problem.trainingSetSize());
        Check.present("ks", ks);
        if (ks.length < 1 || ks.length > MAX_KS) {
            throw new FieldException("ks", "must have 1 to " + MAX_KS + " entries, got " + ks.length);
        }
        for (int i = 0; i < ks.length; i++) {
            Check.intInRange("ks[" + i + "]", ks[i], i == 0 ? 1 : ks[i - 1] + 1L, MAX_K);
        }
        ks = ks.clone();
        Check.intInRange("repeats", repeats, 1, MAX_REPEATS);
        long rows = (long) repeats * ks[ks.length - 1] * batchSize;
        if (rows > MAX_ROWS) {
            throw new FieldException("repeats", "repeats * max(ks) * batch_size must be at most " + MAX_ROWS + ", got "
                    + repeats + " * " + ks[ks.length - 1] + " * " + batchSize + " = " + rows);
        }
        long work = rows * problem.dimension();
        if (work > MAX_WORK) {
            throw new FieldException("repeats", "repeats * max(ks) * batch_size * dimension must be at most "
                    + MAX_WORK + ", got " + repeats + " * " + ks[ks.length - 1] + " * " + batchSize + " * "
                    + problem.dimension() + " = " + work);
        }
    }

    /** The point (a copy). */
    @Override
    public double[] at() {
        return at.clone();
    }

    /** The {@code K} values (a copy). */
    @Override
    public int[] ks() {
        return ks.clone();
    }

    /**
     * What the experiment measured.
     *
     * @param ks               the {@code K} values
     * @param meanError        per {@code K}: the mean over repetitions of {@code |mean of K minibatch gradients - full gradient|}
     * @param fullGradientNorm {@code |full gradient|}, for scale
     */
    public record Result(int[] ks, double[] meanError, double fullGradientNorm) {
    }

    /** Runs the experiment. */
    public Result compute() {
        int n = problem.trainingSetSize();
        int dimension = problem.dimension();
        double[] full = new double[dimension];
        problem.gradient(at, new Batch(0, 0, null), full);
        int maxK = ks[ks.length - 1];
        double[] errorSum = new double[ks.length];
        double[] sum = new double[dimension];
        double[] g = new double[dimension];
        int[] order = new int[n];
        for (int r = 0; r < repeats; r++) {
            SplittableRandom random = RandomStream.ESTIMATE.of(seed, r);
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.fill(sum, 0);
            int next = 0;
            for (int k = 1; k <= maxK; k++) {
                int[] batch = sample(order, batchSize, random);
                problem.gradient(at, new Batch((long) r * maxK + k - 1, 0, batch), g);
                for (int j = 0; j < dimension; j++) {
                    sum[j] += g[j];
                }
                if (k == ks[next]) {
                    double squared = 0;
                    for (int j = 0; j < dimension; j++) {
                        double error = sum[j] / k - full[j];
                        squared += error * error;
                    }
                    errorSum[next++] += Math.sqrt(squared);
                }
            }
        }
        double[] meanError = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            meanError[i] = errorSum[i] / repeats;
        }
        return new Result(ks.clone(), meanError, norm(full));
    }

    /** A uniform sample of {@code size} distinct rows: the first {@code size} steps of a Fisher-Yates shuffle. */
    private static int[] sample(int[] order, int size, SplittableRandom random) {
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(order.length - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return Arrays.copyOf(order, size);
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double value : v) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }
}

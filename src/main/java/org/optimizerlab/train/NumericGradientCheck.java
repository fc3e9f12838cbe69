package org.optimizerlab.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * The gradient check of CS231n's "sanity checks": the analytic gradient of a training problem's batch loss
 * against the centred difference {@code (f(x + h e_i) - f(x - h e_i)) / 2h}, coordinate by coordinate, with the
 * relative error {@code |a - n| / max(|a|, |n|)} (0 when both are 0). {@code perBlock} coordinates of each
 * parameter block are checked, drawn without replacement from the seed's {@link RandomStream#ESTIMATE} stream;
 * the batch is the first {@code batchSize} training samples and, with dropout, the masks of update 0, so the loss
 * is one deterministic function of the parameters.
 *
 * <p>In float64 with {@code h = 1e-5}, a right gradient gives relative errors around {@code 1e-7} or below;
 * {@code 1e-2} or more means a bug, except at a <b>kink</b>: where the loss has a corner within {@code h} (a ReLU
 * unit whose input is 0 for a sample, as at a data point at the origin with zero biases), the centred difference
 * averages two slopes and disagrees with any gradient. A coordinate counts as at a kink when its one-sided
 * differences {@code (f(x+h) - f(x)) / h} and {@code (f(x) - f(x-h)) / h} differ by more than 0.1 % and the
 * analytic gradient agrees with one of them (relative error below {@code 1e-3}, a one-sided difference being only
 * first-order accurate, and below a quarter of the two sides' disagreement), as a right gradient at a corner
 * does and a wrong one does not. Each block reports its largest error with and without such coordinates.
 *
 * @param problem   the training problem
 * @param at        the parameters where the gradient is checked
 * @param batchSize samples of the batch, {@code 1..n}
 * @param perBlock  coordinates checked per block (all of a smaller block), {@code 1..}{@value #MAX_PER_BLOCK}
 * @param h         the step of the centred difference, {@code (0, 1e-2]}
 * @param seed      which coordinates are drawn
 */
public record NumericGradientCheck(TrainingProblem problem, double[] at, int batchSize, int perBlock, double h,
                                   long seed) {

    /** The most coordinates checked per block. */
    public static final int MAX_PER_BLOCK = 50;
    /** CS231n's step. */
    public static final double DEFAULT_H = 1e-5;
    /** Coordinates per block unless asked. */
    public static final int DEFAULT_PER_BLOCK = 10;
    /** Samples in the batch unless asked (or n if fewer). */
    public static final int DEFAULT_BATCH_SIZE = 20;
    /** The bound on {@code 2 × coordinates × batch_size × parameters}: the work of one check. */
    public static final long MAX_WORK = 100_000_000;

    public NumericGradientCheck {
        Check.present("problem", problem);
        if (at.length != problem.dimension()) {
            throw new FieldException("at", "must have " + problem.dimension() + " numbers, got " + at.length);
        }
        for (int i = 0; i < at.length; i++) {
            Check.finite("at[" + i + "]", at[i]);
        }
        at = at.clone();
        Check.intInRange("batch_size", batchSize, 1, problem.trainingSetSize());
        Check.intInRange("per_block", perBlock, 1, MAX_PER_BLOCK);
        Check.inOpenClosed("h", h, 0, 1e-2);
        long work = 2L * perBlock * problem.layout().size() * batchSize * problem.dimension();
        if (work > MAX_WORK) {
            throw new FieldException("batch_size", "the check would cost " + work + " (2 * per_block * blocks * "
                    + "batch_size * parameters); at most " + MAX_WORK + " is allowed: use a smaller batch_size or per_block");
        }
    }

    /**
     * One checked coordinate: its index in the parameter vector, both gradients, their relative error, and whether
     * the loss has a kink there (see above).
     */
    public record Coordinate(int index, double analytic, double numeric, double relativeError, boolean kink) {
    }

    /**
     * The check of one parameter block: its coordinates, their largest and mean relative error, the number at a
     * kink, and the largest error of the others ({@code NaN} when every coordinate is at a kink).
     */
    public record Block(String name, List<Coordinate> coordinates, double maxRelativeError, double meanRelativeError,
                        int kinks, double maxRelativeErrorAwayFromKinks) {
    }

    /** Runs the check. */
    public List<Block> compute() {
        int[] rows = new int[batchSize];
        Arrays.setAll(rows, i -> i);
        Batch batch = new Batch(0, 0, rows);
        double[] analytic = new double[at.length];
        problem.gradient(at, batch, analytic);
        double[] x = at.clone();
        double[] scratch = new double[at.length];
        double here = problem.gradient(x, batch, scratch);
        SplittableRandom random = RandomStream.ESTIMATE.of(seed);
        List<Block> blocks = new ArrayList<>();
        for (ParameterBlock block : problem.layout()) {
            int count = Math.min(perBlock, block.size());
            int[] order = new int[block.size()];
            Arrays.setAll(order, i -> i);
            List<Coordinate> coordinates = new ArrayList<>();
            double max = 0;
            double sum = 0;
            double maxAway = Double.NaN;
            int kinks = 0;
            for (int k = 0; k < count; k++) {
                int pick = k + random.nextInt(block.size() - k);      // a partial shuffle: without replacement
                int swap = order[k];
                order[k] = order[pick];
                order[pick] = swap;
                int i = block.offset() + order[k];
                double original = x[i];
                x[i] = original + h;
                double plus = problem.gradient(x, batch, scratch);
                x[i] = original - h;
                double minus = problem.gradient(x, batch, scratch);
                x[i] = original;
                double numeric = (plus - minus) / (2 * h);
                double error = relativeError(analytic[i], numeric);
                double forward = (plus - here) / h;
                double backward = (here - minus) / h;
                double corner = relativeError(forward, backward);
                boolean kink = corner > 1e-3 && Math.min(relativeError(analytic[i], forward),
                        relativeError(analytic[i], backward)) < Math.min(1e-3, corner / 4);
                coordinates.add(new Coordinate(i, analytic[i], numeric, error, kink));
                max = Math.max(max, error);
                sum += error;
                if (kink) {
                    kinks++;
                } else {
                    maxAway = Double.isNaN(maxAway) ? error : Math.max(maxAway, error);
                }
            }
            blocks.add(new Block(block.name(), List.copyOf(coordinates), max, sum / count, kinks, maxAway));
        }
        return List.copyOf(blocks);
    }

    /** {@code |a - n| / max(|a|, |n|)}, 0 when both are 0. */
    public static double relativeError(double a, double n) {
        double scale = Math.max(Math.abs(a), Math.abs(n));
        return scale == 0 ? 0 : Math.abs(a - n) / scale;
    }
}

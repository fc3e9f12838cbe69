package org.optimizerlab.train;

import java.util.List;
import org.optimizerlab.problem.Interval;
import org.optimizerlab.validation.Check;

/**
 * The decision regions of a spiral classifier: the class its network predicts ({@link SpiralClassifier#predict})
 * at the centre of each cell of a {@code size × size} grid over a square window that covers every data point.
 * What TensorFlow Playground paints behind its points, computed by the engine's own forward pass.
 *
 * <p>Cell {@code (i, j)} is centred at {@code x = x.low + (i + 0.5) * (x.high - x.low) / size} and likewise
 * {@code y} from {@code j}; {@code classes[j * size + i]} is its class (row {@code j = 0} is the lowest {@code y}).
 *
 * <p>Cost: one forward pass per cell, about {@code size² × parameters} multiply-adds. {@link #sizeFor} keeps that
 * at most {@value #MAX_WORK} (the case study's network, 603 parameters, gets the full {@value #MAX_SIZE}).
 *
 * @param size    cells per side
 * @param x       the window's horizontal side
 * @param y       the window's vertical side
 * @param classes the predicted class of each cell, row by row from the lowest {@code y}
 */
public record DecisionGrid(int size, Interval x, Interval y, byte[] classes) {

    /** The most cells per side. */
    public static final int MAX_SIZE = 48;
    /** The fewest cells per side, whatever the network's size. */
    public static final int MIN_SIZE = 16;
    /** The bound on {@code size² × parameters}: the multiply-adds of one grid. */
    public static final long MAX_WORK = (long) MAX_SIZE * MAX_SIZE * 1000;
    /** The margin around the data, as a fraction of its extent on each side. */
    static final double MARGIN = 0.1;

    public DecisionGrid {
        Check.intInRange("size", size, 1, MAX_SIZE);
        Check.present("x", x);
        Check.present("y", y);
        if (classes.length != size * size) {
            throw new IllegalArgumentException(classes.length + " classes for a grid of " + size + " × " + size);
        }
    }

    /** Cells per side for a network of {@code parameters} parameters: {@code sqrt(MAX_WORK / parameters)} within bounds. */
    public static int sizeFor(int parameters) {
        int size = (int) Math.floor(Math.sqrt((double) MAX_WORK / Math.max(1, parameters)));
        return Math.max(MIN_SIZE, Math.min(MAX_SIZE, size));
    }

    /**
     * The square window over every point of {@code problem} (training and validation), with a margin of
     * {@value #MARGIN} of the larger extent on each side, centred on the data.
     */
    public static List<Interval> window(SpiralClassifier problem) {
        double[] box = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        extend(box, problem.trainingPoints());
        extend(box, problem.validationPoints());
        double half = Math.max(Math.max(box[1] - box[0], box[3] - box[2]), 1e-9) * (0.5 + MARGIN);
        double cx = (box[0] + box[1]) / 2;
        double cy = (box[2] + box[3]) / 2;
        return List.of(new Interval(cx - half, cx + half), new Interval(cy - half, cy + half));
    }

    private static void extend(double[] box, LabeledPoints points) {
        double[] xy = points.x();
        for (int i = 0; i < points.size(); i++) {
            box[0] = Math.min(box[0], xy[2 * i]);
            box[1] = Math.max(box[1], xy[2 * i]);
            box[2] = Math.min(box[2], xy[2 * i + 1]);
            box[3] = Math.max(box[3], xy[2 * i + 1]);
        }
    }

    /** The grid of the network with parameters {@code params}, {@link #sizeFor} its size, over {@link #window}. */
    public static DecisionGrid of(SpiralClassifier problem, double[] params) {
        List<Interval> window = window(problem);
        return of(problem, params, sizeFor(problem.dimension()), window.get(0), window.get(1));
    }

    /** The grid of the network with parameters {@code params}: {@code size} cells per side over {@code x × y}. */
    public static DecisionGrid of(SpiralClassifier problem, double[] params, int size, Interval x, Interval y) {
        double[] centres = new double[2 * size * size];
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < size; i++) {
                int cell = j * size + i;
                centres[2 * cell] = centre(x, size, i);
                centres[2 * cell + 1] = centre(y, size, j);
            }
        }
        int[] predicted = new int[size * size];
        problem.predict(params, centres, predicted);
        byte[] classes = new byte[predicted.length];
        for (int k = 0; k < predicted.length; k++) {
            classes[k] = (byte) predicted[k];
        }
        return new DecisionGrid(size, x, y, classes);
    }

    /** The centre of cell {@code index} of {@code size} along {@code side}. */
    public static double centre(Interval side, int size, int index) {
        return side.low() + (index + 0.5) * (side.high() - side.low()) / size;
    }

    /** The classes as one digit per cell ({@code "0012..."}; at most 10 classes), row by row: compact for the wire. */
    public String digits() {
        char[] digits = new char[classes.length];
        for (int k = 0; k < classes.length; k++) {
            digits[k] = (char) ('0' + classes[k]);
        }
        return new String(digits);
    }
}

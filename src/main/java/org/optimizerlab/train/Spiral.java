package org.optimizerlab.train;

import java.util.SplittableRandom;

/**
 * The classic spiral data set of the CS231n case study "Putting it together: minimal neural network": {@code classes}
 * arms of {@code pointsPerClass} points in the plane, not linearly separable. For class {@code j} and point
 * {@code i} of {@code N}: radius {@code r = i / (N - 1)}, angle {@code t = 4j + 4 i / (N - 1) + 0.2 * randn},
 * point {@code (r sin t, r cos t)}:
 *
 * <pre>
 * r = np.linspace(0.0, 1, N)
 * t = np.linspace(j*4, (j+1)*4, N) + np.random.randn(N)*0.2
 * X[ix] = np.c_[r*np.sin(t), r*np.cos(t)]
 * </pre>
 */
public final class Spiral {
    /** The standard deviation of the angle noise. */
    public static final double ANGLE_NOISE = 0.2;
    /** Spiral points are in the plane. */
    static final int DIMS = 2;

    private Spiral() {
    }

    /** Generates the points class by class, drawing the angle noise from {@code random}. */
    public static LabeledPoints generate(int classes, int pointsPerClass, SplittableRandom random) {
        int n = classes * pointsPerClass;
        double[] x = new double[2 * n];
        int[] labels = new int[n];
        for (int j = 0; j < classes; j++) {
            for (int i = 0; i < pointsPerClass; i++) {
                double fraction = (double) i / (pointsPerClass - 1);
                double r = fraction;
                double t = 4 * j + 4 * fraction + ANGLE_NOISE * random.nextGaussian();
                int row = j * pointsPerClass + i;
                x[2 * row] = r * Math.sin(t);
                x[2 * row + 1] = r * Math.cos(t);
                labels[row] = j;
            }
        }
        return new LabeledPoints(x, labels, 2);
    }

    /**
     * Splits {@code points} (generated class by class, {@code pointsPerClass} each) into a training and a
     * validation set: {@code round(pointsPerClass * validation)} points of every class, drawn at random, are held out.
     *
     * @return {training, validation}
     */
    public static LabeledPoints[] split(LabeledPoints points, int classes, int pointsPerClass, double validation,
                                        SplittableRandom random) {
        int heldPerClass = (int) Math.round(pointsPerClass * validation);
        int dims = points.dims();
        LabeledPoints train = empty(classes * (pointsPerClass - heldPerClass), dims);
        LabeledPoints held = empty(classes * heldPerClass, dims);
        int trainCount = 0;
        int heldCount = 0;
        int[] order = new int[pointsPerClass];
        for (int j = 0; j < classes; j++) {
            for (int i = 0; i < pointsPerClass; i++) {
                order[i] = i;
            }
            for (int i = 0; i < heldPerClass; i++) {                 // the first heldPerClass of a shuffle
                int k = i + random.nextInt(pointsPerClass - i);
                int swap = order[i];
                order[i] = order[k];
                order[k] = swap;
            }
            boolean[] isHeld = new boolean[pointsPerClass];
            for (int i = 0; i < heldPerClass; i++) {
                isHeld[order[i]] = true;
            }
            for (int i = 0; i < pointsPerClass; i++) {
                int row = j * pointsPerClass + i;
                if (isHeld[i]) {
                    copy(points, row, held, heldCount++);
                } else {
                    copy(points, row, train, trainCount++);
                }
            }
        }
        return new LabeledPoints[] {train, held};
    }

    private static LabeledPoints empty(int size, int dims) {
        return new LabeledPoints(new double[size * dims], new int[size], dims);
    }

    private static void copy(LabeledPoints from, int row, LabeledPoints to, int toRow) {
        int dims = from.dims();
        System.arraycopy(from.x(), row * dims, to.x(), toRow * dims, dims);
        to.labels()[toRow] = from.labels()[row];
    }
}

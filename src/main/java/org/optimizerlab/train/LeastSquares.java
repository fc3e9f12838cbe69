package org.optimizerlab.train;

import java.util.Arrays;

/**
 * The linear model and loss of the regression problems: rows {@code x_i} of {@code columns} numbers, targets
 * {@code y_i}, weights {@code w}; the mean squared error over a batch {@code B},
 * {@code L_B(w) = (1/|B|) Σ_{i∈B} (x_i · w - y_i)²}, and its exact gradient {@code (2/|B|) Σ_{i∈B} (x_i · w - y_i) x_i}.
 * An intercept is a column of ones. The arrays are kept, not copied: the owner does not change them.
 */
public final class LeastSquares {

    private final double[] features;   // rows of `columns`, row-major
    private final double[] targets;
    private final int columns;

    /** The rows {@code features} ({@code targets.length} rows of {@code columns}) and their targets. */
    public LeastSquares(double[] features, double[] targets, int columns) {
        if (columns < 1 || features.length != (long) targets.length * columns) {
            throw new IllegalArgumentException("features must be " + targets.length + " rows of " + columns);
        }
        this.features = features;
        this.targets = targets;
        this.columns = columns;
    }

    /** The number of rows. */
    public int rows() {
        return targets.length;
    }

    /** The number of columns (= weights). */
    public int columns() {
        return columns;
    }

    /** Column {@code j} of row {@code i}. */
    public double feature(int i, int j) {
        return features[i * columns + j];
    }

    /** The target of row {@code i}. */
    public double target(int i) {
        return targets[i];
    }

    /**
     * The mean squared error of {@code w} over {@code rows} (all rows when null), and its gradient into {@code dx}
     * unless null; 0 over no rows.
     */
    public double meanSquaredError(double[] w, int[] rows, double[] dx) {
        int m = rows == null ? targets.length : rows.length;
        if (dx != null) {
            Arrays.fill(dx, 0);
        }
        if (m == 0) {
            return 0;
        }
        double sum = 0;
        for (int s = 0; s < m; s++) {
            int i = rows == null ? s : rows[s];
            int row = i * columns;
            double r = -targets[i];                               // r = x_i · w - y_i
            for (int j = 0; j < columns; j++) {
                r += features[row + j] * w[j];
            }
            sum += r * r;
            if (dx != null) {
                for (int j = 0; j < columns; j++) {
                    dx[j] += r * features[row + j];
                }
            }
        }
        if (dx != null) {
            for (int j = 0; j < columns; j++) {
                dx[j] *= 2.0 / m;                                 // dL/dw = (2/m) Σ r_i x_i
            }
        }
        return sum / m;
    }
}

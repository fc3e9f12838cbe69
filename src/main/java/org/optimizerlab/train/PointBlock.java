package org.optimizerlab.train;

import java.util.Arrays;

/**
 * The forward pass of a block of up to {@link #SIZE} points at once, without dropout, stored unit-major: each
 * layer's outputs as one row per unit with one lane per point, so every loop runs across the points and the JIT
 * compiler vectorizes it. Each point's sums are added in the order of the point-by-point pass of
 * {@link DenseNetwork} (a layer's input terms one after the other; a class score's even-indexed terms into one sum
 * and its odd-indexed terms into another, added at the end, as {@link Vectors#dot3} does), so every score is the
 * same double. It holds for class counts that are a multiple of three (the point-by-point pass sums a remainder
 * class with {@link Vectors#dot}'s four partial sums, which this does not copy): see {@link #fits}.
 */
final class PointBlock {
    /** The most points in one block: a minibatch of 60 in one, a training set of 300 in five. */
    static final int SIZE = 64;

    private final int dims;
    private final int[] widths;
    private final int classes;
    private final double[][] features;   // [feature][point]
    private final double[][][] hidden;   // [layer][unit][point], after the activation
    private final double[][] even;       // [class][point]: Σ over the even-indexed inputs, then the score
    private final double[][] odd;        // [class][point]: Σ over the odd-indexed inputs
    private int count;

    PointBlock(int dims, int[] widths, int classes) {
        this.dims = dims;
        this.widths = widths;
        this.classes = classes;
        this.features = new double[dims][SIZE];
        this.hidden = new double[widths.length][][];
        for (int l = 0; l < widths.length; l++) {
            hidden[l] = new double[widths[l]][SIZE];
        }
        this.even = new double[classes][SIZE];
        this.odd = new double[classes][SIZE];
    }

    /** Whether a network with {@code classes} outputs gets the point-by-point pass's scores from a block. */
    static boolean fits(int classes) {
        return classes % 3 == 0;
    }

    /**
     * The class scores of points {@code rows[from..from+count)} ({@code from..from+count} when {@code rows} is null)
     * of {@code points}, for the weights {@code w} ({@code w[l][k][j]}: from input {@code k} to unit {@code j} of
     * hidden layer {@code l}), biases {@code b}, output weights {@code wOut[c]} (into class {@code c}) and biases
     * {@code bOut}; read them with {@link #score}.
     */
    void forward(LabeledPoints points, int[] rows, int from, int count, double[][][] w, double[][] b,
                 Activation activation, double[][] wOut, double[] bOut) {
        this.count = count;
        double[] x = points.x();
        for (int p = 0; p < count; p++) {
            int row = rows == null ? from + p : rows[from + p];
            for (int k = 0; k < dims; k++) {
                features[k][p] = x[row * dims + k];
            }
        }
        double[][] in = features;
        for (int l = 0; l < widths.length; l++) {
            double[][] out = hidden[l];
            double[][] weights = w[l];
            for (int j = 0; j < widths[l]; j++) {
                if (in.length == 2 && activation == Activation.RELU) {             // the spiral's plane, in one pass
                    Vectors.reluOfAffine2(b[l][j], weights[0][j], in[0], weights[1][j], in[1], out[j], count);
                    continue;
                }
                affine(in, weights, j, b[l][j], out[j]);
                activation.applyInPlace(out[j], count);
            }
            in = out;
        }
        int fanIn = in.length;
        for (int c = 0; c < classes; c++) {
            double[] e = even[c];
            double[] o = odd[c];
            double[] wc = wOut[c];
            Arrays.fill(e, 0, count, 0);
            Arrays.fill(o, 0, count, 0);
            int k = 0;
            for (; k + 7 < fanIn; k += 8) {
                Vectors.addEveryOther4(wc, in, k, e, count);                // inputs k, k + 2, k + 4, k + 6
                Vectors.addEveryOther4(wc, in, k + 1, o, count);            // inputs k + 1, ..., k + 7
            }
            for (; k < fanIn; k++) {
                Vectors.axpy(wc[k], in[k], (k & 1) == 0 ? e : o, count);
            }
            double bias = bOut[c];
            for (int p = 0; p < count; p++) {
                e[p] = e[p] + o[p] + bias;                                // (s + t) + b, as dot3 and then the bias
            }
        }
    }

    /**
     * {@code y = b_j + Σ_k in[k] * weights[k][j]} across the block, the terms added one after the other in input
     * order, as the point-by-point pass adds them ({@link Vectors#axpy} per input, three inputs per pass).
     */
    private void affine(double[][] in, double[][] weights, int j, double bias, double[] y) {
        if (in.length == 2) {
            Vectors.affine2(bias, weights[0][j], in[0], weights[1][j], in[1], y, count);   // the spiral's plane
            return;
        }
        Arrays.fill(y, 0, count, bias);
        int k = 0;
        for (; k + 2 < in.length; k += 3) {
            Vectors.addCombination3(weights[k][j], in[k], weights[k + 1][j], in[k + 1], weights[k + 2][j],
                    in[k + 2], y, count);
        }
        for (; k < in.length; k++) {
            Vectors.axpy(weights[k][j], in[k], y, count);
        }
    }

    /** The score of class {@code c} for the block's point {@code p}. */
    double score(int c, int p) {
        return even[c][p];
    }
}

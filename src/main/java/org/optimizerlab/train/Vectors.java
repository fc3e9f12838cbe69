package org.optimizerlab.train;

/**
 * The few loops the networks spend their time in, written so the JIT compiler vectorizes them: contiguous arrays,
 * no allocation, independent accumulators for sums.
 */
final class Vectors {
    private Vectors() {
    }

    /** {@code y[0..n) += a * x[0..n)}. */
    static void axpy(double a, double[] x, double[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += a * x[j];
        }
    }

    /** {@code y0 += a0 * x} and {@code y1 += a1 * x} over {@code [0, n)} in one pass over {@code x}. */
    static void axpy2(double a0, double a1, double[] x, double[] y0, double[] y1, int n) {
        for (int j = 0; j < n; j++) {
            double xj = x[j];
            y0[j] += a0 * xj;
            y1[j] += a1 * xj;
        }
    }

    /**
     * {@code y0 += a0 * x}, {@code y1 += a1 * x}, {@code y2 += a2 * x} over {@code [0, n)} in one pass over {@code x}:
     * three {@link #axpy}s with one loop's overhead and one read of {@code x} (the same doubles).
     */
    static void axpy3(double a0, double a1, double a2, double[] x, double[] y0, double[] y1, double[] y2, int n) {
        for (int j = 0; j < n; j++) {
            double xj = x[j];
            y0[j] += a0 * xj;
            y1[j] += a1 * xj;
            y2[j] += a2 * xj;
        }
    }

    /**
     * {@code y = a0 * x0 + a1 * x1 + a2 * x2} over {@code [0, n)}, summed left to right: the same doubles as
     * {@code y = a0 * x0} followed by two {@link #axpy}s, in one pass.
     */
    static void combine3(double a0, double[] x0, double a1, double[] x1, double a2, double[] x2, double[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] = a0 * x0[j] + a1 * x1[j] + a2 * x2[j];
        }
    }

    /**
     * {@code y += a0 * x0 + a1 * x1 + a2 * x2} over {@code [0, n)}, added to {@code y} one term at a time, left to
     * right: the same doubles as three {@link #axpy}s, in one pass.
     */
    static void addCombination3(double a0, double[] x0, double a1, double[] x1, double a2, double[] x2, double[] y,
                                int n) {
        for (int j = 0; j < n; j++) {
            y[j] = y[j] + a0 * x0[j] + a1 * x1[j] + a2 * x2[j];
        }
    }

    /**
     * {@code y += a[k] * x[k] + a[k + 2] * x[k + 2] + a[k + 4] * x[k + 4] + a[k + 6] * x[k + 6]} over {@code [0, n)},
     * added one term at a time, left to right: the same doubles as four {@link #axpy}s, in one pass (every other
     * term of a block of class scores, {@link PointBlock}; with more terms or two outputs per pass C2 stops
     * vectorizing the loop).
     */
    static void addEveryOther4(double[] a, double[][] x, int k, double[] y, int n) {
        double a0 = a[k];
        double a2 = a[k + 2];
        double a4 = a[k + 4];
        double a6 = a[k + 6];
        double[] x0 = x[k];
        double[] x2 = x[k + 2];
        double[] x4 = x[k + 4];
        double[] x6 = x[k + 6];
        for (int j = 0; j < n; j++) {
            y[j] = y[j] + a0 * x0[j] + a2 * x2[j] + a4 * x4[j] + a6 * x6[j];
        }
    }

    /** {@code y = b + a0 * x0 + a1 * x1} over {@code [0, n)}, added left to right (a layer of two inputs). */
    static void affine2(double b, double a0, double[] x0, double a1, double[] x1, double[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] = b + a0 * x0[j] + a1 * x1[j];
        }
    }

    /**
     * {@code y = max(b + a0 * x0 + a1 * x1, 0)} over {@code [0, n)}: {@link #affine2} and ReLU ({@code Math.max}) in
     * one pass, the same doubles.
     */
    static void reluOfAffine2(double b, double a0, double[] x0, double a1, double[] x1, double[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] = Math.max(b + a0 * x0[j] + a1 * x1[j], 0);
        }
    }

    /**
     * {@code rows[c][0..n) += a[c] * x[0..n)} for each {@code c < count}, three rows per pass over {@code x}: the same
     * doubles as one {@link #axpy} per row.
     */
    static void addScaledToRows(double[] a, double[] x, double[][] rows, int count, int n) {
        int c = 0;
        for (; c + 2 < count; c += 3) {
            axpy3(a[c], a[c + 1], a[c + 2], x, rows[c], rows[c + 1], rows[c + 2], n);
        }
        for (; c < count; c++) {
            axpy(a[c], x, rows[c], n);
        }
    }

    /**
     * {@code y[0..n) = a[0] * rows[0] + a[1] * rows[1] + ...} over {@code count >= 1} rows, summed row by row in
     * order, three rows per pass: the same doubles as {@code y = a[0] * rows[0]} followed by one {@link #axpy} per
     * further row.
     */
    static void combineRows(double[] a, double[][] rows, int count, double[] y, int n) {
        int c;
        if (count >= 3) {
            combine3(a[0], rows[0], a[1], rows[1], a[2], rows[2], y, n);
            c = 3;
        } else {
            double a0 = a[0];
            double[] row = rows[0];
            for (int j = 0; j < n; j++) {
                y[j] = a0 * row[j];
            }
            c = 1;
        }
        for (; c + 2 < count; c += 3) {
            addCombination3(a[c], rows[c], a[c + 1], rows[c + 1], a[c + 2], rows[c + 2], y, n);
        }
        for (; c < count; c++) {
            axpy(a[c], rows[c], y, n);
        }
    }

    /** {@code Σ a[j] * b[j]} over {@code [0, n)}, with four partial sums so the additions can overlap. */
    static double dot(double[] a, double[] b, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[j] * b[j];
            s1 += a[j + 1] * b[j + 1];
            s2 += a[j + 2] * b[j + 2];
            s3 += a[j + 3] * b[j + 3];
        }
        for (; j < n; j++) {
            s0 += a[j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Three dot products in one pass over {@code a}: {@code out[at + k] = Σ a[j] * bk[j]} over {@code [0, n)} for
     * {@code k = 0, 1, 2}; {@code a} is read once, and two partial sums per product let the additions overlap.
     */
    static void dot3(double[] a, double[] b0, double[] b1, double[] b2, int n, double[] out, int at) {
        double s0 = 0;
        double t0 = 0;
        double s1 = 0;
        double t1 = 0;
        double s2 = 0;
        double t2 = 0;
        int j = 0;
        for (; j + 1 < n; j += 2) {
            double a0 = a[j];
            double a1 = a[j + 1];
            s0 += a0 * b0[j];
            t0 += a1 * b0[j + 1];
            s1 += a0 * b1[j];
            t1 += a1 * b1[j + 1];
            s2 += a0 * b2[j];
            t2 += a1 * b2[j + 1];
        }
        if (j < n) {
            s0 += a[j] * b0[j];
            s1 += a[j] * b1[j];
            s2 += a[j] * b2[j];
        }
        out[at] = s0 + t0;
        out[at + 1] = s1 + t1;
        out[at + 2] = s2 + t2;
    }

    /**
     * One point's class scores {@code out[c] = Σ_k in[k] * w[c][k] + bias[c]}, three classes per pass over {@code in}
     * ({@link #dot3}), a remainder of one or two classes by {@link #dot}.
     */
    static void scores(double[] in, double[][] w, double[] bias, int classes, int n, double[] out) {
        int c = 0;
        for (; c + 2 < classes; c += 3) {
            dot3(in, w[c], w[c + 1], w[c + 2], n, out, c);
        }
        for (; c < classes; c++) {
            out[c] = dot(in, w[c], n);
        }
        for (c = 0; c < classes; c++) {
            out[c] += bias[c];
        }
    }

    /** {@code y = b + x0 * a0 + x1 * a1} over {@code [0, n)}, added left to right (a first layer on two features). */
    static void biasPlus2(double[] b, double x0, double[] a0, double x1, double[] a1, double[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] = b[j] + x0 * a0[j] + x1 * a1[j];
        }
    }

    /** {@code Σ v[j]²} over {@code [from, to)}. */
    static double sumOfSquares(double[] v, int from, int to) {
        double sum = 0;
        for (int j = from; j < to; j++) {
            sum += v[j] * v[j];
        }
        return sum;
    }
}

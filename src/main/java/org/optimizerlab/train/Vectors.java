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

    /** {@code Σ v[j]²} over {@code [from, to)}. */
    static double sumOfSquares(double[] v, int from, int to) {
        double sum = 0;
        for (int j = from; j < to; j++) {
            sum += v[j] * v[j];
        }
        return sum;
    }
}

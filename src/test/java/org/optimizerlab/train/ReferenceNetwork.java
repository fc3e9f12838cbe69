package org.optimizerlab.train;

import java.util.List;

/**
 * The spiral classifier's prediction written out plainly for tests, from the flat parameter layout of
 * {@code docs/spec-training.md} ({@code W1} 2 × H1 row-major, {@code b1}, {@code W2} H1 × H2, {@code b2}, ...,
 * the output layer's weights and biases last; or {@code W}, {@code b}): an independent route to the classes, not
 * {@link DenseNetwork}'s workspace.
 */
public final class ReferenceNetwork {
    private ReferenceNetwork() {
    }

    /** The class of the highest score (the first on a tie) at {@code (px, py)}. */
    public static int predict(double[] params, List<Integer> hidden, int classes, boolean tanh, double px, double py) {
        double[] scores = scores(params, hidden, classes, tanh, px, py);
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (scores[c] > scores[best]) {
                best = c;
            }
        }
        return best;
    }

    /** {@link #agrees(double[], List, int, boolean, double, double, int)} for one hidden layer (0: none). */
    public static boolean agrees(double[] params, int hidden, int classes, boolean tanh, double px, double py,
                                 int predicted) {
        return agrees(params, hidden == 0 ? List.of() : List.of(hidden), classes, tanh, px, py, predicted);
    }

    /**
     * Whether {@code predicted} is the class the reference gives at {@code (px, py)}, or within {@code 1e-9} of its
     * score (a tie, where rounding in another order of summation may pick either).
     */
    public static boolean agrees(double[] params, List<Integer> hidden, int classes, boolean tanh, double px,
                                 double py, int predicted) {
        double[] scores = scores(params, hidden, classes, tanh, px, py);
        int best = predict(params, hidden, classes, tanh, px, py);
        return predicted == best || scores[predicted] >= scores[best] - 1e-9;
    }

    /** The class scores at {@code (px, py)}. */
    public static double[] scores(double[] params, List<Integer> hidden, int classes, boolean tanh, double px,
                                  double py) {
        return scores(params, hidden, classes, tanh, new double[] {px, py});
    }

    /** The class scores of input {@code x}: each layer {@code out[j] = b[j] + Σ_k in[k] W[k][j]}, then act. */
    public static double[] scores(double[] params, List<Integer> hidden, int classes, boolean tanh, double[] x) {
        double[] input = x;
        int offset = 0;
        for (int l = 0; l <= hidden.size(); l++) {
            boolean output = l == hidden.size();
            int width = output ? classes : hidden.get(l);
            int fanIn = input.length;
            double[] out = new double[width];
            for (int j = 0; j < width; j++) {
                double a = params[offset + fanIn * width + j];
                for (int k = 0; k < fanIn; k++) {
                    a += input[k] * params[offset + k * width + j];
                }
                out[j] = output ? a : tanh ? Math.tanh(a) : Math.max(0, a);
            }
            offset += fanIn * width + width;
            input = out;
        }
        return input;
    }
}

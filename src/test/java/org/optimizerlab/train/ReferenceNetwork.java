package org.optimizerlab.train;

/**
 * The spiral classifier's prediction written out plainly for tests, from the flat parameter layout of
 * {@code docs/spec-training.md} ({@code W1} 2 × H row-major, {@code b1}, {@code W2} H × C, {@code b2}; or {@code W},
 * {@code b}): an independent route to the classes, not {@link SpiralClassifier}'s workspace.
 */
public final class ReferenceNetwork {
    private ReferenceNetwork() {
    }

    /** The class of the highest score (the first on a tie) at {@code (px, py)}. */
    public static int predict(double[] params, int hidden, int classes, boolean tanh, double px, double py) {
        double[] scores = scores(params, hidden, classes, tanh, px, py);
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (scores[c] > scores[best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Whether {@code predicted} is the class the reference gives at {@code (px, py)}, or within {@code 1e-9} of its
     * score (a tie, where rounding in another order of summation may pick either).
     */
    public static boolean agrees(double[] params, int hidden, int classes, boolean tanh, double px, double py,
                                 int predicted) {
        double[] scores = scores(params, hidden, classes, tanh, px, py);
        int best = predict(params, hidden, classes, tanh, px, py);
        return predicted == best || scores[predicted] >= scores[best] - 1e-9;
    }

    /** The class scores at {@code (px, py)}. */
    public static double[] scores(double[] params, int hidden, int classes, boolean tanh, double px, double py) {
        double[] input;
        int offset;
        if (hidden == 0) {
            input = new double[] {px, py};
            offset = 0;
        } else {
            input = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                double a = px * params[j] + py * params[hidden + j] + params[2 * hidden + j];
                input[j] = tanh ? Math.tanh(a) : Math.max(0, a);
            }
            offset = 3 * hidden;
        }
        int fanIn = input.length;
        double[] scores = new double[classes];
        for (int c = 0; c < classes; c++) {
            double score = params[offset + fanIn * classes + c];
            for (int k = 0; k < fanIn; k++) {
                score += input[k] * params[offset + k * classes + c];
            }
            scores[c] = score;
        }
        return scores;
    }
}

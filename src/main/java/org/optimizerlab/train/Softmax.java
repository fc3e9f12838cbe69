package org.optimizerlab.train;

/** The softmax cross-entropy of one point's class scores, and its predicted class. */
final class Softmax {
    private Softmax() {
    }

    /**
     * The softmax of {@code scores[0..classes)} into {@code probabilities}; returns the cross-entropy loss of class
     * {@code label}, {@code -log p[label]}.
     */
    static double loss(double[] scores, int classes, int label, double[] probabilities) {
        double max = scores[0];
        for (int c = 1; c < classes; c++) {
            max = Math.max(max, scores[c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            probabilities[c] = Math.exp(scores[c] - max);
            sum += probabilities[c];
        }
        for (int c = 0; c < classes; c++) {
            probabilities[c] /= sum;
        }
        return Math.log(sum) - (scores[label] - max);                 // -log p[label]
    }

    /** The class of the highest of {@code scores[0..classes)} (the first on a tie). */
    static int highest(double[] scores, int classes) {
        int predicted = 0;
        for (int c = 1; c < classes; c++) {
            if (scores[c] > scores[predicted]) {
                predicted = c;
            }
        }
        return predicted;
    }
}

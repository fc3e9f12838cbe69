package org.optimizerlab.train;

/**
 * A classification data set: {@code size()} points of {@code dims} features (row-major in {@code x}) with class
 * labels {@code 0..classes-1}. Not copied: owners keep it private and never change it.
 *
 * @param x      the features, {@code size * dims} numbers, row-major
 * @param labels the class of each point
 * @param dims   features per point
 */
public record LabeledPoints(double[] x, int[] labels, int dims) {

    public LabeledPoints {
        if (dims < 1 || x.length != labels.length * dims) {
            throw new IllegalArgumentException(labels.length + " labels for " + x.length + " numbers of " + dims);
        }
    }

    /** The number of points. */
    public int size() {
        return labels.length;
    }
}

package org.optimizerlab.train;

import java.util.List;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * The spec fields of {@code softmax-spiral} ({@code hidden = 0}) and {@code mlp-spiral}, each checked against its
 * bounds ({@link SpiralClassifier} is the problem made from them).
 *
 * @param classes        spiral arms, {@code 2..}{@value #MAX_CLASSES}; default {@value #DEFAULT_CLASSES}
 * @param pointsPerClass points per arm, {@code 2..}; all points at most {@value #MAX_POINTS}; default
 *                       {@value #DEFAULT_POINTS_PER_CLASS}
 * @param hidden         the width of each hidden layer, {@code 1..}{@value #MAX_HIDDEN} each, at most
 *                       {@value #MAX_DEPTH} layers (none: the softmax classifier), with {@code points * Σ hidden
 *                       <= }{@value #MAX_UNITS} and {@code points * Σ hidden[l-1] * hidden[l] <= }{@value
 *                       #MAX_DEEP_WORK}; default one layer of {@value #DEFAULT_HIDDEN}
 * @param activation     the hidden nonlinearity; default relu
 * @param reg            the L2 strength, {@code 0..}{@value #MAX_REG}; default {@value #DEFAULT_REG}
 * @param dropout        the probability of dropping a hidden unit in training, {@code [0, }{@value #MAX_DROPOUT}{@code ]}
 *                       ({@code 0} without a hidden layer); default 0
 * @param init           the weight rule and bias constant
 * @param validation     the fraction of each class held out for validation, {@code [0, }{@value #MAX_VALIDATION}{@code ]},
 *                       leaving at least one training point per class; default {@value #DEFAULT_VALIDATION}
 */
public record SpiralConfig(int classes, int pointsPerClass, List<Integer> hidden, Activation activation, double reg,
                           double dropout, Initialization init, double validation) {
    /** The case study's three arms. */
    public static final int DEFAULT_CLASSES = 3;
    /** The case study's 100 points per arm. */
    public static final int DEFAULT_POINTS_PER_CLASS = 100;
    /** The case study's 100 hidden units. */
    public static final int DEFAULT_HIDDEN = 100;
    /** The case study's regularization strength. */
    public static final double DEFAULT_REG = 1e-3;
    /** No dropout unless asked. */
    public static final double DEFAULT_DROPOUT = 0;
    /** A fifth of each class held out. */
    public static final double DEFAULT_VALIDATION = 0.2;
    /** The most classes. */
    public static final int MAX_CLASSES = 10;
    /** The most points in all. */
    public static final int MAX_POINTS = 20_000;
    /** The most hidden units. */
    public static final int MAX_HIDDEN = 1_000;
    /** The most hidden layers. */
    public static final int MAX_DEPTH = 4;
    /** The bound on points times hidden units (all layers): the activations of one full-batch step. */
    public static final long MAX_UNITS = 5_000_000;
    /**
     * The bound on points times the weights between hidden layers: their work in one full-batch step (a
     * one-layer network has none; the bound on the whole step is the server's, {@code lesson.WorkLimits}).
     */
    public static final long MAX_DEEP_WORK = 500_000_000;
    /** The largest L2 strength. */
    public static final double MAX_REG = 100;
    /** The largest dropout probability. */
    public static final double MAX_DROPOUT = 0.9;
    /** The largest validation fraction. */
    public static final double MAX_VALIDATION = 0.9;

    public SpiralConfig {
        Check.intInRange("classes", classes, 2, MAX_CLASSES);
        Check.intInRange("points_per_class", pointsPerClass, 2, MAX_POINTS / classes);
        hidden = checkWidths(hidden, classes * pointsPerClass);
        Check.present("activation", activation);
        Check.inClosed("reg", reg, 0, MAX_REG);
        Check.inClosed("dropout", dropout, 0, MAX_DROPOUT);
        if (hidden.isEmpty() && dropout != 0) {
            throw new FieldException("dropout", "needs a hidden layer");
        }
        Check.present("init", init);
        Check.inClosed("validation", validation, 0, MAX_VALIDATION);
        if (Math.round(pointsPerClass * validation) >= pointsPerClass) {
            throw new FieldException("validation", "must leave at least one training point per class, got "
                    + validation + " of " + pointsPerClass);
        }
    }

    /** The same with one hidden layer of {@code hidden} units, or none for {@code 0} (the softmax classifier). */
    public SpiralConfig(int classes, int pointsPerClass, int hidden, Activation activation, double reg, double dropout,
                        Initialization init, double validation) {
        this(classes, pointsPerClass, hidden == 0 ? List.of() : List.of(hidden), activation, reg, dropout, init,
                validation);
    }

    /** An immutable copy of {@code hidden}, each width and the network's size checked against {@code points}. */
    private static List<Integer> checkWidths(List<Integer> hidden, int points) {
        Check.present("hidden", hidden);
        if (hidden.size() > MAX_DEPTH) {
            throw new FieldException("hidden", "must have 1 to " + MAX_DEPTH + " widths (one per hidden layer), got "
                    + hidden.size());
        }
        for (int l = 0; l < hidden.size(); l++) {
            String field = hidden.size() == 1 ? "hidden" : "hidden[" + l + "]";
            Check.present(field, hidden.get(l));
            Check.intInRange(field, hidden.get(l), 1, MAX_HIDDEN);
        }
        long units = 0;
        long between = 0;
        for (int l = 0; l < hidden.size(); l++) {
            units += hidden.get(l);
            between += l > 0 ? (long) hidden.get(l - 1) * hidden.get(l) : 0;
        }
        if ((long) points * units > MAX_UNITS) {
            throw new FieldException("hidden", (hidden.size() == 1 ? "points * hidden" : "points * hidden units")
                    + " must be at most " + MAX_UNITS + ", got " + points + " * " + units);
        }
        if ((long) points * between > MAX_DEEP_WORK) {
            throw new FieldException("hidden", "points * weights between hidden layers must be at most "
                    + MAX_DEEP_WORK + ", got " + points + " * " + between);
        }
        return List.copyOf(hidden);
    }

    /** Whether the network has a hidden layer ({@code mlp-spiral}). */
    public boolean hasHiddenLayer() {
        return !hidden.isEmpty();
    }

    /** The number of hidden layers (0 for the softmax classifier). */
    public int depth() {
        return hidden.size();
    }

    /** {@code hidden} as a spec writes it: a number for one hidden layer (as before lists), else the list. */
    public Object hiddenSpecValue() {
        return hidden.size() == 1 ? hidden.get(0) : hidden;
    }

    /** The number of training points once the validation points are held out. */
    public int trainingPoints() {
        return classes * (pointsPerClass - (int) Math.round(pointsPerClass * validation));
    }

    /** The number of parameters on the plane: each layer's {@code fan-in * width + width}, the output's with {@code classes}. */
    public int parameterCount() {
        long count = 0;
        int in = Spiral.DIMS;
        for (int width : hidden) {
            count += (long) in * width + width;
            in = width;
        }
        return Math.toIntExact(count + (long) in * classes + classes);
    }

    /** The same problem with another L2 strength and dropout probability (what a search varies). */
    public SpiralConfig withRegularization(double newReg, double newDropout) {
        return new SpiralConfig(classes, pointsPerClass, hidden, activation, newReg, newDropout, init, validation);
    }
}

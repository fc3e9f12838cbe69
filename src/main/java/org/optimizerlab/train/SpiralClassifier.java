package org.optimizerlab.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * A classifier of the {@link Spiral} data set: {@code softmax-spiral}, a linear softmax classifier
 * ({@code scores = X W + b}), or {@code mlp-spiral}, a network of one to {@value Config#MAX_DEPTH} hidden layers
 * ({@code h = act(X W1 + b1)}, {@code scores = h W2 + b2} with one, as in the CS231n case study); the layer stack
 * is a {@link DenseNetwork}, this class owns the data, the batch loss and the evaluation.
 *
 * <p>Batch loss: the mean softmax cross-entropy over the batch plus the L2 penalty {@code 0.5 * reg * Σ W²} over
 * the weight matrices (not the biases), which is not divided by the batch size. With {@code dropout = p > 0}, each
 * hidden unit (of every hidden layer) of each sample is dropped with probability {@code p} during training and the kept ones are scaled by
 * {@code 1/(1-p)} (inverted dropout), so evaluation uses the network as it is. The mask of update {@code t} is drawn
 * from the dropout stream of the seed and {@code t} alone: every run of a race sees the same masks with the same
 * batches, a run is reproducible, and the gradient of one batch is a plain function of the parameters.
 *
 * <p>Parameters (one flat vector, blocks in {@link #layout()}): {@code W1 (2 x hidden[0])}, {@code b1}, ...,
 * {@code W_{L+1} (hidden[L-1] x classes)}, {@code b_{L+1}}; or {@code W (2 x classes)}, {@code b} for the softmax
 * classifier. They start from the seeded {@link Initialization}. {@link #evaluate} reports training loss and
 * accuracy and, when part of the data is held out, validation loss (the same objective on the held-out points) and
 * accuracy.
 */
public final class SpiralClassifier implements TrainingProblem {

    /** Spiral points are in the plane. */
    private static final int DIMS = 2;

    private final Config config;
    private final long seed;
    private final LabeledPoints train;
    private final LabeledPoints validation;
    private final DenseNetwork network;
    private final double[] start;

    /**
     * The spec fields of {@code softmax-spiral} ({@code hidden = 0}) and {@code mlp-spiral}.
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
    public record Config(int classes, int pointsPerClass, List<Integer> hidden, Activation activation, double reg,
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

        public Config {
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
        public Config(int classes, int pointsPerClass, int hidden, Activation activation, double reg, double dropout,
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
            int in = DIMS;
            for (int width : hidden) {
                count += (long) in * width + width;
                in = width;
            }
            return Math.toIntExact(count + (long) in * classes + classes);
        }

        /** The same problem with another L2 strength and dropout probability (what a search varies). */
        public Config withRegularization(double newReg, double newDropout) {
            return new Config(classes, pointsPerClass, hidden, activation, newReg, newDropout, init, validation);
        }
    }

    /** Generates the data of {@code config} and its initial weights from {@code seed}. */
    public SpiralClassifier(Config config, long seed) {
        this(config, spiral(config, seed), seed);
    }

    /**
     * The same network on given points of any dimension (an instructor's data set): {@code split} is
     * {training, validation}, labels in {@code 0..config.classes()-1}; only the network fields of {@code config}
     * ({@code hidden}, {@code activation}, {@code reg}, {@code dropout}, {@code init}) apply to it. Initial weights
     * and dropout masks come from {@code seed}.
     */
    public SpiralClassifier(Config config, LabeledPoints[] split, long seed) {
        this.config = config;
        this.seed = seed;
        this.train = split[0];
        this.validation = split[1];
        this.network = new DenseNetwork(train.dims(), config.hidden(), config.activation(), config.classes());
        this.start = network.initialParameters(config.init(), seed);
    }

    /** The spiral data set of {@code config}, split into {training, validation}, from {@code seed}'s data stream. */
    private static LabeledPoints[] spiral(Config config, long seed) {
        SplittableRandom data = RandomStream.DATA.of(seed);
        LabeledPoints all = Spiral.generate(config.classes(), config.pointsPerClass(), data);
        return Spiral.split(all, config.classes(), config.pointsPerClass(), config.validation(), data);
    }

    /** The spec fields this problem was made from. */
    public Config config() {
        return config;
    }

    /** The training points (not a copy: do not change). */
    public LabeledPoints trainingPoints() {
        return train;
    }

    /** The held-out validation points (not a copy: do not change); empty when {@code validation = 0}. */
    public LabeledPoints validationPoints() {
        return validation;
    }

    @Override
    public String type() {
        return config.hasHiddenLayer() ? "mlp-spiral" : "softmax-spiral";
    }

    @Override
    public int dimension() {
        return start.length;
    }

    @Override
    public int trainingSetSize() {
        return train.size();
    }

    /** The seeded initialization (a copy). */
    @Override
    public double[] defaultStart() {
        return start.clone();
    }

    @Override
    public List<ParameterBlock> layout() {
        return network.layout();
    }

    @Override
    public double loss(double[] x) {
        DenseNetwork.Workspace ws = network.acquire();
        try {
            ws.unpack(x);
            return ws.meanLossAndAccuracy(train)[0] + penalty(x);
        } finally {
            network.release(ws);
        }
    }

    @Override
    public double gradient(double[] x, Batch batch, double[] dx) {
        DenseNetwork.Workspace ws = network.acquire();
        try {
            ws.unpack(x);
            ws.clearGradients();
            int[] rows = batch.indices();
            int m = rows == null ? train.size() : rows.length;
            SplittableRandom masks = config.dropout() > 0 ? RandomStream.DROPOUT.of(seed, batch.update()) : null;
            double scale = 1.0 / m;
            double dataLoss = 0;
            for (int s = 0; s < m; s++) {
                dataLoss += ws.lossAndBackward(train, rows == null ? s : rows[s], scale, masks, config.dropout());
            }
            ws.packGradient(x, dx, config.reg());
            return dataLoss * scale + penalty(x);
        } finally {
            network.release(ws);
        }
    }

    /**
     * One pass when {@code batch} is the whole training set without dropout: the gradient's forward pass of each
     * point is the evaluation's (the same arithmetic), so its loss is kept by point and summed in the evaluation's
     * order, and the class it predicts is counted. Otherwise the default: the gradient, then the evaluation.
     */
    @Override
    public GradientAndEvaluation gradientAndEvaluate(double[] x, Batch batch, double[] dx) {
        int[] rows = batch.indices();
        if (config.dropout() > 0 || (rows != null && rows.length != train.size())) {
            return TrainingProblem.super.gradientAndEvaluate(x, batch, dx);
        }
        DenseNetwork.Workspace ws = network.acquire();
        try {
            ws.unpack(x);
            ws.clearGradients();
            int n = train.size();
            double[] pointLoss = ws.pointLosses(n);
            double scale = 1.0 / n;
            double dataLoss = 0;
            int correct = 0;
            for (int s = 0; s < n; s++) {
                int row = rows == null ? s : rows[s];
                double loss = ws.lossAndBackward(train, row, scale, null, 0);
                dataLoss += loss;
                pointLoss[row] = loss;
                correct += ws.highestScore() == train.labels()[row] ? 1 : 0;
            }
            ws.packGradient(x, dx, config.reg());
            double sum = 0;
            for (int i = 0; i < n; i++) {                             // in meanLossAndAccuracy's order
                sum += pointLoss[i];
            }
            double penalty = penalty(x);
            return new GradientAndEvaluation(dataLoss * scale + penalty,
                    evaluation(ws, new double[] {sum / n, (double) correct / n}, penalty));
        } finally {
            network.release(ws);
        }
    }

    @Override
    public Evaluation evaluate(double[] x) {
        DenseNetwork.Workspace ws = network.acquire();
        try {
            ws.unpack(x);
            return evaluation(ws, ws.meanLossAndAccuracy(train), penalty(x));
        } finally {
            network.release(ws);
        }
    }

    /** The evaluation from the training set's {mean loss, accuracy}: the validation set is evaluated in {@code ws}. */
    private Evaluation evaluation(DenseNetwork.Workspace ws, double[] onTrain, double penalty) {
        if (validation.size() == 0) {
            return new Evaluation(onTrain[0] + penalty, OptionalDouble.of(onTrain[1]), OptionalDouble.empty(),
                    OptionalDouble.empty());
        }
        double[] onValidation = ws.meanLossAndAccuracy(validation);
        return new Evaluation(onTrain[0] + penalty, OptionalDouble.of(onTrain[1]),
                OptionalDouble.of(onValidation[0] + penalty), OptionalDouble.of(onValidation[1]));
    }

    /**
     * The class the network with parameters {@code x} predicts for each of the points {@code xy} (pairs, row-major):
     * the highest score, the first on a tie, without dropout, as {@link #evaluate} counts accuracy. Writes
     * {@code xy.length / 2} classes into {@code classesOut}.
     */
    public void predict(double[] x, double[] xy, int[] classesOut) {
        LabeledPoints points = new LabeledPoints(xy, new int[xy.length / DIMS], DIMS);
        DenseNetwork.Workspace ws = network.acquire();
        try {
            ws.unpack(x);
            for (int i = 0; i < points.size(); i++) {
                classesOut[i] = ws.predicted(points, i);
            }
        } finally {
            network.release(ws);
        }
    }

    /** {@code 0.5 * reg * Σ W²} over the weight matrices. */
    private double penalty(double[] x) {
        if (config.reg() == 0) {
            return 0;
        }
        double sum = 0;
        for (ParameterBlock block : network.layout()) {
            if (block.weight()) {
                sum += Vectors.sumOfSquares(x, block.offset(), block.end());
            }
        }
        return 0.5 * config.reg() * sum;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("classes", config.classes());
        map.put("points_per_class", config.pointsPerClass());
        if (config.hasHiddenLayer()) {
            map.put("hidden", config.hiddenSpecValue());
            map.put("activation", config.activation().specName());
        }
        map.put("reg", config.reg());
        if (config.hasHiddenLayer()) {
            map.put("dropout", config.dropout());
        }
        map.put("init", config.init().weights().specName());
        map.put("bias_init", config.init().bias());
        map.put("validation", config.validation());
        return map;
    }
}

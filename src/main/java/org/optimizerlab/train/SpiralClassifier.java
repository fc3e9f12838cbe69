package org.optimizerlab.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * A classifier of the {@link Spiral} data set: {@code softmax-spiral}, a linear softmax classifier
 * ({@code scores = X W + b}), or {@code mlp-spiral}, a two-layer network
 * ({@code h = act(X W1 + b1)}, {@code scores = h W2 + b2}), as in the CS231n case study.
 *
 * <p>Batch loss: the mean softmax cross-entropy over the batch plus the L2 penalty {@code 0.5 * reg * Σ W²} over
 * the weight matrices (not the biases), which is not divided by the batch size. With {@code dropout = p > 0}, each
 * hidden unit of each sample is dropped with probability {@code p} during training and the kept ones are scaled by
 * {@code 1/(1-p)} (inverted dropout), so evaluation uses the network as it is. The mask of update {@code t} is drawn
 * from the dropout stream of the seed and {@code t} alone: every run of a race sees the same masks with the same
 * batches, a run is reproducible, and the gradient of one batch is a plain function of the parameters.
 *
 * <p>Parameters (one flat vector, blocks in {@link #layout()}): {@code W1 (2 x hidden)}, {@code b1}, {@code W2
 * (hidden x classes)}, {@code b2}; or {@code W (2 x classes)}, {@code b} for the softmax classifier. They start
 * from the seeded {@link Initialization}. {@link #evaluate} reports training loss and accuracy and, when part of the
 * data is held out, validation loss (the same objective on the held-out points) and accuracy.
 *
 * <p>The work is done one sample at a time with the sample's activations in small buffers (the forward pass, the
 * softmax and the backward pass of a sample share the cache), accumulating the gradient; buffers are reused from
 * call to call, so a step allocates nothing after the first.
 */
public final class SpiralClassifier implements TrainingProblem {

    /** Spiral points are in the plane. */
    private static final int DIMS = 2;

    private final Config config;
    private final long seed;
    private final LabeledPoints train;
    private final LabeledPoints validation;
    private final List<ParameterBlock> layout;
    private final double[] start;
    private final int hidden;
    private final int classes;
    /** Features per point: 2 for the spiral, the feature columns of an instructor's data set. */
    private final int dims;
    /** Fan-in of the output layer: the hidden width, or the input dimension without a hidden layer. */
    private final int fanIn;
    private final AtomicReference<Workspace> spare = new AtomicReference<>();

    /**
     * The spec fields of {@code softmax-spiral} ({@code hidden = 0}) and {@code mlp-spiral}.
     *
     * @param classes        spiral arms, {@code 2..}{@value #MAX_CLASSES}; default {@value #DEFAULT_CLASSES}
     * @param pointsPerClass points per arm, {@code 2..}; all points at most {@value #MAX_POINTS}; default
     *                       {@value #DEFAULT_POINTS_PER_CLASS}
     * @param hidden         hidden units, {@code 0} for the softmax classifier, else {@code 1..}{@value #MAX_HIDDEN},
     *                       with {@code points * hidden <= }{@value #MAX_UNITS}; default {@value #DEFAULT_HIDDEN}
     * @param activation     the hidden nonlinearity; default relu
     * @param reg            the L2 strength, {@code 0..}{@value #MAX_REG}; default {@value #DEFAULT_REG}
     * @param dropout        the probability of dropping a hidden unit in training, {@code [0, }{@value #MAX_DROPOUT}{@code ]}
     *                       ({@code 0} without a hidden layer); default 0
     * @param init           the weight rule and bias constant
     * @param validation     the fraction of each class held out for validation, {@code [0, }{@value #MAX_VALIDATION}{@code ]},
     *                       leaving at least one training point per class; default {@value #DEFAULT_VALIDATION}
     */
    public record Config(int classes, int pointsPerClass, int hidden, Activation activation, double reg,
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
        /** The bound on points times hidden units: the work of one full-batch step. */
        public static final long MAX_UNITS = 5_000_000;
        /** The largest L2 strength. */
        public static final double MAX_REG = 100;
        /** The largest dropout probability. */
        public static final double MAX_DROPOUT = 0.9;
        /** The largest validation fraction. */
        public static final double MAX_VALIDATION = 0.9;

        public Config {
            Check.intInRange("classes", classes, 2, MAX_CLASSES);
            Check.intInRange("points_per_class", pointsPerClass, 2, MAX_POINTS / classes);
            Check.intInRange("hidden", hidden, 0, MAX_HIDDEN);
            long units = (long) classes * pointsPerClass * hidden;
            if (units > MAX_UNITS) {
                throw new FieldException("hidden", "points * hidden must be at most " + MAX_UNITS + ", got "
                        + classes * pointsPerClass + " * " + hidden);
            }
            Check.present("activation", activation);
            Check.inClosed("reg", reg, 0, MAX_REG);
            Check.inClosed("dropout", dropout, 0, MAX_DROPOUT);
            if (hidden == 0 && dropout != 0) {
                throw new FieldException("dropout", "needs a hidden layer");
            }
            Check.present("init", init);
            Check.inClosed("validation", validation, 0, MAX_VALIDATION);
            if (Math.round(pointsPerClass * validation) >= pointsPerClass) {
                throw new FieldException("validation", "must leave at least one training point per class, got "
                        + validation + " of " + pointsPerClass);
            }
        }

        /** Whether the network has a hidden layer ({@code mlp-spiral}). */
        public boolean hasHiddenLayer() {
            return hidden > 0;
        }

        /** The number of training points once the validation points are held out. */
        public int trainingPoints() {
            return classes * (pointsPerClass - (int) Math.round(pointsPerClass * validation));
        }

        /** The number of parameters: {@code 2H + H + HC + C}, or {@code 2C + C} without a hidden layer. */
        public int parameterCount() {
            return hidden > 0 ? DIMS * hidden + hidden + hidden * classes + classes : DIMS * classes + classes;
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
        this.hidden = config.hidden();
        this.classes = config.classes();
        this.train = split[0];
        this.validation = split[1];
        this.dims = train.dims();
        this.fanIn = hidden > 0 ? hidden : dims;
        List<ParameterBlock> blocks = new ArrayList<>();
        if (hidden > 0) {
            blocks.add(new ParameterBlock("W1", 0, dims, hidden, true));
            blocks.add(new ParameterBlock("b1", dims * hidden, 1, hidden, false));
            blocks.add(new ParameterBlock("W2", dims * hidden + hidden, hidden, classes, true));
            blocks.add(new ParameterBlock("b2", dims * hidden + hidden + hidden * classes, 1, classes, false));
        } else {
            blocks.add(new ParameterBlock("W", 0, dims, classes, true));
            blocks.add(new ParameterBlock("b", dims * classes, 1, classes, false));
        }
        this.layout = List.copyOf(blocks);
        this.start = new double[blocks.get(blocks.size() - 1).end()];
        for (int b = 0; b < layout.size(); b++) {
            ParameterBlock block = layout.get(b);
            if (block.weight()) {
                config.init().fillWeights(start, block.offset(), block.rows(), block.cols(), RandomStream.INIT.of(seed, b));
            } else {
                config.init().fillBiases(start, block.offset(), block.size());
            }
        }
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
        return layout;
    }

    @Override
    public double loss(double[] x) {
        Workspace ws = acquire();
        try {
            ws.unpack(x);
            return ws.meanLossAndAccuracy(train)[0] + penalty(x);
        } finally {
            spare.set(ws);
        }
    }

    @Override
    public double gradient(double[] x, Batch batch, double[] dx) {
        Workspace ws = acquire();
        try {
            ws.unpack(x);
            ws.clearGradients();
            int[] rows = batch.indices();
            int m = rows == null ? train.size() : rows.length;
            SplittableRandom masks = config.dropout() > 0 ? RandomStream.DROPOUT.of(seed, batch.update()) : null;
            double scale = 1.0 / m;
            double dataLoss = 0;
            for (int s = 0; s < m; s++) {
                dataLoss += ws.lossAndBackward(train, rows == null ? s : rows[s], scale, masks);
            }
            ws.packGradient(x, dx);
            return dataLoss * scale + penalty(x);
        } finally {
            spare.set(ws);
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
        Workspace ws = acquire();
        try {
            ws.unpack(x);
            ws.clearGradients();
            int n = train.size();
            double scale = 1.0 / n;
            double dataLoss = 0;
            int correct = 0;
            for (int s = 0; s < n; s++) {
                int row = rows == null ? s : rows[s];
                double loss = ws.lossAndBackward(train, row, scale, null);
                dataLoss += loss;
                ws.pointLoss[row] = loss;
                correct += ws.highestScore() == train.labels()[row] ? 1 : 0;
            }
            ws.packGradient(x, dx);
            double sum = 0;
            for (int i = 0; i < n; i++) {                             // in meanLossAndAccuracy's order
                sum += ws.pointLoss[i];
            }
            double penalty = penalty(x);
            return new GradientAndEvaluation(dataLoss * scale + penalty,
                    evaluation(ws, new double[] {sum / n, (double) correct / n}, penalty));
        } finally {
            spare.set(ws);
        }
    }

    @Override
    public Evaluation evaluate(double[] x) {
        Workspace ws = acquire();
        try {
            ws.unpack(x);
            return evaluation(ws, ws.meanLossAndAccuracy(train), penalty(x));
        } finally {
            spare.set(ws);
        }
    }

    /** The evaluation from the training set's {mean loss, accuracy}: the validation set is evaluated in {@code ws}. */
    private Evaluation evaluation(Workspace ws, double[] onTrain, double penalty) {
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
        Workspace ws = acquire();
        try {
            ws.unpack(x);
            for (int i = 0; i < points.size(); i++) {
                classesOut[i] = ws.predicted(points, i);
            }
        } finally {
            spare.set(ws);
        }
    }

    /** {@code 0.5 * reg * Σ W²} over the weight matrices. */
    private double penalty(double[] x) {
        if (config.reg() == 0) {
            return 0;
        }
        double sum = 0;
        for (ParameterBlock block : layout) {
            if (block.weight()) {
                sum += Vectors.sumOfSquares(x, block.offset(), block.end());
            }
        }
        return 0.5 * config.reg() * sum;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("classes", classes);
        map.put("points_per_class", config.pointsPerClass());
        if (config.hasHiddenLayer()) {
            map.put("hidden", hidden);
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

    private Workspace acquire() {
        Workspace ws = spare.getAndSet(null);
        return ws != null ? ws : new Workspace();
    }

    /**
     * The network's weights unpacked into cache-friendly rows, the gradient being accumulated, and one sample's
     * activations. The output layer is kept transposed ({@code wOut[c]} = the weights into class {@code c}), so
     * every inner loop runs over a contiguous row. One thread uses a workspace at a time.
     */
    private final class Workspace {
        final double[][] w1 = new double[hidden > 0 ? dims : 0][hidden];
        final double[][] dw1 = new double[hidden > 0 ? dims : 0][hidden];
        final double[] b1 = new double[hidden];
        final double[] db1 = new double[hidden];
        final double[][] wOut = new double[classes][fanIn];
        final double[][] dwOut = new double[classes][fanIn];
        final double[] bOut = new double[classes];
        final double[] dbOut = new double[classes];
        final double[] input = new double[dims];
        final double[] act = new double[hidden];      // activations before dropout
        final double[] dropped = new double[hidden];  // activations after dropout
        final double[] gate = new double[hidden];     // d(input of the output layer) / d(pre-activation)
        final double[] dh = new double[hidden];
        final double[] scores = new double[classes];
        final double[] ds = new double[classes];
        /** Each training point's loss in the last {@link #gradientAndEvaluate}, by row. */
        final double[] pointLoss = new double[train.size()];

        void unpack(double[] x) {
            int outOffset = 0;
            if (hidden > 0) {
                for (int k = 0; k < dims; k++) {
                    System.arraycopy(x, k * hidden, w1[k], 0, hidden);
                }
                System.arraycopy(x, dims * hidden, b1, 0, hidden);
                outOffset = dims * hidden + hidden;
            }
            for (int k = 0; k < fanIn; k++) {
                for (int c = 0; c < classes; c++) {
                    wOut[c][k] = x[outOffset + k * classes + c];
                }
            }
            System.arraycopy(x, outOffset + fanIn * classes, bOut, 0, classes);
        }

        void clearGradients() {
            for (double[] row : dw1) {
                Arrays.fill(row, 0);
            }
            Arrays.fill(db1, 0);
            for (double[] row : dwOut) {
                Arrays.fill(row, 0);
            }
            Arrays.fill(dbOut, 0);
        }

        /** Writes the accumulated gradient plus the L2 term {@code reg * W} into {@code dx}, in the flat layout. */
        void packGradient(double[] x, double[] dx) {
            double reg = config.reg();
            int outOffset = 0;
            if (hidden > 0) {
                for (int k = 0; k < dims; k++) {
                    for (int j = 0; j < hidden; j++) {
                        int i = k * hidden + j;
                        dx[i] = dw1[k][j] + reg * x[i];
                    }
                }
                System.arraycopy(db1, 0, dx, dims * hidden, hidden);
                outOffset = dims * hidden + hidden;
            }
            for (int k = 0; k < fanIn; k++) {
                for (int c = 0; c < classes; c++) {
                    int i = outOffset + k * classes + c;
                    dx[i] = dwOut[c][k] + reg * x[i];
                }
            }
            System.arraycopy(dbOut, 0, dx, outOffset + fanIn * classes, classes);
        }

        /**
         * The forward pass of point {@code i}: fills {@link #scores} and returns the input of the output layer
         * (the hidden activations after dropout, or the point's features). In training ({@code training}) it also
         * fills {@link #gate}, the derivative of that input by the hidden pre-activations: the activation's
         * derivative times the dropout mask; {@code masks} draws the mask, or is null without dropout.
         */
        double[] forward(LabeledPoints points, int i, boolean training, SplittableRandom masks) {
            if (hidden == 0) {
                System.arraycopy(points.x(), i * dims, input, 0, dims);
                return scores(input);
            }
            if (dims == 2) {                                          // the spiral's plane, unrolled
                double x0 = points.x()[i * 2];
                double x1 = points.x()[i * 2 + 1];
                double[] w10 = w1[0];
                double[] w11 = w1[1];
                for (int j = 0; j < hidden; j++) {
                    act[j] = b1[j] + x0 * w10[j] + x1 * w11[j];        // act = b1 + x_i W1
                }
            } else {
                System.arraycopy(b1, 0, act, 0, hidden);
                for (int k = 0; k < dims; k++) {
                    Vectors.axpy(points.x()[i * dims + k], w1[k], act, hidden);   // the same sum, feature by feature
                }
            }
            config.activation().applyInPlace(act, hidden);
            if (!training) {
                return scores(act);
            }
            config.activation().derivativeFromOutput(act, gate, hidden);
            if (masks == null) {
                return scores(act);
            }
            double p = config.dropout();
            double keep = 1 / (1 - p);
            for (int j = 0; j < hidden; j++) {                       // inverted dropout: drop with p, scale the rest
                double mask = masks.nextDouble() < p ? 0 : keep;
                dropped[j] = act[j] * mask;
                gate[j] *= mask;
            }
            return scores(dropped);
        }

        /** {@code scores = in W_out + b_out}, three classes per pass over {@code in}; returns {@code in}. */
        private double[] scores(double[] in) {
            int c = 0;
            for (; c + 2 < classes; c += 3) {
                Vectors.dot3(in, wOut[c], wOut[c + 1], wOut[c + 2], fanIn, scores, c);
            }
            for (; c < classes; c++) {
                scores[c] = Vectors.dot(in, wOut[c], fanIn);
            }
            for (c = 0; c < classes; c++) {
                scores[c] += bOut[c];
            }
            return in;
        }

        /** Softmax of {@link #scores} into {@link #ds}; returns the cross-entropy loss of class {@code label}. */
        double softmaxLoss(int label) {
            double max = scores[0];
            for (int c = 1; c < classes; c++) {
                max = Math.max(max, scores[c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                ds[c] = Math.exp(scores[c] - max);
                sum += ds[c];
            }
            for (int c = 0; c < classes; c++) {
                ds[c] /= sum;                                         // probabilities
            }
            return Math.log(sum) - (scores[label] - max);             // -log p[label]
        }

        /** Forward and backward pass of training point {@code i}; adds {@code scale} times its gradient. */
        double lossAndBackward(LabeledPoints points, int i, double scale, SplittableRandom masks) {
            double[] in = forward(points, i, true, masks);
            int label = points.labels()[i];
            double loss = softmaxLoss(label);
            ds[label] -= 1;                                           // dscores = probs - onehot
            for (int c = 0; c < classes; c++) {
                ds[c] *= scale;                                       // of the mean over the batch
                dbOut[c] += ds[c];
                Vectors.axpy(ds[c], in, dwOut[c], fanIn);            // dW2 += h^T dscores
            }
            if (hidden == 0) {
                return loss;
            }
            double[] w = wOut[0];                                     // dh = dscores W2^T
            double d = ds[0];
            for (int j = 0; j < hidden; j++) {
                dh[j] = d * w[j];
            }
            for (int c = 1; c < classes; c++) {
                Vectors.axpy(ds[c], wOut[c], dh, hidden);
            }
            for (int j = 0; j < hidden; j++) {
                dh[j] *= gate[j];                                     // g: through dropout and the nonlinearity
                db1[j] += dh[j];                                      // db1 += g
            }
            for (int k = 0; k < dims; k++) {
                Vectors.axpy(points.x()[i * dims + k], dh, dw1[k], hidden);   // dW1 += x_i^T g
            }
            return loss;
        }

        /** {mean cross-entropy, accuracy} of the network, without dropout, over {@code points}. */
        double[] meanLossAndAccuracy(LabeledPoints points) {
            int n = points.size();
            double loss = 0;
            int correct = 0;
            for (int i = 0; i < n; i++) {
                int label = points.labels()[i];
                correct += predicted(points, i) == label ? 1 : 0;
                loss += softmaxLoss(label);
            }
            return new double[] {loss / n, (double) correct / n};
        }

        /** The forward pass of point {@code i} without dropout; returns the class of the highest score (the first on a tie). */
        int predicted(LabeledPoints points, int i) {
            forward(points, i, false, null);
            return highestScore();
        }

        /** The class of the highest of {@link #scores} (the first on a tie). */
        int highestScore() {
            int predicted = 0;
            for (int c = 1; c < classes; c++) {
                if (scores[c] > scores[predicted]) {
                    predicted = c;
                }
            }
            return predicted;
        }
    }
}

package org.optimizerlab.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.problem.Batch;

/**
 * A classifier of the {@link Spiral} data set: {@code softmax-spiral}, a linear softmax classifier
 * ({@code scores = X W + b}), or {@code mlp-spiral}, a network of one to {@value SpiralConfig#MAX_DEPTH} hidden layers
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

    private final SpiralConfig config;
    private final long seed;
    private final LabeledPoints train;
    private final LabeledPoints validation;
    private final DenseNetwork network;
    private final double[] start;

    /** Generates the data of {@code config} and its initial weights from {@code seed}. */
    public SpiralClassifier(SpiralConfig config, long seed) {
        this(config, spiral(config, seed), seed);
    }

    /**
     * The same network on given points of any dimension (an instructor's data set): {@code split} is
     * {training, validation}, labels in {@code 0..config.classes()-1}; only the network fields of {@code config}
     * ({@code hidden}, {@code activation}, {@code reg}, {@code dropout}, {@code init}) apply to it. Initial weights
     * and dropout masks come from {@code seed}.
     */
    public SpiralClassifier(SpiralConfig config, LabeledPoints[] split, long seed) {
        this.config = config;
        this.seed = seed;
        this.train = split[0];
        this.validation = split[1];
        this.network = new DenseNetwork(train.dims(), config.hidden(), config.activation(), config.classes());
        this.start = network.initialParameters(config.init(), seed);
    }

    /** The spiral data set of {@code config}, split into {training, validation}, from {@code seed}'s data stream. */
    private static LabeledPoints[] spiral(SpiralConfig config, long seed) {
        SplittableRandom data = RandomStream.DATA.of(seed);
        LabeledPoints all = Spiral.generate(config.classes(), config.pointsPerClass(), data);
        return Spiral.split(all, config.classes(), config.pointsPerClass(), config.validation(), data);
    }

    /** The spec fields this problem was made from. */
    public SpiralConfig config() {
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
            double dataLoss = ws.lossAndBackward(train, rows, m, scale, masks, config.dropout(), false);
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
            double dataLoss = ws.lossAndBackward(train, rows, n, scale, null, 0, true);
            int correct = ws.correct();
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
        LabeledPoints points = new LabeledPoints(xy, new int[xy.length / Spiral.DIMS], Spiral.DIMS);
        DenseNetwork.Workspace ws = network.acquire();
        try {
            ws.unpack(x);
            ws.predictAll(points, classesOut);
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

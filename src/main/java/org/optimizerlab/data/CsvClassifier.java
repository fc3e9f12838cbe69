package org.optimizerlab.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.train.Activation;
import org.optimizerlab.train.Evaluation;
import org.optimizerlab.train.LabeledPoints;
import org.optimizerlab.train.ParameterBlock;
import org.optimizerlab.train.RandomStream;
import org.optimizerlab.train.SpiralClassifier;
import org.optimizerlab.train.SpiralConfig;
import org.optimizerlab.train.TrainingProblem;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.Quote;

/**
 * The problem {@code csv} with {@code task: classification}: the training problems' own network (a softmax
 * classifier, or with {@code hidden} widths a network of one to four hidden layers; {@link SpiralClassifier}) on an
 * instructor's CSV table instead of the spiral, so every optimizer, schedule and minibatch size works on it unchanged. The rows of
 * each class are split into training and validation at random from the seed (stratified: {@code round(count *
 * validation)} of each class held out).
 */
public final class CsvClassifier implements TrainingProblem {

    /** The spec fields besides the network's. */
    public record Source(String file, String label) {
    }

    private final Source source;
    private final CsvTable table;
    private final long seed;
    private final SpiralClassifier network;

    /**
     * The network of {@code config} (its {@code classes} must be the table's; {@code pointsPerClass} is set from
     * the table) on {@code table}, split and initialized from {@code seed}.
     */
    public CsvClassifier(Source source, CsvTable table, List<Integer> hidden, Activation activation, double reg, double dropout,
                         Initialization init, double validation, long seed) {
        this.source = source;
        this.table = table;
        this.seed = seed;
        int classes = table.classes().size();
        int[] counts = new int[classes];
        for (int label : table.labels()) {
            counts[label]++;
        }
        int largest = 0;
        for (int c = 0; c < classes; c++) {
            if (Math.round(counts[c] * validation) >= counts[c]) {
                throw new FieldException("validation", "must leave at least one training row of class "
                        + Quote.of(table.classes().get(c)) + " (" + counts[c] + " row(s)), got " + validation);
            }
            largest = Math.max(largest, counts[c]);
        }
        SpiralConfig config = new SpiralConfig(classes, Math.max(2, largest), hidden, activation,
                reg, dropout, init, validation);
        this.network = new SpiralClassifier(config, split(table, counts, validation, seed), seed);
    }

    /** {training, validation}: of each class, {@code round(count * validation)} rows drawn at random are held out. */
    static LabeledPoints[] split(CsvTable table, int[] counts, double validation, long seed) {
        SplittableRandom random = RandomStream.DATA.of(seed);
        int dims = table.features().size();
        List<Integer> trainRows = new ArrayList<>();
        List<Integer> heldRows = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            List<Integer> rows = new ArrayList<>();
            for (int r = 0; r < table.rows(); r++) {
                if (table.labels()[r] == c) {
                    rows.add(r);
                }
            }
            int held = (int) Math.round(counts[c] * validation);
            for (int i = 0; i < held; i++) {                          // the first `held` of a shuffle
                int k = i + random.nextInt(rows.size() - i);
                Integer swap = rows.get(i);
                rows.set(i, rows.get(k));
                rows.set(k, swap);
            }
            heldRows.addAll(rows.subList(0, held));
            trainRows.addAll(rows.subList(held, rows.size()));
        }
        trainRows.sort(null);                                         // file order within each part
        heldRows.sort(null);
        return new LabeledPoints[] {points(table, trainRows, dims), points(table, heldRows, dims)};
    }

    private static LabeledPoints points(CsvTable table, List<Integer> rows, int dims) {
        double[] x = new double[rows.size() * dims];
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(table.x(), rows.get(i) * dims, x, i * dims, dims);
            labels[i] = table.labels()[rows.get(i)];
        }
        return new LabeledPoints(x, labels, dims);
    }

    /** The network's configuration ({@code classes} and {@code pointsPerClass} set from the table). */
    public SpiralConfig config() {
        return network.config();
    }

    /**
     * The same table, split and start with another L2 strength and dropout probability (what a search varies; the
     * rules of {@link SpiralConfig} apply).
     */
    public CsvClassifier withRegularization(double reg, double dropout) {
        SpiralConfig config = network.config();
        return new CsvClassifier(source, table, config.hidden(), config.activation(), reg, dropout, config.init(),
                config.validation(), seed);
    }

    /** The table read from the file. */
    public CsvTable table() {
        return table;
    }

    /** The training rows (not a copy: do not change). */
    public LabeledPoints trainingPoints() {
        return network.trainingPoints();
    }

    /** The validation rows (not a copy: do not change). */
    public LabeledPoints validationPoints() {
        return network.validationPoints();
    }

    @Override
    public String type() {
        return "csv";
    }

    @Override
    public int dimension() {
        return network.dimension();
    }

    @Override
    public int trainingSetSize() {
        return network.trainingSetSize();
    }

    @Override
    public double[] defaultStart() {
        return network.defaultStart();
    }

    @Override
    public double loss(double[] x) {
        return network.loss(x);
    }

    @Override
    public double gradient(double[] x, Batch batch, double[] dx) {
        return network.gradient(x, batch, dx);
    }

    @Override
    public List<ParameterBlock> layout() {
        return network.layout();
    }

    @Override
    public Evaluation evaluate(double[] x) {
        return network.evaluate(x);
    }

    @Override
    public GradientAndEvaluation gradientAndEvaluate(double[] x, Batch batch, double[] dx) {
        return network.gradientAndEvaluate(x, batch, dx);
    }

    @Override
    public Map<String, Object> parameters() {
        SpiralConfig config = network.config();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("file", source.file());
        map.put("task", "classification");
        map.put("label", table.label());
        map.put("hidden", config.hasHiddenLayer() ? config.hiddenSpecValue() : 0);
        if (config.hasHiddenLayer()) {
            map.put("activation", config.activation().specName());
            map.put("dropout", config.dropout());
        }
        map.put("reg", config.reg());
        map.put("init", config.init().weights().specName());
        map.put("bias_init", config.init().bias());
        map.put("validation", config.validation());
        return map;
    }
}

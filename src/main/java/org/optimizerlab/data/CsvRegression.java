package org.optimizerlab.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.train.Evaluation;
import org.optimizerlab.train.LeastSquares;
import org.optimizerlab.train.ParameterBlock;
import org.optimizerlab.train.RandomStream;
import org.optimizerlab.train.TrainingProblem;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * The problem {@code csv} with {@code task: regression}: a linear model with an intercept,
 * {@code ŷ = x · w + b}, fitted to a numeric target column by least squares: the model and loss of
 * {@code linear-regression} ({@link LeastSquares}, each row with a column of ones for {@code b}). The features are
 * used as the file gives them (not standardized, as for classification). The rows are split into training and
 * validation at random from the seed: {@code round(rows * validation)} held out. The runs start at zero.
 */
public final class CsvRegression implements TrainingProblem {

    /** The largest validation fraction. */
    public static final double MAX_VALIDATION = 0.9;

    /** The spec fields that name the data: the file and its target column. */
    public record Source(String file, String target) {
    }

    private final Source source;
    private final CsvTable table;
    private final double validation;
    private final int[] trainingRows;
    private final LeastSquares training;
    private final LeastSquares held;

    /** The table {@code table} (its label column holds the targets) split by {@code seed}. */
    public CsvRegression(Source source, CsvTable table, double validation, long seed) {
        if (table.classification()) {
            throw new IllegalArgumentException("a regression needs a table of numeric targets");
        }
        Check.inClosed("validation", validation, 0, MAX_VALIDATION);
        int rows = table.rows();
        int heldOut = (int) Math.round(rows * validation);
        if (heldOut >= rows) {
            throw new FieldException("validation", "must leave at least one training row (" + rows + " rows), got "
                    + validation);
        }
        this.source = source;
        this.table = table;
        this.validation = validation;
        int[] order = new int[rows];
        for (int r = 0; r < rows; r++) {
            order[r] = r;
        }
        SplittableRandom random = RandomStream.DATA.of(seed);
        for (int i = 0; i < heldOut; i++) {                       // the first `heldOut` of a shuffle
            int k = i + random.nextInt(rows - i);
            int swap = order[i];
            order[i] = order[k];
            order[k] = swap;
        }
        int[] heldRows = Arrays.copyOf(order, heldOut);
        int[] trainRows = Arrays.copyOfRange(order, heldOut, rows);
        Arrays.sort(heldRows);                          // file order within each part
        Arrays.sort(trainRows);
        this.trainingRows = trainRows;
        this.training = model(table, trainRows);
        this.held = model(table, heldRows);
    }

    /** The rows {@code rows} of {@code table}, each with a 1 appended (the intercept's column). */
    private static LeastSquares model(CsvTable table, int[] rows) {
        int d = table.features().size();
        double[] x = new double[rows.length * (d + 1)];
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(table.x(), rows[i] * d, x, i * (d + 1), d);
            x[i * (d + 1) + d] = 1;
            y[i] = table.targets()[rows[i]];
        }
        return new LeastSquares(x, y, d + 1);
    }

    /** The fraction of the rows held out for validation. */
    public double validation() {
        return validation;
    }

    /** The table read from the file. */
    public CsvTable table() {
        return table;
    }

    /** The file rows (0-based, in file order) used for training; the others are held out. */
    public int[] trainingRows() {
        return trainingRows.clone();
    }

    @Override
    public String type() {
        return "csv";
    }

    @Override
    public int dimension() {
        return training.columns();
    }

    @Override
    public int trainingSetSize() {
        return training.rows();
    }

    @Override
    public double[] defaultStart() {
        return new double[dimension()];
    }

    @Override
    public double loss(double[] x) {
        return training.meanSquaredError(x, null, null);
    }

    @Override
    public double gradient(double[] x, Batch batch, double[] dx) {
        return training.meanSquaredError(x, batch.indices(), dx);
    }

    @Override
    public List<ParameterBlock> layout() {
        int d = table.features().size();
        return List.of(new ParameterBlock("w", 0, 1, d, true), new ParameterBlock("b", d, 1, 1, false));
    }

    /** The training mean squared error and, with a split, the validation one (no accuracy: there are no classes). */
    @Override
    public Evaluation evaluate(double[] x) {
        OptionalDouble onValidation = held.rows() == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(held.meanSquaredError(x, null, null));
        return new Evaluation(loss(x), OptionalDouble.empty(), onValidation, OptionalDouble.empty());
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("file", source.file());
        map.put("task", "regression");
        map.put("target", table.label());
        map.put("validation", validation);
        return map;
    }
}

package org.optimizerlab.experiment;

import java.util.Arrays;
import java.util.List;
import org.optimizerlab.data.CsvClassifier;
import org.optimizerlab.data.CsvRegression;
import org.optimizerlab.data.CsvTable;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.problem.Beale;
import org.optimizerlab.problem.Himmelblau;
import org.optimizerlab.problem.Problem;
import org.optimizerlab.problem.Quadratic;
import org.optimizerlab.problem.Reddi;
import org.optimizerlab.problem.Rosenbrock;
import org.optimizerlab.problem.Saddle;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.init.WeightInit;
import org.optimizerlab.train.Activation;
import org.optimizerlab.train.LinearRegression;
import org.optimizerlab.train.SpiralClassifier;
import org.optimizerlab.train.SpiralConfig;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;

/** Reads the {@code problem} object of a spec into a {@link Problem}, with each problem's defaults. */
final class ProblemReader {

    /** Problems with a training set (minibatch SGD through the epoch loop). */
    static final List<String> TRAINING_PROBLEMS = List.of("linear-regression", "softmax-spiral", "mlp-spiral", "csv");
    /** Problem names, analytic functions first. */
    static final List<String> PROBLEMS = List.of("quadratic", "rosenbrock", "beale", "himmelblau", "saddle", "reddi",
            "linear-regression", "softmax-spiral", "mlp-spiral", "csv");

    private ProblemReader() {
    }

    /** Reads a problem whose data, if any, is generated (a {@code csv} problem is refused: there is no folder). */
    static Problem read(JsonFields p, long seed) {
        return read(p, seed, DataFolder.NONE);
    }

    /**
     * Reads {@code {"type": "quadratic", "a": 1, "b": 20}} and the like; {@code seed} feeds generated data and
     * splits a data file, which is read from {@code folder}.
     */
    static Problem read(JsonFields p, long seed, DataFolder folder) {
        String type = p.choice("type", PROBLEMS);
        Problem problem = switch (type) {
            case "quadratic" -> {
                double a = p.number("a", Quadratic.DEFAULT_A);
                double b = p.number("b", Quadratic.DEFAULT_B);
                yield p.within(() -> new Quadratic(a, b));
            }
            case "rosenbrock" -> new Rosenbrock();
            case "beale" -> new Beale();
            case "himmelblau" -> new Himmelblau();
            case "saddle" -> new Saddle();
            case "reddi" -> {
                double big = p.number("big", Reddi.DEFAULT_BIG);
                double small = p.number("small", Reddi.DEFAULT_SMALL);
                int period = (int) p.integer("period", 2, 1_000_000, Reddi.DEFAULT_PERIOD);
                yield p.within(() -> new Reddi(big, small, period));
            }
            case "linear-regression" -> {
                int n = (int) p.integer("n", 1, LinearRegression.Config.MAX_N, LinearRegression.Config.DEFAULT_N);
                int d = (int) p.integer("d", 1, LinearRegression.Config.MAX_D, LinearRegression.Config.DEFAULT_D);
                double noise = p.number("noise", LinearRegression.Config.DEFAULT_NOISE);
                yield p.within(() -> new LinearRegression(new LinearRegression.Config(n, d, noise), seed));
            }
            case "softmax-spiral", "mlp-spiral" -> readSpiral(p, type.equals("mlp-spiral"), seed);
            case "csv" -> readCsv(p, seed, folder);
            default -> throw new IllegalStateException("unreachable: " + type);
        };
        p.rejectUnknown();
        return problem;
    }

    /** The fields of {@code softmax-spiral} and, with a hidden layer, {@code mlp-spiral}. */
    private static SpiralClassifier readSpiral(JsonFields p, boolean mlp, long seed) {
        int classes = (int) p.integer("classes", 2, SpiralConfig.MAX_CLASSES,
                SpiralConfig.DEFAULT_CLASSES);
        int pointsPerClass = (int) p.integer("points_per_class", 2, SpiralConfig.MAX_POINTS,
                SpiralConfig.DEFAULT_POINTS_PER_CLASS);
        List<Integer> hidden = mlp ? readHidden(p, 1, SpiralConfig.DEFAULT_HIDDEN) : List.of();
        Activation activation = mlp ? Activation.of(p.choice("activation", Activation.NAMES, "relu")) : Activation.RELU;
        double reg = p.number("reg", SpiralConfig.DEFAULT_REG);
        double dropout = mlp ? p.number("dropout", SpiralConfig.DEFAULT_DROPOUT) : 0;
        Initialization init = readInitialization(p);
        double validation = p.number("validation", SpiralConfig.DEFAULT_VALIDATION);
        return p.within(() -> new SpiralClassifier(new SpiralConfig(classes, pointsPerClass, hidden,
                activation, reg, dropout, init, validation), seed));
    }

    /** The fields of a {@code csv} problem of {@code task: classification} only (the network's and its label). */
    private static final List<String> CLASSIFICATION_FIELDS = List.of("label", "hidden", "activation", "reg",
            "dropout", "init", "bias_init");

    /**
     * {@code {"type": "csv", "file": "iris.csv", "task": "classification", "label": "species", "hidden": 0, ...}}:
     * an instructor's table from {@code folder}, with the network fields of {@code mlp-spiral} ({@code hidden} 0 is
     * the softmax classifier, the default); or {@code {"type": "csv", "file": "f.csv", "task": "regression",
     * "target": "y", "validation": 0.2}}: a linear least-squares fit of a numeric column.
     */
    private static Problem readCsv(JsonFields p, long seed, DataFolder folder) {
        String file = p.text("file");
        String task = p.choice("task", List.of("classification", "regression"), "classification");
        if (task.equals("regression")) {
            return readCsvRegression(p, seed, folder, file);
        }
        if (p.contains("target")) {
            throw new FieldException(p.path("target"), "names the column of a regression (task: regression); a "
                    + "classification names its class column with label");
        }
        String label = p.has("label") ? p.text("label") : null;
        List<Integer> hidden = readHidden(p, 0, 0);
        Activation activation = Activation.of(p.choice("activation", Activation.NAMES, "relu"));
        double reg = p.number("reg", SpiralConfig.DEFAULT_REG);
        double dropout = p.number("dropout", SpiralConfig.DEFAULT_DROPOUT);
        Initialization init = readInitialization(p);
        double validation = p.number("validation", SpiralConfig.DEFAULT_VALIDATION);
        CsvTable table = folder.table(p.path("file"), file, label, task.equals("classification"));
        return p.within(() -> new CsvClassifier(new CsvClassifier.Source(file, table.label()), table, hidden,
                activation, reg, dropout, init, validation, seed));
    }

    /** A linear regression on a table's numeric {@code target} column (the last column by default). */
    private static Problem readCsvRegression(JsonFields p, long seed, DataFolder folder, String file) {
        for (String field : CLASSIFICATION_FIELDS) {
            if (p.contains(field)) {
                throw new FieldException(p.path(field), "is a field of task classification; a regression is a "
                        + "linear model with fields file, task, target, validation"
                        + (field.equals("label") ? " (name its column with target)" : ""));
            }
        }
        String target = p.has("target") ? p.text("target") : null;
        double validation = p.number("validation", SpiralConfig.DEFAULT_VALIDATION);
        CsvTable table = folder.table(p.path("file"), file, target, false);
        return p.within(() -> new CsvRegression(new CsvRegression.Source(file, table.label()), table, validation,
                seed));
    }

    /**
     * The field {@code hidden} of a network problem: a number (one hidden layer of that many units; {@code 0}, where
     * {@code least} allows it, none) or a list of 1 to {@value SpiralConfig#MAX_DEPTH} widths, one per
     * hidden layer, each {@code 1..}{@value SpiralConfig#MAX_HIDDEN}; {@code fallback} when absent.
     */
    static List<Integer> readHidden(JsonFields p, int least, int fallback) {
        if (p.isArray("hidden")) {
            long[] widths = p.integers("hidden", 1, SpiralConfig.MAX_DEPTH, 1,
                    SpiralConfig.MAX_HIDDEN);
            return Arrays.stream(widths).mapToObj(w -> (int) w).toList();
        }
        int width = (int) p.integer("hidden", least, SpiralConfig.MAX_HIDDEN, fallback);
        return width == 0 ? List.of() : List.of(width);
    }

    /** The fields {@code init} (weight rule) and {@code bias_init} (bias constant) of a network problem. */
    static Initialization readInitialization(JsonFields p) {
        WeightInit weights = WeightInit.of(p.choice("init", WeightInit.NAMES,
                Initialization.DEFAULT_WEIGHTS.specName()));
        double bias = p.number("bias_init", Initialization.DEFAULT_BIAS);
        return p.within(() -> new Initialization(weights, bias));
    }
}

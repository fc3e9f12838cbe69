package org.optimizerlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.GradientEstimateReader;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.train.Evaluation;
import org.optimizerlab.train.GradientCheck;
import org.optimizerlab.train.GradientEstimate;
import org.optimizerlab.validation.FieldException;

/**
 * The {@code csv} problem with {@code task: regression} on a table in the test resources (40 rows, 3 features,
 * a price): its gradient against finite differences, the optimum an optimizer reaches against the least-squares
 * solution of the normal equations computed here from the file's own text, the split by the seed, and the errors.
 */
class CsvRegressionTest {

    private static final String TABLE;

    static {
        try (InputStream in = CsvRegressionTest.class.getResourceAsStream("/data/regression.csv")) {
            TABLE = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @TempDir
    Path folder;

    @BeforeEach
    void writeTable() throws IOException {
        Files.writeString(folder.resolve("houses.csv"), TABLE);
    }

    private Experiment read(String problem, String rest) {
        return new SpecReader(Limits.DEFAULT, DataFolder.of(folder)).read("{\"problem\": " + problem + ", " + rest
                + "}");
    }

    private String specError(String problem) {
        try {
            read(problem, "\"steps\": 3, \"runs\": [{\"id\": \"a\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}]");
        } catch (FieldException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a refusal of " + problem);
    }

    private static CsvRegression regression(double validation, long seed) {
        return new CsvRegression(new CsvRegression.Source("houses.csv", "price"),
                CsvTable.parse("problem.file", "houses.csv", TABLE, null, false), validation, seed);
    }

    @Test
    void theGradientMatchesFiniteDifferences() {
        CsvRegression problem = regression(0.25, 1);
        assertThat(problem.dimension()).as("three weights and the intercept").isEqualTo(4);
        assertThat(problem.layout()).extracting(b -> b.name() + ":" + b.size()).containsExactly("w:3", "b:1");
        SplittableRandom random = new SplittableRandom(5);
        double[] x = new double[4];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        GradientCheck.assertGradientMatches(problem, x, new Batch(2, 0, new int[] {0, 4, 4, 17, 29}));
        GradientCheck.assertGradientMatches(problem, x, new Batch(0, 0, null));
    }

    @Test
    void enoughStepsReachTheLeastSquaresSolutionOfTheNormalEquations() {
        Experiment experiment = read("{\"type\": \"csv\", \"file\": \"houses.csv\", \"task\": \"regression\", "
                + "\"target\": \"price\", \"validation\": 0.25}", "\"seed\": 4, \"steps\": 3000, \"runs\": [{\"id\": "
                + "\"m\", \"optimizer\": {\"type\": \"momentum\", \"lr\": 0.1, \"mu\": 0.9}}]");
        CsvRegression problem = (CsvRegression) experiment.problem();
        assertThat(problem.trainingSetSize()).isEqualTo(30);
        ExperimentRunner runner = new ExperimentRunner(experiment);
        StepRecord last = null;
        for (List<StepRecord> records = runner.advance(); !records.isEmpty(); records = runner.advance()) {
            last = records.get(records.size() - 1);
        }
        double[] fitted = last.params();
        // the normal equations (XᵀX) β = Xᵀy over the training rows, X with a column of ones, from the file's text
        List<String> lines = TABLE.lines().skip(1).toList();
        double[][] normal = new double[4][5];
        for (int row : problem.trainingRows()) {
            String[] cells = lines.get(row).split(",");
            double[] x = {Double.parseDouble(cells[0]), Double.parseDouble(cells[1]), Double.parseDouble(cells[2]), 1};
            double y = Double.parseDouble(cells[3]);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    normal[i][j] += x[i] * x[j];
                }
                normal[i][4] += x[i] * y;
            }
        }
        double[] beta = solve(normal);
        assertThat(beta[0]).as("the table was made with 1.5 size - 2 age + 0.5 rooms + 3").isCloseTo(1.5, within(0.2));
        for (int i = 0; i < 4; i++) {
            assertThat(fitted[i]).as("parameter " + i).isCloseTo(beta[i], within(1e-9));
        }
        Evaluation evaluation = last.evaluation().orElseThrow();
        assertThat(evaluation.trainLoss()).isCloseTo(problem.loss(beta), within(1e-12));
        assertThat(evaluation.validationLoss().orElseThrow()).as("the 10 held-out rows' mean squared error")
                .isBetween(0.0, 1.0);
        assertThat(evaluation.trainAccuracy()).isEmpty();
        assertThat(evaluation.validationAccuracy()).isEmpty();
    }

    /** Gauss-Jordan elimination with partial pivoting of the augmented system {@code m} (n rows of n + 1). */
    private static double[] solve(double[][] m) {
        int n = m.length;
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] swap = m[c];
            m[c] = m[pivot];
            m[pivot] = swap;
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k <= n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }

    @Test
    void aGradientEstimateOnTheTableShrinksLikeOneOverSqrtK() {
        GradientEstimate estimate = GradientEstimateReader.read(SpecReader.parse("{\"problem\": {\"type\": \"csv\", "
                + "\"file\": \"houses.csv\", \"task\": \"regression\"}, \"seed\": 2, \"batch_size\": 4, "
                + "\"ks\": [1, 4, 16, 64, 256], \"repeats\": 200, \"at\": [0.5, 0, -1, 1]}"), DataFolder.of(folder));
        double[] error = estimate.compute().meanError();
        for (int i = 1; i < error.length; i++) {
            assertThat(error[i - 1] / error[i]).as("K index " + i).isBetween(1.6, 2.5);
        }
        assertThat(error[4]).isLessThan(error[0] / 12);
        assertThatThrownBy(() -> GradientEstimateReader.read(SpecReader.parse("{\"problem\": {\"type\": \"csv\", "
                + "\"file\": \"houses.csv\", \"task\": \"regression\"}}"))).hasMessageStartingWith("problem.file: "
                + "this spec has no folder to read data files from");
    }

    @Test
    void theSplitIsChosenByTheSeed() {
        CsvRegression a = regression(0.25, 1);
        assertThat(a.trainingSetSize()).isEqualTo(30);
        assertThat(regression(0.25, 1).trainingRows()).containsExactly(a.trainingRows());
        assertThat(regression(0.25, 2).trainingRows()).isNotEqualTo(a.trainingRows());
        assertThat(regression(0, 1).trainingSetSize()).isEqualTo(40);
        assertThat(regression(0, 1).evaluate(new double[4]).validationLoss()).isEmpty();
        assertThat(a.parameters()).containsEntry("task", "regression").containsEntry("target", "price")
                .containsEntry("validation", 0.25);
    }

    @Test
    void errorsNameTheFieldAndForTheFileItsLineAndColumn() throws IOException {
        Files.writeString(folder.resolve("bad.csv"), "a,b,y\n1,2,3.5\n3,4,n/a\n");
        assertThat(specError("{\"type\": \"csv\", \"file\": \"bad.csv\", \"task\": \"regression\"}"))
                .isEqualTo("problem.file: bad.csv, line 3, column 3 (y): 'n/a' is not a number");
        assertThat(specError("{\"type\": \"csv\", \"file\": \"bad.csv\", \"task\": \"regression\", \"target\": \"a\"}"))
                .as("the target may be any column").isEqualTo("problem.file: bad.csv, line 3, column 3 (y): 'n/a' is "
                        + "not a number");
        assertThat(specError("{\"type\": \"csv\", \"file\": \"houses.csv\", \"task\": \"regression\", "
                + "\"target\": \"cost\"}")).isEqualTo("problem.file: houses.csv: no column 'cost' in the header; "
                + "columns: size, age, rooms, price");
        assertThat(specError("{\"type\": \"csv\", \"file\": \"houses.csv\", \"task\": \"regression\", "
                + "\"label\": \"price\"}")).isEqualTo("problem.label: is a field of task classification; a regression "
                + "is a linear model with fields file, task, target, validation (name its column with target)");
        assertThat(specError("{\"type\": \"csv\", \"file\": \"houses.csv\", \"task\": \"regression\", "
                + "\"hidden\": 5}")).startsWith("problem.hidden: is a field of task classification");
        assertThat(specError("{\"type\": \"csv\", \"file\": \"houses.csv\", \"target\": \"price\"}"))
                .isEqualTo("problem.target: names the column of a regression (task: regression); a classification "
                        + "names its class column with label");
        assertThat(specError("{\"type\": \"csv\", \"file\": \"houses.csv\", \"task\": \"regression\", "
                + "\"validation\": 0.95}")).isEqualTo("problem.validation: must be in [0, 0.9], got 0.95");
        assertThat(specError("{\"type\": \"csv\", \"file\": \"houses.csv\", \"task\": \"regression\", "
                + "\"colour\": 1}")).isEqualTo("problem.colour: unknown field; allowed: type, file, task, target, "
                + "validation");
        Files.writeString(folder.resolve("two.csv"), "a,y\n1,2\n3,4\n");
        assertThat(specError("{\"type\": \"csv\", \"file\": \"two.csv\", \"task\": \"regression\", "
                + "\"validation\": 0.8}")).isEqualTo("problem.validation: must leave at least one training row "
                + "(2 rows), got 0.8");
    }
}

package org.optimizerlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.init.WeightInit;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.train.Activation;
import org.optimizerlab.train.GradientCheck;
import org.optimizerlab.train.LabeledPoints;

/**
 * The {@code csv} problem: its gradient against finite differences (any number of features, with and without a
 * hidden layer and dropout), the split by the seed, the spec's errors, and a whole run on the shipped Iris data.
 */
class CsvClassifierTest {

    static final Path IRIS = Path.of("examples", "iris");

    @TempDir
    Path folder;

    /** 60 rows of 5 random features in 3 classes. */
    private static CsvTable table(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("f1,f2,f3,f4,f5,class\n");
        for (int r = 0; r < 60; r++) {
            for (int f = 0; f < 5; f++) {
                csv.append(random.nextGaussian()).append(',');
            }
            csv.append("c").append(r % 3).append('\n');
        }
        return CsvTable.parse("problem.file", "t.csv", csv.toString(), null, true);
    }

    private static double[] near(double[] start, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = start.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.5 * random.nextGaussian();
        }
        return x;
    }

    private static CsvClassifier classifier(int hidden, double dropout, long seed) {
        return new CsvClassifier(new CsvClassifier.Source("t.csv", "class"), table(3),
                hidden == 0 ? List.of() : List.of(hidden), Activation.TANH, 0.01,
                dropout, new Initialization(WeightInit.XAVIER, 0.01), 0.25, seed);
    }

    @Test
    void theGradientMatchesFiniteDifferencesOnFiveFeatures() {
        Batch batch = new Batch(4, 0, new int[] {0, 3, 7, 7, 20, 44});
        for (int hidden : new int[] {0, 1, 7}) {
            CsvClassifier problem = classifier(hidden, 0, 1);
            assertThat(problem.dimension()).isEqualTo(hidden == 0 ? 5 * 3 + 3 : 5 * hidden + hidden + hidden * 3 + 3);
            GradientCheck.assertGradientMatches(problem, near(problem.defaultStart(), 2), batch);
            GradientCheck.assertGradientMatches(problem, near(problem.defaultStart(), 3), new Batch(0, 0, null));
        }
        CsvClassifier dropped = classifier(6, 0.3, 1);                // the masks of update 4, fixed by the seed
        GradientCheck.assertGradientMatches(dropped, near(dropped.defaultStart(), 4), batch);
    }

    @Test
    void theSplitIsStratifiedAndChosenByTheSeed() {
        CsvClassifier a = classifier(0, 0, 1);
        assertThat(a.trainingSetSize()).isEqualTo(45);                // 5 of each class's 20 rows held out
        assertThat(a.validationPoints().size()).isEqualTo(15);
        int[] held = new int[3];
        for (int label : a.validationPoints().labels()) {
            held[label]++;
        }
        assertThat(held).containsExactly(5, 5, 5);
        LabeledPoints same = classifier(0, 0, 1).validationPoints();
        LabeledPoints other = classifier(0, 0, 2).validationPoints();
        assertThat(same.x()).containsExactly(a.validationPoints().x());
        assertThat(other.x()).isNotEqualTo(a.validationPoints().x());
        assertThatThrownBy(() -> new CsvClassifier(new CsvClassifier.Source("t", "k"),
                CsvTable.parse("problem.file", "t", "a,k\n1,x\n2,x\n3,y\n", null, true), List.of(), Activation.RELU, 0, 0,
                new Initialization(WeightInit.SMALL, 0), 0.5, 1))
                .hasMessage("validation: must leave at least one training row of class 'y' (1 row(s)), got 0.5");
    }

    private String specError(String problem) {
        try {
            new SpecReader(Limits.DEFAULT, DataFolder.of(folder)).read("{\"problem\": " + problem
                    + ", \"steps\": 3, \"runs\": [{\"id\": \"a\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}]}");
        } catch (org.optimizerlab.validation.FieldException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a refusal of " + problem);
    }

    @Test
    void specErrorsNameTheFieldAndForADataFileItsLineAndColumn() throws IOException {
        Files.writeString(folder.resolve("bad.csv"), "a,b,label\n1,2,x\n3,oops,y\n");
        assertThat(specError("{\"type\": \"csv\", \"file\": \"bad.csv\"}"))
                .isEqualTo("problem.file: bad.csv, line 3, column 2 (b): 'oops' is not a number");
        assertThat(specError("{\"type\": \"csv\", \"file\": \"../bad.csv\"}"))
                .startsWith("problem.file: must stay inside the lesson folder");
        assertThat(specError("{\"type\": \"csv\"}")).isEqualTo("problem.file: is required");
        assertThat(specError("{\"type\": \"csv\", \"file\": \"bad.csv\", \"task\": \"clustering\"}"))
                .isEqualTo("problem.task: must be one of classification, regression; got 'clustering'");
        Files.writeString(folder.resolve("ok.csv"), "a,label\n1,x\n2,y\n3,x\n4,y\n");
        assertThat(specError("{\"type\": \"csv\", \"file\": \"ok.csv\", \"dropout\": 0.5}"))
                .isEqualTo("problem.dropout: needs a hidden layer");
        assertThat(specError("{\"type\": \"csv\", \"file\": \"ok.csv\", \"colour\": 1}"))
                .startsWith("problem.colour: unknown field; allowed: type, file, task, label, hidden");
        assertThatThrownBy(() -> new SpecReader(Limits.DEFAULT).read("{\"problem\": {\"type\": \"csv\", \"file\": "
                + "\"ok.csv\"}, \"steps\": 3, \"runs\": [{\"id\": \"a\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}]}"))
                .hasMessageStartingWith("problem.file: this spec has no folder to read data files from");
    }

    @Test
    void theShippedIrisExampleTrainsToHighValidationAccuracy() throws IOException {
        String spec = Files.readString(IRIS.resolve("iris-softmax.json"));
        Experiment experiment = new SpecReader(Limits.DEFAULT, DataFolder.of(IRIS.toAbsolutePath())).read(spec);
        CsvClassifier iris = (CsvClassifier) experiment.problem();
        assertThat(iris.table().rows()).isEqualTo(150);
        assertThat(iris.table().classes()).containsExactly("Iris-setosa", "Iris-versicolor", "Iris-virginica");
        assertThat(iris.trainingSetSize()).isEqualTo(120);
        ExperimentRunner runner = new ExperimentRunner(experiment);
        StepRecord last = null;
        for (var records = runner.advance(); !records.isEmpty(); records = runner.advance()) {
            last = records.get(records.size() - 1);
        }
        assertThat(last).isNotNull();
        assertThat(last.step()).isEqualTo(experiment.steps());
        assertThat(last.evaluation().orElseThrow().validationAccuracy().orElseThrow()).isGreaterThanOrEqualTo(0.9);
    }
}

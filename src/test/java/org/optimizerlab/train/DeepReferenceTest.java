package org.optimizerlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.optim.ReferenceFiles;
import org.optimizerlab.optim.RelativeDifference;
import org.optimizerlab.optim.WorstDifference;

/**
 * Networks of two to four hidden layers trained by the engine against golden runs of an independent numpy
 * implementation in float64 ({@code tools/reference/deep_reference.py}: the network, its backpropagation by matrix
 * products and torch.optim's update rules written from the formulas). Both start from the engine's seeded weights
 * and train on its data in its minibatch order, which the golden files hold ({@link DeepReferenceInput} exports
 * them; this test first checks they are still what the engine starts from). Then every update's batch loss and
 * gradient norm and each epoch's training and validation loss must agree to a relative difference of at most
 * {@value #LOSS_TOLERANCE}, each epoch's accuracies exactly, and all parameters after the first, the middle and the
 * last update to a {@link RelativeDifference} (with its {@link RelativeDifference#PARAMS} floor) of at most
 * {@value #PARAMS_TOLERANCE}, the bound of the torch reference tests.
 *
 * <p>Why the parameters' bound is looser: the two sides sum in different orders (sample by sample against matrix
 * products), so they differ by round-off from the first update, and training amplifies it; the script keeps only
 * cases in which a relative change of 1e-10 in the start grows by at most 1e4, so round-off of a few 1e-16 may
 * legitimately reach a few 1e-12 on a small parameter. Any error in the arithmetic (a sign, a missing term) is of
 * order 1e-3 or more. The worst differences are printed per case.
 */
class DeepReferenceTest {

    /** For losses, evaluations and gradient norms (worst seen 9.5e-15). */
    static final double LOSS_TOLERANCE = 1e-12;
    /** For parameters: the torch reference tests' bound (worst seen 2.9e-13, adagrad on tanh [7, 7, 7]). */
    static final double PARAMS_TOLERANCE = 1e-9;
    static final List<String> OPTIMIZERS =
            List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "amsgrad");

    @TestFactory
    Stream<DynamicTest> everyDeepNetworkTrainsAsTheNumpyReference() {
        return OPTIMIZERS.stream().flatMap(optimizer -> {
            List<DynamicTest> tests = new ArrayList<>();
            for (JsonNode c : cases(optimizer)) {
                tests.add(dynamicTest(optimizer + "/" + c.get("name").asText(), () -> checkCase(optimizer, c)));
            }
            return tests.stream();
        });
    }

    private static JsonNode cases(String optimizer) {
        return ReferenceFiles.read("deep/" + optimizer + ".json").get("cases");
    }

    private static void checkCase(String optimizer, JsonNode c) {
        JsonNode spec = c.get("spec");
        DataFolder folder = DeepReferenceInput.folderOf(c);
        assertSameInput(DeepReferenceInput.of(spec, folder), c.get("input"));
        List<StepRecord> records = run(spec, folder);

        WorstDifference losses = new WorstDifference();
        double[] loss = ReferenceFiles.doubles(c.get("loss"));
        double[] gradNorm = ReferenceFiles.doubles(c.get("grad_norm"));
        assertThat(records).hasSize(loss.length);
        for (int k = 0; k < loss.length; k++) {
            losses.update(RelativeDifference.of(records.get(k).loss(), loss[k], 0), "loss", k);
            if (k > 0) {
                losses.update(RelativeDifference.of(records.get(k).gradNorm(), gradNorm[k - 1], 0), "gradient norm", k);
            }
        }
        List<Accuracy> accuracies = new ArrayList<>();
        for (JsonNode e : c.get("evaluations")) {
            int step = e.get("step").intValue();
            Evaluation ours = records.get(step).evaluation().orElseThrow(
                    () -> new AssertionError("no evaluation at the end of the epoch at step " + step));
            losses.update(RelativeDifference.of(ours.trainLoss(), e.get("train_loss").doubleValue(), 0),
                    "training loss", step);
            accuracies.add(new Accuracy(step, "training", ours.trainAccuracy().orElseThrow(),
                    e.get("train_accuracy").doubleValue()));
            if (e.has("validation_loss")) {
                losses.update(RelativeDifference.of(ours.validationLoss().orElseThrow(),
                        e.get("validation_loss").doubleValue(), 0), "validation loss", step);
                accuracies.add(new Accuracy(step, "validation", ours.validationAccuracy().orElseThrow(),
                        e.get("validation_accuracy").doubleValue()));
            }
        }

        WorstDifference params = new WorstDifference();
        int[] steps = ReferenceFiles.ints(c.get("param_steps"));
        double[][] golden = ReferenceFiles.rows(c.get("params"));
        double[] start = ReferenceFiles.doubles(c.at("/input/start"));
        for (int i = 0; i < start.length; i++) {
            double floor = RelativeDifference.PARAMS
                    * Math.max(RelativeDifference.scale(golden, i), Math.abs(start[i]));
            for (int j = 0; j < steps.length; j++) {
                params.update(RelativeDifference.of(records.get(steps[j]).params()[i], golden[j][i], floor),
                        "p" + i, steps[j]);
            }
        }
        System.out.printf("deep %-9s %-30s losses %.3g  params %.3g%n",
                optimizer, c.get("name").asText(), losses.value(), params.value());
        assertThat(losses.value()).as("worst loss difference (%s)", losses.where()).isLessThanOrEqualTo(LOSS_TOLERANCE);
        assertThat(params.value()).as("worst parameter difference (%s)", params.where())
                .isLessThanOrEqualTo(PARAMS_TOLERANCE);
        assertThat(accuracies).as("accuracies at the end of each epoch").allMatch(a -> a.engine() == a.reference());
    }

    /** The engine still starts where the golden run started: same weights, same points, same batches. */
    private static void assertSameInput(DeepReferenceInput ours, JsonNode golden) {
        String regenerate = "the engine's %s changed: regenerate with tools/reference/deep_reference.py";
        assertThat(ours.start()).as(regenerate, "initial weights")
                .containsExactly(ReferenceFiles.doubles(golden.get("start")));
        assertSamePoints(ours.train(), golden.get("train"), String.format(regenerate, "training points"));
        assertSamePoints(ours.validation(), golden.get("validation"), String.format(regenerate, "validation points"));
        assertThat(ours.batches().length).as(regenerate, "number of updates").isEqualTo(golden.get("batches").size());
        for (int t = 0; t < ours.batches().length; t++) {
            assertThat(ours.batches()[t]).as(regenerate, "batch of update " + t)
                    .containsExactly(ReferenceFiles.ints(golden.get("batches").get(t)));
        }
    }

    private static void assertSamePoints(LabeledPoints ours, JsonNode golden, String what) {
        double[][] x = ReferenceFiles.rows(golden.get("x"));
        assertThat(ours.labels()).as(what).containsExactly(ReferenceFiles.ints(golden.get("labels")));
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < x[i].length; k++) {
                assertThat(ours.x()[i * ours.dims() + k]).as(what).isEqualTo(x[i][k]);
            }
        }
    }

    /** Runs the spec's single run to the end; element k is the record after k updates (element 0: the start). */
    private static List<StepRecord> run(JsonNode spec, DataFolder folder) {
        Experiment experiment = new SpecReader(Limits.DEFAULT, folder).read(spec);
        ExperimentRunner runner = new ExperimentRunner(experiment);
        List<StepRecord> records = new ArrayList<>(runner.initialRecords());
        for (List<StepRecord> next = runner.advance(); !next.isEmpty(); next = runner.advance()) {
            records.addAll(next);
        }
        return records;
    }

    /**
     * The golden files cover what the brief of the deep reference asks: depths 2, 3 and 4 with mixed widths, relu
     * and tanh, L2 above 0, minibatches and full batches, every optimizer, a few dozen updates each.
     */
    @Test
    void theGoldenFilesCoverDepthsActivationsBatchesAndEveryOptimizer() {
        Set<Integer> depths = new HashSet<>();
        Set<String> activations = new HashSet<>();
        boolean mixedWidths = false;
        boolean regularized = false;
        for (String optimizer : OPTIMIZERS) {
            boolean minibatch = false;
            boolean fullBatch = false;
            for (JsonNode c : cases(optimizer)) {
                JsonNode problem = c.at("/spec/problem");
                JsonNode hidden = problem.get("hidden");
                assertThat(hidden.isArray()).as("hidden of %s/%s", optimizer, c.get("name").asText()).isTrue();
                depths.add(hidden.size());
                Set<Integer> widths = new HashSet<>();
                hidden.forEach(w -> widths.add(w.intValue()));
                mixedWidths |= hidden.size() >= 3 && widths.size() == hidden.size();
                activations.add(problem.get("activation").asText());
                regularized |= problem.get("reg").doubleValue() > 0;
                assertThat(problem.has("dropout")).as("dropout (its masks are not exported)").isFalse();
                int steps = c.at("/spec/steps").intValue();
                assertThat(steps).isGreaterThanOrEqualTo(30);
                assertThat(c.get("loss").size()).isEqualTo(steps + 1);
                boolean full = !c.get("spec").has("batch_size");
                fullBatch |= full;
                minibatch |= !full;
            }
            assertThat(minibatch).as(optimizer + " on minibatches").isTrue();
            assertThat(fullBatch).as(optimizer + " at full batch").isTrue();
        }
        assertThat(depths).containsExactlyInAnyOrder(2, 3, 4);
        assertThat(activations).containsExactlyInAnyOrder("relu", "tanh");
        assertThat(mixedWidths).as("a network of three or four different widths").isTrue();
        assertThat(regularized).as("L2 above 0").isTrue();
    }

    /** An accuracy at the end of an epoch, the engine's and the reference's. */
    record Accuracy(int step, String set, double engine, double reference) {
    }
}

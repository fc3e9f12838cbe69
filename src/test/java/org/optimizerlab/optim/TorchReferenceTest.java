package org.optimizerlab.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.optimizerlab.experiment.StepRecord;

/**
 * Every optimizer with a constant learning rate against {@code torch.optim} in float64 (golden files of
 * {@code tools/reference/torch_reference.py}): the parameters after every update, and torch's optimizer state where
 * it has one, must agree to a {@link RelativeDifference} of at most 1e-9. The specs go through the engine's own
 * spec reader and runner, so defaults, gradients and Reddi's projection are checked along the way.
 */
class TorchReferenceTest {

    static final double TOLERANCE = 1e-9;
    static final List<String> OPTIMIZERS =
            List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "amsgrad");

    /** The engine's name for each torch state entry (see the conventions in torch_reference.py). */
    static final Map<String, String> ENGINE_NAME = Map.of(
            "momentum_buffer", "v", "sum", "cache", "square_avg", "cache",
            "exp_avg", "v", "exp_avg_sq", "cache", "max_exp_avg_sq", "cache_max");

    @TestFactory
    Stream<DynamicTest> everyOptimizerMatchesTorch() {
        return OPTIMIZERS.stream().flatMap(optimizer -> {
            JsonNode file = ReferenceFiles.read("torch/" + optimizer + ".json");
            List<DynamicTest> tests = new ArrayList<>();
            for (JsonNode c : file.get("cases")) {
                tests.add(dynamicTest(optimizer + "/" + c.get("name").asText(), () -> checkCase(optimizer, c)));
            }
            return tests.stream();
        });
    }

    private static void checkCase(String optimizer, JsonNode c) {
        JsonNode spec = c.get("spec");
        double lr = spec.at("/runs/0/optimizer/lr").doubleValue();
        List<StepRecord> records = ReferenceFiles.runSingle(spec);
        double[][] torchParams = ReferenceFiles.rows(c.get("params"));
        assertThat(records).hasSize(torchParams.length + 1);

        WorstDifference params = new WorstDifference();
        for (int i = 0; i < torchParams[0].length; i++) {
            double floor = RelativeDifference.PARAMS * Math.max(RelativeDifference.scale(torchParams, i),
                    Math.abs(ReferenceFiles.doubles(spec.get("start"))[i]));
            for (int k = 1; k < records.size(); k++) {
                StepRecord r = records.get(k);
                assertThat(r.step()).isEqualTo(k);
                assertThat(r.lr()).as("constant lr").isEqualTo(lr);
                params.update(RelativeDifference.of(r.params()[i], torchParams[k - 1][i], floor), "p" + i, k);
            }
        }
        WorstDifference state = new WorstDifference();
        if (c.has("state")) {
            int[] steps = ReferenceFiles.ints(c.get("state_steps"));
            c.get("state").fields().forEachRemaining(entry -> {
                String engineName = ENGINE_NAME.get(entry.getKey());
                double[][] torchRows = ReferenceFiles.rows(entry.getValue());
                double factor = entry.getKey().equals("momentum_buffer") ? -lr : 1; // v = -lr * momentum_buffer
                for (int i = 0; i < torchRows[0].length; i++) {
                    double floor = RelativeDifference.STATE * Math.abs(factor) * RelativeDifference.scale(torchRows, i);
                    for (int j = 0; j < steps.length; j++) {
                        double[] ours = records.get(steps[j]).state().get(engineName);
                        assertThat(ours).as("state %s at step %d", engineName, steps[j]).isNotNull();
                        state.update(RelativeDifference.of(ours[i], factor * torchRows[j][i], floor),
                                engineName + "[" + i + "]", steps[j]);
                    }
                }
            });
        }
        System.out.printf("torch %-9s %-28s params %.3g  state %.3g%n",
                optimizer, c.get("name").asText(), params.value(), state.value());
        assertThat(params.value()).as("worst parameter difference (%s)", params.where()).isLessThanOrEqualTo(TOLERANCE);
        assertThat(state.value()).as("worst state difference (%s)", state.where()).isLessThanOrEqualTo(TOLERANCE);
    }

    /** The golden files cover what issue 2 asks: several problems, 300+ steps, default and other hyperparameters. */
    @Test
    void theGoldenFilesCoverEveryOptimizerWithSeveralProblemsAndHyperparameters() {
        Set<String> problemsSeen = new HashSet<>();
        for (String optimizer : OPTIMIZERS) {
            JsonNode cases = ReferenceFiles.read("torch/" + optimizer + ".json").get("cases");
            Set<String> problems = new HashSet<>();
            boolean defaults = false;
            boolean others = false;
            for (JsonNode c : cases) {
                JsonNode spec = c.get("spec");
                assertThat(spec.get("steps").intValue()).isGreaterThanOrEqualTo(300);
                assertThat(c.get("params").size()).isEqualTo(spec.get("steps").intValue());
                problems.add(spec.at("/problem/type").asText());
                int given = spec.at("/runs/0/optimizer").size();   // type and lr only: the notes' defaults
                defaults |= given == 2;
                others |= given > 2;
            }
            assertThat(problems).as(optimizer).hasSizeGreaterThanOrEqualTo(4);
            assertThat(defaults).as(optimizer + " with default hyperparameters").isTrue();
            if (!optimizer.equals("sgd")) {
                assertThat(others).as(optimizer + " with other hyperparameters").isTrue();
            }
            problemsSeen.addAll(problems);
        }
        assertThat(problemsSeen).containsExactlyInAnyOrder(
                "quadratic", "rosenbrock", "beale", "himmelblau", "saddle", "reddi");
    }
}

package org.optimizerlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optimizerlab.train.SpiralClassifier;

/** What the runner records on training problems: epoch evaluations and per-layer statistics. */
class TrainingRecordsTest {

    private static final String SPEC = """
            {"problem": {"type": "mlp-spiral", "points_per_class": 20, "hidden": 10, "dropout": 0.2,
                         "init": "he", "bias_init": 0.01, "validation": 0.25},
             "epochs": 3, "batch_size": 20, "seed": 5,
             "runs": [{"id": "sgd", "optimizer": {"type": "sgd", "lr": 0.5}},
                      {"id": "adam", "optimizer": {"type": "adam", "lr": 0.01}}]}""";

    private static List<StepRecord> all(Experiment experiment) {
        ExperimentRunner runner = new ExperimentRunner(experiment);
        List<StepRecord> records = new ArrayList<>(runner.initialRecords());
        while (!runner.finished()) {
            records.addAll(runner.advance());
        }
        return records;
    }

    @Test
    void readsTheSpiralProblemFields() {
        Experiment experiment = new SpecReader(Limits.DEFAULT).read(SPEC);
        SpiralClassifier problem = (SpiralClassifier) experiment.problem();
        assertThat(problem.config().hidden()).containsExactly(10);
        assertThat(problem.config().dropout()).isEqualTo(0.2);
        assertThat(problem.trainingSetSize()).isEqualTo(45);
        assertThat(experiment.steps()).isEqualTo(9);                    // ceil(45 / 20) = 3 per epoch
        assertThat(experiment.start()).containsExactly(problem.defaultStart());
        assertThat(problem.parameters()).containsEntry("init", "he").containsEntry("bias_init", 0.01)
                .containsEntry("activation", "relu");
    }

    @Test
    void evaluationsComeAtTheStartAndAtTheEndOfEachEpoch() {
        List<StepRecord> records = all(new SpecReader(Limits.DEFAULT).read(SPEC));
        assertThat(records).hasSize(2 * 10);
        List<Integer> evaluated = records.stream().filter(r -> r.run().equals("adam") && r.evaluation().isPresent())
                .map(StepRecord::step).toList();
        assertThat(evaluated).containsExactly(0, 3, 6, 9);
        StepRecord last = records.get(records.size() - 1);
        assertThat(last.evaluation().get().validationAccuracy()).isPresent();
        assertThat(last.evaluation().get().trainAccuracy().getAsDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void layerStatisticsDescribeEachBlockAndTheUpdateToParameterRatio() {
        List<StepRecord> records = all(new SpecReader(Limits.DEFAULT).read(SPEC));
        StepRecord start = records.get(0);
        assertThat(start.layers()).extracting(LayerStats::name).containsExactly("W1", "b1", "W2", "b2");
        assertThat(start.layers().get(0).gradNorm()).isNaN();
        StepRecord first = records.stream().filter(r -> r.step() == 1 && r.run().equals("sgd")).findFirst().get();
        LayerStats w2 = first.layers().get(2);
        // plain SGD: the update of a block is -lr times its gradient
        assertThat(w2.updateNorm()).isCloseTo(0.5 * w2.gradNorm(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(w2.updateRatio()).isCloseTo(w2.updateNorm() / w2.weightNorm(),
                org.assertj.core.data.Offset.offset(1e-15));
        assertThat(w2.weightNorm()).isCloseTo(norm(start.params(), 30, 60), org.assertj.core.data.Offset.offset(1e-12));

        ObjectNode json = RecordJson.toJson(first);
        assertThat(json.get("layers").get(2).get("name").asText()).isEqualTo("W2");
        assertThat(json.get("layers").get(2).get("update_ratio").doubleValue()).isEqualTo(w2.updateRatio());
        assertThat(json.has("evaluation")).isFalse();
        ObjectNode startJson = RecordJson.toJson(start);
        assertThat(startJson.get("evaluation").fieldNames()).toIterable()
                .containsExactly("train_loss", "train_accuracy", "val_loss", "val_accuracy");
        assertThat(startJson.get("layers").get(0).get("grad_norm").isNull()).isTrue();
    }

    @Test
    void analyticProblemsKeepTheirRecordsAsBefore() {
        Experiment experiment = new SpecReader(Limits.DEFAULT).read("""
                {"problem": {"type": "rosenbrock"}, "steps": 2, "runs": [{"id": "a", "optimizer": {"type": "sgd", "lr": 0.001}}]}""");
        for (StepRecord r : all(experiment)) {
            assertThat(r.layers()).isEmpty();
            assertThat(r.evaluation()).isEmpty();
            assertThat(RecordJson.toJson(r).fieldNames()).toIterable().containsExactly("run", "step", "epoch", "lr",
                    "loss", "params", "grad_norm", "update", "state", "diverged");
        }
    }

    @Test
    void spiralSpecErrorsNameTheField() {
        SpecReader reader = new SpecReader(Limits.DEFAULT);
        String template = """
                {"problem": {"type": "%s", %s}, "steps": 1, "runs": [{"id": "a", "optimizer": {"type": "sgd", "lr": 0.1}}]}""";
        assertThatThrownBy(() -> reader.read(template.formatted("mlp-spiral", "\"activation\": \"sigmoid\"")))
                .hasMessage("problem.activation: must be one of relu, tanh; got 'sigmoid'");
        assertThatThrownBy(() -> reader.read(template.formatted("mlp-spiral", "\"init\": \"glorot\"")))
                .hasMessage("problem.init: must be one of small, xavier, he, zeros; got 'glorot'");
        assertThatThrownBy(() -> reader.read(template.formatted("mlp-spiral", "\"dropout\": 1")))
                .hasMessage("problem.dropout: must be in [0, 0.9], got 1");
        assertThatThrownBy(() -> reader.read(template.formatted("softmax-spiral", "\"hidden\": 10")))
                .hasMessageStartingWith("problem.hidden: unknown field; allowed: type, classes, points_per_class, reg, init");
        assertThatThrownBy(() -> reader.read(template.formatted("mlp-spiral", "\"bias_init\": 2")))
                .hasMessage("problem.bias_init: must be in [-1, 1], got 2");
        assertThatThrownBy(() -> reader.read(template.formatted("mlp-spiral", "\"hidden\": 0")))
                .hasMessage("problem.hidden: must be an integer in 1..1000, got 0");
    }

    private static double norm(double[] v, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += v[i] * v[i];
        }
        return Math.sqrt(sum);
    }
}

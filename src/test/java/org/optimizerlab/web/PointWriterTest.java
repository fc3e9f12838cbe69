package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.lesson.Decimation;

/**
 * {@code frames} written straight to bytes ({@link PointWriter}, {@link LiveRace#takeFrames}) are the very text the
 * JSON tree gave before ({@link ServerMessage#point}, {@link ServerMessage#frames} through the server's
 * {@code ObjectMapper}): every field, its order, number formatting and {@code null} for a non-finite number.
 */
class PointWriterTest {
    private static final ObjectMapper JSON = ServerJson.mapper();

    /** A race with optimizer state, one that diverges (Infinity, NaN), a network with layers and evaluations. */
    private static final List<String> SPECS = List.of("""
            {"problem": {"type": "rosenbrock"}, "start": [-1.5, 2.0], "steps": 40, "runs": [
             {"id": "adam", "optimizer": {"type": "adam", "lr": 0.05}},
             {"id": "nesterov", "optimizer": {"type": "nesterov", "lr": 0.001, "mu": 0.9}},
             {"id": "ams", "optimizer": {"type": "amsgrad", "lr": 0.05}}]}""", """
            {"problem": {"type": "quadratic"}, "start": [-2.5, 1.5], "steps": 120, "runs": [
             {"id": "small", "optimizer": {"type": "sgd", "lr": 0.05}},
             {"id": "big", "optimizer": {"type": "sgd", "lr": 2}}]}""", """
            {"problem": {"type": "mlp-spiral", "hidden": 20, "points_per_class": 30, "validation": 0.2},
             "epochs": 6, "batch_size": 30, "seed": 3, "runs": [
             {"id": "adam", "optimizer": {"type": "adam", "lr": 0.01}},
             {"id": "sgd_1", "optimizer": {"type": "sgd", "lr": 1}}]}""");

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void eachPointIsTheTextOfItsTree(int which) throws Exception {
        Experiment experiment = new SpecReader(ServerLimits.DEFAULT.specLimits()).read(SPECS.get(which));
        boolean vectors = ServerMessage.sendsVectors(experiment.problem());
        PointWriter writer = new PointWriter(JSON.getFactory(), vectors);
        ExperimentRunner runner = new ExperimentRunner(experiment);
        List<StepRecord> records = new java.util.ArrayList<>(runner.initialRecords());
        while (!runner.finished()) {
            records.addAll(runner.advance());
        }
        boolean sawNonFinite = false;
        for (StepRecord record : records) {
            PointWriter.Bytes out = new PointWriter.Bytes();
            writer.append(record, out);
            String expected = JSON.writeValueAsString(ServerMessage.point(record, vectors));
            assertThat(new String(out.array(), 0, out.length(), java.nio.charset.StandardCharsets.UTF_8))
                    .as(record.run() + " step " + record.step()).isEqualTo(expected);
            sawNonFinite |= expected.contains("null");
        }
        if (which == 1) {
            assertThat(sawNonFinite).as("the diverging run writes null").isTrue();
        }
        if (which == 2) {
            assertThat(records).anySatisfy(r -> assertThat(r.evaluation()).isPresent());
        }
    }

    @Test
    void aFramesMessageIsTheTextOfItsTree() throws Exception {
        for (String spec : SPECS) {
            Experiment experiment = new SpecReader(ServerLimits.DEFAULT.specLimits()).read(spec);
            Decimation decimation = Decimation.of(experiment.steps(), 50);        // decimated for the long races
            LiveRace race = new LiveRace(experiment, null, null, decimation, JSON, what -> new ExperimentRunner(experiment, what));
            race.initialPoints();
            ExperimentRunner reference = new ExperimentRunner(experiment);
            boolean vectors = ServerMessage.sendsVectors(experiment.problem());
            for (int message = 1; message <= 3 && !race.steps.finished(); message++) {
                race.advance(7, ExperimentSession.MAX_FRAME_BYTES, () -> false);
                Map<String, ArrayNode> points = new LinkedHashMap<>();
                for (int i = 0; i < 7 && !reference.finished(); i++) {
                    for (StepRecord record : reference.advance()) {
                        if (decimation.keeps(record)) {
                            points.computeIfAbsent(record.run(), id -> JsonNodeFactory.instance.arrayNode())
                                    .addRawValue(new RawValue(JSON.writeValueAsString(
                                            ServerMessage.point(record, vectors))));
                        }
                    }
                }
                Map<String, ArrayNode> inSpecOrder = new LinkedHashMap<>();
                experiment.runs().forEach(run -> {
                    if (points.containsKey(run.id())) {
                        inSpecOrder.put(run.id(), points.get(run.id()));
                    }
                });
                String expected = JSON.writeValueAsString(ServerMessage.frames(message, inSpecOrder,
                        decimation.decimated()));
                assertThat(race.hasPending()).isEqualTo(!inSpecOrder.isEmpty());
                if (race.hasPending()) {
                    assertThat(race.takeFrames(message)).isEqualTo(expected);
                }
                assertThat(race.hasPending()).isFalse();
            }
        }
    }
}

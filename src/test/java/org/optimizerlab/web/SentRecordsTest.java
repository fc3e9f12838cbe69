package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.RecordJson;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/**
 * The socket's runner computes only the points it sends (decimated, without the vectors of a network), and every
 * point it sends is exactly the point of a run that records everything, at the same step: the client receives the
 * same numbers as before the runner learned to skip work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SentRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** At most 10 points per run: 47 steps are sent with stride 5. */
    private static final int MAX_POINTS = 10;

    private TestServer server;

    @BeforeAll
    void startServer() {
        server = TestServer.start(TestServer.config(ExperimentLimitsTest.limits(10, 64 * 1024, 100, 100, MAX_POINTS)));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    /** A network at full batch (603 parameters: points without vectors), or the quadratic (points with them). */
    private static String spec(String problem) {
        String runs = """
                [{"id": "adam", "optimizer": {"type": "adam", "lr": 0.02}},
                 {"id": "momentum", "optimizer": {"type": "momentum", "lr": 0.05}}]""";
        return problem.equals("mlp-spiral")
                ? """
                  {"problem": {"type": "mlp-spiral", "points_per_class": 20, "hidden": 100, "validation": 0.2},
                   "steps": 47, "seed": 9, "runs": %s}""".formatted(runs)
                : """
                  {"problem": {"type": "quadratic"}, "start": [-2.5, 1.5], "steps": 47, "runs": %s}""".formatted(runs);
    }

    /** The points the page would get from a runner that records everything, at the steps the socket sends. */
    private static Map<String, List<JsonNode>> fullRecording(String spec, boolean vectors) throws JsonProcessingException {
        Experiment experiment = new SpecReader(Limits.DEFAULT).read(spec);
        ExperimentRunner runner = new ExperimentRunner(experiment);
        List<StepRecord> records = new ArrayList<>(runner.initialRecords());
        while (!runner.finished()) {
            records.addAll(runner.advance());
        }
        Map<String, List<JsonNode>> points = new TreeMap<>();
        for (StepRecord record : records) {
            if (record.step() % 5 != 0 && record.step() != 47) {
                continue;
            }
            ObjectNode point = RecordJson.toJson(record);
            point.remove("run");
            if (!vectors) {
                point.remove(List.of("params", "update", "state"));
            }
            points.computeIfAbsent(record.run(), k -> new ArrayList<>())
                    .add(JSON.readTree(JSON.writeValueAsString(point)));
        }
        return points;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp-spiral", "quadratic"})
    void everySentPointIsThePointOfAFullRecordingAtThatStep(String problem) throws JsonProcessingException {
        String spec = spec(problem);
        Map<String, List<JsonNode>> sent = new TreeMap<>();
        JsonNode done;
        try (WsClient client = WsClient.connect(server)) {
            client.send(ExperimentSocketTest.speed(2000)).send(ExperimentSocketTest.start(spec, false));
            JsonNode started = client.await("started", 0);
            assertThat(started.get("stride").asInt()).isEqualTo(5);
            done = client.await("done", 0);
            started.get("initial").fields().forEachRemaining(e -> sent.computeIfAbsent(e.getKey(),
                    k -> new ArrayList<>()).add(e.getValue()));
            ExperimentSocketTest.points(client, 1).forEach((run, list) -> sent.get(run).addAll(list));
        }
        boolean vectors = problem.equals("quadratic");
        Map<String, List<JsonNode>> want = fullRecording(spec, vectors);
        assertThat(sent.keySet()).containsExactly("adam", "momentum");
        for (String run : want.keySet()) {
            assertThat(ExperimentSocketTest.steps(sent.get(run))).as(run)
                    .containsExactly(0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 47);
            for (int i = 0; i < want.get(run).size(); i++) {
                assertThat(sent.get(run).get(i)).as(run + " point " + i).isEqualTo(want.get(run).get(i));
            }
            assertThat(done.get("final").get(run)).as(run + " final").isEqualTo(want.get(run).get(10));
            assertThat(sent.get(run).get(10).has("params")).isEqualTo(vectors);
        }
        if (!vectors) {
            assertThat(sent.get("adam").get(10).get("evaluation").get("val_accuracy").isNumber()).isTrue();
            assertThat(sent.get("adam").get(10).get("layers")).hasSize(4);
        }
    }
}

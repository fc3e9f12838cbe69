package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;
import org.optimizerlab.train.Evaluation;

/**
 * A search over the WebSocket on a regression table (the test course {@code regression}: a generated line, see its
 * README): trials ranked by validation loss and saying so, the same fields as the {@code run} command's, and each
 * trial's numbers the engine's own race with that {@code lr}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegressionSearchWebTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LESSON = TestLessons.folder("regression").resolve("01-synthetic");

    private TestServer server;

    @BeforeAll
    void startServer() {
        server = TestServer.start(TestServer.config(ServerLimits.DEFAULT)
                .withLessonsDir(TestLessons.folder("regression")));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    /** The lesson's search preset's spec. */
    private static ObjectNode searchSpec() throws IOException {
        for (JsonNode preset : JSON.readTree(LESSON.resolve("experiment.json").toFile()).get("presets")) {
            if (preset.get("id").asText().equals("fit-search")) {
                return (ObjectNode) preset.get("spec").deepCopy();
            }
        }
        throw new AssertionError("no preset fit-search");
    }

    private static String start(JsonNode spec) {
        ObjectNode message = JSON.createObjectNode().put("type", "start").put("paused", false)
                .put("lesson", "synthetic");
        message.set("spec", spec);
        return message.toString();
    }

    @Test
    void trialsAreRankedByValidationLossAndAreTheEnginesAndTheRunCommandsNumbers(@TempDir Path folder)
            throws IOException {
        ObjectNode search = searchSpec();
        Map<Integer, JsonNode> socket = new TreeMap<>();
        JsonNode done;
        try (WsClient client = WsClient.connect(server)) {
            client.send(start(search));
            JsonNode started = client.await("started", 0);
            assertThat(started.get("kind").asText()).isEqualTo("search");
            assertThat(started.get("metric").asText()).isEqualTo("val_loss");
            assertThat(started.get("problem").get("parameters").get("task").asText()).isEqualTo("regression");
            done = client.await("done", 0);
            for (JsonNode trial : client.ofType("trial")) {
                ObjectNode fields = (ObjectNode) trial.deepCopy();
                fields.remove(List.of("type", "experiment", "finished"));
                socket.put(trial.get("trial").asInt(), fields);
            }
        }
        assertThat(socket.keySet()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (JsonNode trial : socket.values()) {
            assertThat(trial.get("metric").asText()).isEqualTo("val_loss");
            assertThat(trial.get("val_accuracy").isNull()).as("no accuracy in a regression").isTrue();
            assertThat(trial.get("val_loss").isNumber()).isTrue();
        }
        JsonNode lowest = socket.values().stream().filter(t -> !t.get("diverged").asBoolean())
                .min(Comparator.comparingDouble(t -> t.get("val_loss").asDouble())).orElseThrow();
        ObjectNode best = (ObjectNode) done.get("best").deepCopy();
        best.remove(List.of("type", "experiment", "finished"));
        assertThat(best).as("the best is the lowest validation loss").isEqualTo(lowest);
        JsonNode highestLr = socket.values().stream().max(Comparator.comparingDouble(t -> t.get("lr").asDouble()))
                .orElseThrow();
        assertThat(lowest.get("trial")).as("this search's best is not simply its largest lr").isNotEqualTo(
                highestLr.get("trial"));

        // the run command's search: the same trials, field for field
        Map<Integer, JsonNode> command = new TreeMap<>();
        for (JsonNode line : RunCommandJsonl.lines(search, LESSON.resolve("synthetic.csv"), folder)) {
            if (line.get("kind").asText().equals("trial")) {
                ObjectNode want = (ObjectNode) line.deepCopy();
                want.remove("kind");
                command.put(line.get("trial").asInt(), want);
            }
        }
        assertThat(socket).isEqualTo(command);

        // the best trial recomputed here: a race of the same spec with its lr, run to the end by the engine
        ObjectNode race = searchSpec();
        race.remove("search");
        race.remove("optimizer");
        race.set("runs", JSON.createArrayNode().add(JSON.createObjectNode().put("id", "t").set("optimizer",
                JSON.createObjectNode().put("type", "sgd").put("lr", lowest.get("lr").asDouble()))));
        Experiment experiment = new SpecReader(Limits.DEFAULT, DataFolder.of(LESSON)).read(race.toString());
        ExperimentRunner runner = new ExperimentRunner(experiment);
        Evaluation last = runner.initialRecords().get(0).evaluation().orElseThrow();
        while (!runner.finished()) {
            for (StepRecord record : runner.advance()) {
                if (record.evaluation().isPresent()) {
                    last = record.evaluation().get();
                }
            }
        }
        assertThat(lowest.get("val_loss").asDouble()).isEqualTo(last.validationLoss().orElseThrow());
        assertThat(lowest.get("train_loss").asDouble()).isEqualTo(last.trainLoss());
    }

    @Test
    void aRegressionSearchDrawingRegIsRefusedNamingTheField() throws IOException {
        ObjectNode search = searchSpec();
        ((ObjectNode) search.get("search")).putArray("reg").add(0.001).add(0.1);
        try (WsClient client = WsClient.connect(server)) {
            client.send(start(search));
            JsonNode error = client.await("error", 0);
            assertThat(error.get("field").asText()).isEqualTo("spec.search.reg");
            assertThat(error.get("message").asText()).isEqualTo("spec.search.reg: a regression table's linear model "
                    + "has no reg; a search on it draws lr only (leave reg out)");
            assertThat(client.ofType("started")).isEmpty();
        }
    }
}

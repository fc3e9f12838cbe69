package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.app.ServerConfig;
import org.optimizerlab.classroom.ClassroomConfig;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/**
 * A race over the WebSocket on the data file of a lesson (the bundled course's Iris preset, lesson 10): its table
 * is the one of the lesson the page is on (from {@code hello}, or named by {@code start}), its numbers are the
 * {@code run} command's on the same spec, and a file of another lesson, a path out of the folder or an absolute
 * path is refused naming {@code problem.file}; the gradient check of the page reads the same table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LessonDataWebTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path COURSE = Path.of("lessons");
    private static final Path IRIS = COURSE.resolve("10-tuning").resolve("iris.csv");

    private TestServer server;

    @BeforeAll
    void startServer() {
        server = TestServer.start(new ServerConfig("127.0.0.1", 0, Optional.of(COURSE), Optional.empty(),
                ServerLimits.DEFAULT, PublicOrigins.NONE, ClassroomConfig.inMemory()));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    /** The Iris preset's spec as lesson 10 ships it, for 5 epochs (60 updates per run). */
    private static ObjectNode irisSpec() throws IOException {
        JsonNode file = JSON.readTree(COURSE.resolve("10-tuning").resolve("experiment.json").toFile());
        for (JsonNode preset : file.get("presets")) {
            if (preset.get("id").asText().equals("iris")) {
                ObjectNode spec = (ObjectNode) preset.get("spec").deepCopy();
                spec.put("epochs", 5);
                return spec;
            }
        }
        throw new AssertionError("lesson 10 has no preset 'iris'");
    }

    private static ObjectNode withFile(ObjectNode spec, String file) {
        ((ObjectNode) spec.get("problem")).put("file", file);
        return spec;
    }

    private static String hello(String lesson) {
        return "{\"type\": \"hello\", \"student\": \"s-data\", \"lesson\": \"" + lesson + "\"}";
    }

    private static String start(JsonNode spec, String lesson) {
        ObjectNode message = JSON.createObjectNode().put("type", "start").put("paused", false);
        message.set("spec", spec);
        if (lesson != null) {
            message.put("lesson", lesson);
        }
        return message.toString();
    }

    /** Every point of experiment 1 per run, the started message's step 0 first, once {@code done} has come. */
    private static Map<String, List<JsonNode>> allPoints(WsClient client) {
        JsonNode started = client.await("started", 0);
        client.await("done", 0);
        Map<String, List<JsonNode>> points = new java.util.TreeMap<>();
        started.get("initial").fields().forEachRemaining(e -> points.computeIfAbsent(e.getKey(),
                k -> new ArrayList<>()).add(e.getValue()));
        ExperimentSocketTest.points(client, 1).forEach((run, list) -> points.get(run).addAll(list));
        return points;
    }

    /** The {@code run} command's records ({@code --format jsonl}) per run, for {@code spec} beside a copy of Iris. */
    private static Map<String, List<JsonNode>> runCommand(JsonNode spec, Path folder) throws IOException {
        Map<String, List<JsonNode>> records = new java.util.TreeMap<>();
        for (JsonNode line : RunCommandJsonl.lines(spec, IRIS, folder)) {
            ObjectNode record = (ObjectNode) line;
            String run = record.remove("run").asText();
            records.computeIfAbsent(run, k -> new ArrayList<>()).add(record);
        }
        return records;
    }

    @Test
    void aRaceOnTheLessonsTableGivesTheRunCommandsNumbers(@TempDir Path folder) throws IOException {
        ObjectNode spec = irisSpec();
        Map<String, List<JsonNode>> socket;
        try (WsClient client = WsClient.connect(server)) {
            client.send(hello("tuning")).send(ExperimentSocketTest.speed(2000)).send(start(spec, null));
            socket = allPoints(client);
            JsonNode started = client.await("started", 0);
            assertThat(started.get("problem").get("type").asText()).isEqualTo("csv");
            assertThat(started.get("problem").get("parameters").get("file").asText()).isEqualTo("iris.csv");
        }
        Map<String, List<JsonNode>> command = runCommand(spec, folder);
        assertThat(socket.keySet()).containsExactly("adam", "sgd");
        for (String run : command.keySet()) {
            List<JsonNode> expected = command.get(run);
            List<JsonNode> got = socket.get(run);
            assertThat(got).as(run + ": one point per update and the start").hasSize(61).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                ObjectNode want = (ObjectNode) expected.get(i).deepCopy();
                if (!got.get(i).has("params")) {                        // the page gets no vectors of 15 weights
                    want.remove(List.of("params", "update", "state"));
                }
                assertThat(got.get(i)).as(run + " step " + i).isEqualTo(want);
            }
            JsonNode last = got.get(got.size() - 1).get("evaluation");
            assertThat(last.get("val_accuracy").asDouble()).as(run + " learns the flowers").isGreaterThan(0.6);
        }
    }

    @Test
    void startMayNameTheLessonWithoutAHello() throws IOException {
        try (WsClient client = WsClient.connect(server)) {
            client.send(start(irisSpec(), "tuning"));
            assertThat(client.await("started", 0).get("problem").get("type").asText()).isEqualTo("csv");
        }
    }

    @Test
    void aPageOnNoLessonReadsNoDataFile() throws IOException {
        try (WsClient client = WsClient.connect(server)) {
            client.send(start(irisSpec(), null));
            JsonNode error = client.await("error", 0);
            assertThat(error.get("field").asText()).isEqualTo("spec.problem.file");
            assertThat(error.get("message").asText()).contains("no folder to read data files from");
        }
    }

    @Test
    void theFileOfAnotherLessonIsRefused() throws IOException {
        try (WsClient client = WsClient.connect(server)) {
            client.send(hello("momentum")).send(start(irisSpec(), null));
            JsonNode error = client.await("error", 0);
            assertThat(error.get("field").asText()).isEqualTo("spec.problem.file");
            assertThat(error.get("message").asText())
                    .isEqualTo("spec.problem.file: no file 'iris.csv' in this lesson's folder");
            assertThat(client.ofType("started")).isEmpty();
        }
    }

    @Test
    void aPathOutOfTheLessonFolderIsRefused() throws IOException {
        try (WsClient client = WsClient.connect(server)) {
            client.send(hello("momentum")).send(start(withFile(irisSpec(), "../10-tuning/iris.csv"), null));
            JsonNode error = client.await("error", 0);
            assertThat(error.get("field").asText()).isEqualTo("spec.problem.file");
            assertThat(error.get("message").asText()).isEqualTo("spec.problem.file: must stay inside the lesson "
                    + "folder (no empty, . or .. segments), got '../10-tuning/iris.csv'");
        }
    }

    @Test
    void anAbsolutePathIsRefused() throws IOException {
        String absolute = IRIS.toAbsolutePath().toString();
        try (WsClient client = WsClient.connect(server)) {
            client.send(start(withFile(irisSpec(), absolute), "tuning"));
            JsonNode error = client.await("error", 0);
            assertThat(error.get("field").asText()).isEqualTo("spec.problem.file");
            assertThat(error.get("message").asText()).startsWith("spec.problem.file: must be a path relative to "
                    + "the lesson folder");
        }
    }

    @Test
    void aLessonTheCourseDoesNotHaveIsRefusedByName() throws IOException {
        try (WsClient client = WsClient.connect(server)) {
            client.send(start(irisSpec(), "no-such-lesson"));
            JsonNode error = client.await("error", 0);
            assertThat(error.get("field").asText()).isEqualTo("lesson");
            assertThat(error.get("message").asText())
                    .isEqualTo("lesson: there is no lesson 'no-such-lesson' on this server");
            int from = client.count();                  // a race without a data file runs whatever the lesson
            client.send(start(JSON.readTree(ExperimentSocketTest.spec(10, ExperimentSocketTest.TWO_RUNS)),
                    "no-such-lesson"));
            assertThat(client.await("started", from).get("problem").get("type").asText()).isEqualTo("quadratic");
        }
    }

    /** A search on the Iris table: 3 trials of 4 epochs, lr and reg drawn. */
    private static ObjectNode irisSearch() throws IOException {
        ObjectNode search = (ObjectNode) JSON.readTree("""
                {"epochs": 4, "batch_size": 10, "seed": 3, "optimizer": {"type": "sgd"},
                 "search": {"trials": 3, "lr": [0.01, 0.5], "reg": [0.0001, 0.01]}}""");
        ObjectNode problem = (ObjectNode) irisSpec().get("problem").deepCopy();
        problem.remove("reg");
        search.set("problem", problem);
        return search;
    }

    @Test
    void aSearchOnTheLessonsTableGivesTheRunCommandsTrialsAndEachTrialIsItsRace(@TempDir Path folder)
            throws IOException {
        ObjectNode search = irisSearch();
        Map<Integer, JsonNode> socket = new java.util.TreeMap<>();
        try (WsClient client = WsClient.connect(server)) {
            client.send(hello("tuning")).send(start(search, null));
            JsonNode started = client.await("started", 0);
            assertThat(started.get("kind").asText()).isEqualTo("search");
            assertThat(started.get("problem").get("type").asText()).isEqualTo("csv");
            assertThat(started.get("problem").get("parameters").get("file").asText()).isEqualTo("iris.csv");
            client.await("done", 0);
            for (JsonNode trial : client.ofType("trial")) {
                ObjectNode fields = (ObjectNode) trial.deepCopy();
                fields.remove(List.of("type", "experiment", "finished"));
                socket.put(trial.get("trial").asInt(), fields);
            }
        }
        Map<Integer, JsonNode> command = new java.util.TreeMap<>();
        for (JsonNode line : RunCommandJsonl.lines(search, IRIS, folder)) {
            if (line.get("kind").asText().equals("trial")) {
                command.put(line.get("trial").asInt(), line);
            }
        }
        assertThat(socket.keySet()).containsExactly(0, 1, 2);
        for (int index : command.keySet()) {
            ObjectNode want = (ObjectNode) command.get(index).deepCopy();
            want.remove("kind");
            assertThat(socket.get(index)).as("trial " + index).isEqualTo(want);
        }
        // each trial is the race of the same spec with the trial's lr and reg: the same last evaluation
        for (JsonNode trial : command.values()) {
            ObjectNode race = irisSpec();
            race.put("epochs", 4).put("batch_size", 10).put("seed", 3);
            ((ObjectNode) race.get("problem")).put("reg", trial.get("reg").asDouble());
            race.set("runs", JSON.createArrayNode().add(JSON.createObjectNode().put("id", "t")
                    .set("optimizer", JSON.createObjectNode().put("type", "sgd").put("lr", trial.get("lr").asDouble()))));
            List<JsonNode> records = RunCommandJsonl.lines(race, IRIS, folder);
            JsonNode last = records.get(records.size() - 1).get("evaluation");
            for (String key : List.of("train_loss", "train_accuracy", "val_loss", "val_accuracy")) {
                assertThat(trial.get(key)).as("trial " + trial.get("trial") + " " + key).isEqualTo(last.get(key));
            }
        }
    }

    @Test
    void aSearchOnATableOfAnotherLessonIsRefusedNamingTheFile() throws IOException {
        try (WsClient client = WsClient.connect(server)) {
            client.send(hello("momentum")).send(start(irisSearch(), null));
            JsonNode error = client.await("error", 0);
            assertThat(error.get("field").asText()).isEqualTo("spec.problem.file");
            assertThat(error.get("message").asText())
                    .isEqualTo("spec.problem.file: no file 'iris.csv' in this lesson's folder");
            assertThat(client.ofType("started")).isEmpty();
        }
    }

    @Test
    void aGradientEstimateOnTheLessonsTableShrinksLikeOneOverSqrtK() throws IOException {
        ObjectNode body = JSON.createObjectNode().put("seed", 1).put("lesson", "tuning").put("batch_size", 10)
                .put("repeats", 100);
        body.set("problem", irisSpec().get("problem"));
        body.set("ks", JSON.createArrayNode().add(1).add(4).add(16).add(64).add(256));
        java.net.http.HttpResponse<String> response = server.postJson("/api/gradient-estimate", body.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode errors = JSON.readTree(response.body()).get("mean_error");
        for (int i = 1; i < errors.size(); i++) {        // each K is 4x the last: an unbiased mean halves its error
            assertThat(errors.get(i - 1).asDouble() / errors.get(i).asDouble()).as("K index " + i).isBetween(1.6, 2.5);
        }
        assertThat(errors.get(4).asDouble()).as("no plateau of a bias").isLessThan(errors.get(0).asDouble() / 12);

        body.remove("lesson");
        java.net.http.HttpResponse<String> none = server.postJson("/api/gradient-estimate", body.toString());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(none.body()).get("field").asText()).isEqualTo("problem.file");
        body.put("lesson", "tuning");
        ((ObjectNode) body.get("problem")).put("hidden", 5).put("dropout", 0.5);
        java.net.http.HttpResponse<String> dropout = server.postJson("/api/gradient-estimate", body.toString());
        assertThat(dropout.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(dropout.body()).get("error").asText()).isEqualTo("problem.dropout: must be 0 for a "
                + "gradient estimate: with dropout every minibatch gradient has its own random mask, so their mean "
                + "does not approach one full gradient; got 0.5");
    }

    @Test
    void theGradientCheckOfATableReadsTheNamedLessonsFile() throws IOException {
        ObjectNode body = JSON.createObjectNode().put("seed", 1).put("lesson", "tuning");
        body.set("problem", ((ObjectNode) irisSpec().get("problem").deepCopy()).put("hidden", 5));
        java.net.http.HttpResponse<String> response = server.postJson("/api/gradient-check", body.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode blocks = JSON.readTree(response.body()).get("blocks");
        assertThat(blocks).extracting(b -> b.get("name").asText()).containsExactly("W1", "b1", "W2", "b2");
        for (JsonNode block : blocks) {     // the table's backward pass against centred differences
            assertThat(block.get("max_relative_error_away_from_kinks").asDouble()).as(block.get("name").asText())
                    .isLessThan(1e-5);
        }
    }

    @Test
    void aGradientCheckOfATableWithoutItsLessonIsRefusedNamingTheField() throws IOException {
        ObjectNode body = JSON.createObjectNode().put("seed", 1);
        body.set("problem", irisSpec().get("problem"));
        java.net.http.HttpResponse<String> none = server.postJson("/api/gradient-check", body.toString());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(none.body()).get("field").asText()).isEqualTo("problem.file");
        body.put("lesson", "momentum");
        java.net.http.HttpResponse<String> other = server.postJson("/api/gradient-check", body.toString());
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(other.body()).get("error").asText())
                .isEqualTo("problem.file: no file 'iris.csv' in this lesson's folder");
        body.put("lesson", "no-such-lesson");
        java.net.http.HttpResponse<String> unknown = server.postJson("/api/gradient-check", body.toString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("field").asText()).isEqualTo("lesson");
        String spiral = "{\"problem\": {\"type\": \"softmax-spiral\"}, \"lesson\": \"no-such-lesson\"}";
        assertThat(server.postJson("/api/gradient-check", spiral).statusCode()).as("no table needed").isEqualTo(200);
    }

    @Test
    void aHelloFromALessonTheCourseDoesNotHaveReadsNoLessonsFiles(@TempDir Path lessons) throws IOException {
        // a lesson whose slug is the metrics' label for unknown lessons must not lend them its table
        Path other = Files.createDirectories(lessons.resolve("01-other"));
        Files.writeString(other.resolve("en.md"), "---\ntitle: Other\norder: 1\nsummary: S.\n---\n\nText.\n");
        Files.copy(IRIS, other.resolve("iris.csv"));
        Files.writeString(other.resolve("experiment.json"), "{\"presets\": [{\"id\": \"iris\", \"title\": {\"en\": "
                + "\"Iris\"}, \"spec\": " + irisSpec() + ", \"controls\": {\"optimizers\": [\"sgd\", \"adam\"]}, "
                + "\"claim\": {\"text\": {\"en\": \"Learns.\"}, \"check\": {\"type\": \"final_accuracy_above\", "
                + "\"run\": \"sgd\", \"value\": 0.5, \"split\": \"train\"}}}]}");
        try (TestServer own = TestServer.start(new ServerConfig("127.0.0.1", 0, Optional.of(lessons), Optional.empty(),
                ServerLimits.DEFAULT, PublicOrigins.NONE, ClassroomConfig.inMemory()));
             WsClient client = WsClient.connect(own)) {
            client.send(hello("no-such-lesson")).send(start(irisSpec(), null));
            JsonNode error = client.await("error", 0);
            assertThat(error.get("field").asText()).isEqualTo("spec.problem.file");
            assertThat(error.get("message").asText()).contains("no folder to read data files from");
            int from = client.count();
            client.send(hello("other")).send(start(irisSpec(), null));
            assertThat(client.await("started", from).get("problem").get("type").asText()).isEqualTo("csv");
        }
    }
}

package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/** The experiment WebSocket on a real port, message by message (docs/protocol.md). */
class ExperimentSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String spec(int steps, String runs) {
        return """
                {"problem": {"type": "quadratic"}, "start": [-2.5, 1.5], "steps": %d, "runs": [%s]}"""
                .formatted(steps, runs);
    }

    static final String TWO_RUNS = """
            {"id": "sgd", "optimizer": {"type": "sgd", "lr": 0.01}},
            {"id": "momentum", "optimizer": {"type": "momentum", "lr": 0.01, "mu": 0.9}}""";

    /** A long experiment that is never decimated under the default limits: it runs until the test stops it. */
    static final int LONG = ServerLimits.DEFAULT_MAX_POINTS_PER_RUN;

    static String start(String spec, boolean paused) {
        return "{\"type\": \"start\", \"paused\": " + paused + ", \"spec\": " + spec + "}";
    }

    static String speed(double stepsPerSecond) {
        return "{\"type\": \"speed\", \"stepsPerSecond\": " + stepsPerSecond + "}";
    }

    /** Every point of every {@code frames} message of {@code experiment}, per run, in arrival order. */
    static Map<String, List<JsonNode>> points(WsClient client, int experiment) {
        Map<String, List<JsonNode>> points = new TreeMap<>();
        for (JsonNode frames : client.ofType("frames")) {
            if (frames.get("experiment").asInt() != experiment) {
                continue;
            }
            frames.get("points").fields().forEachRemaining(e -> {
                List<JsonNode> list = points.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                e.getValue().forEach(list::add);
            });
        }
        return points;
    }

    static List<Integer> steps(List<JsonNode> points) {
        return points.stream().map(p -> p.get("step").asInt()).toList();
    }

    static List<Integer> range(int from, int to) {
        List<Integer> steps = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            steps.add(i);
        }
        return steps;
    }

    /** Sends {@code speed} and waits for its status: every message sent before it has been handled. */
    static JsonNode roundTrip(WsClient client, double stepsPerSecond) {
        int from = client.count();
        client.send(speed(stepsPerSecond));
        return client.await("the status after speed " + stepsPerSecond, from,
                m -> m.path("type").asText().equals("status") && m.get("stepsPerSecond").asDouble() == stepsPerSecond);
    }

    static JsonNode awaitError(WsClient client, int from) {
        return client.await("error", from);
    }

    /** One server with the default limits for the protocol's ordinary behaviour. */
    @Nested
    @ExtendWith(TestServer.PerClass.class)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Protocol {
        private final TestServer server;

        Protocol(TestServer server) {
            this.server = server;
        }

        @Test
        void startSendsStartedThenEveryPointInOrderThenDone() {
            try (WsClient client = WsClient.connect(server)) {
                client.send(speed(2000)).send(start(spec(100, TWO_RUNS), false));
                JsonNode started = client.await("started", 0);
                assertThat(started.get("experiment").asInt()).isEqualTo(1);
                assertThat(started.get("kind").asText()).isEqualTo("race");
                assertThat(started.get("steps").asInt()).isEqualTo(100);
                assertThat(started.get("stride").asInt()).isEqualTo(1);
                assertThat(started.get("runs").get(1).get("id").asText()).isEqualTo("momentum");
                assertThat(started.get("runs").get(1).get("optimizer").get("mu").asDouble()).isEqualTo(0.9);
                assertThat(started.get("runs").get(0).get("schedule").get("type").asText()).isEqualTo("constant");
                JsonNode problem = started.get("problem");
                assertThat(problem.get("type").asText()).isEqualTo("quadratic");
                assertThat(problem.get("dimension").asInt()).isEqualTo(2);
                assertThat(problem.get("vectors").asBoolean()).isTrue();
                assertThat(problem.get("parameters").get("b").asDouble()).isEqualTo(20);
                assertThat(problem.get("bounds").get(0).get(0).asDouble()).isEqualTo(-3);
                assertThat(problem.get("minima").get(0).get(0).asDouble()).isEqualTo(0);
                JsonNode contour = started.get("contour");
                assertThat(contour.get("x")).hasSize(ContourGrid.POINTS);
                assertThat(contour.get("z")).hasSize(ContourGrid.POINTS);
                // z[j][i] = f(x[i], y[j]) = 0.5 (x² + 20 y²)
                double x = contour.get("x").get(3).asDouble();
                double y = contour.get("y").get(7).asDouble();
                assertThat(contour.get("z").get(7).get(3).asDouble()).isCloseTo(0.5 * (x * x + 20 * y * y),
                        org.assertj.core.data.Offset.offset(1e-5));
                JsonNode initial = started.get("initial").get("sgd");
                assertThat(initial.get("step").asInt()).isZero();
                assertThat(initial.get("params").get(0).asDouble()).isEqualTo(-2.5);
                assertThat(initial.has("run")).isFalse();

                JsonNode done = client.await("done", 0);
                assertThat(done.get("step").asInt()).isEqualTo(100);
                assertThat(done.get("final").get("momentum").get("step").asInt()).isEqualTo(100);
                Map<String, List<JsonNode>> points = points(client, 1);
                assertThat(points.keySet()).containsExactly("momentum", "sgd");
                assertThat(steps(points.get("sgd"))).isEqualTo(range(1, 100));
                assertThat(steps(points.get("momentum"))).isEqualTo(range(1, 100));
                JsonNode last = points.get("momentum").get(99);
                assertThat(last.get("state").has("v")).isTrue();
                assertThat(last.get("lr").asDouble()).isEqualTo(0.01);
                assertThat(done.get("final").get("momentum")).isEqualTo(last);
                assertThat(client.ofType("frames")).allSatisfy(f -> assertThat(f.get("decimated").asBoolean()).isFalse());
                JsonNode status = client.await("the final status", 0,
                        m -> m.path("type").asText().equals("status") && m.get("state").asText().equals("done"));
                assertThat(status.get("step").asInt()).isEqualTo(100);
                // the order the protocol guarantees: started, then frames, then done
                List<String> types = client.received().stream().map(r -> r.message().get("type").asText()).toList();
                assertThat(types.indexOf("started")).isLessThan(types.indexOf("frames"));
                assertThat(types.lastIndexOf("frames")).isLessThan(types.indexOf("done"));
            }
        }

        @Test
        void startPausedWaitsAndStepDeliversExactlyNPointsPerRun() {
            try (WsClient client = WsClient.connect(server)) {
                client.send(start(spec(500, TWO_RUNS), true));
                client.await("started", 0);
                JsonNode paused = client.await("status", 0);
                assertThat(paused.get("state").asText()).isEqualTo("paused");
                assertThat(paused.get("step").asInt()).isZero();
                roundTrip(client, 100);
                assertThat(client.ofType("frames")).isEmpty();

                client.send("{\"type\": \"step\"}");
                Poll.until("one point per run", WsClient.TIMEOUT, () -> points(client, 1).getOrDefault("sgd", List.of()).size() == 1);
                client.send("{\"type\": \"step\", \"n\": 7}");
                Poll.until("eight points per run", WsClient.TIMEOUT,
                        () -> points(client, 1).getOrDefault("momentum", List.of()).size() >= 8);
                roundTrip(client, 101);
                Map<String, List<JsonNode>> points = points(client, 1);
                assertThat(steps(points.get("sgd"))).isEqualTo(range(1, 8));
                assertThat(steps(points.get("momentum"))).isEqualTo(range(1, 8));
                assertThat(client.ofType("status")).noneMatch(s -> s.get("state").asText().equals("running"));
            }
        }

        @Test
        void pauseStopsTheRunAndResumeContinuesWithoutGaps() {
            try (WsClient client = WsClient.connect(server)) {
                client.send(speed(200)).send(start(spec(LONG, TWO_RUNS), false));
                client.await("the first frames", 0, m -> m.path("type").asText().equals("frames"));
                int from = client.count();
                client.send("{\"type\": \"pause\"}");
                JsonNode paused = client.await("paused", from,
                        m -> m.path("type").asText().equals("status") && m.get("state").asText().equals("paused"));
                int pausedAt = paused.get("step").asInt();
                roundTrip(client, 201);
                roundTrip(client, 202);
                List<Integer> sgd = steps(points(client, 1).get("sgd"));
                assertThat(sgd).isEqualTo(range(1, pausedAt));

                client.send("{\"type\": \"resume\"}");
                client.await("running again", client.count() - 1,
                        m -> m.path("type").asText().equals("status") && m.get("state").asText().equals("running"));
                Poll.until("more points after resume", WsClient.TIMEOUT,
                        () -> points(client, 1).get("sgd").size() > pausedAt + 5);
                client.send("{\"type\": \"pause\"}");
                List<Integer> after = steps(points(client, 1).get("sgd"));
                assertThat(after.subList(0, pausedAt + 5)).isEqualTo(range(1, pausedAt + 5));
            }
        }

        @Test
        void stepWhileRunningPausesFirst() {
            try (WsClient client = WsClient.connect(server)) {
                client.send(speed(100)).send(start(spec(LONG, TWO_RUNS), false));
                client.await("frames", 0);
                int from = client.count();
                client.send("{\"type\": \"step\", \"n\": 3}");
                JsonNode paused = client.await("paused", from,
                        m -> m.path("type").asText().equals("status") && m.get("state").asText().equals("paused"));
                int pausedAt = paused.get("step").asInt();
                Poll.until("three more points", WsClient.TIMEOUT,
                        () -> points(client, 1).get("sgd").size() == pausedAt + 3);
                roundTrip(client, 99);
                assertThat(steps(points(client, 1).get("sgd"))).isEqualTo(range(1, pausedAt + 3));
            }
        }

        @Test
        void resetGoesBackToStepZeroPausedAsANewExperiment() {
            try (WsClient client = WsClient.connect(server)) {
                client.send(start(spec(50, TWO_RUNS), true)).send("{\"type\": \"step\", \"n\": 5}");
                Poll.until("five points", WsClient.TIMEOUT, () -> points(client, 1).getOrDefault("sgd", List.of()).size() == 5);
                int from = client.count();
                client.send("{\"type\": \"reset\"}");
                JsonNode started = client.await("started", from);
                assertThat(started.get("experiment").asInt()).isEqualTo(2);
                assertThat(started.get("initial").get("sgd").get("step").asInt()).isZero();
                assertThat(started.get("contour")).isNotNull();
                JsonNode status = client.await("status", from);
                assertThat(status.get("state").asText()).isEqualTo("paused");
                assertThat(status.get("experiment").asInt()).isEqualTo(2);
                client.send("{\"type\": \"step\", \"n\": 2}");
                Poll.until("two points of experiment 2", WsClient.TIMEOUT,
                        () -> points(client, 2).getOrDefault("sgd", List.of()).size() == 2);
                assertThat(steps(points(client, 2).get("sgd"))).isEqualTo(range(1, 2));
                // the same numbers as the first time: a reset starts the same spec afresh
                assertThat(points(client, 2).get("sgd").get(1)).isEqualTo(points(client, 1).get("sgd").get(1));
            }
        }

        @Test
        void aNewStartReplacesTheRunningExperiment() {
            try (WsClient client = WsClient.connect(server)) {
                client.send(speed(100)).send(start(spec(LONG, TWO_RUNS), false));
                client.await("frames", 0);
                int from = client.count();
                client.send(start(spec(20, "{\"id\": \"only\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}"), false));
                JsonNode started = client.await("started", from);
                assertThat(started.get("experiment").asInt()).isEqualTo(2);
                JsonNode done = client.await("done", from);
                assertThat(done.get("experiment").asInt()).isEqualTo(2);
                assertThat(done.get("final").has("sgd")).isFalse();
                roundTrip(client, 50);
                int startedIndex = client.received().stream().map(WsClient.Received::message).toList().indexOf(started);
                assertThat(client.received().subList(startedIndex, client.count()))
                        .map(WsClient.Received::message)
                        .filteredOn(m -> m.has("experiment") && !m.get("type").asText().equals("status"))
                        .allSatisfy(m -> assertThat(m.get("experiment").asInt()).isEqualTo(2));
                assertThat(steps(points(client, 2).get("only"))).isEqualTo(range(1, 20));
            }
        }

        @Test
        void speedIsConfirmedAndBounded() {
            try (WsClient client = WsClient.connect(server)) {
                JsonNode idle = roundTrip(client, 250);
                assertThat(idle.get("state").asText()).isEqualTo("idle");
                client.send(speed(ServerLimits.DEFAULT_MAX_STEPS_PER_SECOND + 1));
                JsonNode error = awaitError(client, 0);
                assertThat(error.get("field").asText()).isEqualTo("stepsPerSecond");
                assertThat(error.get("message").asText()).isEqualTo("stepsPerSecond: must be in [1, 5000], got 5001");
                client.send(speed(0.5));
                assertThat(client.await("second error", 2, m -> m.path("type").asText().equals("error")
                        && m.get("message").asText().contains("got 0.5"))).isNotNull();
            }
        }

        @Test
        void divergenceIsReportedAndTheOtherRunsGoOn() {
            try (WsClient client = WsClient.connect(server)) {
                client.send(speed(5000)).send(start(spec(300, """
                        {"id": "small", "optimizer": {"type": "sgd", "lr": 0.05}},
                        {"id": "big", "optimizer": {"type": "sgd", "lr": 2}}"""), false));
                JsonNode diverged = client.await("diverged", 0);
                assertThat(diverged.get("run").asText()).isEqualTo("big");
                assertThat(diverged.get("step").asInt()).isEqualTo(97);
                assertThat(diverged.get("reason").asText()).isEqualTo("loss became Infinity");
                JsonNode done = client.await("done", 0);
                assertThat(done.get("step").asInt()).isEqualTo(300);
                assertThat(done.get("final").get("big").get("step").asInt()).isEqualTo(97);
                assertThat(done.get("final").get("big").get("loss").isNull()).isTrue();
                assertThat(done.get("final").get("big").get("diverged").asBoolean()).isTrue();
                Map<String, List<JsonNode>> points = points(client, 1);
                assertThat(steps(points.get("big"))).isEqualTo(range(1, 97));
                assertThat(steps(points.get("small"))).isEqualTo(range(1, 300));
                int lastBigFrames = -1;
                List<WsClient.Received> all = client.received();
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).message().path("points").has("big")) {
                        lastBigFrames = i;
                    }
                }
                assertThat(lastBigFrames).isLessThan(all.stream().map(WsClient.Received::message).toList().indexOf(diverged));
            }
        }

        @Test
        void commandsNeedAnExperimentAndADoneExperimentCannotResume() {
            try (WsClient client = WsClient.connect(server)) {
                for (String type : List.of("pause", "resume", "step", "reset")) {
                    int from = client.count();
                    client.send("{\"type\": \"" + type + "\"}");
                    JsonNode error = awaitError(client, from);
                    assertThat(error.get("field").asText()).isEqualTo("type");
                    assertThat(error.get("message").asText()).contains("no experiment to " + type);
                }
                client.send(speed(5000)).send(start(spec(10, TWO_RUNS), false));
                client.await("done", 0);
                int from = client.count();
                client.send("{\"type\": \"resume\"}");
                assertThat(awaitError(client, from).get("message").asText()).contains("the experiment is done");
                from = client.count();
                client.send("{\"type\": \"step\", \"n\": 2}");
                assertThat(awaitError(client, from).get("field").asText()).isEqualTo("type");
                from = client.count();
                client.send("{\"type\": \"reset\"}");
                assertThat(client.await("started", from).get("experiment").asInt()).isEqualTo(2);
            }
        }

        @Test
        void theContourCarriesAZoomedGridAroundTheMinimumComputedForItsWindow() {
            try (WsClient client = WsClient.connect(server)) {
                client.send(start("""
                        {"problem": {"type": "quadratic", "a": 1, "b": 20}, "start": [-2.5, 1.5], "steps": 5,
                         "runs": [{"id": "rmsprop", "optimizer": {"type": "rmsprop", "lr": 0.05}}]}""", true));
                JsonNode started = client.await("started", 0);
                assertThat(started.get("problem").get("bounds").toString()).isEqualTo("[[-3.0,3.0],[-2.0,2.0]]");
                JsonNode zoom = started.get("contour").get("zoom");
                assertThat(zoom).as("a zoomed grid around the minimum (0, 0), 1/12 of the map's sides").isNotNull();
                assertThat(zoom.get("window").toString())
                        .isEqualTo("[[-0.25,0.25],[" + -2.0 / 12 + "," + 2.0 / 12 + "]]");
                assertThat(zoom.get("x")).hasSize(ContourGrid.ZOOM_POINTS);
                assertThat(zoom.get("x").get(0).asDouble()).isEqualTo(-0.25);
                assertThat(zoom.get("x").get(ContourGrid.ZOOM_POINTS - 1).asDouble()).isEqualTo(0.25);
                assertThat(zoom.get("y").get(0).asDouble()).isEqualTo(-2.0 / 12);
                assertThat(zoom.get("z")).hasSize(ContourGrid.ZOOM_POINTS);
                // z[j][i] = f(x[i], y[j]) = 0.5 (x² + 20 y²) on the zoomed window's own points
                double x = zoom.get("x").get(5).asDouble();
                double y = zoom.get("y").get(23).asDouble();
                assertThat(zoom.get("z").get(23).get(5).asDouble()).isCloseTo(0.5 * (x * x + 20 * y * y),
                        org.assertj.core.data.Offset.offset(1e-7));
                int from = client.count();
                client.send("{\"type\": \"reset\"}");
                assertThat(client.await("started", from).get("contour").get("zoom")).isEqualTo(zoom);
            }
        }

        @Test
        void linearRegressionWithTwoWeightsSendsTheMapOfItsTrainingLoss() {
            try (WsClient client = WsClient.connect(server)) {
                client.send(start("""
                        {"problem": {"type": "linear-regression", "n": 200, "d": 2}, "batch_size": 10, "steps": 5,
                         "runs": [{"id": "sgd", "optimizer": {"type": "sgd", "lr": 0.01}}]}""", true));
                JsonNode started = client.await("started", 0);
                JsonNode problem = started.get("problem");
                assertThat(problem.get("axes").get(0).asText()).isEqualTo("x[0]");
                assertThat(problem.get("minima")).hasSize(1);
                JsonNode contour = started.get("contour");
                assertThat(contour.get("z")).hasSize(ContourGrid.POINTS);
                double lowest = Double.MAX_VALUE;
                for (JsonNode row : contour.get("z")) {
                    for (JsonNode v : row) {
                        lowest = Math.min(lowest, v.asDouble());
                    }
                }
                assertThat(lowest).as("the fit's loss is about the noise variance 0.25").isBetween(0.15, 0.4);
            }
        }

        @Test
        void trainingProblemsRunWithoutAContourAndLongVectorsAreLeftOut() {
            try (WsClient client = WsClient.connect(server)) {
                client.send(speed(5000)).send(start("""
                        {"problem": {"type": "linear-regression", "n": 100, "d": 100}, "batch_size": 10, "steps": 30,
                         "runs": [{"id": "sgd", "optimizer": {"type": "sgd", "lr": 0.01}}]}""", false));
                JsonNode started = client.await("started", 0);
                assertThat(started.has("contour")).isFalse();
                assertThat(started.get("problem").get("type").asText()).isEqualTo("linear-regression");
                assertThat(started.get("problem").get("dimension").asInt()).isEqualTo(100);
                assertThat(started.get("problem").get("vectors").asBoolean()).isFalse();
                assertThat(started.get("problem").has("bounds")).isFalse();
                assertThat(started.get("initial").get("sgd").has("params")).isFalse();
                client.await("done", 0);
                List<JsonNode> points = points(client, 1).get("sgd");
                assertThat(steps(points)).isEqualTo(range(1, 30));
                assertThat(points).allSatisfy(p -> {
                    assertThat(p.has("params") || p.has("update") || p.has("state")).isFalse();
                    assertThat(p.get("loss").isNumber()).isTrue();
                    assertThat(p.get("epoch").asInt()).isEqualTo((p.get("step").asInt() - 1) / 10);
                });
            }
        }

        @Test
        void networkPointsCarryLayersAndEpochEvaluations() {
            try (WsClient client = WsClient.connect(server)) {
                client.send(speed(5000)).send(start("""
                        {"problem": {"type": "mlp-spiral", "hidden": 20}, "steps": 10, "seed": 1,
                         "runs": [{"id": "adam", "optimizer": {"type": "adam", "lr": 0.01}}]}""", false));
                JsonNode started = client.await("started", 0);
                assertThat(started.get("problem").get("vectors").asBoolean()).isFalse();
                assertThat(started.get("initial").get("adam").get("evaluation").get("train_loss").isNumber()).isTrue();
                client.await("done", 0);
                List<JsonNode> points = points(client, 1).get("adam");
                assertThat(steps(points)).isEqualTo(range(1, 10));
                assertThat(points).allSatisfy(p -> {
                    assertThat(p.get("layers").isArray()).isTrue();
                    assertThat(p.get("layers").get(0).has("update_ratio")).isTrue();
                    assertThat(p.get("evaluation").has("val_accuracy")).as("full batch: every update ends an epoch").isTrue();
                });
            }
        }

        @Test
        void closingTheConnectionFreesItsExperiment() throws Exception {
            WsClient client = WsClient.connect(server);
            client.send(speed(10)).send(start(spec(LONG, TWO_RUNS), false));
            client.await("frames", 0);
            JsonNode health = JSON.readTree(server.get("/healthz").body());
            assertThat(health.get("sessions").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(health.get("experiments").asInt()).isGreaterThanOrEqualTo(1);
            client.close();
            Poll.until("the server drops the session", WsClient.TIMEOUT, () -> {
                try {
                    JsonNode now = JSON.readTree(server.get("/healthz").body());
                    return now.get("sessions").asInt() == 0 && now.get("experiments").asInt() == 0;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }
}

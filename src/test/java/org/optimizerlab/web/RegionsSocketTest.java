package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.web.ExperimentSocketTest.points;
import static org.optimizerlab.web.ExperimentSocketTest.roundTrip;
import static org.optimizerlab.web.ExperimentSocketTest.start;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;
import org.optimizerlab.train.ReferenceNetwork;

/** The decision regions of spiral races on a real port (docs/protocol.md, "Decision regions"). */
@ExtendWith(TestServer.PerClass.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionsSocketTest {

    /** 2-8-3: 51 parameters, so every point carries its params and the test can predict independently. */
    static String spiral(int epochs, String runs) {
        return """
                {"problem": {"type": "mlp-spiral", "points_per_class": 40, "hidden": 8, "init": "he"},
                 "epochs": %d, "batch_size": 24, "seed": 3, "runs": [%s]}""".formatted(epochs, runs);
    }

    static final String ADAM = """
            {"id": "adam", "optimizer": {"type": "adam", "lr": 0.02}}""";
    static final String TWO = """
            {"id": "sgd", "optimizer": {"type": "sgd", "lr": 0.1}}, """ + ADAM;

    private final TestServer server;

    RegionsSocketTest(TestServer server) {
        this.server = server;
    }

    /** Whether a reference network with parameters {@code params} predicts {@code predicted} at (x, y). */
    interface ReferencePrediction {
        boolean agrees(double[] params, double x, double y, int predicted);
    }

    /** Every cell of {@code regions} is the class the network of {@code point}'s params predicts at its centre. */
    static void assertNetworksOwnPrediction(JsonNode regions, JsonNode point) {
        assertEveryCellIsPredicted(regions, point,
                (params, x, y, predicted) -> ReferenceNetwork.agrees(params, 8, 3, false, x, y, predicted));
    }

    /** Every cell of {@code regions} is the class {@code reference} predicts at its centre with {@code point}'s params. */
    static void assertEveryCellIsPredicted(JsonNode regions, JsonNode point, ReferencePrediction reference) {
        int size = regions.get("size").asInt();
        String classes = regions.get("classes").asText();
        assertThat(classes).hasSize(size * size);
        double[] params = new double[point.get("params").size()];
        for (int k = 0; k < params.length; k++) {
            params[k] = point.get("params").get(k).asDouble();
        }
        JsonNode window = regions.get("window");
        double xLow = window.get(0).get(0).asDouble();
        double xHigh = window.get(0).get(1).asDouble();
        double yLow = window.get(1).get(0).asDouble();
        double yHigh = window.get(1).get(1).asDouble();
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < size; i++) {
                double px = xLow + (i + 0.5) * (xHigh - xLow) / size;
                double py = yLow + (j + 0.5) * (yHigh - yLow) / size;
                int predicted = classes.charAt(j * size + i) - '0';
                assertThat(reference.agrees(params, px, py, predicted))
                        .as("cell (%d, %d) of step %d", i, j, regions.get("step").asInt()).isTrue();
            }
        }
    }

    @Test
    void startedCarriesTheDataButNoGridIsComputedUnlessThePageAsks() {
        try (WsClient client = WsClient.connect(server)) {
            client.send(ExperimentSocketTest.speed(2000)).send(start(spiral(5, ADAM), false));
            JsonNode started = client.await("started", 0);
            JsonNode data = started.get("data");
            assertThat(data.get("classes").asInt()).isEqualTo(3);
            assertThat(data.get("train").get("labels")).hasSize(96);          // 40 - round(40 * 0.2) per class
            assertThat(data.get("train").get("xy")).hasSize(192);
            assertThat(data.get("validation").get("labels")).hasSize(24);
            assertThat(data.get("train").get("stride").asInt()).isEqualTo(1);
            for (JsonNode side : data.get("window")) {
                assertThat(side.get(0).asDouble()).isLessThan(-1);           // the spiral fills the unit disc
                assertThat(side.get(1).asDouble()).isGreaterThan(1);
            }
            client.await("done", 0);
            roundTrip(client, 100);
            assertThat(client.ofType("regions")).isEmpty();
        }
    }

    @Test
    void gridsFollowTheRaceAtMostEveryQuarterSecondEndingWithTheLastStep() {
        try (WsClient client = WsClient.connect(server)) {
            client.send("{\"type\": \"regions\", \"on\": true}");
            client.send(ExperimentSocketTest.speed(400)).send(start(spiral(100, ADAM), false));
            JsonNode done = client.await("done", 0);
            int last = done.get("step").asInt();
            JsonNode final_ = client.await("the grid of the last step", 0,
                    m -> m.path("type").asText().equals("regions") && m.get("step").asInt() == last);
            assertThat(final_.get("run").asText()).isEqualTo("adam");
            assertThat(final_.get("size").asInt()).isEqualTo(48);

            List<WsClient.Received> grids = client.received().stream()
                    .filter(r -> r.message().path("type").asText().equals("regions")).toList();
            assertThat(grids.size()).isGreaterThanOrEqualTo(3);               // step 0, some on the way, the last
            assertThat(grids.get(0).message().get("step").asInt()).isZero();
            // Sent at least 250 ms apart: over the time they span, no more than one per 250 ms (arrival times
            // jitter on a loaded machine, so single gaps are not compared).
            long spanMillis = (grids.get(grids.size() - 1).nanos() - grids.get(0).nanos()) / 1_000_000;
            assertThat(grids.size() - 1L).as("grids after the first, over %d ms", spanMillis)
                    .isLessThanOrEqualTo(spanMillis / RegionsFeed.MIN_INTERVAL_MILLIS + 1);
            Map<String, List<JsonNode>> points = points(client, 1);
            for (WsClient.Received grid : grids) {
                int step = grid.message().get("step").asInt();
                JsonNode point = step == 0 ? client.await("started", 0).get("initial").get("adam")
                        : points.get("adam").stream().filter(p -> p.get("step").asInt() == step).findFirst().orElseThrow();
                assertNetworksOwnPrediction(grid.message(), point);
            }
            // The regions changed as the network learned.
            assertThat(grids.get(grids.size() - 1).message().get("classes").asText())
                    .isNotEqualTo(grids.get(0).message().get("classes").asText());
        }
    }

    @Test
    void theNamedRunIsShownAndSwitchingOffStopsTheGrids() {
        try (WsClient client = WsClient.connect(server)) {
            client.send(start(spiral(50, TWO), true));
            client.await("started", 0);
            client.send("{\"type\": \"regions\", \"run\": \"adam\"}");
            JsonNode first = client.await("regions", 0);
            assertThat(first.get("run").asText()).isEqualTo("adam");
            assertThat(first.get("step").asInt()).isZero();
            client.send("{\"type\": \"step\", \"n\": 3}");
            JsonNode stepped = client.await("the grid after 3 steps", 0,
                    m -> m.path("type").asText().equals("regions") && m.get("step").asInt() == 3);
            JsonNode point = points(client, 1).get("adam").get(2);
            assertThat(point.get("step").asInt()).isEqualTo(3);
            assertNetworksOwnPrediction(stepped, point);

            client.send("{\"type\": \"regions\", \"on\": false}");
            roundTrip(client, 500);
            int before = client.ofType("regions").size();
            client.send("{\"type\": \"step\", \"n\": 5}");
            client.await("the points of step 8", 0, m -> m.path("type").asText().equals("frames")
                    && m.toString().contains("\"step\":8"));
            roundTrip(client, 400);
            assertThat(client.ofType("regions")).hasSize(before);
        }
    }

    @Test
    void aRaceWithoutASpiralHasNoDataAndNoGrids() {
        try (WsClient client = WsClient.connect(server)) {
            client.send("{\"type\": \"regions\"}");
            client.send(start(ExperimentSocketTest.spec(20, ExperimentSocketTest.TWO_RUNS), false));
            JsonNode started = client.await("started", 0);
            assertThat(started.has("data")).isFalse();
            client.await("done", 0);
            roundTrip(client, 100);
            assertThat(client.ofType("regions")).isEmpty();
        }
    }

    @Test
    void aBadRegionsMessageIsAnErrorNamingTheField() {
        try (WsClient client = WsClient.connect(server)) {
            client.send("{\"type\": \"regions\", \"on\": \"yes\"}");
            assertThat(client.await("error", 0).get("field").asText()).isEqualTo("on");
            int from = client.count();
            client.send("{\"type\": \"regions\", \"run\": \"not an id\"}");
            JsonNode error = client.await("error", from);
            assertThat(error.get("field").asText()).isEqualTo("run");
            assertThat(error.get("message").asText()).startsWith("run: must be a run id");
            from = client.count();
            client.send("{\"type\": \"regions\", \"every\": 5}");
            assertThat(client.await("error", from).get("field").asText()).isEqualTo("every");
        }
    }
}

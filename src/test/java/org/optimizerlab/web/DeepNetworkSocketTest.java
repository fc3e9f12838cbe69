package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.web.ExperimentSocketTest.points;
import static org.optimizerlab.web.ExperimentSocketTest.start;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;
import org.optimizerlab.train.ReferenceNetwork;

/**
 * A race on a network of three hidden layers over a real socket: the problem's layers, per-layer statistics for
 * the 3 + 1 weight layers, decision regions from the deep network, the gradient check's rows per layer, and a bad
 * width refused with its field named.
 */
@ExtendWith(TestServer.PerClass.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeepNetworkSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Integer> HIDDEN = List.of(4, 3, 3);

    /** 2-4-3-3-3: 51 parameters (at most 64), so every point carries its params and the regions can be predicted here. */
    private static final String SPEC = """
            {"problem": {"type": "mlp-spiral", "points_per_class": 40, "hidden": [4, 3, 3], "activation": "tanh",
                         "init": "xavier"},
             "epochs": 20, "batch_size": 24, "seed": 3,
             "runs": [{"id": "sgd", "optimizer": {"type": "sgd", "lr": 0.3}},
                      {"id": "adam", "optimizer": {"type": "adam", "lr": 0.02}}]}""";

    private final TestServer server;

    DeepNetworkSocketTest(TestServer server) {
        this.server = server;
    }

    @Test
    void aDepthThreeRaceStreamsStatisticsForEachOfItsFourWeightLayers() {
        try (WsClient client = WsClient.connect(server)) {
            client.send("{\"type\": \"regions\", \"run\": \"adam\"}");
            client.send(ExperimentSocketTest.speed(2000)).send(start(SPEC, false));
            JsonNode started = client.await("started", 0);
            JsonNode problem = started.get("problem");
            assertThat(problem.get("parameters").get("hidden").toString()).isEqualTo("[4,3,3]");
            assertThat(problem.get("parameters").get("activation").asText()).isEqualTo("tanh");
            List<String> weights = new ArrayList<>();
            problem.get("layers").forEach(l -> {
                if (l.get("weight").asBoolean()) {
                    weights.add(l.get("name").asText());
                }
            });
            assertThat(weights).containsExactly("W1", "W2", "W3", "W4");
            assertThat(problem.get("dimension").asInt()).isEqualTo(2 * 4 + 4 + 4 * 3 + 3 + 3 * 3 + 3 + 3 * 3 + 3);

            JsonNode done = client.await("done", 0);
            int last = done.get("step").asInt();
            JsonNode lastGrid = client.await("the grid of the last step", 0,
                    m -> m.path("type").asText().equals("regions") && m.get("step").asInt() == last);
            Map<String, List<JsonNode>> points = points(client, 1);
            for (String run : List.of("sgd", "adam")) {
                List<JsonNode> withLayers = points.get(run).stream()
                        .filter(p -> p.has("layers") && p.get("step").asInt() > 0).toList();
                assertThat(withLayers).as("points of %s with per-layer statistics", run).isNotEmpty();
                for (JsonNode point : withLayers) {
                    List<String> names = new ArrayList<>();
                    point.get("layers").forEach(l -> names.add(l.get("name").asText()));
                    assertThat(names).containsExactly("W1", "b1", "W2", "b2", "W3", "b3", "W4", "b4");
                    for (JsonNode layer : point.get("layers")) {               // biases start at 0: no ratio
                        if (layer.get("name").asText().startsWith("W")) {
                            assertThat(layer.get("update_ratio").asDouble()).as("%s of %s at step %s",
                                    layer.get("name"), run, point.get("step")).isPositive().isFinite();
                        }
                    }
                }
            }
            JsonNode lastAdam = points.get("adam").stream().filter(p -> p.get("step").asInt() == last)
                    .findFirst().orElseThrow();
            assertDeepNetworksOwnPrediction(lastGrid, lastAdam);
        }
    }

    /** Every cell of {@code regions} is the class {@link ReferenceNetwork}'s plain deep forward pass predicts. */
    private static void assertDeepNetworksOwnPrediction(JsonNode regions, JsonNode point) {
        RegionsSocketTest.assertEveryCellIsPredicted(regions, point,
                (params, x, y, predicted) -> ReferenceNetwork.agrees(params, HIDDEN, 3, true, x, y, predicted));
    }

    @Test
    void aBadWidthIsRefusedWithItsFieldNamed() {
        try (WsClient client = WsClient.connect(server)) {
            client.send(start(SPEC.replace("[4, 3, 3]", "[4, 0, 3]"), false));
            JsonNode error = client.await("error", 0);
            assertThat(error.get("field").asText()).isEqualTo("spec.problem.hidden[1]");
            assertThat(error.get("message").asText())
                    .isEqualTo("spec.problem.hidden[1]: must be an integer in 1..1000, got 0");
        }
    }

    @Test
    void theGradientCheckHasARowPerLayerOfTheDeepNetwork() throws Exception {
        HttpResponse<String> response = server.postJson("/api/gradient-check", """
                {"problem": {"type": "mlp-spiral", "hidden": [12, 7, 9], "activation": "tanh", "init": "xavier"},
                 "seed": 1}""");
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode block : JSON.readTree(response.body()).get("blocks")) {
            names.add(block.get("name").asText());
            assertThat(block.get("max_relative_error").asDouble()).as(block.get("name").asText()).isLessThan(1e-5);
        }
        assertThat(names).containsExactly("W1", "b1", "W2", "b2", "W3", "b3", "W4", "b4");
    }
}

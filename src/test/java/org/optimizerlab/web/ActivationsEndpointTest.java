package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optimizerlab.lesson.WorkLimits;
import org.optimizerlab.testing.TestLimits;
import org.optimizerlab.testing.TestServer;

/** {@code POST /api/activations} on a real port, on a server with a lower activations limit and one worker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActivationsEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The server's bound: a 10 × 200 network of 200 samples (8e7) fits, a 10 × 300 one (1.8e8) does not. */
    private static final long MAX_WORK = 100_000_000L;
    private TestServer server;

    @BeforeAll
    void startServer() {
        server = TestServer.start(TestServer.config(TestLimits.workers(1).withWork(
                new WorkLimits(MAX_WORK, 60, 300, 1_000_000_000L, WorkLimits.DEFAULT_MAX_UPDATE_WORK))));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    private static String study(String init, String activation) {
        return "{\"problem\": {\"type\": \"deep-activations\", \"layers\": 10, \"width\": 200, \"activation\": \""
                + activation + "\", \"init\": \"" + init + "\", \"bins\": 30}, \"seed\": 1}";
    }

    private static double std(JsonNode answer, int layer) {
        return answer.get("layers").get(layer - 1).get("std").asDouble();
    }

    @Test
    void heWeightsKeepReluLayersAtOneScale() throws Exception {
        HttpResponse<String> response = server.postJson("/api/activations", study("he", "relu"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("kind").asText()).isEqualTo("activations");
        assertThat(answer.get("problem").get("init").asText()).isEqualTo("he");
        assertThat(answer.get("edges")).hasSize(31);
        assertThat(answer.get("layers")).hasSize(10);
        for (JsonNode layer : answer.get("layers")) {
            long total = 0;
            for (JsonNode count : layer.get("counts")) {
                total += count.asLong();
            }
            assertThat(total).as("every activation of layer " + layer.get("layer")).isEqualTo(200L * 200);
        }
        assertThat(std(answer, 10) / std(answer, 1)).isBetween(0.5, 2.0);
        assertThat(server.postJson("/api/activations", study("he", "relu")).body()).as("the same answer again")
                .isEqualTo(response.body());
    }

    @Test
    void smallWeightsMakeTheActivationsCollapse() throws Exception {
        JsonNode answer = JSON.readTree(server.postJson("/api/activations", study("small", "tanh")).body());
        assertThat(std(answer, 10) / std(answer, 1)).isLessThan(1e-5);
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("{\"problem\": ", "", "not valid JSON"),
                Arguments.of("{\"problem\": {\"type\": \"quadratic\"}}", "problem.type",
                        "problem.type: must be one of deep-activations; got 'quadratic'"),
                Arguments.of(study("orthogonal", "relu"), "problem.init",
                        "problem.init: must be one of small, xavier, he, zeros; got 'orthogonal'"),
                Arguments.of(study("he", "relu").replace("\"layers\": 10", "\"layers\": 21"), "problem.layers",
                        "problem.layers: must be an integer in 1..20, got 21"),
                Arguments.of(study("he", "relu").replace("\"seed\": 1", "\"seed\": 1, \"runs\": []"), "runs",
                        "runs: unknown field"),
                Arguments.of(study("he", "relu").replace("\"width\": 200", "\"width\": 300"), "problem.samples",
                        "problem.samples: samples * width² * layers must be at most 100000000 on this server, got "
                        + "200 * 300² * 10 = 180000000"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void badBodiesGetA400NamingTheField(String body, String field, String message) throws Exception {
        HttpResponse<String> response = server.postJson("/api/activations", body);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("error").asText()).startsWith(message);
    }

    @Test
    void anOversizeBodyIsRefused() throws Exception {
        String body = "{\"seed\": 1, \"problem\": {\"type\": \"deep-activations\", \"x\": \"" + "y".repeat(70_000) + "\"}}";
        HttpResponse<String> response = server.postJson("/api/activations", body);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("at most 65536 are allowed");
    }

    @Test
    void concurrentStudiesShareTheOneSlotAndAllGetTheirAnswer() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String body = study("xavier", "tanh").replace("\"seed\": 1", "\"seed\": " + (100 + i));
            requests.add(CompletableFuture.supplyAsync(() -> server.postJson("/api/activations", body)));
        }
        for (CompletableFuture<HttpResponse<String>> request : requests) {
            assertThat(request.get().statusCode()).isEqualTo(200);
        }
    }
}

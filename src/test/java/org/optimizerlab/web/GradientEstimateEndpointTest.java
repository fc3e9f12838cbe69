package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optimizerlab.testing.TestServer;

/** {@code POST /api/gradient-estimate} on a real port. */
@ExtendWith(TestServer.PerClass.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradientEstimateEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "\"problem\": {\"type\": \"linear-regression\", \"n\": 1000, \"d\": 2, \"noise\": 0.5}";
    private final TestServer server;

    GradientEstimateEndpointTest(TestServer server) {
        this.server = server;
    }

    @Test
    void theErrorOfTheAverageShrinksLikeOneOverRootK() throws Exception {
        String body = "{" + PROBLEM + ", \"seed\": 3, \"batch_size\": 10, \"ks\": [1, 4, 16, 64, 256], \"repeats\": 50}";
        HttpResponse<String> response = server.postJson("/api/gradient-estimate", body);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("ks").toString()).isEqualTo("[1,4,16,64,256]");
        JsonNode errors = answer.get("mean_error");
        assertThat(errors).hasSize(5);
        for (int i = 1; i < errors.size(); i++) {
            // four times the batches, half the error (within the noise of 50 repetitions)
            assertThat(errors.get(i).asDouble() / errors.get(i - 1).asDouble()).isBetween(0.35, 0.65);
        }
        assertThat(answer.get("slope").asDouble()).isBetween(-0.6, -0.4);
        assertThat(answer.get("full_gradient_norm").asDouble()).isPositive();
        assertThat(server.postJson("/api/gradient-estimate", body).body()).as("same seed, same numbers")
                .isEqualTo(response.body());
    }

    @Test
    void defaultsFillTheOptionalFields() throws Exception {
        HttpResponse<String> response = server.postJson("/api/gradient-estimate", "{" + PROBLEM + "}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("ks").toString()).isEqualTo("[1,2,4,8,16,32,64,128,256]");
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("{" + PROBLEM, "", "not valid JSON"),
                Arguments.of("[]", "", "must be a JSON object"),
                Arguments.of("{\"problem\": {\"type\": \"quadratic\"}}", "problem.type",
                        "problem.type: must be a problem with a training set"),
                Arguments.of("{" + PROBLEM + ", \"ks\": [1, 4, 2]}", "ks[2]", "ks[2]: must be an integer in 5..1000, got 2"),
                Arguments.of("{" + PROBLEM + ", \"ks\": [1.5]}", "ks[0]", "ks[0]: must be an integer"),
                Arguments.of("{" + PROBLEM + ", \"repeats\": 501}", "repeats", "repeats: must be an integer in 1..500, got 501"),
                Arguments.of("{" + PROBLEM + ", \"repeats\": 500, \"ks\": [1000], \"batch_size\": 1000}", "repeats",
                        "repeats: repeats * max(ks) * batch_size must be at most 1000000, got 500 * 1000 * 1000"),
                Arguments.of("{" + PROBLEM + ", \"at\": [0, 0, 0]}", "at", "at: must have 2 numbers, got 3"),
                Arguments.of("{" + PROBLEM + ", \"at\": [0, NaN]}", "at[1]", "at[1]: must be a finite number, got NaN"),
                Arguments.of("{" + PROBLEM + ", \"batch_size\": 0}", "batch_size", "batch_size: must be an integer in 1..1000, got 0"),
                Arguments.of("{" + PROBLEM + ", \"k\": [1]}", "k", "k: unknown field"),
                Arguments.of("{\"problem\": {\"type\": \"mlp-spiral\", \"hidden\": 5, \"dropout\": 0.2}}",
                        "problem.dropout", "problem.dropout: must be 0 for a gradient estimate"),
                Arguments.of("{" + PROBLEM + ", \"lesson\": 7}", "lesson", "lesson: must be a lesson's slug"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void badBodiesGetA400NamingTheField(String body, String field, String message) throws Exception {
        HttpResponse<String> response = server.postJson("/api/gradient-estimate", body);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("error").asText()).startsWith(message);
    }

    @Test
    void anOversizeBodyIsRefused() throws Exception {
        String body = "{" + PROBLEM + ", \"ks\": [" + "1, ".repeat(40_000) + "2]}";
        HttpResponse<String> response = server.postJson("/api/gradient-estimate", body);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("at most 65536 are allowed");
    }

    @Test
    void onlyPostIsAnswered() {
        assertThat(server.get("/api/gradient-estimate").statusCode()).isIn(404, 405);
    }
}

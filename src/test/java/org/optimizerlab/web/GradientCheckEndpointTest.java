package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optimizerlab.testing.TestServer;

/** {@code POST /api/gradient-check} on a real port (docs/protocol.md). */
@ExtendWith(TestServer.PerClass.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradientCheckEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestServer server;

    GradientCheckEndpointTest(TestServer server) {
        this.server = server;
    }

    @Test
    void theCaseStudyNetworksGradientChecksOutBlockByBlock() throws Exception {
        HttpResponse<String> response = server.postJson("/api/gradient-check",
                "{\"problem\": {\"type\": \"mlp-spiral\", \"activation\": \"tanh\", \"init\": \"xavier\"}, \"seed\": 1}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("h").asDouble()).isEqualTo(1e-5);
        assertThat(answer.get("batch_size").asInt()).isEqualTo(20);
        JsonNode blocks = answer.get("blocks");
        assertThat(blocks).hasSize(4);
        for (JsonNode block : blocks) {
            // 10 coordinates per block, all 3 of b2 (one per class)
            assertThat(block.get("coordinates")).hasSize(block.get("name").asText().equals("b2") ? 3 : 10);
            assertThat(block.get("max_relative_error").asDouble()).as(block.get("name").asText()).isLessThan(1e-5);
            JsonNode first = block.get("coordinates").get(0);
            assertThat(first.has("index") && first.has("analytic") && first.has("numeric")).isTrue();
        }
        assertThat(blocks.get(2).get("name").asText()).isEqualTo("W2");
        // The same request gives the same numbers.
        assertThat(server.postJson("/api/gradient-check", "{\"problem\": {\"type\": \"mlp-spiral\", \"activation\": "
                + "\"tanh\", \"init\": \"xavier\"}, \"seed\": 1}").body()).isEqualTo(response.body());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"problem\": {\"type\": \"mlp-spiral\"}, \"per_block\": 0}|per_block",
        "{\"problem\": {\"type\": \"mlp-spiral\"}, \"h\": 0.5}|h",
        "{\"problem\": {\"type\": \"quadratic\"}}|problem.type",
        "{\"problem\": {\"type\": \"mlp-spiral\"}, \"every\": 1}|every",
        "{\"problem\": {\"type\": \"mlp-spiral\", \"hidden\": 1000, \"points_per_class\": 1000}, \"batch_size\": 2400, "
                + "\"per_block\": 50}|batch_size"})
    void aBadBodyIsA400NamingTheField(String body, String field) throws Exception {
        HttpResponse<String> response = server.postJson("/api/gradient-check", body);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("field").asText()).isEqualTo(field);
        assertThat(answer.get("error").asText()).startsWith(field + ":").doesNotContain("Exception", "java.");
    }
}

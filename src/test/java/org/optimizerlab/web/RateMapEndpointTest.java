package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optimizerlab.testing.TestServer;

/** {@code GET /api/rate-map} on a real port. */
@ExtendWith(TestServer.PerClass.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateMapEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WINDOW = "a=1&b=20&lr_min=0.0001&lr_max=1&mu_min=0&mu_max=0.99";
    private final TestServer server;

    RateMapEndpointTest(TestServer server) {
        this.server = server;
    }

    @Test
    void theMapHasARateAndRegionPerCellTheOptimumAndTheStudentsPoint() throws Exception {
        HttpResponse<String> response = server.get("/api/rate-map?optimizer=momentum&" + WINDOW + "&lr=0.02&mu=0.9");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode map = JSON.readTree(response.body());
        assertThat(map.get("lr")).hasSize(72);
        assertThat(map.get("mu")).hasSize(50);
        assertThat(map.get("lr").get(0).asDouble()).isEqualTo(0.0001);
        assertThat(map.get("lr").get(71).asDouble()).isEqualTo(1.0);
        assertThat(map.get("rate")).hasSize(50);
        assertThat(map.get("rate").get(0)).hasSize(72);
        assertThat(map.get("regions").toString()).isEqualTo("[\"too-slow\",\"oscillating\",\"diverging\"]");
        assertThat(map.get("condition").asDouble()).isEqualTo(20.0);
        // mu = 0 row is SGD: rate max(|1 - lr|, |1 - 20 lr|); at lr = 1 it diverges (|1 - 20| = 19)
        assertThat(map.get("rate").get(0).get(0).asDouble()).isCloseTo(1 - 0.0001, within(1e-6));
        assertThat(map.get("rate").get(0).get(71).asDouble()).isCloseTo(19, within(1e-5));
        assertThat(map.get("region").get(0).get(71).asInt()).isEqualTo(2);
        JsonNode optimum = map.get("optimum");
        assertThat(optimum.get("lr").asDouble()).isCloseTo(Math.pow(2 / (1 + Math.sqrt(20)), 2), within(1e-12));
        assertThat(optimum.get("mu").asDouble())
                .isCloseTo(Math.pow((Math.sqrt(20) - 1) / (Math.sqrt(20) + 1), 2), within(1e-12));
        assertThat(map.get("best").get("rate").asDouble()).isGreaterThanOrEqualTo(optimum.get("rate").asDouble());
        JsonNode point = map.get("point");
        assertThat(point.get("rate").asDouble()).isCloseTo(Math.sqrt(0.9), within(1e-12));
        assertThat(point.get("region").asText()).isEqualTo("oscillating");
        assertThat(point.get("critical_mu").asDouble()).isCloseTo(Math.pow(1 - Math.sqrt(0.02), 2), within(1e-12));
    }

    @Test
    void nesterovHasItsOwnMapAndItsOwnClosedFormOptimum() throws Exception {
        JsonNode map = JSON.readTree(server.get("/api/rate-map?optimizer=nesterov&" + WINDOW
                + "&lr=0.1&mu=0.9").body());
        assertThat(map.get("optimizer").asText()).isEqualTo("nesterov");
        JsonNode optimum = map.get("optimum");                      // lr* = 4 / (3L + m), mu* from √(3κ + 1) = √61
        assertThat(optimum.get("lr").asDouble()).isCloseTo(4.0 / 61, within(1e-12));
        assertThat(optimum.get("mu").asDouble()).isCloseTo((Math.sqrt(61) - 2) / (Math.sqrt(61) + 2), within(1e-12));
        assertThat(optimum.get("rate").asDouble()).isCloseTo(1 - 2 / Math.sqrt(61), within(1e-12));
        assertThat(map.get("best").get("rate").asDouble()).isGreaterThanOrEqualTo(optimum.get("rate").asDouble());
        assertThat(map.get("point").get("region").asText()).as("lesson 3: lr = 0.1 is past Nesterov's 0.068")
                .isEqualTo("diverging");
        assertThat(map.get("point").get("critical_mu").isNull()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "optimizer=adam&" + WINDOW + "|optimizer|optimizer: the rate map covers momentum and nesterov (and sgd as mu = 0); got 'adam'",
            "optimizer=sgd&" + WINDOW + "|optimizer|optimizer: must be momentum or nesterov (sgd is momentum's row mu = 0)",
            "optimizer=momentum&a=1&lr_min=0.0001&lr_max=1&mu_min=0&mu_max=0.99|b|b: is required",
            "optimizer=momentum&a=0&b=20&lr_min=0.0001&lr_max=1&mu_min=0&mu_max=0.99|a|a: must be in (0, 1000000], got 0",
            "optimizer=momentum&a=1&b=Infinity&lr_min=0.0001&lr_max=1&mu_min=0&mu_max=0.99|b|b: must be a number, got 'Infinity'",
            "optimizer=momentum&a=1&b=20&lr_min=1&lr_max=0.5&mu_min=0&mu_max=0.99|lr_max|lr_max: must be > lr_min (1), got 0.5",
            "optimizer=momentum&" + WINDOW + "&mu=1&lr=0.1|mu|mu: must be in [0, 1), got 1",
            "optimizer=momentum&" + WINDOW + "&mu=0.5|lr|lr: is required",
            "optimizer=momentum&" + WINDOW + "&a=2|a|a: is given 2 times; give it once",
            "optimizer=momentum&" + WINDOW + "&kappa=20|kappa|kappa: unknown parameter; allowed: optimizer, a, b, lr_min, lr_max, mu_min, mu_max, lr, mu"})
    void aBadQueryIsA400NamingTheParameter(String query, String field, String message) throws Exception {
        HttpResponse<String> response = server.get("/api/rate-map?" + query);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("error").asText()).isEqualTo(message);
    }
}

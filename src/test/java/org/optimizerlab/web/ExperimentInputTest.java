package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.web.ExperimentSocketTest.TWO_RUNS;
import static org.optimizerlab.web.ExperimentSocketTest.points;
import static org.optimizerlab.web.ExperimentSocketTest.range;
import static org.optimizerlab.web.ExperimentSocketTest.roundTrip;
import static org.optimizerlab.web.ExperimentSocketTest.spec;
import static org.optimizerlab.web.ExperimentSocketTest.speed;
import static org.optimizerlab.web.ExperimentSocketTest.start;
import static org.optimizerlab.web.ExperimentSocketTest.steps;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/**
 * Every class of bad input on the experiment WebSocket gets an {@code error} naming the field, and the session
 * stays usable: after each bad message, a good {@code start} still runs to the end.
 */
@ExtendWith(TestServer.PerClass.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExperimentInputTest {

    private final TestServer server;

    ExperimentInputTest(TestServer server) {
        this.server = server;
    }

    static String oneRun(String optimizer) {
        return spec(20, "{\"id\": \"a\", \"optimizer\": " + optimizer + "}");
    }

    static Stream<Arguments> badMessages() {
        String nineRuns = String.join(",", java.util.Collections.nCopies(9, "X")).replace("X",
                "{\"id\": \"r%d\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}");
        Object[] ids = new Object[9];
        for (int i = 0; i < 9; i++) {
            ids[i] = i;
        }
        return Stream.of(
                Arguments.of("malformed JSON", "{\"type\": \"start\"", "",
                        "not valid JSON"),
                Arguments.of("not an object", "[1, 2]", "", "must be a JSON object, got an array"),
                Arguments.of("empty", "", "", "the spec is empty"),
                Arguments.of("unknown type", "{\"type\": \"jump\"}", "type",
                        "type: must be one of start, pause, resume, step, reset, speed, ping, hello, regions, read; got 'jump'"),
                Arguments.of("missing type", "{\"n\": 1}", "type", "type: is required"),
                Arguments.of("type not a string", "{\"type\": 3}", "type", "type: must be a string, got 3"),
                Arguments.of("missing spec", "{\"type\": \"start\"}", "spec", "spec: is required"),
                Arguments.of("unknown field", "{\"type\": \"pause\", \"now\": true}", "now",
                        "now: unknown field; allowed: type"),
                Arguments.of("invalid spec",
                        start(spec(20, TWO_RUNS.replace("\"mu\": 0.9", "\"mu\": 1.5")), false),
                        "spec.runs[1].optimizer.mu", "spec.runs[1].optimizer.mu: must be in [0, 1), got 1.5"),
                Arguments.of("NaN lr", start(oneRun("{\"type\": \"sgd\", \"lr\": NaN}"), false),
                        "spec.runs[0].optimizer.lr", "spec.runs[0].optimizer.lr: must be a finite number, got NaN"),
                Arguments.of("negative lr", start(oneRun("{\"type\": \"sgd\", \"lr\": -0.1}"), false),
                        "spec.runs[0].optimizer.lr", "spec.runs[0].optimizer.lr: must be > 0, got -0.1"),
                Arguments.of("unknown optimizer", start(oneRun("{\"type\": \"adamw\", \"lr\": 0.1}"), false),
                        "spec.runs[0].optimizer.type", "spec.runs[0].optimizer.type: must be one of sgd, momentum,"),
                Arguments.of("huge steps", start(spec(10_000_000, TWO_RUNS), false), "spec.steps",
                        "spec.steps: must be an integer in 1..100000, got 10000000"),
                Arguments.of("too many runs", start(spec(20, nineRuns.formatted(ids)), false), "spec.runs",
                        "spec.runs: must have 1 to 8 entries, got 9"),
                Arguments.of("paused not a boolean", "{\"type\": \"start\", \"paused\": \"yes\", \"spec\": "
                        + oneRun("{\"type\": \"sgd\", \"lr\": 0.1}") + "}", "paused", "paused: must be true or false"),
                Arguments.of("step n too large", "{\"type\": \"step\", \"n\": 5000}", "n",
                        "n: must be an integer in 1..1000, got 5000"),
                Arguments.of("step n zero", "{\"type\": \"step\", \"n\": 0}", "n",
                        "n: must be an integer in 1..1000, got 0"),
                Arguments.of("step n fractional", "{\"type\": \"step\", \"n\": 2.5}", "n",
                        "n: must be an integer in 1..1000, got 2.5"),
                Arguments.of("speed not a number", "{\"type\": \"speed\", \"stepsPerSecond\": \"fast\"}",
                        "stepsPerSecond", "stepsPerSecond: must be a number"),
                Arguments.of("speed too high", speed(1e9), "stepsPerSecond",
                        "stepsPerSecond: must be in [1, 5000], got 1000000000"),
                // a client's long value is echoed cut, whatever its size
                Arguments.of("a 60000-character type", "{\"type\": \"" + "a".repeat(60_000) + "\"}", "type",
                        "type: must be one of start, pause, resume, step, reset, speed, ping, hello, regions, read; got '" + "a".repeat(64)
                                + "…' (60000 characters)"),
                Arguments.of("a 40000-character field name", "{\"type\": \"pause\", \"" + "b".repeat(40_000)
                        + "\": 1}", "b".repeat(64) + "…", "b".repeat(64) + "…: unknown field (a name of 40000 "
                        + "characters); allowed: type"),
                Arguments.of("a 60000-character run id", start(spec(20, "{\"id\": \"" + "c".repeat(60_000)
                                + "\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}"), false), "spec.runs[0].id",
                        "spec.runs[0].id: must match [A-Za-z0-9_-]{1,32}, got '" + "c".repeat(64)
                                + "…' (60000 characters)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMessages")
    void badInputGetsAnErrorNamingTheFieldAndTheSessionStaysUsable(String name, String message, String field,
                                                                   String text) {
        try (WsClient client = WsClient.connect(server)) {
            client.send(message);
            JsonNode error = client.await("error", 0);
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("message").asText()).startsWith(text).hasSizeLessThan(300);
            assertUsable(client);
        }
    }

    @Test
    void aBadStartLeavesTheRunningExperimentAsItWas() {
        try (WsClient client = WsClient.connect(server)) {
            client.send(speed(500)).send(start(spec(300, TWO_RUNS), false));
            client.await("frames", 0);
            int from = client.count();
            client.send(start(spec(20, TWO_RUNS.replace("0.9", "1.5")), false));
            assertThat(client.await("error", from).get("field").asText()).isEqualTo("spec.runs[1].optimizer.mu");
            JsonNode done = client.await("done", 0);
            assertThat(done.get("experiment").asInt()).isEqualTo(1);
            assertThat(client.ofType("started")).hasSize(1);
            assertThat(steps(points(client, 1).get("sgd"))).isEqualTo(range(1, 300));
        }
    }

    @Test
    void oneSessionsBadInputDoesNotDisturbAnotherSessionsRun() {
        try (WsClient good = WsClient.connect(server); WsClient bad = WsClient.connect(server)) {
            good.send(speed(1000)).send(start(spec(1000, TWO_RUNS), false));
            good.await("frames", 0);
            for (int i = 0; i < 20; i++) {
                bad.send(i % 2 == 0 ? "{\"type\": " : start(spec(10_000_000, TWO_RUNS), false));
            }
            bad.send("{\"type\": \"step\", \"n\": -1}");
            JsonNode done = good.await("done", 0);
            assertThat(done.get("step").asInt()).isEqualTo(1000);
            assertThat(steps(points(good, 1).get("momentum"))).isEqualTo(range(1, 1000));
            assertThat(good.ofType("error")).isEmpty();
            assertThat(bad.await("the last error", 0, m -> m.path("field").asText().equals("n"))).isNotNull();
        }
    }

    @Test
    void binaryMessagesAreRefused() {
        try (WsClient client = WsClient.connect(server)) {
            client.sendBinary(new byte[] {1, 2, 3});
            JsonNode error = client.await("error", 0);
            assertThat(error.get("field").asText()).isEmpty();
            assertThat(error.get("message").asText()).contains("binary messages are not supported");
            assertUsable(client);
        }
    }

    /** A good start after the bad input runs to the end with every point. */
    static void assertUsable(WsClient client) {
        int from = client.count();
        client.send(speed(5000)).send(start(spec(20, "{\"id\": \"ok\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}"),
                false));
        JsonNode started = client.await("started", from);
        JsonNode done = client.await("done", from);
        assertThat(done.get("experiment").asInt()).isEqualTo(started.get("experiment").asInt());
        assertThat(steps(points(client, started.get("experiment").asInt()).get("ok"))).isEqualTo(range(1, 20));
        roundTrip(client, 77);
        assertThat(client.isClosed()).isFalse();
        assertThat(client.received()).noneMatch(r -> List.of("frames").contains(r.message().get("type").asText())
                && r.message().get("experiment").asInt() != started.get("experiment").asInt());
    }
}

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optimizerlab.app.AppFactory;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/** The configurable limits of the experiment WebSocket, each on a server configured for it. */
class ExperimentLimitsTest {

    static ServerLimits limits(int maxSessions, int maxMessageBytes, double messagesPerSecond, int burst,
                               int maxPointsPerRun) {
        ServerLimits d = ServerLimits.DEFAULT;
        return new ServerLimits(maxSessions, d.maxSteps(), d.maxRuns(), maxMessageBytes, messagesPerSecond, burst,
                d.maxStepsPerSecond(), maxPointsPerRun, 2);
    }

    @Test
    void framesAreCoalescedToAboutThirtyMessagesPerSecondWhateverTheStepRate() {
        try (TestServer server = TestServer.start(); WsClient client = WsClient.connect(server)) {
            int steps = 10_000;
            client.send(speed(ServerLimits.DEFAULT_MAX_STEPS_PER_SECOND)).send(start(spec(steps, TWO_RUNS), false));
            client.await("done", 0);
            List<WsClient.Received> frames = client.received().stream()
                    .filter(r -> r.message().get("type").asText().equals("frames")).toList();
            double seconds = (frames.get(frames.size() - 1).nanos() - frames.get(0).nanos()) / 1e9;
            // 10,000 steps at 5,000 steps/s take about 2 s; one message per update would be 10,000 messages
            assertThat(seconds).isGreaterThan(1.0);
            assertThat((frames.size() - 1) / seconds).isLessThanOrEqualTo(31.0);
            Map<String, List<JsonNode>> points = points(client, 1);
            assertThat(steps(points.get("sgd"))).isEqualTo(range(1, steps));
            assertThat(steps(points.get("momentum"))).isEqualTo(range(1, steps));
        }
    }

    @Test
    void pastThePointCapEveryStrideThStepIsSentAndSaidSo() {
        try (TestServer server = TestServer.start(TestServer.config(limits(10, 65536, 50, 100, 100)));
             WsClient client = WsClient.connect(server)) {
            client.send(speed(5000)).send(start(spec(1005, TWO_RUNS), false));
            JsonNode started = client.await("started", 0);
            assertThat(started.get("stride").asInt()).isEqualTo(11);          // ceil(1005 / 100)
            client.await("done", 0);
            List<Integer> expected = new ArrayList<>();
            for (int step = 11; step <= 1005; step += 11) {
                expected.add(step);
            }
            expected.add(1005);                                               // the last step is always sent
            assertThat(steps(points(client, 1).get("sgd"))).isEqualTo(expected);
            assertThat(client.ofType("frames")).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.get("decimated").asBoolean()).isTrue());
        }
    }

    @Test
    void oversizeMessagesGetAnErrorAndMuchLargerOnesCloseTheConnection() {
        try (TestServer server = TestServer.start(TestServer.config(limits(10, 4096, 50, 100, 20_000)))) {
            String padding = " ".repeat(5000);
            try (WsClient client = WsClient.connect(server)) {
                client.send("{\"type\": \"pause\"," + padding + "}");
                JsonNode error = client.await("error", 0);
                assertThat(error.get("field").asText()).isEmpty();
                assertThat(error.get("message").asText()).isEqualTo("the message is 5018 bytes; at most 4096 are allowed");
                ExperimentInputTest.assertUsable(client);
            }
            try (WsClient client = WsClient.connect(server)) {
                client.send("{\"type\": \"pause\"," + " ".repeat(4096 * AppFactory.HARD_MESSAGE_FACTOR + 10) + "}");
                assertThat(client.awaitClose()).isEqualTo(1009);
            }
        }
    }

    @Test
    void floodsAreDroppedWithOneErrorAndTheSessionRecovers() {
        try (TestServer server = TestServer.start(TestServer.config(limits(10, 65536, 20, 10, 20_000)));
             WsClient client = WsClient.connect(server)) {
            for (int i = 0; i < 40; i++) {
                client.send(speed(100 + i));
            }
            JsonNode error = client.await("error", 0);
            assertThat(error.get("field").asText()).isEmpty();
            assertThat(error.get("message").asText()).startsWith("too many messages: at most 20 per second (bursts of 10)");
            // a burst of 10 passes at once, and the bucket refills at 20/s while the 40 are being sent
            Poll.until("the status of the accepted ones", WsClient.TIMEOUT,
                    () -> client.ofType("status").size() >= 10);
            assertThat(client.ofType("status").size()).isLessThan(40);
            assertThat(client.ofType("error")).hasSize(1);
            long[] lastSend = {0};
            Poll.until("the rate limit lets messages through again", WsClient.TIMEOUT, () -> {
                if (System.nanoTime() - lastSend[0] > 200_000_000L) {        // 5 a second: well under the limit
                    lastSend[0] = System.nanoTime();
                    client.send(speed(999));
                }
                return client.ofType("status").stream().anyMatch(s -> s.get("stepsPerSecond").asDouble() == 999);
            });
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void connectionsBeyondTheSessionLimitAreRefusedWith1013UntilOneCloses() {
        try (TestServer server = TestServer.start(TestServer.config(limits(2, 65536, 50, 100, 20_000)))) {
            WsClient first = WsClient.connect(server);
            try (WsClient second = WsClient.connect(server)) {
                roundTrip(first, 10);
                roundTrip(second, 11);
                try (WsClient third = WsClient.connect(server)) {
                    assertThat(third.awaitClose()).isEqualTo(ExperimentHub.TRY_AGAIN_LATER);
                }
                first.close();
                Poll.until("a place frees up", WsClient.TIMEOUT, () -> {
                    try (WsClient next = WsClient.connect(server)) {
                        next.send(speed(12));
                        Poll.until("a status or a close", WsClient.TIMEOUT,
                                () -> next.isClosed() || !next.ofType("status").isEmpty());
                        return !next.isClosed();
                    } catch (IllegalStateException e) {
                        return false;
                    }
                });
                roundTrip(second, 13);
            }
        }
    }
}

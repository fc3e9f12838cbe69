package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.web.ExperimentSocketTest.points;
import static org.optimizerlab.web.ExperimentSocketTest.range;
import static org.optimizerlab.web.ExperimentSocketTest.speed;
import static org.optimizerlab.web.ExperimentSocketTest.start;
import static org.optimizerlab.web.ExperimentSocketTest.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/**
 * What one connection may hold of the server, in bytes and time: clients that do not read, clients that say
 * nothing, many clients from one address, races whose single update costs too much.
 */
class ConnectionBoundsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long UNREAD = 256 * 1024;

    /** {@code runs} AMSGrad runs on a 64-weight linear regression: about 8.5 KB per point. */
    static String wideRace(int runs, int steps) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            list.add("{\"id\": \"r" + i + "\", \"optimizer\": {\"type\": \"amsgrad\", \"lr\": 0.01}}");
        }
        return "{\"problem\": {\"type\": \"linear-regression\", \"n\": 1000, \"d\": 64}, \"batch_size\": 10, "
                + "\"steps\": " + steps + ", \"runs\": [" + String.join(", ", list) + "]}";
    }

    static TestServer server(ConnectionLimits connections) {
        return TestServer.start(TestServer.config(ServerLimits.DEFAULT.withConnections(connections)));
    }

    static JsonNode health(TestServer server) {
        try {
            return JSON.readTree(server.get("/healthz").body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aClientThatDoesNotReadIsHeldToItsBoundInBytesAndThenClosed() {
        ConnectionLimits bounds = new ConnectionLimits(50, UNREAD, Duration.ofSeconds(2), Duration.ofSeconds(120));
        try (TestServer server = server(bounds); WsClient hostile = WsClient.connectNotReading(server);
             WsClient student = WsClient.connect(server)) {
            hostile.send(speed(5000)).send(start(wideRace(8, 100_000), true));
            AtomicLong most = new AtomicLong();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int sent = 0;
            // a step flood as in the report: 1000 updates of 8 runs (about 68 MB of points) forty times
            while (health(server).get("sessions").asInt() == 2 && System.nanoTime() < deadline) {
                if (sent < 40) {
                    hostile.send("{\"type\": \"step\", \"n\": 1000}");
                    sent++;
                }
                most.accumulateAndGet(health(server).get("unreadBytes").asLong(), Math::max);
                Poll.sleep(25);
            }
            assertThat(health(server).get("sessions").asInt()).as("the reader that never reads is closed").isEqualTo(1);
            assertThat(most.get()).as("bytes waiting for the client that never reads")
                    .isGreaterThan(UNREAD).isLessThanOrEqualTo(bounds.closeAtUnreadBytes() + 2L * 64 * 1024
                            + ExperimentSession.MAX_FRAME_BYTES);
            // the other student was never disturbed
            student.send(start(ExperimentSocketTest.spec(30, ExperimentSocketTest.TWO_RUNS), false));
            student.await("done", 0);
            assertThat(steps(points(student, 1).get("sgd"))).isEqualTo(range(1, 30));
        }
    }

    @Test
    void aSlowReaderWaitsAtItsBoundAndThenGetsEveryPointInOrder() {
        ConnectionLimits bounds = new ConnectionLimits(50, UNREAD, Duration.ofSeconds(60), Duration.ofSeconds(120));
        try (TestServer server = server(bounds); WsClient slow = WsClient.connectNotReading(server)) {
            int steps = 2000;
            slow.send(speed(5000)).send(start(wideRace(2, steps), false));
            Poll.until("the server holds back for the slow reader", WsClient.TIMEOUT,
                    () -> health(server).get("unreadBytes").asLong() > UNREAD);
            long most = 0;
            for (int i = 0; i < 20; i++) {
                most = Math.max(most, health(server).get("unreadBytes").asLong());
                Poll.sleep(50);
            }
            assertThat(most).isLessThanOrEqualTo(UNREAD + 64 * 1024 + ExperimentSession.MAX_FRAME_BYTES);
            assertThat(health(server).get("sessions").asInt()).isEqualTo(1);
            slow.startReading();
            Poll.until("done", Duration.ofSeconds(60), () -> !slow.ofType("done").isEmpty());
            Map<String, List<JsonNode>> points = points(slow, 1);
            for (int run = 0; run < 2; run++) {
                assertThat(steps(points.get("r" + run))).as("run r" + run).isEqualTo(range(1, steps));
            }
        }
    }

    @Test
    void oneFramesMessageHoldsAtMostItsByteBoundAndEveryPointArrives() throws Exception {
        try (TestServer server = TestServer.start(); WsClient client = WsClient.connect(server)) {
            client.send(start(wideRace(8, 5000), true)).await("status", 0);
            client.send("{\"type\": \"step\", \"n\": 400}");
            Poll.until("400 steps", Duration.ofSeconds(60), () -> client.ofType("frames").stream()
                    .anyMatch(f -> f.path("points").path("r7").path(f.path("points").path("r7").size() - 1)
                            .path("step").asInt() == 400));
            // 400 updates of 8 runs are about 27 MB: sent as messages of at most MAX_FRAME_BYTES
            long onePoint = JSON.writeValueAsString(points(client, 1).get("r0").get(0)).length();
            List<JsonNode> frames = client.ofType("frames");
            assertThat(frames.size()).as("a step of 1000 is split into several messages").isGreaterThan(10);
            for (JsonNode frame : frames) {
                assertThat((long) JSON.writeValueAsString(frame).length())
                        .isLessThanOrEqualTo(ExperimentSession.MAX_FRAME_BYTES + 8 * (onePoint + 16) + 200);
            }
            Map<String, List<JsonNode>> points = points(client, 1);
            assertThat(points).hasSize(8);
            points.values().forEach(run -> assertThat(steps(run)).isEqualTo(range(1, 400)));
        }
    }

    @Test
    void aSilentClientIsClosedAndOneThatPingsStays() {
        ConnectionLimits bounds = new ConnectionLimits(50, UNREAD, Duration.ofSeconds(30), Duration.ofSeconds(2));
        try (TestServer server = server(bounds); WsClient silent = WsClient.connect(server);
             WsClient pinging = WsClient.connect(server)) {
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < until) {
                pinging.send("{\"type\": \"ping\"}");
                Poll.sleep(300);
            }
            assertThat(silent.awaitClose()).isEqualTo(ExperimentHub.GOING_AWAY);
            assertThat(silent.closeReason()).isEqualTo("idle: no message for 2 s");
            assertThat(pinging.isClosed()).isFalse();
            assertThat(pinging.ofType("error")).as("a ping needs no answer").isEmpty();
            assertThat(health(server).get("sessions").asInt()).isEqualTo(1);
        }
    }

    @Test
    void oneAddressCannotTakeEverySlot() {
        ConnectionLimits bounds = new ConnectionLimits(3, UNREAD, Duration.ofSeconds(30), Duration.ofSeconds(120));
        try (TestServer server = server(bounds)) {
            List<WsClient> first = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                first.add(WsClient.connect(server));
            }
            try (WsClient fourth = WsClient.connect(server)) {
                assertThat(fourth.awaitClose()).isEqualTo(ExperimentHub.POLICY_VIOLATION);
                assertThat(fourth.closeReason()).isEqualTo("too many sessions from your address (at most 3)");
            }
            first.get(0).close();
            Poll.until("the address has a free place again", WsClient.TIMEOUT,
                    () -> health(server).get("sessions").asInt() == 2);
            try (WsClient again = WsClient.connect(server)) {
                ExperimentSocketTest.roundTrip(again, 7);
                assertThat(again.isClosed()).isFalse();
            }
            first.forEach(WsClient::close);
        }
    }

    @Test
    void aRaceWhoseUpdateCostsMoreThanTheBudgetIsRefusedWithTheEstimate() {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            list.add("{\"id\": \"r" + i + "\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.01}}");
        }
        String spec = "{\"problem\": {\"type\": \"mlp-spiral\", \"classes\": 4, \"points_per_class\": 1000, "
                + "\"hidden\": 250}, \"steps\": 10, \"runs\": [" + String.join(", ", list) + "]}";
        try (TestServer server = TestServer.start(); WsClient client = WsClient.connect(server)) {
            client.send(start(spec, false));
            JsonNode error = client.await("error", 0);
            assertThat(error.get("field").asText()).isEqualTo("spec.problem");
            assertThat(error.get("message").asText()).startsWith("spec.problem: one update of this race would cost "
                    + "about ").contains("this server allows " + ServerLimits.DEFAULT.work().maxUpdateWork());
            assertThat(client.ofType("started")).isEmpty();
            ExperimentInputTest.assertUsable(client);
        }
    }
}

package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.web.ExperimentSocketTest.LONG;
import static org.optimizerlab.web.ExperimentSocketTest.TWO_RUNS;
import static org.optimizerlab.web.ExperimentSocketTest.speed;
import static org.optimizerlab.web.ExperimentSocketTest.spec;
import static org.optimizerlab.web.ExperimentSocketTest.start;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.TestLimits;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/**
 * The server when its races want more than its workers (docs/protocol.md, "Pacing and fairness"): the real pace is
 * told ({@code pace}), new connections are refused at the door while races run below half their speed (the
 * minimum pace, {@code OPTLAB_MIN_PACE}: at 0 never), and the
 * first {@code frames} of a race never waits for a tick.
 */
class OverloadTest {

    /**
     * Eight full-batch networks on 1,200 points, near the largest race a server allows: about 50 ms of one core per
     * update here, so that several such races at 60 updates/s want many times one worker even on a machine much faster
     * than this one (on 300 points, a quarter of this work, four races kept up on a fast CI machine's one worker).
     */
    static final String HEAVY = """
            {"problem": {"type": "mlp-spiral", "hidden": 100, "points_per_class": 400}, "epochs": 5000, "seed": 1,
             "runs": [%s]}""".formatted(HostileClientsTest.eightAdamRuns());

    @Test
    void theFirstFramesFollowsStartedWithoutWaitingForATick() {
        // At 1 step/s the old first tick (a frame interval after start) had earned no update: the first point came
        // a whole second later. Now one update is made at once.
        double stepsPerSecond = 1;
        long oneStepNanos = (long) (TimeUnit.SECONDS.toNanos(1) / stepsPerSecond);
        try (TestServer server = TestServer.start(); WsClient client = WsClient.connect(server)) {
            client.send(speed(stepsPerSecond)).send(start(spec(LONG, TWO_RUNS), false));
            client.await("frames", 0);
            List<WsClient.Received> all = client.received();
            long started = arrival(all, "started");
            long frames = arrival(all, "frames");
            assertThat(frames - started).as("started → first frames, ns").isLessThan(oneStepNanos / 2);
            JsonNode first = client.ofType("frames").get(0);
            assertThat(first.get("points").get("sgd").get(0).get("step").asInt()).isEqualTo(1);
        }
    }

    @Test
    void racesHeldBackByTheServerAreToldTheirPaceAndNewConnectionsAreRefused() {
        ServerLimits oneWorker = TestLimits.workers(1);
        List<WsClient> heavy = new ArrayList<>();
        try (TestServer server = TestServer.start(TestServer.config(oneWorker))) {
            for (int i = 0; i < 8; i++) {             // ~6 times what one worker here can do at full pace
                WsClient client = WsClient.connect(server);
                heavy.add(client);
                client.send(start(HEAVY, false));                       // at the default 60 steps/s
            }
            for (WsClient client : heavy) {
                JsonNode pace = client.await("a busy pace", 0,
                        m -> m.path("type").asText().equals("pace") && m.get("busy").asBoolean());
                assertThat(pace.get("stepsPerSecond").asDouble()).isEqualTo(60);
                assertThat(pace.get("achieved").asDouble()).isLessThan(0.9 * 60);
                assertThat(pace.get("experiment").asInt()).isEqualTo(1);
            }
            WsClient[] refused = new WsClient[1];
            Poll.until("a new connection refused at the door", Duration.ofSeconds(30), () -> {
                WsClient late = WsClient.connect(server);
                if (admitted(late)) {
                    late.close();
                    return false;
                }
                refused[0] = late;
                return true;
            });
            assertThat(refused[0].awaitClose()).isEqualTo(ExperimentHub.TRY_AGAIN_LATER);
            assertThat(refused[0].closeReason()).startsWith("server busy: experiments run at ")
                    .endsWith(" % of their speed; try again later");

            heavy.forEach(WsClient::close);
            heavy.clear();
            Poll.until("the door open again", Duration.ofSeconds(30), () -> {
                try (WsClient next = WsClient.connect(server)) {
                    return admitted(next);
                }
            });
        } finally {
            heavy.forEach(WsClient::close);
        }
    }

    @Test
    void aMinimumPaceOfZeroKeepsTheDoorOpenUnderTheSameOverload() {
        ConnectionLimits c = ConnectionLimits.DEFAULT;
        ServerLimits neverBusy = TestLimits.workers(1).withConnections(new ConnectionLimits(c.maxSessionsPerAddress(),
                c.maxUnreadBytes(), c.unreadTimeout(), c.idleTimeout(), 0));
        List<WsClient> heavy = new ArrayList<>();
        try (TestServer server = TestServer.start(TestServer.config(neverBusy))) {
            for (int i = 0; i < 8; i++) {
                heavy.add(WsClient.connect(server).send(start(HEAVY, false)));
            }
            for (WsClient client : heavy) {
                client.await("a busy pace", 0,
                        m -> m.path("type").asText().equals("pace") && m.get("busy").asBoolean());
            }
            for (int i = 0; i < 5; i++) {                              // the default minimum pace refuses these
                try (WsClient late = WsClient.connect(server)) {
                    assertThat(admitted(late)).as("connection " + i + " after the races fell behind").isTrue();
                }
            }
        } finally {
            heavy.forEach(WsClient::close);
        }
    }

    @Test
    void aLightRaceKeepsItsPaceBesideTwoHeavyOnesOnOneWorker() {
        ServerLimits oneWorker = TestLimits.workers(1);
        try (TestServer server = TestServer.start(TestServer.config(oneWorker));
             WsClient heavyA = WsClient.connect(server); WsClient heavyB = WsClient.connect(server);
             WsClient light = WsClient.connect(server)) {
            heavyA.send(speed(5000)).send(start(HEAVY, false));
            heavyB.send(speed(5000)).send(start(HEAVY, false));
            heavyA.await("frames", 0);
            heavyB.await("frames", 0);
            int steps = 60;
            light.send(start(spec(steps, TWO_RUNS), false));                // 60 steps at 60 steps/s: 1 s
            JsonNode done = light.await("done", 0);
            long took = arrival(light.received(), "done") - arrival(light.received(), "started");
            assertThat(done.get("step").asInt()).isEqualTo(steps);
            // Not starved: it ends while both heavy races still run. Its exact pace depends on what else this shared
            // machine runs (a busy notice may be right), so the shares are checked in CPU time by FairSchedulerTest.
            assertThat(took).as("time to done, ns (1 s at full pace)").isLessThan(TimeUnit.SECONDS.toNanos(10));
            assertThat(heavyA.ofType("done")).isEmpty();
            assertThat(heavyB.ofType("done")).isEmpty();
            int stepsA = lastStep(heavyA);
            int stepsB = lastStep(heavyB);
            assertThat((double) stepsA / stepsB).as("the two heavy races' steps (" + stepsA + ", " + stepsB + ")")
                    .isBetween(0.5, 2.0);
        }
    }

    /** Whether the server answers {@code speed} on {@code client} (else it closed the connection at once). */
    private static boolean admitted(WsClient client) {
        try {
            client.send(speed(60));
        } catch (IllegalStateException closedWhileSending) {
            return false;
        }
        Poll.until("a status or a close", WsClient.TIMEOUT, () -> client.isClosed() || client.count() > 0);
        return !client.isClosed();
    }

    private static int lastStep(WsClient client) {
        List<JsonNode> frames = client.ofType("frames");
        int last = 0;
        for (JsonNode f : frames) {
            for (JsonNode point : f.get("points").get("r0")) {
                last = Math.max(last, point.get("step").asInt());
            }
        }
        return last;
    }

    private static long arrival(List<WsClient.Received> all, String type) {
        return all.stream().filter(r -> r.message().path("type").asText().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type)).nanos();
    }
}

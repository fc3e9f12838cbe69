package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.web.ExperimentSocketTest.speed;
import static org.optimizerlab.web.ExperimentSocketTest.start;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.testing.TestLimits;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/**
 * Control commands under overload (docs/protocol.md, "Pacing and fairness"): on one worker shared by several heavy
 * races, {@code pause} and {@code speed} take effect before the session's next update and are answered within about
 * one update of a heavy race, not after the session's queued work and a round of every other race's turns.
 */
class ControlUnderLoadTest {
    private static final int OTHER_RACES = 12;

    @Test
    void pauseAndSpeedAreAnsweredWithinAboutOneUpdateWhileHeavyRacesFillTheOnlyWorker() {
        ServerLimits oneWorker = TestLimits.workers(1);
        List<WsClient> others = new ArrayList<>();
        try (TestServer server = TestServer.start(TestServer.config(oneWorker));
             WsClient mine = WsClient.connect(server)) {
            for (int i = 0; i < OTHER_RACES; i++) {
                others.add(WsClient.connect(server).send(start(OverloadTest.HEAVY, false)));
            }
            mine.send(speed(5000)).send(start(OverloadTest.HEAVY, false));
            for (WsClient other : others) {
                other.await("frames", 0);
            }
            mine.await("a busy pace", 0, m -> type(m, "pace") && m.get("busy").asBoolean());
            long bound = 4 * oneUpdateNanos() + TimeUnit.MILLISECONDS.toNanos(150);

            int before = mine.count();
            long sent = System.nanoTime();
            mine.send("{\"type\": \"pause\"}");
            WsClient.Received paused = awaitReceived(mine, before,
                    m -> type(m, "status") && m.get("state").asText().equals("paused"));
            assertThat(paused.nanos() - sent).as("pause → status paused, ns (bound " + bound + ")")
                    .isLessThan(bound);
            int pausedAt = paused.message().get("step").asInt();

            int afterPause = mine.count();
            sent = System.nanoTime();
            mine.send(speed(30));
            WsClient.Received slower = awaitReceived(mine, afterPause,
                    m -> type(m, "status") && m.get("stepsPerSecond").asDouble() == 30);
            assertThat(slower.nanos() - sent).as("speed → status, ns (bound " + bound + ")").isLessThan(bound);
            assertThat(slower.message().get("step").asInt()).as("no update after the pause").isEqualTo(pausedAt);
            assertThat(lastStep(mine)).as("no point past the paused step").isEqualTo(pausedAt);
        } finally {
            others.forEach(WsClient::close);
        }
    }

    /** The wall-clock time of one update of the heavy race here and now (the median of five, after one). */
    private static long oneUpdateNanos() {
        ExperimentRunner runner = new ExperimentRunner(new SpecReader(ServerLimits.DEFAULT.specLimits())
                .read(OverloadTest.HEAVY));
        runner.advance();
        long[] times = new long[5];
        for (int i = 0; i < times.length; i++) {
            long begin = System.nanoTime();
            runner.advance();
            times[i] = System.nanoTime() - begin;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }

    private static boolean type(JsonNode message, String type) {
        return message.path("type").asText().equals(type);
    }

    private static WsClient.Received awaitReceived(WsClient client, int from, Predicate<JsonNode> matching) {
        JsonNode found = client.await("the answer", from, matching);
        return client.received().stream().filter(r -> r.message() == found).findFirst().orElseThrow();
    }

    private static int lastStep(WsClient client) {
        int last = 0;
        for (JsonNode frames : client.ofType("frames")) {
            for (JsonNode point : frames.get("points").get("r0")) {
                last = Math.max(last, point.get("step").asInt());
            }
        }
        return last;
    }
}

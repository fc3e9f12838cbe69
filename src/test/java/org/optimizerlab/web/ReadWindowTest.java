package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.web.ExperimentSocketTest.speed;
import static org.optimizerlab.web.ExperimentSocketTest.start;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/**
 * Flow control by what the page has drawn ({@code read}, docs/protocol.md): a client that confirms what it handled
 * is never more than {@link ReadWindow#WINDOW_BYTES} of {@code frames} behind, even when it takes everything off the
 * socket at once (the server's unread bound cannot see that), and it loses nothing when it catches up.
 */
class ReadWindowTest {

    private static final int STEPS = 20_000;
    /** Eight runs on the quadratic at the fastest speed: megabytes of points a second, done in about 4 s. */
    private static final String EIGHT_RUNS = """
            {"problem": {"type": "quadratic"}, "start": [-2.5, 1.5], "steps": %d, "runs": [%s]}"""
            .formatted(STEPS, eightRuns());

    @Test
    void aClientThatConfirmsNothingMoreGetsAWindowOfFramesThenEverythingAsItConfirms() {
        try (TestServer server = TestServer.start(); WsClient client = WsClient.connect(server)) {
            client.send("{\"type\": \"read\", \"frames\": 0}")           // confirmation on, nothing sent yet
                    .send(speed(5000)).send(start(EIGHT_RUNS, false));
            client.await("frames", 0);
            int[] last = {-1};
            Poll.until("frames to stop while nothing more is confirmed", Duration.ofSeconds(30), () -> {
                int now = client.ofType("frames").size();
                boolean still = now == last[0];
                last[0] = now;
                if (!still) {
                    Poll.sleep(1000);                                     // one second without a new frames
                }
                return still;
            });
            assertThat(client.ofType("done")).as("the race waits for the client; it is not over").isEmpty();
            long bytes = client.ofType("frames").stream().mapToLong(f -> f.toString().length()).sum();
            assertThat(bytes).as("bytes of frames received without a confirmation")
                    .isGreaterThan(ReadWindow.WINDOW_BYTES / 2)
                    .isLessThanOrEqualTo(ReadWindow.WINDOW_BYTES + ExperimentSession.MAX_FRAME_BYTES);

            Poll.until("the race's end while the client confirms what it gets", Duration.ofSeconds(60), () -> {
                client.send("{\"type\": \"read\", \"frames\": " + client.ofType("frames").size() + "}");
                Poll.sleep(20);
                return !client.ofType("done").isEmpty();
            });
            for (int r = 0; r < 8; r++) {
                List<Integer> steps = new ArrayList<>();
                for (JsonNode frames : client.ofType("frames")) {
                    frames.path("points").path("r" + r).forEach(p -> steps.add(p.get("step").asInt()));
                }
                assertThat(steps).as("run r%d: every step once, in order", r).hasSize(STEPS)
                        .isSorted().startsWith(1).endsWith(STEPS);
            }
        }
    }

    @Test
    void aReadThatIsNotANumberOfFramesSentIsAnErrorNamingFrames() {
        try (TestServer server = TestServer.start(); WsClient client = WsClient.connect(server)) {
            client.send("{\"type\": \"read\", \"frames\": 3}");
            JsonNode past = client.await("error", 0);
            assertThat(past.get("field").asText()).isEqualTo("frames");
            assertThat(past.get("message").asText()).contains("at most the 0 frames messages sent");
            assertThat(errorField(client, "{\"type\": \"read\"}")).isEqualTo("frames");
            assertThat(errorField(client, "{\"type\": \"read\", \"frames\": -1}")).isEqualTo("frames");
            assertThat(errorField(client, "{\"type\": \"read\", \"frames\": 0, \"bytes\": 5}")).isEqualTo("bytes");
        }
    }

    /** The field of the error that answers {@code message}. */
    private static String errorField(WsClient client, String message) {
        int from = client.count();
        client.send(message);
        return client.await("error", from).get("field").asText();
    }

    private static String eightRuns() {
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add("{\"id\": \"r" + i + "\", \"optimizer\": {\"type\": \"momentum\", \"lr\": 0.001, \"mu\": 0.5}}");
        }
        return String.join(", ", runs);
    }
}

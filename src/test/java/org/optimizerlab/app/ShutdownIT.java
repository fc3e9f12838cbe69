package org.optimizerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.ProcessOutput;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.WsClient;

/** The packaged server stopped with SIGTERM while students run experiments: every page is told, then it exits. */
class ShutdownIT {

    private static final int CLIENTS = 30;

    @Test
    void everyRunningClientGetsAGoingAwayCloseFrameAndTheProcessExitsPromptly() throws Exception {
        Process server = JarIT.java(Map.of("OPTLAB_HOST", "127.0.0.1"), "--port", "0").redirectErrorStream(true).start();
        ProcessOutput output = ProcessOutput.of(server);
        List<WsClient> clients = new ArrayList<>();
        try {
            Pattern serving = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)/");
            Poll.until("the server says where it serves", Duration.ofSeconds(60), () -> serving.matcher(output.text()).find());
            Matcher m = serving.matcher(output.text());
            assertThat(m.find()).isTrue();
            URI socket = URI.create("ws://127.0.0.1:" + m.group(1) + "/ws/experiment");
            HttpClient http = HttpClient.newHttpClient();
            String spec = "{\"problem\": {\"type\": \"rosenbrock\"}, \"steps\": 100000, \"runs\": [{\"id\": \"a\", "
                    + "\"optimizer\": {\"type\": \"adam\", \"lr\": 0.001}}]}";
            for (int i = 0; i < CLIENTS; i++) {
                WsClient client = WsClient.connect(http, socket);
                clients.add(client);
                client.send("{\"type\": \"start\", \"spec\": " + spec + "}");
            }
            for (WsClient client : clients) {
                client.await("frames", 0);
            }
            long sent = System.nanoTime();
            server.toHandle().destroy();                                       // SIGTERM
            assertThat(server.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s of SIGTERM").isTrue();
            double seconds = (System.nanoTime() - sent) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "ShutdownIT: SIGTERM to exit with %d running pages: %.2f s%n",
                    CLIENTS, seconds);
            for (WsClient client : clients) {
                assertThat(client.awaitClose()).as("the close code every page sees").isEqualTo(1001);
                assertThat(client.closeReason()).isEqualTo("server restarting");
            }
            output.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(output.text()).contains("closed " + CLIENTS + " experiment connections: server restarting",
                    "Optimizer Lab has stopped");
            assertThat(seconds).as("time from SIGTERM to exit, s").isLessThan(10);
        } finally {
            clients.forEach(WsClient::close);
            server.destroyForcibly();
        }
    }


}

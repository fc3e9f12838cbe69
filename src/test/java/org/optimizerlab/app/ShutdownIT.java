package org.optimizerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.WsClient;

/** The packaged server stopped with SIGTERM while students run experiments: every page is told, then it exits. */
class ShutdownIT {

    private static final int CLIENTS = 30;

    @Test
    void everyRunningClientGetsAGoingAwayCloseFrameAndTheProcessExitsPromptly() throws Exception {
        Process server = JarIT.java(Map.of("OPTLAB_HOST", "127.0.0.1"), "--port", "0").redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> copy(server.getInputStream(), output));
        reader.start();
        List<WsClient> clients = new ArrayList<>();
        try {
            Pattern serving = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)/");
            Poll.until("the server says where it serves", Duration.ofSeconds(60), () -> serving.matcher(text(output)).find());
            Matcher m = serving.matcher(text(output));
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
            for (WsClient client : clients) {
                assertThat(client.awaitClose()).as("the close code every page sees").isEqualTo(1001);
                assertThat(client.closeReason()).isEqualTo("server restarting");
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(text(output)).contains("closed " + CLIENTS + " experiment connections: server restarting",
                    "Optimizer Lab has stopped");
            assertThat(seconds).as("time from SIGTERM to exit, s").isLessThan(10);
        } finally {
            clients.forEach(WsClient::close);
            server.destroyForcibly();
        }
    }

    private static void copy(InputStream in, StringBuilder output) {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (output) {
                    output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static String text(StringBuilder output) {
        synchronized (output) {
            return output.toString();
        }
    }
}

package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.LogCapture;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/**
 * The operator's lines about experiment connections, read from logback: one INFO line per connection opened,
 * closed and refused, with the address, duration, code and reason, no stack trace, and at most
 * {@link ConnectionEvents#LINES_PER_MINUTE} a minute from one address.
 */
class ConnectionLogTest {

    private static ServerLimits limits(int perAddress, Duration idle) {
        return ServerLimits.DEFAULT.withConnections(new ConnectionLimits(perAddress,
                ServerLimits.DEFAULT.connections().maxUnreadBytes(), Duration.ofSeconds(30), idle));
    }

    private static List<String> about(LogCapture log, String what) {
        return log.lines().stream().filter(line -> line.contains(what)).toList();
    }

    @Test
    void openCloseAndRefusalAreOneInfoLineEachWithAddressDurationCodeAndReason() {
        try (LogCapture log = LogCapture.info(ExperimentHub.class);
             TestServer server = TestServer.start(TestServer.config(limits(1, Duration.ofSeconds(120))))) {
            try (WsClient student = WsClient.connect(server)) {
                Poll.until("the open line", WsClient.TIMEOUT, () -> !about(log, " opened").isEmpty());
                assertThat(about(log, " opened"))
                        .containsExactly("experiment connection from 127.0.0.1 opened (1 open)");
                try (WsClient second = WsClient.connect(server)) {
                    second.awaitClose();
                }
                assertThat(about(log, "refused")).containsExactly(
                        "refused a connection from 127.0.0.1: too many sessions from that address (at most 1)");
            }
            Poll.until("the close line", WsClient.TIMEOUT, () -> !about(log, "closed after").isEmpty());
            assertThat(about(log, "closed after")).singleElement().satisfies(line ->
                    assertThat(line).matches("experiment connection from 127\\.0\\.0\\.1 closed after \\d+ s: "
                            + "(1000 'bye'|1006 .*)"));
            assertThat(log.events()).allSatisfy(event -> {
                assertThat(event.getLevel().toString()).isEqualTo("INFO");
                assertThat(event.getThrowableProxy()).isNull();
            });
        }
    }

    @Test
    void aConnectionTheServerClosesSaysSoWithItsReason() {
        try (LogCapture log = LogCapture.info(ExperimentHub.class);
             TestServer server = TestServer.start(TestServer.config(limits(5, Duration.ofSeconds(1))));
             WsClient silent = WsClient.connect(server)) {
            assertThat(silent.awaitClose()).isEqualTo(ExperimentHub.GOING_AWAY);
            Poll.until("the close line", WsClient.TIMEOUT, () -> !about(log, "closed by the server").isEmpty());
            assertThat(about(log, "closed by the server")).singleElement().satisfies(line -> assertThat(line)
                    .matches("experiment connection from 127\\.0\\.0\\.1 closed by the server after \\d+ s: "
                            + "1001 idle: no message for 1 s"));
        }
    }

    @Test
    void oneAddressGetsAtMostItsLinesAMinute() {
        try (LogCapture log = LogCapture.info(ExperimentHub.class);
             TestServer server = TestServer.start(TestServer.config(limits(1, Duration.ofSeconds(120))));
             WsClient holder = WsClient.connect(server)) {
            int refusals = ConnectionEvents.LINES_PER_MINUTE + 10;
            for (int i = 0; i < refusals; i++) {
                try (WsClient refused = WsClient.connect(server)) {
                    refused.awaitClose();
                }
            }
            assertThat(about(log, "127.0.0.1")).hasSize(ConnectionEvents.LINES_PER_MINUTE);
            assertThat(log.hasStackTrace()).isFalse();
        }
    }

    /**
     * A server stopped while races run: a tick running at that moment cannot schedule the next one, which is the
     * server stopping, not a session failing (it was logged as an ERROR with a stack trace, seen once in the suite,
     * where it broke this class's stack-trace check; the window is narrow, so this guard does not always hit it).
     */
    @Test
    void stoppingWhileRacesRunLogsNoFailure() {
        try (LogCapture log = LogCapture.info(ExperimentHub.class)) {
            for (int i = 0; i < 20; i++) {
                TestServer server = TestServer.start();
                WsClient client = WsClient.connect(server);
                client.send(ExperimentSocketTest.speed(5000))
                        .send(ExperimentSocketTest.start(OverloadTest.HEAVY, false));
                client.await("frames", 0);
                server.close();
                client.close();
            }
            assertThat(log.text()).doesNotContain("failed");
            assertThat(log.hasStackTrace()).isFalse();
        }
    }
}

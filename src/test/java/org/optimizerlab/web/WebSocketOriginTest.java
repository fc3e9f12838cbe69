package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/**
 * The experiment WebSocket opens only for pages of this server: another site's page (its {@code Origin}) gets 403
 * at the handshake; this server's own pages and clients without an {@code Origin} (not browsers) get in.
 */
@ExtendWith(TestServer.PerClass.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketOriginTest {

    private final TestServer server;

    WebSocketOriginTest(TestServer server) {
        this.server = server;
    }

    private void opens(String... headers) {
        try (WsClient client = WsClient.connect(server, headers)) {
            client.send(ExperimentSocketTest.speed(30));
            assertThat(client.await("status", 0).get("stepsPerSecond").asDouble()).isEqualTo(30);
        }
    }

    @Test
    void theServersOwnPagesAndNonBrowserClientsMayOpenIt() {
        opens();
        opens("Origin", "http://127.0.0.1:" + server.port());
        opens("Origin", "HTTP://127.0.0.1:" + server.port());
    }

    @Test
    void anotherSitesPageMayNot() {
        for (String origin : new String[] {"http://evil.example", "http://127.0.0.1:1", "http://127.0.0.1.evil.example:"
                + server.port(), "null", "file://"}) {
            Throwable refused = catchThrowable(() -> WsClient.connect(server, "Origin", origin));
            while (refused != null && !(refused instanceof WebSocketHandshakeException)) {
                refused = refused.getCause();
            }
            assertThat(refused).as(origin).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) refused).getResponse().statusCode()).as(origin).isEqualTo(403);
        }
        Poll.until("no session left open by a refused handshake", Duration.ofSeconds(10),
                () -> server.get("/healthz").body().contains("\"sessions\":0"));
    }

    @Test
    void theRuleComparesHostAndPortWithTheSchemesDefault() {
        assertThat(SameOrigin.allows(null, "lab.example", null)).isTrue();
        assertThat(SameOrigin.allows("http://lab.example", "lab.example", null)).isTrue();
        assertThat(SameOrigin.allows("http://lab.example", "lab.example:80", null)).isTrue();
        assertThat(SameOrigin.allows("https://lab.example", "lab.example", null)).as("port 443 against 443").isTrue();
        assertThat(SameOrigin.allows("https://lab.example", "internal:7070", "lab.example")).as("behind a proxy").isTrue();
        assertThat(SameOrigin.allows("http://lab.example:7070", "lab.example:7071", null)).isFalse();
        assertThat(SameOrigin.allows("http://lab.example.evil", "lab.example", null)).isFalse();
        assertThat(SameOrigin.allows("http://[::1]:7070", "[::1]:7070", null)).isTrue();
        assertThat(SameOrigin.allows("ws://lab.example", "lab.example", null)).as("not a page's origin").isFalse();
        assertThat(SameOrigin.allows("http://lab.example", null, null)).isFalse();
    }
}

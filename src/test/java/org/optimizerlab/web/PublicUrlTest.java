package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.RawHttp;
import org.optimizerlab.testing.TestServer;

/**
 * DNS rebinding: with {@code OPTLAB_PUBLIC_URL} set, a page served under another site's name (which that site made
 * point at this server) can neither read pages nor open experiments, whatever {@code Host} and {@code Origin} it
 * brings; the public host, loopback names and the listening address are answered. Unset, today's rule holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicUrlTest {

    private TestServer server;
    private TestServer open;

    @BeforeAll
    void startServers() {
        server = TestServer.start(TestServer.config(ServerLimits.DEFAULT).withPublicOrigins(
                PublicOrigins.parse("OPTLAB_PUBLIC_URL", "https://ml.example.edu/class1,http://lab.local:8080")));
        open = TestServer.start();
    }

    @AfterAll
    void stopServers() {
        server.close();
        open.close();
    }

    private String local() {
        return "127.0.0.1:" + server.port();
    }

    @Test
    void thePublicHostsAndLoopbackAreAnswered() {
        for (String host : List.of("ml.example.edu", "ML.Example.EDU:443", "ml.example.edu.", "lab.local:8080",
                local(), "localhost:" + server.port(), "[::1]:" + server.port(), "127.0.0.2")) {
            RawHttp.Answer answer = RawHttp.get(server.port(), "/healthz", host);
            assertThat(answer.status()).as(host).isEqualTo(200);
            assertThat(answer.body()).as(host).contains("\"status\":\"ok\"");
        }
    }

    @Test
    void anyOtherHostGets421InPlainTextWithTheSecurityHeaders() {
        for (String path : List.of("/healthz", "/", "/lessons/descent?lang=en", "/static/js/ws.js", "/api/lessons",
                "/no/such/page")) {
            for (String host : List.of("attacker.example:" + server.port(), "ml.example.edu.attacker.example",
                    "192.168.1.20:" + server.port())) {
                RawHttp.Answer answer = RawHttp.get(server.port(), path, host);
                assertThat(answer.status()).as(host + path).isEqualTo(421);
                assertThat(answer.header("Content-Type")).as(host + path).startsWith("text/plain");
                assertThat(answer.body()).as(host + path).isEqualTo(SameOrigin.MISDIRECTED);
                assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
                assertThat(answer.header("Content-Security-Policy")).contains("default-src 'self'");
            }
        }
    }

    @Test
    void onlyThePublicOriginsOpenExperiments() {
        assertThat(RawHttp.handshake(server.port(), "ml.example.edu", "https://ml.example.edu").status())
                .isEqualTo(101);
        assertThat(RawHttp.handshake(server.port(), "lab.local:8080", "http://lab.local:8080").status()).isEqualTo(101);
        assertThat(RawHttp.handshake(server.port(), "ml.example.edu", null).status()).as("not a browser")
                .isEqualTo(101);

        String rebound = "attacker.example:" + server.port();
        assertThat(RawHttp.handshake(server.port(), rebound, "http://" + rebound).status()).as("DNS rebinding")
                .isEqualTo(421);
        assertThat(RawHttp.handshake(server.port(), "ml.example.edu", "https://attacker.example").status())
                .isEqualTo(403);
        assertThat(RawHttp.handshake(server.port(), "ml.example.edu", "http://ml.example.edu").status())
                .as("the public URL is https").isEqualTo(403);
        assertThat(RawHttp.handshake(server.port(), local(), "http://" + local()).status())
                .as("a loopback page is not a public origin").isEqualTo(403);
        assertThat(RawHttp.get(server.port(), "/ws/experiment", "ml.example.edu", "Connection: Upgrade",
                "Upgrade: websocket", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                "Origin: https://attacker.example", "X-Forwarded-Host: attacker.example").status())
                .as("X-Forwarded-Host is not trusted once public URLs are set").isEqualTo(403);
        Poll.until("no session left open", Duration.ofSeconds(10),
                () -> server.get("/healthz").body().contains("\"sessions\":0"));
    }

    @Test
    void unsetTheServerAnswersAnyHostAsBefore() {
        String rebound = "attacker.example:" + open.port();
        assertThat(RawHttp.get(open.port(), "/healthz", rebound).status()).isEqualTo(200);
        assertThat(RawHttp.handshake(open.port(), rebound, "http://" + rebound).status())
                .as("the same-origin rule alone cannot tell a rebound name").isEqualTo(101);
        assertThat(RawHttp.handshake(open.port(), rebound, "http://other.example").status()).isEqualTo(403);
    }

    @Test
    void hostNamesAreComparedWithoutPortCaseOrFinalDot() {
        SameOrigin rule = new SameOrigin(PublicOrigins.parse("OPTLAB_PUBLIC_URL", "https://ml.example.edu"),
                "10.1.2.3");
        assertThat(rule.allowsHost("ml.example.edu:8443")).isTrue();
        assertThat(rule.allowsHost("10.1.2.3:7070")).as("the listening address, for the health check").isTrue();
        assertThat(rule.allowsHost("10.1.2.4:7070")).isFalse();
        assertThat(rule.allowsHost(null)).isFalse();
        assertThat(rule.allowsHost("")).isFalse();
        assertThat(new SameOrigin(PublicOrigins.parse("X", "https://a.example"), "::1").allowsHost("[::1]:80"))
                .as("an IPv6 listening address").isTrue();
        assertThat(new SameOrigin(PublicOrigins.NONE, "0.0.0.0").allowsHost("anything.example")).isTrue();
    }
}

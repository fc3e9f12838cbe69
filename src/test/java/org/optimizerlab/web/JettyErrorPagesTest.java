package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optimizerlab.testing.RawHttp;
import org.optimizerlab.testing.TestServer;

/**
 * Requests Jetty refuses itself, before Javalin sees them, still get every security header and a one-line plain
 * text body that shows nothing of the server (no HTML echoing the request, no Jetty message, no exception).
 */
@ExtendWith(TestServer.PerClass.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JettyErrorPagesTest {

    private final TestServer server;

    JettyErrorPagesTest(TestServer server) {
        this.server = server;
    }

    @Test
    void malformedRequestsGetThePlainPageWithEverySecurityHeader() {
        String host = "127.0.0.1:" + server.port();
        String big = "a".repeat(20_000);
        Map<String, String> requests = Map.of(
                "400 Bad Request", "GET /%zz HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n",
                "414 URI Too Long", "GET /" + big + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n",
                "431 Request Header Fields Too Large", "GET / HTTP/1.1\r\nHost: " + host + "\r\nX-Big: " + big
                        + "\r\nConnection: close\r\n\r\n",
                "400 Bad Request ", "GET / HTTP/1.1\r\nHost: " + host + "\r\nHost: other.example\r\n\r\n");
        requests.forEach((expected, request) -> {
            RawHttp.Answer answer = RawHttp.send(server.port(), request);
            String what = expected + " for " + request.substring(0, Math.min(20, request.length()));
            assertThat(answer.status() + " ").as(what).startsWith(expected.substring(0, 4));
            assertThat(answer.body()).as(what).startsWith(expected.trim()).endsWith("\n")
                    .doesNotContain("other.example", "aaaa", "Exception").hasLineCount(1);
            assertThat(answer.header("Content-Type")).as(what).isEqualTo("text/plain; charset=utf-8");
            assertThat(answer.header("Content-Security-Policy")).as(what).contains("default-src 'self'")
                    .contains("frame-ancestors 'none'");
            assertThat(answer.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(answer.header("X-Frame-Options")).as(what).isEqualTo("DENY");
            assertThat(answer.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
            assertThat(answer.header("Cross-Origin-Opener-Policy")).as(what).isEqualTo("same-origin");
            assertThat(answer.header("Cross-Origin-Resource-Policy")).as(what).isEqualTo("same-origin");
            assertThat(answer.header("Permissions-Policy")).as(what).contains("camera=()");
        });
    }

    @Test
    void theAppsOwnAnswersAreUnchanged() {
        RawHttp.Answer health = RawHttp.get(server.port(), "/healthz", "127.0.0.1:" + server.port());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.header("Content-Type")).startsWith("application/json");
        assertThat(health.header("X-Frame-Options")).isEqualTo("DENY");
    }
}

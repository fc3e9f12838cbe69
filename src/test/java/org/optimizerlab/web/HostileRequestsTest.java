package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optimizerlab.testing.LogCapture;
import org.optimizerlab.testing.TestServer;

/**
 * Addresses a hostile visitor types by hand, sent on a raw socket so that no client re-encodes them: each gets a
 * short plain 4xx answer, and the server logs no stack trace for them.
 */
@ExtendWith(TestServer.PerClass.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestServer server;

    HostileRequestsTest(TestServer server) {
        this.server = server;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/lessons/%u002e%u002e", "/lessons/%u0041", "/api/optimizers/%u0073gd/source",
            "/lessons/%zz", "/lessons/%", "/lessons/%C0%AE", "/lessons/a%00b", "/static/%u002e%u002e/x",
            "/lessons/%u002e%u002e?lang=en"})
    void badPercentEscapesGetAShortPlain400AndNoStackTrace(String target) {
        try (LogCapture log = LogCapture.start()) {
            TestServer.RawResponse response = server.rawGet(target);
            assertThat(response.status()).as(target).isEqualTo(400);
            assertThat(response.headers()).as(target).containsIgnoringCase("Content-Type: text/plain");
            assertThat(response.body()).as(target).contains("400 Bad Request: the address or a header is malformed")
                    .doesNotContain("Exception", "java.", "org.eclipse", "<html").hasSizeLessThan(300);
            assertThat(log.hasStackTrace()).as(target + " logged a stack trace:\n" + log.text()).isFalse();
            assertThat(log.text()).as(target).doesNotContain("ERROR");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/lessons/%25zz", "/lessons/%25u002e", "/api/optimizers/%25zz/source", "/lessons/%2e%2e",
            "/lessons/..%2F..%2Fpom.xml"})
    void wellFormedEscapesOfStrangeNamesAreNotFound(String target) {
        try (LogCapture log = LogCapture.start()) {
            assertThat(server.rawGet(target).status()).as(target).isEqualTo(404);
            assertThat(log.hasStackTrace()).as(log.text()).isFalse();
        }
    }

    @Test
    void aWellFormedEscapeStillFindsItsLesson() {
        assertThat(server.rawGet("/lessons/%64escent").status()).isEqualTo(200);           // %64 = d
    }

    @Test
    void anUnknownApiPathIsEchoedCut() throws Exception {
        String body = server.get("/api/" + "a".repeat(5000)).body();
        String path = JSON.readTree(body).get("path").asText();
        assertThat(path).startsWith("/api/aaaa").endsWith("…").hasSizeLessThanOrEqualTo(65);
    }
}

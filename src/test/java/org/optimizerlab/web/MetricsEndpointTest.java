package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.web.ExperimentSocketTest.TWO_RUNS;
import static org.optimizerlab.web.ExperimentSocketTest.spec;
import static org.optimizerlab.web.ExperimentSocketTest.start;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.optimizerlab.app.ServerConfig;
import org.optimizerlab.ops.MetricsConfig;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.RawHttp;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/** {@code GET /metrics}: off unless enabled, who may read it, and the class's counters moving with real clients. */
class MetricsEndpointTest {

    private static final String SCRAPER_TOKEN = "scraper-token-0123456789";

    static TestServer server(MetricsConfig metrics, ServerLimits limits) {
        return TestServer.start(TestServer.config(limits).withMetrics(metrics));
    }

    static MetricsConfig metrics(String access, String token) {
        return MetricsConfig.read(Optional.of(access), Optional.ofNullable(token));
    }

    /** The value of one series ({@code name} or {@code name{labels}} exactly as written), 0 when absent. */
    static double sample(String text, String series) {
        return text.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(0.0);
    }

    static String scrape(TestServer server) {
        HttpResponse<String> response = server.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void offByDefault() {
        try (TestServer server = TestServer.start()) {
            assertThat(server.get("/metrics").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void onItSpeaksThePrometheusTextFormatWithTheJvmAndTheClassMeters() {
        try (TestServer server = server(metrics("on", null), ServerLimits.DEFAULT)) {
            HttpResponse<String> response = server.get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(response.body()).contains("# TYPE jvm_memory_used_bytes gauge",
                    "jvm_gc_memory_allocated_bytes_total",
                    "jvm_threads_live_threads", "process_cpu_usage", "system_cpu_count", "process_uptime_seconds",
                    "# TYPE optlab_sessions_open gauge", "optlab_workers_queue", "optlab_workers_active",
                    "optlab_connections_opened_total", "optlab_connections_refused_total{reason=\"server_full\"} 0.0",
                    "optlab_connections_refused_total{reason=\"address_full\"} 0.0", "optlab_updates_total",
                    "optlab_sent_bytes_total", "optlab_sent_messages_total");
        }
    }

    @Test
    void theCountersMoveWithClientsThatConnectStartFailAndAreRefused() throws Exception {
        ServerLimits limits = ServerLimits.DEFAULT.withConnections(new ConnectionLimits(1,
                ServerLimits.DEFAULT.connections().maxUnreadBytes(), Duration.ofSeconds(30), Duration.ofSeconds(120)));
        try (TestServer server = server(metrics("on", null), limits)) {
            try (WsClient student = WsClient.connect(server)) {
                Poll.until("one session", WsClient.TIMEOUT, () -> sample(scrape(server), "optlab_sessions_open") == 1);
                assertThat(sample(scrape(server), "optlab_connections_opened_total")).isEqualTo(1);

                student.send(start(spec(30, TWO_RUNS), false)).await("done", 0);
                String afterRace = scrape(server);
                assertThat(sample(afterRace,
                        "optlab_experiments_started_total{kind=\"race\",lesson=\"none\",problem=\"quadratic\"}"))
                        .as("a client that never said hello").isEqualTo(1);
                assertThat(sample(afterRace, "optlab_updates_total")).as("30 steps of 2 runs").isEqualTo(60);
                assertThat(sample(afterRace, "optlab_sent_messages_total")).isGreaterThanOrEqualTo(3);
                assertThat(sample(afterRace, "optlab_sent_bytes_total")).isGreaterThan(1000);

                int before = student.count();
                student.send(start("{\"problem\": {\"type\": \"nope\"}, \"runs\": []}", false));
                ExperimentSocketTest.awaitError(student, before);
                student.send("{\"type\": \"jump\"}");
                Poll.until("two errors counted", WsClient.TIMEOUT, () -> {
                    String text = scrape(server);
                    return sample(text, "optlab_client_errors_total{field=\"spec\"}") == 1
                            && sample(text, "optlab_client_errors_total{field=\"type\"}") == 1;
                });

                try (WsClient second = WsClient.connect(server)) {
                    assertThat(second.awaitClose()).isEqualTo(ExperimentHub.POLICY_VIOLATION);
                }
                assertThat(sample(scrape(server), "optlab_connections_refused_total{reason=\"address_full\"}"))
                        .isEqualTo(1);
            }
            Poll.until("the close counted", WsClient.TIMEOUT, () -> scrape(server).lines()
                    .anyMatch(line -> line.startsWith("optlab_connections_closed_total{cause=\"client\",code=\"100")
                            && line.endsWith(" 1.0")));
            assertThat(sample(scrape(server), "optlab_sessions_open")).isZero();

            String body = "{\"problem\": {\"type\": \"linear-regression\", \"n\": 200, \"d\": 4}, \"seed\": 1, "
                    + "\"batch_size\": 10, \"ks\": [1, 4], \"repeats\": 5}";
            assertThat(server.postJson("/api/gradient-estimate", body).statusCode()).isEqualTo(200);
            assertThat(sample(scrape(server), "optlab_one_shot_total{outcome=\"served\"}")).isEqualTo(1);
        }
    }

    @Test
    void experimentsAreCountedByTheLessonTheirPageIsOnAndOnlyLessonsOfTheCourseAreLabels() {
        try (TestServer server = server(metrics("on", null), ServerLimits.DEFAULT);
             WsClient onLesson = WsClient.connect(server);
             WsClient elsewhere = WsClient.connect(server)) {
            onLesson.send("{\"type\": \"hello\", \"student\": \"s1\", \"lesson\": \"descent\"}");
            onLesson.send(start(spec(10, TWO_RUNS), false)).await("done", 0);
            onLesson.send(start(spec(10, TWO_RUNS), false));
            elsewhere.send("{\"type\": \"hello\", \"student\": \"s2\", \"lesson\": \"no-such-lesson\"}");
            elsewhere.send(start(spec(10, TWO_RUNS), false)).await("done", 0);
            Poll.until("both of lesson descent counted", WsClient.TIMEOUT, () -> sample(scrape(server),
                    "optlab_experiments_started_total{kind=\"race\",lesson=\"descent\",problem=\"quadratic\"}")
                    == 2);
            String text = scrape(server);
            assertThat(sample(text,
                    "optlab_experiments_started_total{kind=\"race\",lesson=\"other\",problem=\"quadratic\"}"))
                    .as("a slug the course does not have").isEqualTo(1);
            assertThat(text).doesNotContain("no-such-lesson");
        }
    }

    @Nested
    class Access {

        @Test
        void aTokenIsRequiredWhenSetAndTheInstructorsSessionIsAccepted() {
            try (TestServer server = server(metrics("on", SCRAPER_TOKEN), ServerLimits.DEFAULT)) {
                HttpResponse<String> none = server.get("/metrics");
                assertThat(none.statusCode()).isEqualTo(401);
                assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                        assertThat(v).startsWith("Bearer"));
                assertThat(none.body()).doesNotContain("optlab_", SCRAPER_TOKEN);
                assertThat(server.get("/metrics", "Authorization", "Bearer wrong-token-0123456789").statusCode())
                        .isEqualTo(401);
                HttpResponse<String> right = server.get("/metrics", "Authorization", "Bearer " + SCRAPER_TOKEN);
                assertThat(right.statusCode()).isEqualTo(200);
                assertThat(right.body()).contains("optlab_sessions_open");
                assertThat(server.get("/metrics", "Cookie", server.signIn()).statusCode()).isEqualTo(200);
            }
        }

        @Test
        void underInstructorOnlyTheInstructorsSessionReads() {
            try (TestServer server = server(metrics("instructor", null), ServerLimits.DEFAULT)) {
                assertThat(server.get("/metrics").statusCode()).isEqualTo(401);
                assertThat(server.get("/metrics", "Cookie", server.signIn()).statusCode()).isEqualTo(200);
            }
        }

        @Test
        void behindAPublicUrlAScraperMayAskForThePodsAddressButPagesStillMayNot() {
            ServerConfig config = TestServer.config(ServerLimits.DEFAULT).withMetrics(metrics("on", SCRAPER_TOKEN))
                    .withPublicOrigins(PublicOrigins.parse("OPTLAB_PUBLIC_URL", "https://ml.example.edu/class1"));
            try (TestServer server = TestServer.start(config)) {
                String podAddress = "10.42.0.17:" + server.port();
                assertThat(RawHttp.get(server.port(), "/metrics", podAddress, "Authorization: Bearer " + SCRAPER_TOKEN)
                        .status()).isEqualTo(200);
                assertThat(RawHttp.get(server.port(), "/metrics", podAddress).status()).as("the token still counts")
                        .isEqualTo(401);
                assertThat(RawHttp.get(server.port(), "/", podAddress).status()).isEqualTo(421);
            }
        }
    }
}

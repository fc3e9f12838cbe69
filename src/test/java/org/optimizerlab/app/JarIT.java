package org.optimizerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.optimizerlab.testing.TestLessons;

/**
 * The packaged jar ({@code target/optimizer-lab.jar}, built by {@code mvn package} before this runs in failsafe):
 * its commands, the lessons and web files inside it, and a clean stop on SIGTERM.
 */
class JarIT {

    private static final Path JAR = Path.of("target/optimizer-lab.jar");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A finished command: its exit status and everything it printed. */
    record Result(int status, String out, String err) {
    }

    static ProcessBuilder java(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("OPTLAB_"));
        builder.environment().putAll(env);
        return builder;
    }

    static Result run(Map<String, String> env, String... args) throws Exception {
        Process process = java(env, args).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
    }

    @Test
    void helpListsEveryCommand() throws Exception {
        Result help = run(Map.of(), "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("[serve] [--port N]", "run --spec FILE", "check-lessons [DIR]");
        Result serveHelp = run(Map.of(), "serve", "--help");
        assertThat(serveHelp.out()).contains("OPTLAB_LESSONS_DIR", "OPTLAB_MAX_SESSIONS", "OPTLAB_WORKER_THREADS",
                "OPTLAB_PUBLIC_URL", "https://ml.example.edu/class1");
    }

    @Test
    void checkLessonsChecksTheBundledCourseOrAFolder() throws Exception {
        Result bundled = run(Map.of(), "check-lessons");
        assertThat(bundled.status()).as(bundled.out() + bundled.err()).isZero();
        assertThat(bundled.out()).contains("lessons in the application's jar", "all valid, every claim holds", "momentum");
        Result broken = run(Map.of(), "check-lessons", TestLessons.folder("broken").toString());
        assertThat(broken.status()).isEqualTo(1);
        assertThat(broken.out()).contains("5 problems",
                "02-bad-spec/experiment.json: presets[0].spec.runs[1].optimizer.mu: must be in [0, 1), got 1.5");
    }

    @Test
    void theServerRefusesToStartOnBrokenLessons() throws Exception {
        Result refused = run(Map.of("OPTLAB_LESSONS_DIR", TestLessons.folder("broken").toString()), "--port", "0");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("the server does not start on broken lessons",
                "01-bad-front/en.md: order: must equal the folder's position 1, got 3");
        Result badPort = run(Map.of("OPTLAB_PORT", "http"));
        assertThat(badPort.status()).isEqualTo(2);
        assertThat(badPort.err()).contains("OPTLAB_PORT: must be a whole number, got 'http'");
        Result badUrl = run(Map.of("OPTLAB_PUBLIC_URL", "ml.example.edu"));
        assertThat(badUrl.status()).isEqualTo(2);
        assertThat(badUrl.err()).contains("error: OPTLAB_PUBLIC_URL: must be an http or https URL with a host");
    }

    @Test
    void theServerSaysWhyItCannotListen() throws Exception {
        Result elsewhere = run(Map.of("OPTLAB_HOST", "nonexistent.invalid", "OPTLAB_LESSONS_DIR",
                TestLessons.folder("valid").toString()), "--port", "0");
        assertThat(elsewhere.status()).isEqualTo(1);
        assertThat(elsewhere.err()).contains("OPTLAB_HOST: the host name 'nonexistent.invalid' does not resolve")
                .doesNotContain("Port already in use").doesNotContain("Optimizer Lab is stopping");
    }

    @Test
    void theHealthCheckProbesWhereTheServerListens() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
            port = free.getLocalPort();
        }
        Map<String, String> env = Map.of("OPTLAB_HOST", "127.0.0.2", "OPTLAB_PORT", Integer.toString(port),
                "OPTLAB_PUBLIC_URL", "https://ml.example.edu");
        Process server = java(env).redirectErrorStream(true).start();
        ProcessOutput output = ProcessOutput.of(server);
        try {
            Poll.until("the server says where it serves", TIMEOUT,
                    () -> output.text().contains("serving on http://127.0.0.2:" + port + "/"));
            assertThat(output.text()).contains("Public URL: https://ml.example.edu");
            assertThat(healthCheck(env)).as("the health check with the server's own variables").isZero();
            assertThat(healthCheck(Map.of("OPTLAB_PORT", Integer.toString(port)))).as("on 127.0.0.1: nothing there")
                    .isEqualTo(1);
            assertThat(healthCheck(Map.of("OPTLAB_PORT", "http"))).as("a bad variable").isEqualTo(1);
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void theServerServesTheJarsLessonsAndWebFilesAndStopsOnSigterm() throws Exception {
        Path data = Path.of("target", "jar-it", "data-" + System.nanoTime());
        Process server = java(Map.of("OPTLAB_HOST", "127.0.0.1", "OPTLAB_DATA_DIR", data.toString()), "--port", "0")
                .redirectErrorStream(true).start();
        ProcessOutput output = ProcessOutput.of(server);
        try {
            Pattern serving = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)/");
            Poll.until("the server says where it serves", TIMEOUT, () -> serving.matcher(output.text()).find());
            Matcher m = serving.matcher(output.text());
            assertThat(m.find()).isTrue();
            int port = Integer.parseInt(m.group(1));
            HttpClient http = HttpClient.newHttpClient();
            assertThat(get(http, port, "/healthz").body()).contains("\"status\":\"ok\"");
            assertThat(get(http, port, "/?lang=en").body()).contains("id=\"lang-switch\"", "href=\"/lessons/momentum\"");
            HttpResponse<String> lesson = get(http, port, "/lessons/momentum?lang=zh");
            assertThat(lesson.statusCode()).isEqualTo(200);
            assertThat(lesson.body()).contains("<html lang=\"zh-CN\">", "id=\"lesson-data\"");
            assertThat(get(http, port, "/webjars/chart.js/4.5.1/dist/chart.umd.js").statusCode()).isEqualTo(200);
            assertThat(get(http, port, "/api/optimizers/nesterov/source").body()).contains("x += v + mu * (v - pre_v)");
            assertThat(HealthCheck.check(port)).isEqualTo(200);
            assertThat(healthCheck(port)).as("the container's health check").isZero();
            assertThat(output.text()).containsPattern("Memory: heap up to \\d+ MB of \\d+ MB, \\d+ processors");
            assertThat(output.text()).as("the migrations inside the jar").contains("schema version 3 (new database)",
                    "/instructor/login#token=");
            assertThat(data.resolve("optimizer-lab.db")).isRegularFile();

            server.toHandle().destroy();            // SIGTERM (Process.destroy() would also close our end of its output)
            assertThat(server.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s of SIGTERM").isTrue();
            output.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(output.text()).as("exit status " + server.exitValue())
                    .contains("Optimizer Lab is stopping", "Javalin has stopped", "Optimizer Lab has stopped");
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void theHealthCheckFailsWhenNothingAnswers() throws Exception {
        assertThat(healthCheck(1)).isEqualTo(1);
    }

    /** The exit status of the container's health check against {@code port}. */
    private static int healthCheck(int port) throws Exception {
        return healthCheck(Map.of("OPTLAB_PORT", Integer.toString(port)));
    }

    /** The exit status of the container's health check with these variables (and no other OPTLAB_ one). */
    private static int healthCheck(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JAR.toString(), "org.optimizerlab.app.HealthCheck");
        builder.environment().keySet().removeIf(k -> k.startsWith("OPTLAB_"));
        builder.environment().putAll(env);
        Process check = builder.redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return check.exitValue();
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }


}

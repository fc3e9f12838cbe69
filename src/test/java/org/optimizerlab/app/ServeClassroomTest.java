package org.optimizerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.classroom.InstructorToken;
import org.optimizerlab.testing.ProcessOutput;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.TestLessons;

/**
 * {@code serve} with its class database and instructor token: the generated token is printed once as a sign-in
 * link that works, a given token is never printed, and a database the server cannot use stops it with a message
 * naming the variable. The running server is a child JVM from the test classpath, as an operator would start it.
 */
class ServeClassroomTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern SERVING = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern LINK = Pattern.compile(
            "Instructor sign-in \\(.*\\): http://127\\.0\\.0\\.1:(\\d+)/instructor/login#token=([A-Za-z0-9_-]{43})\n");

    @TempDir
    Path temp;

    @Test
    void aGeneratedTokenIsPrintedOnceAsASignInLinkThatWorks() throws Exception {
        String[] printed = new String[1];
        String output = serveAndStop(Map.of("OPTLAB_DATA_DIR", temp.resolve("data").toString()), (port, sofar) -> {
            Matcher link = LINK.matcher(sofar);
            assertThat(link.find()).as(sofar).isTrue();
            assertThat(Integer.parseInt(link.group(1))).isEqualTo(port);
            printed[0] = link.group(2);
            assertThat(signIn(port, printed[0]).statusCode()).isEqualTo(303);
            assertThat(signIn(port, "x" + printed[0]).statusCode()).isEqualTo(401);
        });
        assertThat(output.split(Pattern.quote(printed[0]), -1)).as("the token appears once:\n" + output).hasSize(2);
        assertThat(temp.resolve("data/optimizer-lab.db")).isRegularFile();
        assertThat(output).containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) "
                + "INFO  ClassDatabase - class database: SQLite " + Pattern.quote(temp.resolve("data/optimizer-lab.db")
                .toString()) + ", schema version 3 \\(new database\\)\n")
                .containsPattern(" WARN  InstructorController - instructor sign-in failed from 127\\.0\\.0\\.1 "
                        + "\\(1 of 5 allowed in a minute\\)\n")
                .containsPattern(" INFO  InstructorController - instructor signed in from 127\\.0\\.0\\.1\n")
                .doesNotContain("Started oejs.Server");   // Jetty is quiet at INFO
    }

    @Test
    void aGivenTokenIsNeverPrinted() throws Exception {
        String given = "a-token-the-instructor-chose-42";
        String output = serveAndStop(Map.of("OPTLAB_DATA_DIR", temp.resolve("data").toString(),
                "OPTLAB_INSTRUCTOR_TOKEN", given), (port, out) ->
                assertThat(signIn(port, given).statusCode()).isEqualTo(303));
        assertThat(output).contains("Instructor sign-in: http://127.0.0.1:").contains(
                "/instructor/login with the token in OPTLAB_INSTRUCTOR_TOKEN").doesNotContain(given, "#token=");
    }

    @Test
    void aDataFolderThatCannotBeMadeStopsTheServerNamingTheVariable() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        Refusal refusal = refuse(Map.of("OPTLAB_DATA_DIR", file.resolve("data").toString()));
        assertThat(refusal.status()).isEqualTo(1);
        assertThat(refusal.err()).startsWith("error: the server does not start: OPTLAB_DATA_DIR: cannot create the "
                + "data folder " + file.resolve("data")).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aFileThatIsNotADatabaseStopsTheServerNamingTheFile() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("data"));
        Files.writeString(folder.resolve("optimizer-lab.db"), "class notes, not a database\n".repeat(10));
        Refusal refusal = refuse(Map.of("OPTLAB_DATA_DIR", folder.toString()));
        assertThat(refusal.status()).isEqualTo(1);
        assertThat(refusal.err()).startsWith("error: the server does not start: OPTLAB_DATA_DIR: "
                + folder.resolve("optimizer-lab.db") + " is not an SQLite database");
    }

    @Test
    void badClassroomVariablesAreRefusedBeforeAnythingStarts() {
        Refusal url = refuse(Map.of("OPTLAB_DATABASE_URL", "mysql://db/class"));
        assertThat(url.status()).isEqualTo(2);
        assertThat(url.err()).startsWith("error: OPTLAB_DATABASE_URL: must be a PostgreSQL JDBC URL");
        Refusal token = refuse(Map.of("OPTLAB_INSTRUCTOR_TOKEN", "short"));
        assertThat(token.status()).isEqualTo(2);
        assertThat(token.err()).startsWith("error: OPTLAB_INSTRUCTOR_TOKEN: must be at least "
                + InstructorToken.MIN_LENGTH + " characters").doesNotContain("short");
        Refusal level = refuse(Map.of("OPTLAB_LOG_LEVEL", "LOUD"));
        assertThat(level.status()).isEqualTo(2);
        assertThat(level.err()).startsWith("error: OPTLAB_LOG_LEVEL: must be one of TRACE, DEBUG, INFO, WARN, "
                + "ERROR, OFF, got 'LOUD'");
    }

    @Test
    void badMetricsVariablesAreRefusedBeforeAnythingStarts() {
        Refusal access = refuse(Map.of("OPTLAB_METRICS", "yes"));
        assertThat(access.status()).isEqualTo(2);
        assertThat(access.err()).startsWith("error: OPTLAB_METRICS: must be off, on or instructor, got 'yes'");
        Refusal token = refuse(Map.of("OPTLAB_METRICS", "on", "OPTLAB_METRICS_TOKEN", "tiny"));
        assertThat(token.status()).isEqualTo(2);
        assertThat(token.err()).startsWith("error: OPTLAB_METRICS_TOKEN: must be 16 to 256 visible ASCII characters")
                .doesNotContain("tiny");
    }

    /** What a refused {@code serve} returned and printed on stderr. */
    record Refusal(int status, String err) {
    }

    private static Refusal refuse(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("OPTLAB_LESSONS_DIR", TestLessons.folder("valid").toString());
        all.put("OPTLAB_HOST", "127.0.0.1");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.serve(List.of("--port", "0"), all, new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Refusal(status, err.toString(StandardCharsets.UTF_8));
    }

    /** What to do with the running server: its port and its output so far. */
    interface WhileServing {
        void accept(int port, String output) throws Exception;
    }

    /** Starts {@code serve} in a child JVM, waits until it listens, runs {@code whileServing}, stops it (SIGTERM). */
    private String serveAndStop(Map<String, String> env, WhileServing whileServing) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path logConfig = Path.of(ServeClassroomTest.class.getResource("/logback.xml").toURI());
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + logConfig, Main.class.getName(), "serve", "--port", "0")
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("OPTLAB_"));
        builder.environment().put("OPTLAB_HOST", "127.0.0.1");
        builder.environment().put("OPTLAB_LESSONS_DIR", TestLessons.folder("valid").toString());
        builder.environment().putAll(env);
        Process server = builder.start();
        ProcessOutput output = ProcessOutput.of(server);
        try {
            Poll.until("the server says where it serves", TIMEOUT, () -> SERVING.matcher(output.text()).find()
                    || !server.isAlive());
            Matcher serving = SERVING.matcher(output.text());
            assertThat(serving.find()).as(output.text()).isTrue();
            whileServing.accept(Integer.parseInt(serving.group(1)), output.text());
            server.toHandle().destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            output.join(TimeUnit.SECONDS.toMillis(10));
            return output.text();
        } finally {
            server.destroyForcibly();
        }
    }

    private static HttpResponse<String> signIn(int port, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/instructor/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }


}

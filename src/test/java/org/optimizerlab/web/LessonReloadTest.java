package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.testing.TestLessons.edit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.lesson.LiveCourse;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.testing.TestServer;
import org.slf4j.LoggerFactory;

/**
 * Reloading the instructor's lessons folder on a running server: a good change is served, a broken one is refused
 * with its file and field while the old course stays, and the watcher notices a change by itself.
 */
class LessonReloadTest {

    private static final Duration WATCHER_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path folder;
    private TestServer server;
    private String cookie;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start() {
        TestLessons.copy("valid", folder);
        server = TestServer.start(TestServer.config(ServerLimits.DEFAULT).withLessonsDir(folder));
        cookie = server.signIn();
        log.start();
        ((Logger) LoggerFactory.getLogger(LiveCourse.class)).addAppender(log);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(LiveCourse.class)).detachAppender(log);
        server.close();
    }

    private HttpRequest.Builder form(String path, String body) {
        return HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> reload() {
        return server.send(form("/instructor/lessons/reload", "").header("Cookie", cookie)
                .header("Origin", "http://127.0.0.1:" + server.port()).build());
    }

    private String version() {
        return server.get("/api/course/version").body();
    }

    private String englishTitles() {
        return server.get("/api/lessons?lang=en").body();
    }

    @Test
    void aGoodChangeIsServedAfterTheButton() {
        String before = version();
        edit(folder.resolve("01-descent/en.md"), "title: Gradient descent", "title: Downhill, step by step");
        HttpResponse<String> reload = reload();
        assertThat(reload.statusCode()).isEqualTo(303);
        assertThat(reload.headers().firstValue("Location")).contains("/instructor/lessons");
        assertThat(englishTitles()).contains("Downhill, step by step").doesNotContain("Gradient descent");
        String versionAttribute = "data-course-version=\""
                + version().replaceAll(".*\"version\":\"([0-9a-f]+)\".*", "$1") + "\"";
        assertThat(server.get("/lessons/descent?lang=en").body()).contains("Downhill, step by step")
                .contains(versionAttribute);
        assertThat(version()).isNotEqualTo(before);
        assertThat(server.get("/healthz").body()).contains("\"lessons\":2");
        HttpResponse<String> page = server.get("/instructor/lessons?lang=en", "Cookie", cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"reload-done\"", "Reloaded (", "the instructor&#39;s button",
                "2 lessons, open lesson pages are told", "Downhill, step by step", "your folder");
        assertThat(server.get("/instructor/lessons?lang=zh", "Cookie", cookie).body())
                .contains("已重新加载", "重新加载课程");
        assertThat(server.get("/?lang=en").body()).as("the index knows the course it lists, as lesson pages do")
                .contains("Downhill, step by step").contains(versionAttribute);
    }

    @Test
    void aBrokenChangeIsRefusedWithFileAndFieldAndTheOldCourseStays() {
        String before = version();
        edit(folder.resolve("01-descent/en.md"), "title: Gradient descent\n", "");
        edit(folder.resolve("01-descent/en.md"), "order: 1", "order: first");
        edit(folder.resolve("02-english-only/experiment.json"), "\"lr\": 0.1", "\"lr\": -1");
        assertThat(reload().statusCode()).isEqualTo(303);
        assertThat(englishTitles()).contains("Gradient descent", "Rosenbrock's valley");
        assertThat(version()).isEqualTo(before);
        HttpResponse<String> page = server.get("/instructor/lessons?lang=en", "Cookie", cookie);
        assertThat(page.body()).contains("id=\"reload-refused\"", "3 problems",
                "01-descent/en.md: title: is required (one line of text)",
                "01-descent/en.md: order: must be a whole number 1..99, got &#39;first&#39;",
                "02-english-only/experiment.json: presets[0].spec.runs[0].optimizer.lr: must be");
        assertThat(server.get("/api/instructor/lessons", "Cookie", cookie).body())
                .contains("\"outcome\":\"refused\"", "{\"file\":\"01-descent/en.md\",\"field\":\"title\"");
        assertThat(log.list).filteredOn(e -> e.getFormattedMessage()
                        .startsWith("lessons not reloaded (the instructor's button)")).singleElement().satisfies(e -> {
                    assertThat(e.getFormattedMessage()).doesNotContain("\n")
                            .contains("3 problems", "01-descent/en.md: title: is required",
                                    "the lessons served before stay");
                    assertThat(e.getThrowableProxy()).as("no stack trace").isNull();
                });
    }

    @Test
    void theWatcherServesAChangeWithinSeconds() {
        edit(folder.resolve("02-english-only/en.md"), "title: \"Rosenbrock's valley\"", "title: Banana valley");
        Poll.until("the watcher serves the new title", WATCHER_TIMEOUT,
                () -> englishTitles().contains("Banana valley"));
        edit(folder.resolve("02-english-only/en.md"), "order: 2", "order: 7");
        Poll.until("the watcher refuses the broken change", WATCHER_TIMEOUT,
                () -> server.get("/api/instructor/lessons", "Cookie", cookie).body().contains("refused"));
        assertThat(englishTitles()).contains("Banana valley");
        assertThat(server.get("/api/instructor/lessons", "Cookie", cookie).body()).contains("the folder changed",
                "02-english-only/en.md", "\"field\":\"order\"", "must equal the folder's position 2, got 7");
    }

    @Test
    void aNewLessonFolderIsWatchedToo() {
        TestLessons.copy("valid", folder.resolve("tmp-copy"));
        java.nio.file.Path lesson = folder.resolve("03-third");
        try {
            java.nio.file.Files.move(folder.resolve("tmp-copy/02-english-only"), lesson);
            org.optimizerlab.testing.TestLessons.edit(lesson.resolve("en.md"), "order: 2", "order: 3");
            deleteTree(folder.resolve("tmp-copy"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Poll.until("the new lesson is served", WATCHER_TIMEOUT,
                () -> server.get("/lessons/third").statusCode() == 200);
        edit(lesson.resolve("en.md"), "A long curved valley.", "A third lesson.");
        Poll.until("a change inside the new lesson is served", WATCHER_TIMEOUT,
                () -> englishTitles().contains("A third lesson."));
    }

    @Test
    void reloadingNeedsTheInstructorAndThisSite() {
        assertThat(server.send(form("/instructor/lessons/reload", "").build()).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/instructor/lessons").statusCode()).isEqualTo(401);
        assertThat(server.get("/instructor/lessons").statusCode()).isEqualTo(303);
        HttpResponse<String> elsewhere = server.send(form("/instructor/lessons/reload", "").header("Cookie", cookie)
                .header("Origin", "https://evil.example").build());
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(server.get("/instructor?lang=en", "Cookie", cookie).body())
                .contains("href=\"/instructor/lessons\"");
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(root)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(file);
            }
        }
    }
}

package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.app.ServerConfig;
import org.optimizerlab.testing.TestServer;

/**
 * Static files are linked by version and cached for good: every asset URL of a page carries the content hash of the
 * static files, its answer may be kept a year without asking again, the page itself is revalidated, a changed file
 * changes the URLs, and the webjars (whose URLs name their version) are cached for good too.
 */
@ExtendWith(TestServer.PerClass.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaticAssetCachingTest {
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/(?:static|webjars)/[^\"]+)\"");

    private final TestServer server;

    StaticAssetCachingTest(TestServer server) {
        this.server = server;
    }

    private static List<String> assetUrls(String html) {
        Matcher m = ASSET.matcher(html);
        List<String> urls = new ArrayList<>();
        while (m.find()) {
            urls.add(m.group(1));
        }
        return urls;
    }

    /** The version of the static files the server serves from the classpath (the build's copy of web/static). */
    private static String classpathVersion() {
        return AssetVersion.of(Path.of("target", "classes", "web", "static")).id();
    }

    @Test
    void everyPageLinksItsStaticFilesByVersionAndTheyAreCachedForAYear() {
        String version = classpathVersion();
        for (String path : List.of("/?lang=en", "/lessons/descent?lang=zh", "/instructor/login", "/nowhere")) {
            HttpResponse<String> page = server.get(path);
            assertThat(page.headers().firstValue("Cache-Control")).as(path).hasValueSatisfying(
                    value -> assertThat(value).isIn("no-cache", "no-store"));
            List<String> urls = assetUrls(page.body());
            assertThat(urls).as(path).filteredOn(u -> u.startsWith("/static/")).isNotEmpty()
                    .allSatisfy(u -> assertThat(u).startsWith("/static/" + version + "/"));
            for (String url : urls) {
                HttpResponse<String> asset = server.get(url);
                assertThat(asset.statusCode()).as(url).isEqualTo(200);
                assertThat(asset.headers().firstValue("Cache-Control")).as(url).contains(AssetVersion.IMMUTABLE);
            }
        }
        assertThat(server.get("/lessons/descent").body())
                .contains("<script type=\"module\" src=\"/static/" + version + "/js/lesson.js\"></script>")
                .contains("src=\"/webjars/chart.js/4.5.1/dist/chart.umd.js\"");
    }

    @Test
    void modulesImportedByRelativePathsAreServedUnderTheSameVersion() {
        String version = classpathVersion();
        HttpResponse<String> module = server.get("/static/" + version + "/js/preset-views.js");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.body()).contains("import('./search.js')");
        assertThat(server.get("/static/" + version + "/js/search.js").headers().firstValue("Cache-Control"))
                .contains(AssetVersion.IMMUTABLE);
    }

    @Test
    void anUnversionedUrlStillWorksButIsRevalidated() {
        HttpResponse<String> asset = server.get("/static/js/ws.js");
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Cache-Control")).contains(AssetVersion.REVALIDATE);
        assertThat(server.get("/static/000000000000/js/ws.js").statusCode()).isEqualTo(404);
    }

    @Test
    void aChangedFileGetsANewUrlWithItsNewContent(@TempDir Path folder) throws IOException {
        Path web = folder.resolve("web");
        copy(Path.of("web"), web);
        String before = servedLesson(web);
        String marker = "// changed for " + getClass().getSimpleName();
        Files.writeString(web.resolve("static/js/ws.js"), "\n" + marker + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        String after = servedLesson(web);
        assertThat(after).isNotEqualTo(before).isEqualTo(AssetVersion.of(web.resolve("static")).id());
        try (TestServer changed = TestServer.start(withWeb(web))) {
            assertThat(changed.get("/static/" + after + "/js/ws.js").body()).contains(marker);
        }
    }

    /** The version a server serving the web folder {@code web} links in its lesson page. */
    private static String servedLesson(Path web) {
        try (TestServer other = TestServer.start(withWeb(web))) {
            Matcher m = Pattern.compile("src=\"/static/([0-9a-f]{12})/js/lesson.js\"")
                    .matcher(other.get("/lessons/descent").body());
            assertThat(m.find()).as("a versioned lesson.js").isTrue();
            return m.group(1);
        }
    }

    private static ServerConfig withWeb(Path web) {
        ServerConfig base = TestServer.config(ServerLimits.DEFAULT);
        return new ServerConfig(base.host(), 0, base.lessonsDir(), Optional.of(web), base.limits(),
                base.publicOrigins(), base.classroom());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

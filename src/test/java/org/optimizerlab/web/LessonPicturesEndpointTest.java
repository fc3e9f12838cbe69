package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.testing.TestLessons.edit;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.testing.Pictures;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.testing.TestServer;

/** A lesson's pictures on a real server: their type and headers, SVG sandboxed, nothing else of the folder. */
class LessonPicturesEndpointTest {

    @TempDir
    Path folder;
    private TestServer server;
    private byte[] png;

    @BeforeEach
    void start() {
        TestLessons.copy("valid", folder);
        png = Pictures.drawn("png", 50, 30);
        Pictures.write(folder.resolve("01-descent/surface.png"), png);
        Pictures.write(folder.resolve("01-descent/ring.svg"), Pictures.SVG_WITH_SCRIPT);
        edit(folder.resolve("01-descent/en.md"), "\n\n", "\n\n![loss surface](surface.png)\n\n");
        server = TestServer.start(TestServer.config(ServerLimits.DEFAULT).withLessonsDir(folder));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> bytes(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return server.http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPictureIsServedWithItsTypeAndAPolicyThatRunsNothing() {
        HttpResponse<byte[]> picture = bytes("/lessons/descent/files/surface.png");
        assertThat(picture.statusCode()).isEqualTo(200);
        assertThat(picture.body()).isEqualTo(png);
        assertThat(picture.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(picture.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(picture.headers().allValues("Content-Security-Policy"))
                .containsExactly("default-src 'none'; style-src 'unsafe-inline'; sandbox");
        String etag = picture.headers().firstValue("ETag").orElseThrow();
        assertThat(bytes("/lessons/descent/files/surface.png", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(server.get("/lessons/descent?lang=en").body())
                .contains("<img src=\"/lessons/descent/files/surface.png\" alt=\"loss surface\" />");
    }

    @Test
    void anSvgWithAScriptIsServedSandboxed() {
        HttpResponse<byte[]> svg = bytes("/lessons/descent/files/ring.svg");
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type")).contains("image/svg+xml");
        assertThat(svg.headers().allValues("Content-Security-Policy")).singleElement().asString()
                .contains("sandbox").contains("default-src 'none'").doesNotContain("script-src");
        assertThat(svg.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void onlyTheLessonsPicturesAreServedAndNoPathLeavesItsFolder() {
        for (String path : new String[] {"/lessons/descent/files/en.md", "/lessons/descent/files/experiment.json",
                "/lessons/descent/files/nope.png", "/lessons/english-only/files/surface.png",
                "/lessons/nope/files/surface.png", "/lessons/descent/files/..%2Fen.md",
                "/lessons/descent/files/..%2F..%2F02-english-only%2Fen.md", "/lessons/descent/files/%2e%2e"}) {
            HttpResponse<String> answer = server.get(path);
            assertThat(answer.statusCode()).as(path).isIn(400, 404);
            assertThat(answer.body()).as(path).doesNotContain("title:", "presets");
        }
        for (String raw : new String[] {"/lessons/descent/files/../en.md", "/lessons/descent/files/../../../etc/passwd",
                "/lessons/descent/files/%2e%2e/en.md"}) {
            TestServer.RawResponse answer = server.rawGet(raw);
            assertThat(answer.status()).as(raw).isIn(400, 404);
            assertThat(answer.body()).as(raw).doesNotContain("title:", "root:");
        }
    }
}

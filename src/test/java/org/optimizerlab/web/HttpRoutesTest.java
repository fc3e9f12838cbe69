package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optimizerlab.app.ServerConfig;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.testing.TestServer;

/** Every HTTP route on a real port: pages, API, static files, 404s, languages and headers. */
@ExtendWith(TestServer.PerClass.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The version of the static files in the page's links: theirs as the build copied them. */
    private static final String VERSION = AssetVersion.of(Path.of("target", "classes", "web", "static")).id();
    private final TestServer server;

    HttpRoutesTest(TestServer server) {
        this.server = server;
    }

    static JsonNode lessonData(String html) throws Exception {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"lesson-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("lesson-data script").isTrue();
        return JSON.readTree(m.group(1));
    }

    @Nested
    class Pages {
        @Test
        void theIndexListsTheLessonsInOrderWithProgressHooks() {
            HttpResponse<String> page = server.get("/?lang=en");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).contains("text/html;charset=utf-8");
            String html = page.body();
            assertThat(html).contains("<html lang=\"en\">", "id=\"lang-switch\"", "class=\"skip-link\" href=\"#main\"",
                    "<main id=\"main\"", "<nav");
            assertThat(html.indexOf("data-slug=\"descent\"")).isPositive()
                    .isLessThan(html.indexOf("data-slug=\"english-only\""));
            assertThat(html).contains("href=\"/lessons/descent\"", "Gradient descent",
                    "data-progress-for=\"descent\"", "data-progress-for=\"english-only\"",
                    "<script type=\"module\" src=\"/static/" + VERSION + "/js/index.js\"></script>",
                    "<script type=\"application/json\" id=\"page-strings\">");
        }

        @Test
        void aLessonPageFollowsThePageContract() throws Exception {
            HttpResponse<String> page = server.get("/lessons/descent?lang=en");
            assertThat(page.statusCode()).isEqualTo(200);
            String html = page.body();
            assertThat(html).contains("<html lang=\"en\">", "<article id=\"lesson-text\" lang=\"en\">",
                    "<section id=\"experiment-panel\" aria-label=\"Live experiment\"></section>",
                    "<script src=\"/webjars/chart.js/4.5.1/dist/chart.umd.js\"></script>",
                    "<script type=\"module\" src=\"/static/" + VERSION + "/js/lesson.js\"></script>",
                    "/webjars/katex/0.16.44/dist/katex.min.css", "/webjars/katex/0.16.44/dist/contrib/auto-render.min.js");
            assertThat(html.indexOf("chart.umd.js")).isLessThan(html.indexOf("/js/lesson.js"));
            // math left as text for KaTeX, raw HTML escaped, unsafe links dropped
            assertThat(html).contains("$x_{t+1} = x_t - lr \\cdot \\nabla f(x_t)$", "$$v = \\mu v - lr \\cdot dx, \\qquad x = x + v$$",
                    "&lt;script&gt;alert(&quot;raw html&quot;)&lt;/script&gt;", "<table>");
            assertThat(html).doesNotContain("<script>alert", "javascript:");
            assertThat(html).contains("rel=\"next\"").doesNotContain("rel=\"prev\"");

            JsonNode data = lessonData(html);
            assertThat(data.get("slug").asText()).isEqualTo("descent");
            assertThat(data.get("lang").asText()).isEqualTo("en");
            assertThat(data.get("order").asInt()).isEqualTo(1);
            assertThat(data.get("title").asText()).isEqualTo("Gradient descent");
            assertThat(data.get("wsPath").asText()).isEqualTo("/ws/experiment");
            JsonNode preset = data.get("presets").get(0);
            assertThat(preset.get("id").asText()).isEqualTo("valley");
            assertThat(preset.get("title").asText()).isEqualTo("A narrow valley");
            assertThat(preset.get("kind").asText()).isEqualTo("race");
            assertThat(preset.get("spec").get("runs").get(1).get("optimizer").get("mu").asDouble()).isEqualTo(0.9);
            assertThat(preset.get("controls").get("fields").get("lr").get("scale").asText()).isEqualTo("log");
            assertThat(preset.get("controls").get("maxRuns").asInt()).isEqualTo(4);
            assertThat(preset.get("controls").get("start").asBoolean()).isTrue();
            assertThat(preset.get("controls").get("schedule").asBoolean()).isFalse();
            assertThat(preset.get("controls").get("rateMap").asBoolean()).isFalse();
            assertThat(data.get("rateMapPath").asText()).isEqualTo("/api/rate-map");
            assertThat(preset.get("claim").get("text").asText()).startsWith("Momentum ends 100 times lower");
            assertThat(preset.get("claim").get("check").get("type").asText()).isEqualTo("final_loss_less");
            assertThat(data.get("optimizers")).hasSize(7);
            assertThat(data.get("schedules")).hasSize(5);
            assertThat(data.get("limits").get("maxSteps").asInt()).isEqualTo(ServerLimits.DEFAULT_MAX_STEPS);
            assertThat(data.get("strings").isObject()).isTrue();
        }

        @Test
        void theLessonDataCannotCloseItsScriptElement() throws Exception {
            String html = server.get("/lessons/descent?lang=zh").body();
            String script = html.substring(html.indexOf("id=\"lesson-data\">"));
            script = script.substring(0, script.indexOf("</script>"));
            assertThat(script).doesNotContain("<", "&");
            assertThat(lessonData(html).get("lang").asText()).isEqualTo("zh");
        }

        @Test
        void aLessonWithoutTheAskedLanguageShowsItsOwnAndSaysSo() throws Exception {
            String html = server.get("/lessons/english-only?lang=zh").body();
            assertThat(html).contains("<html lang=\"zh-CN\">", "<article id=\"lesson-text\" lang=\"en\">",
                    "本课还没有中文版本", "Rosenbrock&#39;s valley", "rel=\"prev\"");
            JsonNode data = lessonData(html);
            assertThat(data.get("lang").asText()).isEqualTo("zh");
            assertThat(data.get("textLang").asText()).isEqualTo("en");
            assertThat(data.get("presets").get(0).get("title").asText()).isEqualTo("The banana");
            JsonNode estimate = data.get("presets").get(1);
            assertThat(estimate.get("kind").asText()).isEqualTo("gradient-estimate");
            assertThat(estimate.get("spec").get("ks")).hasSize(9);
            assertThat(estimate.get("controls").get("optimizers")).isEmpty();
            assertThat(estimate.get("controls").get("fields").get("repeats").get("max").asInt()).isEqualTo(150);
            assertThat(estimate.get("claim").get("check").get("type").asText()).isEqualTo("error_slope");
            assertThat(data.get("estimatePath").asText()).isEqualTo("/api/gradient-estimate");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/lessons/nope", "/lessons/", "/nothing/here", "/lessons/descent/extra",
                "/static/js/missing.js", "/lessons/..%2F..%2Fpom.xml"})
        void unknownPathsGetTheNotFoundPage(String path) {
            HttpResponse<String> page = server.get(path + "?lang=en");
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.body()).contains("<h1>Page not found</h1>", "id=\"lang-switch\"", "href=\"/\"");
        }

        @Test
        void theNotFoundPageSpeaksTheVisitorsLanguage() {
            HttpResponse<String> page = server.get("/lessons/nope", "Accept-Language", "zh-CN,zh;q=0.9");
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.body()).contains("<html lang=\"zh-CN\">", "找不到页面");
        }
    }

    @Nested
    class Languages {
        @Test
        void acceptLanguagePicksTheDefault() {
            assertThat(server.get("/", "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8").body()).contains("<html lang=\"zh-CN\">", "梯度下降");
            assertThat(server.get("/", "Accept-Language", "fr-FR,en;q=0.5,zh;q=0.4").body()).contains("<html lang=\"en\">");
            assertThat(server.get("/", "Accept-Language", "fr-FR").body()).contains("<html lang=\"en\">");
            assertThat(server.get("/").body()).contains("<html lang=\"en\">");
        }

        @Test
        void anExplicitChoiceIsRememberedInACookieAndBeatsTheHeader() {
            HttpResponse<String> chosen = server.get("/?lang=zh", "Accept-Language", "en");
            assertThat(chosen.body()).contains("<html lang=\"zh-CN\">");
            String cookie = chosen.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith("lang=zh").contains("Path=/", "Max-Age=31536000", "HttpOnly", "SameSite=Lax");
            HttpResponse<String> later = server.get("/lessons/descent", "Accept-Language", "en", "Cookie", "lang=zh");
            assertThat(later.body()).contains("<html lang=\"zh-CN\">", "<article id=\"lesson-text\" lang=\"zh-CN\">", "梯度下降");
            assertThat(later.headers().firstValue("Set-Cookie")).isEmpty();
        }

        @Test
        void unknownChoicesAreIgnored() {
            HttpResponse<String> page = server.get("/?lang=fr", "Accept-Language", "zh", "Cookie", "lang=xx");
            assertThat(page.body()).contains("<html lang=\"zh-CN\">");
            assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
        }

        @Test
        void theSwitchLinksToTheOtherLanguageOfTheSamePage() {
            assertThat(server.get("/lessons/descent?lang=en").body())
                    .containsPattern("id=\"lang-switch\"[^>]*href=\"/lessons/descent\\?lang=zh\"");
            assertThat(server.get("/lessons/descent?lang=zh").body())
                    .containsPattern("id=\"lang-switch\"[^>]*href=\"/lessons/descent\\?lang=en\"");
        }

        @Test
        void theStringsForTheFrontEndAreTheBundlesJsEntriesInThePagesLanguage() throws Exception {
            for (String lang : List.of("en", "zh")) {
                JsonNode strings = lessonData(server.get("/lessons/descent?lang=" + lang).body()).get("strings");
                Messages messages = Messages.load(new WebAssets(Optional.empty()));
                var expected = messages.jsStrings(org.optimizerlab.lesson.Language.fromCode(lang).orElseThrow());
                assertThat(strings.size()).isEqualTo(expected.size());
                expected.forEach((key, value) -> assertThat(strings.get(key).asText()).isEqualTo(value));
                strings.fieldNames().forEachRemaining(key -> assertThat(key).doesNotStartWith("js."));
            }
        }
    }

    @Nested
    class Api {
        @Test
        void lessonsListsSlugTitleOrderAndLanguages() throws Exception {
            HttpResponse<String> response = server.get("/api/lessons?lang=zh");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
            JsonNode lessons = JSON.readTree(response.body());
            assertThat(lessons).hasSize(2);
            assertThat(lessons.get(0).get("slug").asText()).isEqualTo("descent");
            assertThat(lessons.get(0).get("title").asText()).isEqualTo("梯度下降");
            assertThat(lessons.get(0).get("order").asInt()).isEqualTo(1);
            assertThat(lessons.get(0).get("languages").toString()).isEqualTo("[\"en\",\"zh\"]");
            assertThat(lessons.get(1).get("languages").toString()).isEqualTo("[\"en\"]");
            assertThat(lessons.get(1).get("title").asText()).isEqualTo("Rosenbrock's valley");
        }

        @Test
        void healthzAnswersOkWithCounts() throws Exception {
            HttpResponse<String> response = server.get("/healthz");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode health = JSON.readTree(response.body());
            assertThat(health.get("status").asText()).isEqualTo("ok");
            assertThat(health.get("lessons").asInt()).isEqualTo(2);
            assertThat(health.has("sessions")).isTrue();
            assertThat(health.get("searches").asInt()).isZero();
            assertThat(health.get("trials").asInt()).isZero();
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        }

        @Test
        void theSourceOfEachOptimizerIsItsRealJavaFile() throws Exception {
            for (String type : org.optimizerlab.experiment.SpecReader.OPTIMIZERS) {
                HttpResponse<String> response = server.get("/api/optimizers/" + type + "/source");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("text/plain;charset=utf-8");
                String file = OptimizerSources.fileName(type);
                assertThat(response.body()).isEqualTo(Files.readString(
                        Path.of("src/main/java/org/optimizerlab/optim").resolve(file)));
            }
            assertThat(server.get("/api/optimizers/momentum/source").body()).contains("v[i] = mu * v[i] - lr * dx[i];");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Optimizer", "OptimizerConfig", "Sgd", "Sgd.java", "sgd.java", "..%2FMain",
                "..%2F..%2F..%2Fpom.xml", "%2Fetc%2Fpasswd", "EffectiveLr", "ADAM", "%2e%2e"})
        void theSourceEndpointReadsNothingButTheOptimizerList(String type) throws Exception {
            HttpResponse<String> response = server.get("/api/optimizers/" + type + "/source");
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("not found");
            assertThat(response.body()).doesNotContain("package ", "root:");
        }

        @Test
        void unknownApiPathsAnswerJson() throws Exception {
            HttpResponse<String> response = server.get("/api/nothing");
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).get("path").asText()).isEqualTo("/api/nothing");
        }
    }

    @Nested
    class Assets {
        @Test
        void chartJsAndKatexAreServedLocally() {
            for (String path : List.of("/webjars/chart.js/4.5.1/dist/chart.umd.js", "/webjars/katex/0.16.44/dist/katex.min.js",
                    "/webjars/katex/0.16.44/dist/katex.min.css", "/webjars/katex/0.16.44/dist/contrib/auto-render.min.js")) {
                HttpResponse<String> response = server.get(path);
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                assertThat(response.body()).as(path).isNotEmpty();
            }
        }

        @Test
        void everyLocalUrlOfTheLessonPageResolves() {
            String html = server.get("/lessons/descent").body();
            Matcher m = Pattern.compile("(?:src|href)=\"(/(?:webjars|static)/[^\"]+)\"").matcher(html);
            int found = 0;
            while (m.find()) {
                String path = m.group(1);
                found++;
                assertThat(server.get(path).statusCode()).as(path).isEqualTo(200);
            }
            assertThat(found).isGreaterThanOrEqualTo(4);
        }

        @Test
        void pagesCarryAStrictSelfOnlyPolicyAndSafetyHeaders() {
            HttpResponse<String> page = server.get("/lessons/descent");
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("default-src 'self'", "script-src 'self';", "style-src 'self';",
                    "connect-src 'self' ws://127.0.0.1:" + server.port(), "object-src 'none'", "frame-ancestors 'none'");
            assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(page.body()).doesNotContain("http://", "https://cdn", " style=\"", "onclick");
            assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
                    .matcher(page.body()).find()).as("an inline script").isFalse();
        }

        @Test
        void aMalformedHostHeaderIsLeftOutOfThePolicy() {
            assertThat(SecurityHeaders.contentSecurityPolicy("evil; script-src *")).doesNotContain("evil", "*");
            assertThat(SecurityHeaders.contentSecurityPolicy("[::1]:7070")).contains("ws://[::1]:7070");
        }
    }

    @Test
    void theWebFolderCanBeServedFromDiskForDevelopment() {
        ServerConfig onDisk = new ServerConfig("127.0.0.1", 0, Optional.of(TestLessons.folder("valid")),
                Optional.of(Path.of("web")), ServerLimits.DEFAULT);
        try (TestServer dev = TestServer.start(onDisk)) {
            assertThat(dev.get("/lessons/descent?lang=en").body()).contains("<article id=\"lesson-text\" lang=\"en\">");
            assertThat(dev.get("/?lang=zh").body()).contains("优化器实验室");
        }
    }
}

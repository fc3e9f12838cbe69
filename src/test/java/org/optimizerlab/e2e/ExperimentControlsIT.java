package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.optimizerlab.cli.RunCommand;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.Preset;
import org.optimizerlab.lesson.Setup;
import org.optimizerlab.problem.Surface;

/**
 * The experiment panel's behaviour beyond the happy path, on the first lesson whose first preset races on a 2-D
 * function (a contour map, a start point to click):
 * a bad value gets the server's error beside its control and the page stays usable, changing a setting while
 * running restarts the run and keeps it running, divergence is shown plainly, and the language switch works and
 * is remembered.
 */
@ExtendWith({LabServer.Extension.class, Browser.Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExperimentControlsIT {
    private LabServer server;
    private Browser browser;
    private LessonPage page;
    private Lesson lesson;
    private Preset preset;

    @BeforeAll
    void start(LabServer labServer, Browser sharedBrowser) {
        server = labServer;
        lesson = LabServer.course().lessons().stream()
                .filter(l -> l.presets().get(0).setup() instanceof Setup.Race race
                        && race.experiment().problem() instanceof Surface)
                .filter(l -> l.presets().get(0).controls().fields().containsKey("lr"))
                .findFirst().orElseThrow(() -> new AssertionError("no lesson whose first preset is a 2-D function with an lr control"));
        preset = lesson.presets().get(0);
        browser = sharedBrowser;
        page = new LessonPage(browser.driver());
    }

    private String url(String query) {
        return server.url("/lessons/" + lesson.slug() + "?preset=" + preset.id() + query);
    }

    /** The id of the preset's first run, as its run editor shows it. */
    private String firstRunId() {
        return ((Setup.Race) preset.setup()).experiment().runs().get(0).id();
    }

    /** Opens the page in {@code lang}, types lr = -1 and returns the server's error shown beside the lr control. */
    private WebElement refuseLr(String lang) {
        page.open(url("&lang=" + lang + "&speed=30"));
        WebElement lrControl = page.control("spec.runs[0].optimizer.lr");
        page.type(page.numberBox("spec.runs[0].optimizer.lr"), "-1");
        return page.waitFor("the server's error beside lr",
                d -> lrControl.findElements(By.className("field-error")).stream().findFirst().orElse(null));
    }

    @Test
    void aBadValueShowsTheServersErrorBesideItsControlAndThePageStaysUsable() {
        WebElement error = refuseLr("en");
        WebElement lrControl = page.control("spec.runs[0].optimizer.lr");
        assertThat(error.getText()).isEqualTo("Run 1 (" + firstRunId() + ") · learning rate lr: must be > 0, got -1");
        assertThat(page.numberBox("spec.runs[0].optimizer.lr").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(page.element("experiment-error").getText()).isNotBlank();

        page.startAndWaitForMoreThan(3);                            // the previous experiment still runs
        page.click("btn-pause");
        page.waitFor("paused", d -> "paused".equals(page.state()));

        String before = page.experimentId();
        page.type(page.numberBox("spec.runs[0].optimizer.lr"), "0.001");
        page.waitFor("a new experiment with the fixed value", d -> !page.experimentId().equals(before));
        assertThat(lrControl.findElements(By.className("field-error"))).isEmpty();
        assertThat(page.shareLink()).contains("lr=0.001");
        page.startAndWaitForMoreThan(3);
    }

    @Test
    void onAChinesePageTheServersErrorReadsInChinese() {
        WebElement error = refuseLr("zh");
        assertThat(error.getText()).isEqualTo("运行 1（" + firstRunId() + "） · 学习率 lr：必须大于 0，收到的是 -1");
        assertThat(page.element("experiment-error").getText()).contains("服务器拒绝了一个取值");
    }

    @Test
    void changingASettingWhileRunningRestartsFromStepZeroAndKeepsRunning() {
        page.open(url("&lang=en&speed=10"));
        page.startAndWaitForMoreThan(10);
        page.js("window.sent = []; const send = WebSocket.prototype.send;"
                + "WebSocket.prototype.send = function (text) { window.sent.push(JSON.parse(text)); return send.call(this, text); };");
        String before = page.experimentId();
        page.type(page.numberBox("spec.runs[0].optimizer.lr"), "0.0005");
        page.waitFor("the restarted experiment", d -> !page.experimentId().equals(before));
        assertThat(page.js("return window.sent.filter(m => m.type === 'start').map(m => [m.paused,"
                + " m.spec.runs[0].optimizer.lr])")).as("the start messages sent").isEqualTo(List.of(List.of(false, 0.0005)));
        assertThat(page.points("chart-loss").values()).allSatisfy(points -> assertThat(points.get(0)[0]).isZero());
        assertThat(page.shareLink()).contains("lr=0.0005");
        page.waitFor("the restarted experiment to run on", d -> "running".equals(page.state())
                && page.counts("chart-loss").values().stream().allMatch(n -> n > 3));
        assertThat(page.element("experiment-panel").getText()).contains("restarts the experiment from step 0");
    }

    @Test
    void divergenceIsShownPlainly() {
        String run = LabServer.experiment(preset).runs().get(0).id();
        page.open(url("&lang=en&speed=" + LabServer.FAST + "&run=" + run + ":sgd,lr=10"));
        page.runToEnd();
        WebElement divergence = page.element("experiment-panel").findElement(By.className("divergence"));
        assertThat(divergence.isDisplayed()).isTrue();
        assertThat(divergence.getText()).contains(run).contains("diverged at step").contains("lr");
        List<double[]> points = page.points("chart-loss").get(run);
        assertThat(points.get(points.size() - 1)[1]).as("the last loss plotted").isNaN();
    }

    @Test
    void theLanguageSwitchWorksAndIsRemembered() throws IOException {
        page.open(url("&lang=en"));
        assertThat(page.js("return document.documentElement.lang")).isEqualTo("en");
        assertThat(page.element("btn-start").getText()).isEqualTo(bundle("en").getProperty("js.btnStart"));

        page.click("lang-switch");
        page.waitFor("the Chinese page", d -> String.valueOf(page.js("return document.documentElement.lang"))
                .startsWith("zh"));
        page.waitFor("the experiment", d -> "paused".equals(page.state()));
        assertThat(page.element("btn-start").getText()).isEqualTo(bundle("zh").getProperty("js.btnStart"));
        assertThat(page.element("preset-select").getAttribute("value")).isEqualTo(preset.id());

        page.open(server.url("/lessons/" + lesson.slug()));
        assertThat(page.js("return document.documentElement.lang")).asString().startsWith("zh");
        page.open(server.url("/lessons/" + lesson.slug() + "?lang=en"));
        page.open(server.url("/lessons/" + lesson.slug()));
        assertThat(page.js("return document.documentElement.lang")).isEqualTo("en");
    }

    @Test
    void theIndexShowsTheProgressKeptInThisBrowser() {
        page.open(url("&lang=en&speed=" + LabServer.FAST));
        page.js("localStorage.clear()");
        page.open(url("&lang=en&speed=" + LabServer.FAST));
        page.runToEnd();
        browser.consoleErrors();

        page.open(server.url("/?lang=en"), "index");
        WebElement progress = page.element("lesson-list")
                .findElement(By.cssSelector(".lesson-progress[data-progress-for='" + lesson.slug() + "']"));
        page.waitFor("the progress mark", d -> !progress.getText().isBlank());
        assertThat(progress.getText()).contains("1").contains(String.valueOf(lesson.presets().size()));
        assertThat(progress.getAttribute("data-state")).isEqualTo(lesson.presets().size() == 1 ? "complete" : "started");
        assertThat(browser.consoleErrors()).as("console errors on the index").isEmpty();
    }

    @Test
    void csvJsonAndPngDownloadsHoldWhatThePagePlotted() throws IOException {
        page.open(url("&lang=en&speed=" + LabServer.FAST));
        page.runToEnd();
        Map<String, Long> counts = page.counts("chart-loss");
        long points = counts.values().stream().mapToLong(Long::longValue).sum();
        browser.clearDownloads();

        page.click("download-csv");
        Path csv = download(".csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("run,step,epoch,lr,loss,p0,p1,grad_norm,update0,update1");
        assertThat(lines).hasSize((int) points + 1);
        counts.forEach((run, n) -> assertThat(lines).filteredOn(line -> line.startsWith(run + ",")).hasSize(n.intValue()));

        page.click("download-json");
        JsonNode json = new ObjectMapper().readTree(download(".json").toFile());
        assertSameAsTheRunCommand(lines, json.get("spec").toString());
        assertThat(json.get("preset").asText()).isEqualTo(preset.id());
        assertThat(json.get("spec").get("runs")).hasSize(counts.size());
        counts.forEach((run, n) -> assertThat(json.get("points").get(run)).hasSize(n.intValue()));

        page.click(page.element("experiment-panel").findElement(By.cssSelector("[data-png='loss']")));
        byte[] png = Files.readAllBytes(download(".png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void aGradientEstimateRecomputesOnChangeShowsErrorsAndTravelsInTheLink() {
        Lesson withEstimate = LabServer.course().lessons().stream()
                .filter(l -> l.presets().stream().anyMatch(p -> p.setup() instanceof Setup.Estimate))
                .findFirst().orElseThrow(() -> new AssertionError("no lesson with a gradient-estimate preset"));
        Preset estimate = withEstimate.presets().stream().filter(p -> p.setup() instanceof Setup.Estimate)
                .findFirst().orElseThrow();
        browser.consoleErrors();
        page.open(server.url("/lessons/" + withEstimate.slug() + "?lang=en&preset=" + estimate.id()), "estimate page");
        List<double[]> first = page.estimateSeries().get("estimate").stream()
                .map(p -> new double[] {p.step(), p.loss()}).toList();

        page.type(page.numberBox("batch_size"), "1");
        page.waitFor("the estimate for batches of 1", d -> page.shareLink().contains("batch_size=1&")
                && "done".equals(page.element("estimate-status").getAttribute("data-state"))
                && !page.points("chart-estimate").get("estimate").get(0).equals(first.get(0))
                && page.points("chart-estimate").get("estimate").get(0)[1] > first.get(0)[1]);
        List<double[]> single = page.points("chart-estimate").get("estimate");
        String link = page.shareLink();

        page.type(page.numberBox("batch_size"), "0");
        WebElement error = page.waitFor("the server's error beside the batch size", d -> page.control("batch_size")
                .findElements(By.className("field-error")).stream().findFirst().orElse(null));
        assertThat(error.getText()).startsWith("batch size: ").contains("got 0");
        assertThat(page.element("estimate-status").getAttribute("data-state")).isEqualTo("error");
        assertThat(browser.consoleErrors()).as("only the refused request (Chrome logs every 4xx)")
                .allMatch(message -> message.contains("gradient-estimate") && message.contains("400"));

        page.open(link, "shared estimate");
        page.estimateSeries();
        assertThat(page.numberBox("batch_size").getAttribute("value")).isEqualTo("1");
        assertThat(page.points("chart-estimate").get("estimate")).usingElementComparator(LabServer::comparePoints)
                .containsExactlyElementsOf(single);
        assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    }

    @Test
    void aDroppedConnectionIsReconnectedAndTheExperimentStartsAgain() {
        String script = browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.openedSockets = []; const Native = WebSocket;"
                        + "window.WebSocket = function (...args) { const s = new Native(...args);"
                        + " window.openedSockets.push(s); return s; };"
                        + "Object.assign(window.WebSocket, Native); window.WebSocket.prototype = Native.prototype;"))
                .get("identifier").toString();
        try {
            page.open(url("&lang=en&speed=30"));
            page.startAndWaitForMoreThan(3);
            page.js("window.openedSockets[0].close()");
            page.waitFor("the page to say the connection dropped", d -> "offline".equals(page.state()));
            assertThat(page.statusText()).contains("Connection lost");
            page.waitFor("a new connection with the experiment at step 0, paused",
                    d -> ((Number) page.js("return window.openedSockets.length")).intValue() == 2
                            && "paused".equals(page.state())
                            && page.counts("chart-loss").values().stream().allMatch(n -> n == 1));
            page.startAndWaitForMoreThan(3);
        } finally {
            browser.driver().executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script));
        }
    }

    @Test
    void clickingTheMapChoosesTheStartPoint() {
        assertThat(preset.controls().start()).as("the preset lets the student choose the start").isTrue();
        page.open(url("&lang=en"));
        WebElement canvas = page.element("chart-contour");
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) page.js("const c = Chart.getChart(arguments[0]);"
                + "return [c.scales.x.getPixelForValue(1) - arguments[0].clientWidth / 2,"
                + " c.scales.y.getPixelForValue(1) - arguments[0].clientHeight / 2]", canvas);
        String before = page.experimentId();
        page.js("arguments[0].scrollIntoView({block: 'center'})", canvas);
        new Actions(browser.driver()).moveToElement(canvas, at.get(0).intValue(), at.get(1).intValue()).click()
                .perform();

        page.waitFor("an experiment from the clicked point", d -> !page.experimentId().equals(before));
        page.points("chart-contour").forEach((run, points) -> {
            assertThat(points.get(0)[0]).as(run + " starts at x").isCloseTo(1, offset(0.05));
            assertThat(points.get(0)[1]).as(run + " starts at y").isCloseTo(1, offset(0.05));
        });
        assertThat(page.shareLink()).containsPattern("start=(0\\.9[5-9]|1(\\.0[0-5])?),(0\\.9[5-9]|1(\\.0[0-5])?)");
    }

    /** The one finished download whose name ends with {@code suffix}. */
    /**
     * The page's CSV has the `run` command's columns first, with its names and in its order, and the same numbers
     * in them (each printed in its language's shortest form, so they are compared as numbers).
     */
    private static void assertSameAsTheRunCommand(List<String> page, String spec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = RunCommand.run(List.of("--spec", "-"), new ByteArrayInputStream(spec.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertThat(status).isZero();
        List<String> cli = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(page.get(0) + ",").startsWith(cli.get(0) + ",");
        assertThat(page).hasSameSizeAs(cli);
        int columns = cli.get(0).split(",").length;
        Map<String, String[]> pageRows = new java.util.HashMap<>();       // by run and step: the page writes run by run
        page.stream().skip(1).map(line -> line.split(",", -1)).forEach(r -> pageRows.put(r[0] + "@" + r[1], r));
        for (String line : cli.subList(1, cli.size())) {
            String[] expected = line.split(",", -1);
            String[] actual = pageRows.get(expected[0] + "@" + expected[1]);
            assertThat(actual).as("the page's row of run %s, step %s", expected[0], expected[1]).isNotNull();
            for (int c = 2; c < columns; c++) {
                double value = Double.parseDouble(expected[c]);
                assertThat(actual[c]).as("run %s, step %s, column %d", expected[0], expected[1], c)
                        .isEqualTo(Double.isFinite(value) ? actual[c] : "");
                if (Double.isFinite(value)) {
                    assertThat(Double.parseDouble(actual[c])).isEqualTo(value);
                }
            }
        }
    }

    private Path download(String suffix) {
        return page.waitFor("a downloaded " + suffix + " file", d -> {
            try (var files = Files.list(browser.downloads())) {
                return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Properties bundle(String language) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(LabServer.WEB.resolve("i18n/messages_" + language + ".properties"),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}

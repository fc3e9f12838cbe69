package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.Preset;
import org.optimizerlab.lesson.Setup;
import org.optimizerlab.problem.Surface;
import org.optimizerlab.train.SpiralClassifier;

/**
 * How the lesson page behaves while a student works with it: one current error per control, named as the page
 * names the control; legends that show which line is dashed; a readout that shows the step the status shows at
 * every frame; and modules loaded only by the lessons that need them.
 */
@ExtendWith({LabServer.Extension.class, Browser.Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageBehaviourIT {
    private LabServer server;
    private Browser browser;
    private LessonPage page;

    @BeforeAll
    void start(LabServer labServer, Browser sharedBrowser) {
        server = labServer;
        browser = sharedBrowser;
        page = new LessonPage(browser.driver());
    }

    /** The first lesson with a preset that {@code wanted} accepts, and that preset. */
    private static Map.Entry<Lesson, Preset> find(Predicate<Preset> wanted) {
        for (Lesson lesson : LabServer.course().lessons()) {
            for (Preset preset : lesson.presets()) {
                if (wanted.test(preset)) {
                    return Map.entry(lesson, preset);
                }
            }
        }
        throw new AssertionError("no lesson has such a preset");
    }

    private static boolean isSurfaceRaceWithLr(Preset preset) {
        return preset.setup() instanceof Setup.Race race && race.experiment().problem() instanceof Surface
                && preset.controls().fields().containsKey("lr");
    }

    private String url(Map.Entry<Lesson, Preset> where, String query) {
        return server.url("/lessons/" + where.getKey().slug() + "?preset=" + where.getValue().id() + query);
    }

    @Test
    void aFieldShowsOnlyItsCurrentErrorNamedAsThePageNamesTheControl() {
        Map.Entry<Lesson, Preset> where = find(PageBehaviourIT::isSurfaceRaceWithLr);
        String run = ((Setup.Race) where.getValue().setup()).experiment().runs().get(0).id();
        Map<String, String> expected = Map.of(
                "en", "Run 1 (" + run + ") · learning rate lr: must be a number, got a string (\"abc\")",
                "zh", "运行 1（" + run + "） · 学习率 lr：必须是数字，收到的是 字符串 \"abc\"");
        for (String lang : List.of("en", "zh")) {
            page.open(url(where, "&lang=" + lang + "&speed=30"));
            page.type(page.numberBox("spec.runs[0].optimizer.lr"), "-1");
            page.waitFor("the error about -1", d -> lrErrors().stream().anyMatch(e -> e.contains("-1")));
            page.type(page.numberBox("spec.runs[0].optimizer.lr"), "abc");
            page.waitFor("the error about abc", d -> lrErrors().stream().anyMatch(e -> e.contains("abc")));

            List<String> shown = page.element("experiment-panel").findElements(By.className("field-error")).stream()
                    .map(WebElement::getText).toList();
            assertThat(shown).as(lang).containsExactly(expected.get(lang));
            assertThat(page.element("experiment-error").getText()).doesNotContain("spec.");
            for (int width : List.of(1366, 390)) {
                viewportShot(page.control("spec.runs[0].optimizer.lr"), width, "page-behaviour-error-" + lang + "-" + width);
            }

            page.type(page.numberBox("spec.runs[0].optimizer.lr"), "0.01");
            page.waitFor("the error to go with a good value", d -> lrErrors().isEmpty());
            assertThat(page.numberBox("spec.runs[0].optimizer.lr").getAttribute("aria-invalid")).isNull();
        }
    }

    /** A screenshot of the window at {@code width} with {@code element} in the middle (for a person to look at). */
    private void viewportShot(WebElement element, int width, String name) {
        Dimension size = browser.driver().manage().window().getSize();
        try {
            browser.driver().manage().window().setSize(new Dimension(width, 900));
            page.js("arguments[0].scrollIntoView({block: 'center'})", element);
            Path file = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, browser.driver().getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            browser.driver().manage().window().setSize(size);
        }
    }

    /** The errors shown beside the lr control of the first run (read in one go: errors come and go meanwhile). */
    @SuppressWarnings("unchecked")
    private List<String> lrErrors() {
        return (List<String>) page.js("return [...document.querySelectorAll("
                + "'[data-field=\"spec.runs[0].optimizer.lr\"] .field-error')].map((e) => e.textContent)");
    }

    @Test
    void everyLegendDrawsItsLineWithTheDashOfItsCurve() {
        Map.Entry<Lesson, Preset> training = find(p -> p.setup() instanceof Setup.Race race
                && race.experiment().problem() instanceof SpiralClassifier);
        Map.Entry<Lesson, Preset> estimate = find(p -> p.setup() instanceof Setup.Estimate);
        for (String lang : List.of("en", "zh")) {
            page.open(url(training, "&lang=" + lang + "&speed=" + LabServer.FAST));
            page.runToEnd();
            assertLegendsShowDashes("a training race (" + lang + ")");
            for (int width : List.of(1366, 390)) {
                viewportShot(page.element("chart-epoch-loss"), width, "page-behaviour-legends-" + lang + "-" + width);
            }
        }
        page.open(url(estimate, "&lang=en"), "estimate page");
        page.waitFor("the estimate", d -> "done".equals(page.element("estimate-status").getAttribute("data-state")));
        assertLegendsShowDashes("a gradient estimate");
    }

    private void assertLegendsShowDashes(String what) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.js("""
                return [...document.querySelectorAll('canvas')].map((c) => Chart.getChart(c))
                  .filter((chart) => chart && chart.legend && chart.canvas.offsetParent !== null)
                  .flatMap((chart) => (chart.legend.legendItems || []).map((item) => {
                    const dataset = chart.data.datasets[item.datasetIndex] || {};
                    return {chart: chart.canvas.id, label: item.text, legend: JSON.stringify(item.lineDash || []),
                            curve: JSON.stringify(dataset.borderDash || [])};
                  }));
                """);
        assertThat(items).as("legend items of " + what).isNotEmpty()
                .allSatisfy(item -> assertThat(item.get("legend")).as(item.get("chart") + " " + item.get("label"))
                        .isEqualTo(item.get("curve")));
        assertThat(items).as("dashed curves of " + what).anyMatch(item -> !"[]".equals(item.get("curve")));
    }

    @Test
    void theReadoutShowsTheStepTheStatusShowsAtEveryFrame() {
        Map.Entry<Lesson, Preset> where = find(PageBehaviourIT::isSurfaceRaceWithLr);
        page.open(url(where, "&lang=en&speed=30&steps=5000"));
        page.click("btn-start");
        @SuppressWarnings("unchecked")
        Map<String, Object> frames = (Map<String, Object>) browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const counter = () => Number((/\\d+/.exec(document.querySelector('.step-counter').textContent) || [NaN])[0]);
                const readout = () => Math.max(...[...document.querySelectorAll('#readout tbody tr')]
                  .map((row) => Number(row.querySelector('td').textContent)));
                const seen = [];
                const mismatches = [];
                const sample = () => {
                  const status = counter();
                  const shown = readout();
                  seen.push(status);
                  if (status !== shown) mismatches.push(`status ${status}, readout ${shown}`);
                  if (seen.length < 150) requestAnimationFrame(sample); else done({seen, mismatches});
                };
                requestAnimationFrame(sample);
                """);
        @SuppressWarnings("unchecked")
        List<Number> seen = (List<Number>) frames.get("seen");
        assertThat(seen.get(seen.size() - 1).intValue() - seen.get(0).intValue()).as("steps run while sampling")
                .isGreaterThan(20);
        assertThat((List<?>) frames.get("mismatches")).as("frames where the readout and the status differ").isEmpty();
        viewportShot(page.element("readout"), 1366, "page-behaviour-readout-en-1366");
        page.click("btn-pause");
        page.waitFor("paused", d -> "paused".equals(page.state()));
        assertThat(page.element("readout-live").getAttribute("textContent")).contains("step");  // for screen readers
        assertThat(page.element("readout-live").getAttribute("aria-live")).isEqualTo("polite");
    }

    @Test
    void modulesOfPresetKindsAreLoadedOnlyWhereALessonHasSuchAPreset() {
        Lesson plain = LabServer.course().lessons().stream()
                .filter(l -> l.presets().stream().allMatch(p -> p.setup() instanceof Setup.Race))
                .findFirst().orElseThrow();
        page.open(server.url("/lessons/" + plain.slug() + "?lang=en"));
        assertThat(loadedModules()).contains("lesson.js", "charts.js")
                .doesNotContain("search.js", "activations.js", "estimate.js", "computed.js");

        Map.Entry<Lesson, Preset> search = find(p -> p.setup() instanceof Setup.Search);
        page.open(url(search, "&lang=en"), "search page");
        page.waitFor("the search to wait for Start", d -> "paused".equals(page.searchState()));
        assertThat(loadedModules()).contains("search.js").doesNotContain("activations.js", "estimate.js");
    }

    /** The file names of the scripts this page has loaded (every module import is a resource entry). */
    @SuppressWarnings("unchecked")
    private List<String> loadedModules() {
        return (List<String>) page.js("return performance.getEntriesByType('resource').map((e) => e.name)"
                + ".filter((n) => n.endsWith('.js')).map((n) => n.slice(n.lastIndexOf('/') + 1))");
    }
}

package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.Preset;
import org.optimizerlab.problem.Landscape;

/**
 * Lesson 5's "Zoom to the minimum" (issue 10, item 2): RMSProp's last steps hop 0.05 around the minimum, about 4 px
 * on the ±3 map; with the zoom switched on from the keyboard the same plotted points (the engine's) spread over
 * many times more pixels, and the map under them is the server's grid for the zoomed window.
 */
@ExtendWith({LabServer.Extension.class, Browser.Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PathZoomIT {
    /** The hops measured: RMSProp's last 50 steps of the 300, long after it has settled into hopping. */
    private static final int LAST = 50;
    private static final String RUN = "rmsprop";

    private LabServer server;
    private Browser browser;
    private LessonPage page;
    private Lesson lesson;
    private Preset preset;

    @BeforeAll
    void start(LabServer labServer, Browser sharedBrowser) {
        server = labServer;
        lesson = LabServer.course().lessons().stream().filter(l -> l.slug().equals("rmsprop")).findFirst()
                .orElseThrow(() -> new AssertionError("no lesson rmsprop"));
        preset = lesson.presets().stream().filter(p -> p.id().equals("forgetting")).findFirst()
                .orElseThrow(() -> new AssertionError("lesson rmsprop has no preset forgetting"));
        browser = sharedBrowser;
        page = new LessonPage(browser.driver());
    }

    private void runToTheEnd(String lang) {
        page.open(server.url("/lessons/rmsprop?lang=" + lang + "&preset=forgetting&speed=" + LabServer.FAST));
        page.click("btn-start");
        page.waitFor("the run to finish", d -> "done".equals(page.state()));
    }

    /** Width and height in pixels of the box around the last {@link #LAST} plotted points of the RMSProp run. */
    @SuppressWarnings("unchecked")
    private List<Double> pixelSpread() {
        return (List<Double>) page.js("""
                const c = Chart.getChart(document.getElementById('chart-contour'));
                const points = c.data.datasets.find((d) => d.label === arguments[0]).data.slice(-arguments[1]);
                const xs = points.map((p) => c.scales.x.getPixelForValue(p.x));
                const ys = points.map((p) => c.scales.y.getPixelForValue(p.y));
                return [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)].map(Number);""",
                RUN, LAST);
    }

    /** The grid the contour plugin draws now: {@code {x, y, z}}. */
    @SuppressWarnings("unchecked")
    private Map<String, List<Object>> drawnGrid() {
        return (Map<String, List<Object>>) page.js("""
                const c = Chart.getChart(document.getElementById('chart-contour'));
                return c.config.plugins.find((p) => p.id === 'contourMap').map().layer.grid;""");
    }

    @Test
    void zoomingShowsTheEnginesHopsManyTimesLargerOverTheServersGridForTheWindow() {
        runToTheEnd("en");
        WebElement toggle = page.element("path-zoom");
        assertThat(toggle.isDisplayed()).isTrue();
        assertThat(toggle.isSelected()).isFalse();
        assertThat(page.element("path-zoom").findElement(By.xpath(".."))
                .getText()).isEqualTo("Zoom to the minimum");

        // the plotted path is the engine's
        Experiment experiment = LabServer.experiment(preset);
        List<double[]> engine = new ArrayList<>();
        ExperimentRunner runner = new ExperimentRunner(experiment);
        runner.initialRecords().stream().filter(r -> r.run().equals(RUN)).forEach(r -> engine.add(r.params()));
        while (!runner.finished()) {
            for (StepRecord record : runner.advance()) {
                if (record.run().equals(RUN)) {
                    engine.add(record.params());
                }
            }
        }
        List<double[]> plotted = page.points("chart-contour").get(RUN);
        assertThat(plotted).hasSize(engine.size());
        for (int i = plotted.size() - LAST; i < plotted.size(); i++) {
            assertThat(plotted.get(i)[0]).as("x at step %d", i).isEqualTo(engine.get(i)[0]);
            assertThat(plotted.get(i)[1]).as("y at step %d", i).isEqualTo(engine.get(i)[1]);
        }

        List<Double> before = pixelSpread();
        assertThat(before.get(0)).as("the hops on the full map, in px").isLessThan(10);
        toggle.sendKeys(Keys.SPACE);                               // the keyboard switches it
        page.waitFor("the zoomed axes", d -> toggle.isSelected()
                && ((Number) page.js("return Chart.getChart(document.getElementById('chart-contour'))"
                        + ".scales.x.max")).doubleValue() < 1);
        List<Double> after = pixelSpread();
        System.out.printf("PathZoomIT: hops span %s px on the map, %s px zoomed%n", before, after);
        assertThat(after.get(0)).as("the same hops zoomed, in px (before: %s)", before).isGreaterThan(30);
        assertThat(after.get(0) / before.get(0)).as("x spread ratio").isCloseTo(12, offset(1.0));
        assertThat(after.get(1) / before.get(1)).as("y spread ratio").isCloseTo(12, offset(1.0));
        assertThat(page.element("path-zoom-note").getText()).contains("0.25").contains("server");

        // the map under the paths is the server's grid for the zoomed window, not the full map's
        Landscape landscape = experiment.problem().landscape().orElseThrow();
        Map<String, List<Object>> grid = drawnGrid();
        List<Object> xs = grid.get("x");
        List<Object> ys = grid.get("y");
        assertThat(((Number) xs.get(0)).doubleValue()).isEqualTo(-0.25);
        assertThat(((Number) xs.get(xs.size() - 1)).doubleValue()).isEqualTo(0.25);
        assertThat(((Number) ys.get(0)).doubleValue()).isEqualTo(-2.0 / 12);
        for (int j = 0; j < ys.size(); j += 7) {
            List<?> row = (List<?>) grid.get("z").get(j);
            for (int i = 0; i < xs.size(); i += 5) {
                double x = ((Number) xs.get(i)).doubleValue();
                double y = ((Number) ys.get(j)).doubleValue();
                assertThat(((Number) row.get(i)).floatValue()).as("z at (%s, %s)", x, y)
                        .isEqualTo((float) landscape.value(x, y));          // sent in single precision
            }
        }

        toggle.sendKeys(Keys.SPACE);
        page.waitFor("the full map again", d -> !toggle.isSelected() && drawnGrid().get("x").size() == 61);
        assertThat(pixelSpread().get(0)).isCloseTo(before.get(0), offset(0.5));
        assertThat(page.element("path-zoom-note").isDisplayed()).isFalse();
    }

    /** Lesson 8's text: zoomed, the constant run's hops cross a fifth of the width; annealed runs end by the star. */
    @Test
    void lessonEightsZoomShowsWhatItsTextSays() {
        page.open(server.url("/lessons/annealing?lang=en&preset=schedules&speed=" + LabServer.FAST));
        page.click("btn-start");
        page.waitFor("the run to finish", d -> "done".equals(page.state()));
        WebElement toggle = page.element("path-zoom");
        page.js("arguments[0].scrollIntoView({block: 'center'})", toggle);
        toggle.sendKeys(Keys.SPACE);
        page.waitFor("the zoom note", d -> page.element("path-zoom-note").isDisplayed());
        @SuppressWarnings("unchecked")
        Map<String, List<Double>> spans = (Map<String, List<Double>>) page.js("""
                const c = Chart.getChart(document.getElementById('chart-contour'));
                const width = c.chartArea.right - c.chartArea.left;
                const star = [c.scales.x.getPixelForValue(0), c.scales.y.getPixelForValue(0)];
                return Object.fromEntries(c.data.datasets.map((d) => {
                  const last = d.data.slice(-20);
                  const xs = last.map((p) => c.scales.x.getPixelForValue(p.x));
                  const end = d.data[d.data.length - 1];
                  const far = Math.hypot(c.scales.x.getPixelForValue(end.x) - star[0],
                      c.scales.y.getPixelForValue(end.y) - star[1]);
                  return [d.label, [(Math.max(...xs) - Math.min(...xs)) / width, far]];
                }));""");
        System.out.println("PathZoomIT lesson 8 zoomed (share of the width, px from the star): " + spans);
        assertThat(spans.get("constant").get(0)).as("the constant run's hops, share of the width")
                .isCloseTo(0.2, offset(0.02));
        for (String run : List.of("step", "exponential", "inverse")) {
            assertThat(spans.get(run).get(1)).as("%s ends within a few pixels of the star", run).isLessThan(8);
        }
    }

    @Test
    void lessonsFiveAndEightPointToTheZoomByTheNameThePageGivesIt() {
        for (String slug : List.of("rmsprop", "annealing")) {
            for (String lang : List.of("en", "zh")) {
                page.open(server.url("/lessons/" + slug + "?lang=" + lang));
                String label = page.element("path-zoom").findElement(By.xpath("..")).getText();
                List<String> bold = page.element("lesson-text").findElements(By.tagName("strong")).stream()
                        .map(WebElement::getText).toList();
                assertThat(bold).as("%s (%s) names the switch", slug, lang).contains(label);
            }
        }
    }

    @Test
    void theZoomReadsInChineseAndLooksRightOnWideAndNarrowScreens() {
        Dimension size = browser.driver().manage().window().getSize();
        try {
            for (String lang : List.of("en", "zh")) {
                for (int width : List.of(1366, 390)) {
                    browser.driver().manage().window().setSize(new Dimension(width, 900));
                    runToTheEnd(lang);
                    WebElement toggle = page.element("path-zoom");
                    page.js("arguments[0].scrollIntoView({block: 'center'})", toggle);
                    toggle.sendKeys(Keys.SPACE);
                    page.waitFor("the zoom note", d -> page.element("path-zoom-note").isDisplayed());
                    if (lang.equals("zh")) {
                        assertThat(page.element("path-zoom-note").getText()).contains("服务器").contains("0.25");
                    }
                    List<Double> spread = pixelSpread();
                    System.out.printf("PathZoomIT %s %d px: zoomed hops span %.1f x %.1f px%n", lang, width,
                            spread.get(0), spread.get(1));
                    assertThat(spread.get(0)).as("%s at %d px", lang, width).isGreaterThan(15);
                    browser.screenshot("path-zoom-" + lang + "-" + width);
                    assertThat(AccessibilityIT.blocking(browser.driver(), lang + " at " + width + " px, zoomed"))
                            .isEmpty();
                    assertThat((Map<?, ?>) page.js(AccessibilityIT.LOW_CONTRAST)).as("text below AA contrast")
                            .isEmpty();
                }
            }
        } finally {
            browser.driver().manage().window().setSize(size);
        }
    }
}

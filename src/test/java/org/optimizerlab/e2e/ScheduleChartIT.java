package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Dimension;

/**
 * Lesson 8's presets past the notes in the browser: the lr chart plots, point by point, the cosine and warm-up
 * formulas computed here on their own (not by the engine's schedule classes); the warm-up control drives the
 * experiment and the shared link. Screenshots at 1366 and 390 px, en and zh.
 */
@ExtendWith({LabServer.Extension.class, Browser.Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleChartIT {
    private static final String LESSON = "/lessons/annealing";
    private LabServer server;
    private Browser browser;
    private LessonPage page;

    @BeforeAll
    void start(LabServer labServer, Browser sharedBrowser) {
        server = labServer;
        browser = sharedBrowser;
        page = new LessonPage(browser.driver());
    }

    /** Every plotted point of {@code run} against {@code formula(t)}; point k carries the lr of update k - 1. */
    private void assertPlotted(Map<String, List<double[]>> chart, String run, LongToDoubleFunction formula) {
        List<double[]> points = chart.get(run);
        assertThat(points).as(run).hasSizeGreaterThanOrEqualTo(5);   // a diverging run stops early
        for (double[] p : points) {
            long t = Math.max(0, (long) p[0] - 1);
            double expected = formula.applyAsDouble(t);
            assertThat(Math.abs(p[1] - expected)).as("%s at step %s: plotted %s, formula %s", run, p[0], p[1], expected)
                    .isLessThanOrEqualTo(1e-13 * expected + 1e-17);      // near T, cos² loses digits
        }
    }

    @Test
    void theCosinePresetPlotsTheCosineFormula() {
        page.open(server.url(LESSON + "?preset=cosine&speed=" + LabServer.FAST));
        page.runToEnd();
        Map<String, List<double[]>> lr = page.points("chart-lr");
        assertPlotted(lr, "cosine", t -> {
            double half = Math.cos(Math.PI * t / 600.0);           // (1 + cos(pi t / 300)) / 2 = cos²(pi t / 600)
            return t < 300 ? 0.1 * half * half : 0;
        });
        assertPlotted(lr, "exponential", t -> 0.1 * Math.exp(-0.02 * t));
        assertPlotted(lr, "constant", t -> 0.1);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theWarmupPresetPlotsTheRampAndTheWarmupControlDrivesTheRun() {
        for (String lang : List.of("en", "zh")) {
            page.open(server.url(LESSON + "?preset=warmup&lang=" + lang + "&speed=" + LabServer.FAST));
            page.runToEnd();
            Map<String, List<double[]>> lr = page.points("chart-lr");
            assertPlotted(lr, "warmup", t -> 0.003 * Math.min(1, (t + 1) / 50.0));
            assertPlotted(lr, "constant", t -> 0.003);
            for (int width : new int[] {1366, 390}) {
                browser.driver().manage().window().setSize(new Dimension(width, Browser.HEIGHT));
                page.scrollPanelToTop();
                browser.screenshot("08-annealing-warmup-" + lang + "-" + width);
            }
            browser.driver().manage().window().setSize(new Dimension(Browser.WIDTH, Browser.HEIGHT));
        }

        String before = page.experimentId();                        // warm up the constant run too
        page.type(page.numberBox("spec.runs[0].schedule.warmup"), "80");
        page.waitFor("the experiment with the new warm-up", d -> !page.experimentId().equals(before));
        assertThat(page.shareLink()).contains("run=constant:momentum,lr=0.003;constant,warmup=80");
        page.runToEnd();
        assertPlotted(page.points("chart-lr"), "constant", t -> 0.003 * Math.min(1, (t + 1) / 80.0));
        assertThat(browser.consoleErrors()).isEmpty();
    }
}

package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;
import org.optimizerlab.lesson.Language;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.Preset;
import org.optimizerlab.train.LabeledPoints;
import org.optimizerlab.train.SpiralClassifier;

/**
 * The decision regions of a spiral race on the lesson page (docs/page-contract.md, {@code chart-regions}): the
 * engine's data points, and the server's grid painted behind them, following the race and the chosen run.
 */
@ExtendWith({LabServer.Extension.class, Browser.Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionRegionsIT {
    /** The class colours of the page contract. */
    private static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
        "#7a5c00", "#000000", "#F0E442", "#882255"};

    private LabServer server;
    private Browser browser;
    private LessonPage page;

    @BeforeAll
    void start(LabServer labServer, Browser sharedBrowser) {
        server = labServer;
        browser = sharedBrowser;
        page = new LessonPage(browser.driver());
    }

    /** The tint a cell of class {@code k} is painted with: the class colour at 28 % over white. */
    static int[] tint(int k) {
        String hex = COLOURS[k];
        int[] rgb = new int[3];
        for (int c = 0; c < 3; c++) {
            int channel = Integer.parseInt(hex.substring(1 + 2 * c, 3 + 2 * c), 16);
            rgb[c] = (int) Math.round(255 - (255 - channel) * 0.28);
        }
        return rgb;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Language.class)
    void theRegionsOfTheRaceArePaintedBehindTheEnginesDataAndFollowTheChosenRun(Language language) {
        Lesson lesson = LabServer.course().lessons().stream().filter(l -> l.order() == 10)
                .findFirst().orElseThrow();
        Preset preset = lesson.presets().stream().filter(p -> p.id().equals("lr-race")).findFirst().orElseThrow();
        SpiralClassifier problem = (SpiralClassifier) LabServer.experiment(preset).problem();
        browser.driver().manage().window().setSize(new Dimension(1366, Browser.HEIGHT));
        browser.consoleErrors();
        page.open(server.url("/lessons/" + lesson.slug() + "?lang=" + language.code() + "&preset=lr-race&speed=120"));

        assertThat(page.js("return document.querySelector('.chart-regions-figure').hidden")).isEqualTo(false);
        Map<String, List<double[]>> plotted = page.points("chart-regions");
        assertSamePoints(plotted, "train", problem.trainingPoints(), problem.config().classes());
        assertSamePoints(plotted, "validation", problem.validationPoints(), problem.config().classes());
        page.waitFor("the grid of step 0", d -> "0".equals(page.element("chart-regions").getAttribute("data-step")));
        String firstRun = LabServer.experiment(preset).runs().get(0).id();
        assertThat(page.element("chart-regions").getAttribute("data-run")).isEqualTo(firstRun);

        page.startAndWaitForMoreThan(40);
        if ("running".equals(page.state())) {
            page.click("btn-pause");
        }
        page.waitFor("paused or done", d -> "paused".equals(page.state()) || "done".equals(page.state()));
        long last = page.counts("chart-loss").get(firstRun) - 1;     // points are steps 0..last
        page.waitFor("the grid of the last step " + last, d -> String.valueOf(last)
                .equals(page.element("chart-regions").getAttribute("data-step")));
        assertPaintedAsReceived();
        browser.screenshot("regions-" + language.code() + "-1366");

        String other = LabServer.experiment(preset).runs().get(1).id();
        new Select(page.element("regions-run")).selectByValue(other);
        page.waitFor("the regions of run " + other,
                d -> other.equals(page.element("chart-regions").getAttribute("data-run")));
        assertThat(page.element("chart-regions").getAttribute("data-step")).isEqualTo(String.valueOf(last));
        assertPaintedAsReceived();

        browser.driver().manage().window().setSize(new Dimension(390, 844));
        page.js("document.querySelector('.chart-regions-figure').scrollIntoView()");
        browser.screenshot("regions-" + language.code() + "-390");
        browser.driver().manage().window().setSize(new Dimension(Browser.WIDTH, Browser.HEIGHT));
        assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Language.class)
    void theSanityPresetOverfitsOnThePlottedChartsAndTheGradientCheckIsShown(Language language) {
        Lesson lesson = LabServer.course().lessons().stream().filter(l -> l.order() == 10).findFirst().orElseThrow();
        Preset preset = lesson.presets().stream().filter(p -> p.id().equals("overfit-tiny")).findFirst().orElseThrow();
        browser.driver().manage().window().setSize(new Dimension(1366, Browser.HEIGHT));
        browser.consoleErrors();
        page.open(server.url("/lessons/" + lesson.slug() + "?lang=" + language.code() + "&preset=overfit-tiny&speed="
                + LabServer.FAST));
        page.runToEnd();
        org.optimizerlab.lesson.Claim.Verdict verdict = preset.claim().check(page.plottedSeries());
        assertThat(verdict.holds()).as(verdict.explanation()).isTrue();
        List<double[]> trainAccuracy = page.points("chart-accuracy").get("accuracy/train/adam");
        assertThat(trainAccuracy.get(trainAccuracy.size() - 1)[1]).isEqualTo(1.0);

        page.click("btn-gradcheck");
        page.waitFor("the gradient check", d -> "done".equals(page.js(
                "return document.querySelector('section.gradcheck').dataset.state")));
        List<String> rows = page.element("gradcheck-table").findElements(org.openqa.selenium.By.cssSelector("tbody tr"))
                .stream().map(row -> row.getAttribute("data-block")).toList();
        assertThat(rows).containsExactly("W1", "b1", "W2", "b2");
        page.js("document.querySelector('section.gradcheck').scrollIntoView()");
        browser.screenshot("gradcheck-" + language.code() + "-1366");
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        page.js("document.querySelector('section.gradcheck').scrollIntoView()");
        browser.screenshot("gradcheck-" + language.code() + "-390");
        browser.driver().manage().window().setSize(new Dimension(Browser.WIDTH, Browser.HEIGHT));
        assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    }

    /** The chart's datasets of {@code split} hold exactly the engine's points of each class (single precision). */
    private static void assertSamePoints(Map<String, List<double[]>> plotted, String split, LabeledPoints points,
                                         int classes) {
        for (int k = 0; k < classes; k++) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                if (points.labels()[i] == k) {
                    expected.add(show(points.x()[2 * i]) + "," + show(points.x()[2 * i + 1]));
                }
            }
            List<String> shown = plotted.getOrDefault("points/" + split + "/" + k, List.of()).stream()
                    .map(p -> show(p[0]) + "," + show(p[1])).toList();
            assertThat(shown).as(split + " points of class " + k).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** A coordinate in single precision, {@code -0} as {@code 0} (JSON through JavaScript keeps no sign of zero). */
    private static String show(double value) {
        return String.valueOf((float) value + 0.0f);
    }

    /**
     * The canvas shows the grid the page received: at the centre of each cell, the pixel is the tint of the cell's
     * class, except where a data point is drawn over it (a few cells).
     */
    @SuppressWarnings("unchecked")
    private void assertPaintedAsReceived() {
        List<List<Number>> cells = (List<List<Number>>) page.js("""
                const c = Chart.getChart(document.getElementById('chart-regions'));
                const r = c.$regions, dpr = c.currentDevicePixelRatio, out = [];
                for (let j = 0; j < r.size; j++) for (let i = 0; i < r.size; i++) {
                  const x = r.window[0][0] + (i + 0.5) * (r.window[0][1] - r.window[0][0]) / r.size;
                  const y = r.window[1][0] + (j + 0.5) * (r.window[1][1] - r.window[1][0]) / r.size;
                  const px = Math.floor(c.scales.x.getPixelForValue(x) * dpr);
                  const py = Math.floor(c.scales.y.getPixelForValue(y) * dpr);
                  const d = c.ctx.getImageData(px, py, 1, 1).data;
                  out.push([r.classes.charCodeAt(j * r.size + i) - 48, d[0], d[1], d[2]]);
                }
                return out;""");
        assertThat(cells).hasSize(48 * 48);
        int[] perClass = new int[COLOURS.length];
        int[] matching = new int[COLOURS.length];
        for (List<Number> cell : cells) {
            int k = cell.get(0).intValue();
            int[] tint = tint(k);
            perClass[k]++;
            boolean same = true;
            for (int c = 0; c < 3; c++) {
                same &= Math.abs(cell.get(1 + c).intValue() - tint[c]) <= 2;
            }
            matching[k] += same ? 1 : 0;
        }
        int classesPainted = 0;
        for (int k = 0; k < COLOURS.length; k++) {
            if (perClass[k] >= 20) {
                classesPainted++;
                assertThat(matching[k]).as("cells of class %d painted in its tint", k)
                        .isGreaterThan(perClass[k] * 7 / 10);
            }
        }
        assertThat(classesPainted).as("classes with regions of their own").isGreaterThanOrEqualTo(2);
    }
}

package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;
import org.optimizerlab.lesson.Language;
import org.optimizerlab.lesson.Lesson;

/**
 * The network editor on lesson 10's learning-rate race: three hidden layers and tanh chosen on the page go into
 * the spec the page sends and into the share link; the update-ratio chart then has one series per weight layer of
 * each run (W1 to W4) and the decision regions follow the deeper network.
 */
@ExtendWith(LabServer.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkEditorIT {
    private LabServer server;
    private Browser browser;
    private LessonPage page;

    @BeforeAll
    void start(LabServer labServer) {
        server = labServer;
        browser = Browser.start("network-editor");
        page = new LessonPage(browser.driver());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Language.class)
    void threeHiddenLayersGiveFourPerLayerSeriesAndTheirDecisionRegions(Language language) {
        Lesson lesson = LabServer.course().lessons().stream().filter(l -> l.order() == 10).findFirst().orElseThrow();
        browser.driver().manage().window().setSize(new Dimension(1366, Browser.HEIGHT));
        browser.consoleErrors();
        page.open(server.url("/lessons/" + lesson.slug() + "?lang=" + language.code() + "&preset=lr-race&speed=120"));
        String before = page.experimentId();

        // one layer of 100 as the preset has it; the old hidden slider is now the width of layer 1
        assertThat(page.numberBox("spec.problem.hidden").getAttribute("value")).isEqualTo("100");
        new Select(page.control("spec.problem.depth").findElement(By.tagName("select"))).selectByValue("3");
        assertThat(page.numberBox("spec.problem.hidden[0]").getAttribute("value")).isEqualTo("100");
        assertThat(page.numberBox("spec.problem.hidden[1]").getAttribute("value")).isEqualTo("20");
        page.type(page.numberBox("spec.problem.hidden[2]"), "12");
        new Select(page.control("spec.problem.activation").findElement(By.tagName("select"))).selectByValue("tanh");
        page.waitFor("the deeper network's experiment", d -> !page.experimentId().equals(before)
                && "paused".equals(page.state()) && ratioBlocks().contains("W4"));
        assertThat(page.shareLink()).contains("hidden=100,20,12", "activation=tanh");
        assertThat(ratioBlocks()).containsExactly("W1", "W2", "W3", "W4");
        page.scrollPanelToTop();
        page.js("document.querySelector('fieldset.network-editor').scrollIntoView({block: 'center'})");
        browser.screenshot("network-editor-" + language.code() + "-1366");

        page.startAndWaitForMoreThan(30);
        if ("running".equals(page.state())) {
            page.click("btn-pause");
        }
        page.waitFor("paused or done", d -> "paused".equals(page.state()) || "done".equals(page.state()));
        Map<String, List<double[]>> ratio = page.points("chart-ratio");
        List<String> runs = LabServer.experiment(lesson.presets().stream().filter(p -> p.id().equals("lr-race"))
                .findFirst().orElseThrow()).runs().stream().map(r -> r.id()).toList();
        for (String run : runs) {
            for (String block : List.of("W1", "W2", "W3", "W4")) {
                List<double[]> series = ratio.get("ratio/" + block + "/" + run);
                assertThat(series).as("the ratio series of %s of %s", block, run).isNotNull();
                assertThat(series.stream().filter(p -> p[1] > 0).count()).as("plotted ratios of %s of %s", block, run)
                        .isGreaterThan(10);
            }
        }
        long last = page.counts("chart-loss").get(runs.get(0)) - 1;
        page.waitFor("the grid of the last step " + last, d -> String.valueOf(last)
                .equals(page.element("chart-regions").getAttribute("data-step")));
        String classes = (String) page.js("return Chart.getChart(document.getElementById('chart-regions')).$regions.classes");
        assertThat(classes.chars().distinct().count()).as("classes with regions of their own").isGreaterThanOrEqualTo(2);
        page.js("document.getElementById('chart-ratio').scrollIntoView({block: 'center'})");
        browser.screenshot("network-ratio-" + language.code() + "-1366");

        // the share link gives the same network back
        page.open(page.shareLink());
        assertThat(new Select(page.control("spec.problem.hidden").findElement(By.tagName("select")))
                .getFirstSelectedOption().getAttribute("value")).isEqualTo("3");
        assertThat(page.numberBox("spec.problem.hidden[2]").getAttribute("value")).isEqualTo("12");
        page.waitFor("the shared network's layers", d -> ratioBlocks().contains("W4"));

        browser.driver().manage().window().setSize(new Dimension(390, 844));
        page.js("document.querySelector('fieldset.network-editor').scrollIntoView({block: 'start'})");
        browser.screenshot("network-editor-" + language.code() + "-390");
        browser.driver().manage().window().setSize(new Dimension(Browser.WIDTH, Browser.HEIGHT));
        assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    }

    /** The weight blocks that have a series in the update-ratio chart. */
    @SuppressWarnings("unchecked")
    private Set<String> ratioBlocks() {
        List<String> keys = (List<String>) page.js("const c = Chart.getChart(document.getElementById('chart-ratio'));"
                + "return c ? c.data.datasets.map(d => d.key || '') : [];");
        Set<String> blocks = new TreeSet<>();
        for (String key : keys) {
            if (key.startsWith("ratio/")) {
                blocks.add(key.split("/")[1]);
            }
        }
        return blocks;
    }
}

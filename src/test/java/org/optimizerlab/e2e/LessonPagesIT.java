package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.optimizerlab.lesson.Claim;
import org.optimizerlab.lesson.Language;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.Preset;
import org.optimizerlab.lesson.SeriesPoint;
import org.optimizerlab.lesson.Setup;

/**
 * Every lesson page of the real {@code lessons/} folder, in both languages, in a real browser against the real
 * server: it loads cleanly, the toolbar drives the experiment exactly (Start, Pause, Step, Reset), a shared link
 * gives back the same experiment, and each preset's claim holds on the data the charts plot.
 */
@ExtendWith(LabServer.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LessonPagesIT {
    private LabServer server;
    private Browser browser;
    private LessonPage page;

    @BeforeAll
    void start(LabServer labServer) {
        server = labServer;
        browser = Browser.start("lesson-pages");
        page = new LessonPage(browser.driver());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /** (lesson, language) for every lesson of the folder and both languages. */
    static Stream<Arguments> pages() {
        return LabServer.course().lessons().stream()
                .flatMap(lesson -> Stream.of(Language.values()).map(language -> Arguments.of(lesson, language)));
    }

    private String url(Lesson lesson, Language language, String query) {
        return server.url("/lessons/" + lesson.slug() + "?lang=" + language.code() + query);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("pages")
    void loadsCleanlyAndTheToolbarDrivesTheCharts(Lesson lesson, Language language) {
        Preset race = races(lesson).get(0);
        browser.consoleErrors();                                    // forget earlier pages
        page.open(url(lesson, language, "&preset=" + race.id() + "&speed=30"));

        assertThat(page.js("return document.documentElement.lang")).asString().startsWith(language.code());
        assertThat(page.element("lesson-text").getText()).isNotBlank();
        assertThat(page.element("preset-select").findElements(By.tagName("option"))).hasSize(lesson.presets().size());
        int runs = LabServer.experiment(race).runs().size();
        assertThat(page.counts("chart-loss")).hasSize(runs).allSatisfy((run, n) -> assertThat(n).isEqualTo(1));
        assertThat(page.element("readout").getAttribute("aria-live")).isEqualTo("polite");
        page.waitFor("the optimizer source", d -> page.element("experiment-panel")
                .findElement(By.cssSelector(".source-code")).getText().contains("class"));

        page.startAndWaitForMoreThan(3);
        assertThat(page.state()).isEqualTo("running");
        page.click("btn-pause");
        page.waitFor("paused", d -> "paused".equals(page.state()));
        Map<String, Long> paused = page.counts("chart-loss");
        Map<String, Long> live = page.liveRuns();                  // 1 for a run still going, 0 once diverged

        page.click("btn-step");
        page.waitFor("one more point per live run", d -> page.counts("chart-loss").equals(plus(paused, live, 1)));
        page.click("btn-step");
        page.waitFor("exactly two more points per live run",
                d -> page.counts("chart-loss").equals(plus(paused, live, 2)));
        assertThat(page.state()).isEqualTo("paused");
        page.points("chart-loss").forEach((run, points) -> {
            if (live.get(run) == 1) {
                assertThat(points.get(points.size() - 1)[0]).as("last step of " + run).isEqualTo(paused.get(run) + 1);
            }
        });

        page.click("btn-reset");
        page.waitFor("the charts back at step 0", d -> page.points("chart-loss").values().stream()
                .allMatch(points -> points.size() == 1 && points.get(0)[0] == 0));
        assertThat(page.state()).isEqualTo("paused");
        if (page.hasChart("chart-contour")) {
            assertThat(page.counts("chart-contour").values()).allMatch(n -> n == 1);
        }
        assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    }

    /** The presets that race over the WebSocket (not gradient estimates), in file order. */
    private static List<Preset> races(Lesson lesson) {
        List<Preset> races = lesson.presets().stream().filter(p -> p.setup() instanceof Setup.Race).toList();
        assertThat(races).as("race presets of " + lesson.slug()).isNotEmpty();
        return races;
    }

    private static Map<String, Long> plus(Map<String, Long> counts, Map<String, Long> live, long steps) {
        Map<String, Long> result = new LinkedHashMap<>();
        counts.forEach((run, n) -> result.put(run, n + live.get(run) * steps));
        return result;
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("pages")
    void aSharedLinkRestoresTheSameExperiment(Lesson lesson, Language language) {
        Preset preset = races(lesson).get(races(lesson).size() - 1);
        page.open(url(lesson, language, "&preset=" + preset.id() + "&speed=" + LabServer.FAST));
        WebElement lr = page.numberBox("spec.runs[0].optimizer.lr");
        String changedLr = LabServer.show(Double.parseDouble(lr.getAttribute("value")) * 0.5);
        String before = page.experimentId();
        page.type(lr, changedLr);
        page.waitFor("the experiment restarted with the new lr", d -> !page.experimentId().equals(before));
        String link = page.shareLink();
        assertThat(link).contains("lr=" + changedLr);
        page.runToEnd();
        Map<String, List<double[]>> first = page.points("chart-loss");

        page.open(link);
        assertThat(page.element("preset-select").getAttribute("value")).isEqualTo(preset.id());
        assertThat(page.numberBox("spec.runs[0].optimizer.lr").getAttribute("value")).isEqualTo(changedLr);
        page.runToEnd();
        Map<String, List<double[]>> second = page.points("chart-loss");
        assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
        first.forEach((run, points) -> assertThat(second.get(run)).as(run)
                .usingElementComparator(LabServer::comparePoints).containsExactlyElementsOf(points));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("pages")
    void eachClaimHoldsOnThePlottedData(Lesson lesson, Language language) {
        page.open(url(lesson, language, "&preset=" + races(lesson).get(0).id() + "&speed=" + LabServer.FAST));
        for (Preset preset : lesson.presets()) {
            Map<String, List<SeriesPoint>> plotted;
            if (preset.setup() instanceof Setup.Estimate) {
                new Select(page.element("preset-select")).selectByValue(preset.id());
                plotted = page.estimateSeries();
            } else {
                if (!preset.id().equals(page.element("preset-select").getAttribute("value"))) {
                    String before = page.experimentId();
                    new Select(page.element("preset-select")).selectByValue(preset.id());
                    page.waitFor("the experiment of preset " + preset.id(), d -> !page.experimentId().equals(before));
                }
                page.runToEnd();
                plotted = page.plottedSeries();
            }
            Claim.Verdict verdict = preset.claim().check(plotted);
            assertThat(verdict.holds()).as(lesson.slug() + "/" + preset.id() + ": " + verdict.explanation()).isTrue();
            if (preset == lesson.presets().get(0)) {
                page.scrollPanelToTop();
                browser.screenshot(String.format("%02d-%s-%s", lesson.order(), lesson.slug(), language.code()));
            }
        }
    }
}

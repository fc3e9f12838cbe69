package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.optimizerlab.lesson.Claim;
import org.optimizerlab.lesson.Language;
import org.optimizerlab.lesson.Preset;
import org.optimizerlab.lesson.SeriesPoint;
import org.optimizerlab.lesson.Setup;
import org.optimizerlab.search.Search;
import org.optimizerlab.search.SearchResult;

/**
 * The Iris preset of lesson 10 on the page: a race on the lesson's own CSV table runs to its end in the browser
 * (the page's {@code start} names its lesson), its claim holds on the plotted accuracies, and the gradient check
 * of the page works on the same table, and a search on the table gives the engine's trials, at a desktop and a
 * phone width, in both languages.
 */
@ExtendWith({LabServer.Extension.class, Browser.Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LessonDataIT {

    private LabServer server;
    private Browser browser;
    private LessonPage page;

    @BeforeAll
    void start(LabServer labServer, Browser sharedBrowser) {
        server = labServer;
        browser = sharedBrowser;
        page = new LessonPage(browser.driver());
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @MethodSource("org.optimizerlab.e2e.LessonPage#everyLanguageAtBothWidths")
    void theIrisRaceRunsOnThePageAndItsClaimHolds(Language language, int width) {
        Preset iris = LabServer.course().lesson("tuning").orElseThrow().presets().stream()
                .filter(p -> p.id().equals("iris")).findFirst().orElseThrow();
        browser.driver().manage().window().setSize(new Dimension(width, Browser.HEIGHT));
        browser.consoleErrors();
        page.open(server.url("/lessons/tuning?lang=" + language.code() + "&preset=iris&speed=" + LabServer.FAST));
        page.runToEnd();
        Map<String, List<SeriesPoint>> plotted = page.plottedSeries();
        Claim.Verdict verdict = iris.claim().check(plotted);
        assertThat(verdict.holds()).as(verdict.explanation()).isTrue();
        page.scrollPanelToTop();
        browser.screenshot("10-tuning-iris-" + width + "-" + language.code());

        page.click("btn-gradcheck");                        // the check reads the same lesson's table
        page.waitFor("the gradient check", d -> "done".equals(page.js(
                "return document.querySelector('section.gradcheck').dataset.state")));
        List<String> rows = page.element("gradcheck-table").findElements(By.cssSelector("tbody tr")).stream()
                .map(row -> row.getAttribute("data-block")).toList();
        assertThat(rows).containsExactly("W", "b");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @MethodSource("org.optimizerlab.e2e.LessonPage#everyLanguageAtBothWidths")
    void theIrisSearchRunsOnThePageWithTheEnginesTrials(Language language, int width) {
        Preset preset = LabServer.course().lesson("tuning").orElseThrow().presets().stream()
                .filter(p -> p.id().equals("iris-search")).findFirst().orElseThrow();
        SearchResult engine;
        try {
            engine = Search.run(((Setup.Search) preset.setup()).search(), Runnable::run, t -> { });
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        browser.driver().manage().window().setSize(new Dimension(width, Browser.HEIGHT));
        browser.consoleErrors();
        page.open(server.url("/lessons/tuning?lang=" + language.code() + "&preset=iris-search"), "tuning");
        page.waitFor("the search to wait for Start", d -> "paused".equals(page.searchState()));
        page.runSearch();
        List<SeriesPoint> trials = page.searchSeries().get("trials");
        assertThat(trials).hasSize(engine.trials().size());
        for (SeriesPoint trial : trials) {                 // the page's table, trained on the lesson's file
            assertThat(trial.loss()).as("trial " + trial.step())
                    .isEqualTo(engine.trials().get(trial.step()).validationAccuracy());
        }
        Claim.Verdict verdict = preset.claim().check(page.searchSeries());
        assertThat(verdict.holds()).as(verdict.explanation()).isTrue();
        page.scrollPanelToTop();
        browser.screenshot("10-tuning-iris-search-" + width + "-" + language.code());
        assertThat(browser.consoleErrors()).isEmpty();
    }
}

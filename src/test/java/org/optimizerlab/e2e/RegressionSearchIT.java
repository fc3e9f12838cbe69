package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.Dimension;
import org.optimizerlab.app.AppFactory;
import org.optimizerlab.app.ServerConfig;
import org.optimizerlab.lesson.Language;
import org.optimizerlab.lesson.Preset;
import org.optimizerlab.lesson.Setup;
import org.optimizerlab.search.Search;
import org.optimizerlab.search.SearchResult;
import org.optimizerlab.search.Trial;
import org.optimizerlab.web.ServerLimits;

/**
 * A search on a regression table on the lesson page (the test course {@code regression}, a generated line): the
 * scatter plot's points are the engine's validation losses, the star and the table's first row are the trial with
 * the lowest validation loss, and the page says "validation loss, lower is better", in both languages at a desktop
 * and a phone width (screenshots {@code regression-search-*}).
 */
@ExtendWith(Browser.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegressionSearchIT {
    private static final Path COURSE = Path.of("src", "test", "resources", "lessons", "regression").toAbsolutePath();

    private Javalin app;
    private Browser browser;
    private LessonPage page;
    private Preset preset;
    private SearchResult engine;

    @BeforeAll
    void start(Browser sharedBrowser) throws InterruptedException {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, Optional.of(COURSE), Optional.of(LabServer.WEB),
                ServerLimits.DEFAULT);
        app = AppFactory.create(config).start();
        browser = sharedBrowser;
        page = new LessonPage(browser.driver());
        preset = AppFactory.loadCourse(config).lesson("synthetic").orElseThrow().presets().stream()
                .filter(p -> p.id().equals("fit-search")).findFirst().orElseThrow();
        engine = Search.run(((Setup.Search) preset.setup()).search(), Runnable::run, t -> { });
    }

    @AfterAll
    void stop() {
        app.stop();
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @MethodSource("org.optimizerlab.e2e.LessonPage#everyLanguageAtBothWidths")
    void theTrialsAreRankedByTheEnginesValidationLossLowestFirst(Language language, int width) {
        browser.driver().manage().window().setSize(new Dimension(width, Browser.HEIGHT));
        browser.consoleErrors();
        page.open("http://127.0.0.1:" + app.port() + "/lessons/synthetic?lang=" + language.code()
                + "&preset=fit-search", "synthetic");
        page.waitFor("the search to wait for Start", d -> "paused".equals(page.searchState()));
        page.runSearch();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> points = (List<Map<String, Object>>) page.js(
                "const c = Chart.getChart(document.getElementById('chart-search'));"
                        + "return c.data.datasets.filter(d => d.key !== 'best').flatMap(d => d.data)"
                        + ".map(p => ({trial: p.trial, y: p.y, value: p.value}));");
        assertThat(points).hasSize(engine.trials().size());
        for (Map<String, Object> point : points) {
            Trial trial = engine.trials().get(((Number) point.get("trial")).intValue());
            assertThat(((Number) point.get("value")).doubleValue()).as("trial " + trial.index())
                    .isEqualTo(trial.validationLoss());
            assertThat(((Number) point.get("y")).doubleValue()).as("plotted against its loss")
                    .isEqualTo(trial.validationLoss());
        }
        Number star = (Number) page.js("return Chart.getChart(document.getElementById('chart-search')).data.datasets"
                + ".find(d => d.key === 'best').data[0].trial;");
        assertThat(star.intValue()).isEqualTo(engine.best().index());
        List<Integer> rows = page.searchTableTrials();
        assertThat(rows.get(0)).as("the table's first row").isEqualTo(engine.best().index());
        List<Integer> byLoss = engine.trials().stream().filter(t -> !t.diverged())
                .sorted(java.util.Comparator.comparingDouble(Trial::validationLoss)).map(Trial::index).toList();
        assertThat(rows).startsWith(byLoss.toArray(Integer[]::new));

        String caption = (String) page.js("return document.querySelector('#search-table caption').textContent;");
        String legend = (String) page.js("return document.querySelector('.colour-legend span').textContent;");
        String readout = page.element("search-status").getText() + " " + (String) page.js(
                "return document.querySelector('.search-view .estimate-readout').textContent;");
        // A regression search draws lr only: no dashed box of a second round on the lr-reg plane, and no network
        String chartNote = (String) page.js("return document.querySelector('.search-view .chart-note').textContent;");
        String problem = (String) page.js("return document.querySelector("
                + "'.search-view [data-field=\"spec.problem\"] .field-name').textContent;");
        if (language == Language.ZH) {
            assertThat(caption).isEqualTo("按验证损失排列的试验（越低越好）");
            assertThat(legend).contains("验证损失");
            assertThat(readout).contains("验证损失").doesNotContain("准确率");
            assertThat(chartNote).contains("验证损失最低").doesNotContain("虚线");
            assertThat(problem).isEqualTo("线性模型");
        } else {
            assertThat(caption).isEqualTo("Trials ranked by validation loss (lower is better)");
            assertThat(legend).contains("validation loss");
            assertThat(readout).contains("validation loss").contains("lower is better").doesNotContain("accuracy");
            assertThat(chartNote).contains("the lowest validation loss").doesNotContain("dashed");
            assertThat(problem).isEqualTo("linear model");
        }
        if (width == 1366) {                        // six columns fit the panel: no sideways scrolling for them
            Boolean fits = (Boolean) page.js("const box = document.querySelector('.search-table-box');"
                    + "return box.scrollWidth <= box.clientWidth;");
            assertThat(fits).as("the table of a regression's trials fits its box").isTrue();
        }
        page.scrollPanelToTop();
        browser.screenshot("regression-search-" + width + "-" + language.code());
        assertThat(browser.consoleErrors()).isEmpty();
    }
}

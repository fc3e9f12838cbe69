package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.optimizerlab.analysis.MomentumRate;
import org.optimizerlab.analysis.MomentumRate.Method;

/**
 * The convergence-rate map of lessons 2 and 3 in the browser: it shows the server's exact rate for the chosen run,
 * follows the run, the condition number and the method, and a click on it moves the run; and races as wide as the
 * spec's 8 runs, with Adam offered in lessons 4 and 5. Screenshots in both languages at 1366 and 390 px.
 */
@ExtendWith({LabServer.Extension.class, Browser.Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateMapIT {
    private LabServer server;
    private Browser browser;
    private LessonPage page;

    @BeforeAll
    void start(LabServer labServer, Browser sharedBrowser) {
        server = labServer;
        browser = sharedBrowser;
        page = new LessonPage(browser.driver());
    }

    private WebElement map() {
        return page.element("chart-rate-map");
    }

    /** Waits until the map shows run {@code run} at (lr, mu) with the rate {@code expected}. */
    private void waitForRate(String run, double lr, double mu, double expected) {
        page.waitFor("the map of " + run + " at lr = " + lr + ", mu = " + mu, d -> {
            WebElement canvas = map();
            return run.equals(canvas.getAttribute("data-run")) && number(canvas.getAttribute("data-lr")) == lr
                    && number(canvas.getAttribute("data-mu")) == mu;
        });
        assertThat(Double.parseDouble(map().getAttribute("data-rate"))).isCloseTo(expected, within(1e-12));
    }

    private static double number(String text) {
        return text == null ? Double.NaN : Double.parseDouble(text);
    }

    private double box(String field) {
        return Double.parseDouble(page.numberBox(field).getAttribute("value"));
    }

    @Test
    void theMapShowsTheServersRateFollowsTheRunAndAClickMovesIt() {
        page.open(server.url("/lessons/momentum?preset=critical&lang=en&speed=30"));
        waitForRate("mu05", 0.02, 0.5, MomentumRate.of(Method.MOMENTUM, 0.02, 0.5, 1, 20).rate());
        assertThat(map().getAttribute("data-region")).isEqualTo("too-slow");
        String readout = browser.driver().findElement(By.cssSelector(".rate-readout")).getText();
        assertThat(readout).contains("rate 0.9582 per step, too slow").contains("critically damped at mu = 0.7372");
        assertThat(browser.driver().findElement(By.cssSelector(".rate-best")).getText())
                .contains("lr* = 0.1336, mu* = 0.4026, rate 0.6345");

        new Select(page.element("rate-map-run")).selectByVisibleText("mu09");
        waitForRate("mu09", 0.02, 0.9, Math.sqrt(0.9));
        assertThat(map().getAttribute("data-region")).isEqualTo("oscillating");

        String before = page.experimentId();
        page.js("arguments[0].scrollIntoView({block: 'center'})", map());
        new Actions(browser.driver()).moveToElement(map(), 60, -40).click().perform();
        page.waitFor("the click to move mu09", d -> box("spec.runs[2].optimizer.mu") != 0.9
                || box("spec.runs[2].optimizer.lr") != 0.02);
        double lr = box("spec.runs[2].optimizer.lr");
        double mu = box("spec.runs[2].optimizer.mu");
        waitForRate("mu09", lr, mu, MomentumRate.of(Method.MOMENTUM, lr, mu, 1, 20).rate());
        page.waitFor("the experiment restarted with the clicked pair", d -> !page.experimentId().equals(before));
        assertThat(page.shareLink()).contains("run=mu09:momentum,lr=" + page.numberBox("spec.runs[2].optimizer.lr")
                .getAttribute("value") + ",mu=" + page.numberBox("spec.runs[2].optimizer.mu").getAttribute("value"));

        page.type(page.numberBox("spec.problem.b"), "100");
        waitForRate("mu09", lr, mu, MomentumRate.of(Method.MOMENTUM, lr, mu, 1, 100).rate());
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void nesterovHasItsOwnMapWhereLessonThreesLrDiverges() {
        page.open(server.url("/lessons/nesterov?preset=step-limit&lang=en"));
        waitForRate("momentum", 0.1, 0.9, MomentumRate.of(Method.MOMENTUM, 0.1, 0.9, 1, 20).rate());
        new Select(page.element("rate-map-run")).selectByVisibleText("nesterov");
        waitForRate("nesterov", 0.1, 0.9, MomentumRate.of(Method.NESTEROV, 0.1, 0.9, 1, 20).rate());
        assertThat(map().getAttribute("data-region")).isEqualTo("diverging");
        // Nesterov's closed-form optimum (lr* = 4/61, mu* = (√61 - 2)/(√61 + 2)), not the grid's best cell
        assertThat(browser.driver().findElement(By.cssSelector(".rate-best")).getText())
                .isEqualTo("★ Best pair for condition number κ = 20: lr* = 0.06557, mu* = 0.5923, rate 0.7439.");
        for (String lang : List.of("en", "zh")) {
            for (int width : List.of(1366, 390)) {
                browser.driver().manage().window().setSize(new Dimension(width, Browser.HEIGHT));
                try {
                    page.open(server.url("/lessons/nesterov?preset=step-limit&lang=" + lang));
                    waitForRate("momentum", 0.1, 0.9, MomentumRate.of(Method.MOMENTUM, 0.1, 0.9, 1, 20).rate());
                    new Select(page.element("rate-map-run")).selectByVisibleText("nesterov");
                    waitForRate("nesterov", 0.1, 0.9, MomentumRate.of(Method.NESTEROV, 0.1, 0.9, 1, 20).rate());
                    assertThat(browser.driver().findElement(By.cssSelector(".rate-best")).getText())
                            .contains("0.06557").contains("0.5923");
                    page.js("arguments[0].scrollIntoView({block: 'start'})",
                            browser.driver().findElement(By.cssSelector(".chart-rate-map-figure")));
                    browser.screenshot("rate-map-nesterov-" + lang + "-" + width);
                } finally {
                    browser.driver().manage().window().setSize(new Dimension(Browser.WIDTH, Browser.HEIGHT));
                }
            }
        }
    }

    @Test
    void theRegionsReadInChineseAndThePageFitsBothWidths() {
        for (String lang : List.of("en", "zh")) {
            for (int width : List.of(1366, 390)) {
                browser.driver().manage().window().setSize(new Dimension(width, Browser.HEIGHT));
                try {
                    page.open(server.url("/lessons/momentum?preset=critical&lang=" + lang));
                    waitForRate("mu05", 0.02, 0.5, MomentumRate.of(Method.MOMENTUM, 0.02, 0.5, 1, 20).rate());
                    String readout = browser.driver().findElement(By.cssSelector(".rate-readout")).getText();
                    assertThat(readout).contains(lang.equals("zh") ? "太慢" : "too slow");
                    WebElement figure = browser.driver().findElement(By.cssSelector(".chart-rate-map-figure"));
                    assertThat((Boolean) page.js("return arguments[0].scrollWidth <= arguments[0].clientWidth + 1",
                            figure)).as("the map fits at %d px", width).isTrue();
                    page.js("arguments[0].scrollIntoView({block: 'start'})", figure);
                    browser.screenshot("rate-map-" + lang + "-" + width);
                } finally {
                    browser.driver().manage().window().setSize(new Dimension(Browser.WIDTH, Browser.HEIGHT));
                }
            }
        }
    }

    @Test
    void eightRunsRaceAndAdamCanBeAddedInLessonsFourAndFive() {
        for (String slug : List.of("adagrad", "rmsprop")) {
            page.open(server.url("/lessons/" + slug + "?lang=en&speed=5000"));
            int runs = browser.driver().findElements(By.cssSelector("fieldset.run")).size();
            for (int i = runs; i < 8; i++) {
                page.click(browser.driver().findElement(By.cssSelector(".add-run")));
            }
            assertThat(browser.driver().findElements(By.cssSelector("fieldset.run"))).hasSize(8);
            assertThat(browser.driver().findElements(By.cssSelector(".add-run"))).isEmpty();
            assertThat(page.element("experiment-panel").getText()).contains("At most 8 runs race at once.");
            WebElement type = page.control("spec.runs[7].optimizer.type").findElement(By.tagName("select"));
            assertThat(new Select(type).getOptions()).extracting(WebElement::getText).contains("adam");
            new Select(type).selectByValue("adam");
            page.waitFor("8 runs on the loss chart, one of them adam", d -> page.counts("chart-loss").size() == 8
                    && page.counts("chart-loss").containsKey("adam") && "paused".equals(page.state()));
            page.runToEnd();
            assertThat(page.plottedSeries()).hasSize(8).containsKey("adam");
            assertThat(page.shareLink()).contains("run=adam:adam");
            if (slug.equals("adagrad")) {
                page.scrollPanelToTop();
                browser.screenshot("eight-runs-" + slug + "-en");
            }
        }
        assertThat(browser.consoleErrors()).isEmpty();
    }
}

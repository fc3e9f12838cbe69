package org.optimizerlab.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optimizerlab.lesson.Language;
import org.optimizerlab.lesson.SeriesPoint;

/**
 * A lesson page in the browser, seen through the element ids of docs/page-contract.md: buttons, status, and the
 * data of the Chart.js charts ({@code Chart.getChart(canvas).data}).
 */
final class LessonPage {
    /** How long any wait may take before the test fails. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final WebDriver driver;

    /**
     * Each page language at the two screenshot widths (1366 and 390 px), as the arguments of a parameterized test:
     * {@code @MethodSource("org.optimizerlab.e2e.LessonPage#everyLanguageAtBothWidths")}.
     */
    static Stream<Arguments> everyLanguageAtBothWidths() {
        return Stream.of(Language.values()).flatMap(language -> Stream.of(Arguments.of(language, 1366),
                Arguments.of(language, 390)));
    }

    LessonPage(WebDriver driver) {
        this.driver = driver;
    }

    /** Opens a page that has no experiment and waits until it has loaded ({@code what} names it in failures). */
    LessonPage open(String url, String what) {
        driver.get(url);
        waitFor(what + " loaded", d -> "complete".equals(js("return document.readyState")));
        return this;
    }

    /** Opens {@code url} and waits until the experiment of the page is at step 0, paused. */
    LessonPage open(String url) {
        driver.get(url);
        waitFor("the experiment to be ready (status paused)", d -> "paused".equals(state()));
        return this;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    <T> T waitFor(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, TIMEOUT, Duration.ofMillis(50))
                .withMessage(() -> "waiting for " + what + "; status: " + statusText())
                .ignoring(StaleElementReferenceException.class)     // a list re-drawn between finding and reading
                .until(condition);
    }

    WebElement element(String id) {
        return driver.findElement(By.id(id));
    }

    void click(String id) {
        click(element(id));
    }

    /** Clicks like a person who first scrolls the element to the middle (clear of the sticky toolbar). */
    void click(WebElement element) {
        js("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** The experiment state the page shows: running, paused, done, connecting, offline, invalid. */
    String state() {
        return element("experiment-status").getAttribute("data-state");
    }

    String statusText() {
        try {
            return element("experiment-status").getText();
        } catch (RuntimeException e) {
            return "(no status element)";
        }
    }

    /** The number of points of each run in a chart, by run id. */
    @SuppressWarnings("unchecked")
    Map<String, Long> counts(String chartId) {
        Map<String, Object> raw = (Map<String, Object>) js(
                "const c = Chart.getChart(document.getElementById(arguments[0]));"
                        + "return c ? Object.fromEntries(c.data.datasets.map(d => [d.label, d.data.length])) : {};",
                chartId);
        Map<String, Long> counts = new LinkedHashMap<>();
        raw.forEach((k, v) -> counts.put(k, ((Number) v).longValue()));
        return counts;
    }

    /** 1 for each run whose last plotted loss is a number, 0 for a run that diverged (it gets no more points). */
    Map<String, Long> liveRuns() {
        Map<String, Long> live = new LinkedHashMap<>();
        points("chart-loss").forEach((run, points) ->
                live.put(run, Double.isNaN(points.get(points.size() - 1)[1]) ? 0L : 1L));
        return live;
    }

    /**
     * The data points {@code {x, y}} of each series in a chart, by run id (a dataset's {@code key}, else its label;
     * NaN for a non-finite value).
     */
    @SuppressWarnings("unchecked")
    Map<String, List<double[]>> points(String chartId) {
        Map<String, List<Map<String, Object>>> raw = (Map<String, List<Map<String, Object>>>) js(
                "const c = Chart.getChart(document.getElementById(arguments[0]));"
                        + "return c ? Object.fromEntries(c.data.datasets.map(d => [d.key || d.label, d.data])) : {};",
                chartId);
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        raw.forEach((run, data) -> points.put(run, data.stream()
                .map(p -> new double[] {number(p.get("x")), number(p.get("y"))}).toList()));
        return points;
    }

    private static double number(Object value) {
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    /**
     * The plotted series a claim checks: step and loss from the loss chart; the parameters from the trajectory
     * chart of a 2-D problem ({x, y} = params) or the parameter chart of a 1-D one ({x: step, y: params[0]}),
     * whose points are in the same order; on a training problem also every dataset of the accuracy chart and the
     * ratio chart by its key ({x: epoch or step, y: accuracy or ratio}).
     */
    Map<String, List<SeriesPoint>> plottedSeries() {
        Map<String, List<SeriesPoint>> series = lossAndParams();
        for (String chart : List.of("chart-accuracy", "chart-ratio")) {
            if (hasChart(chart)) {
                points(chart).forEach((key, points) -> series.put(key, points.stream()
                        .map(p -> new SeriesPoint((int) p[0], p[1], new double[0], false)).toList()));
            }
        }
        return series;
    }

    private Map<String, List<SeriesPoint>> lossAndParams() {
        Map<String, List<double[]>> loss = points("chart-loss");
        Map<String, List<double[]>> paths = hasChart("chart-contour") ? points("chart-contour") : Map.of();
        Map<String, List<double[]>> params1d = hasChart("chart-params") ? points("chart-params") : Map.of();
        Map<String, List<SeriesPoint>> series = new LinkedHashMap<>();
        loss.forEach((run, points) -> {
            List<double[]> path = paths.getOrDefault(run, List.of());
            List<double[]> line = params1d.getOrDefault(run, List.of());
            List<SeriesPoint> list = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                double[] params = i < path.size() ? path.get(i)
                        : i < line.size() ? new double[] {line.get(i)[1]} : new double[0];
                list.add(new SeriesPoint((int) points.get(i)[0], points.get(i)[1], params, false));
            }
            series.put(run, list);
        });
        return series;
    }

    /**
     * Waits for the gradient estimate the page shows and returns it as the claim's series {@code estimate} of
     * points (step = K, loss = mean error).
     */
    Map<String, List<SeriesPoint>> estimateSeries() {
        waitFor("the gradient estimate", d -> "done".equals(element("estimate-status").getAttribute("data-state"))
                && !points("chart-estimate").getOrDefault("estimate", List.of()).isEmpty());
        List<SeriesPoint> points = points("chart-estimate").get("estimate").stream()
                .map(p -> new SeriesPoint((int) p[0], p[1], new double[0], false)).toList();
        return Map.of("estimate", points);
    }

    /**
     * Waits for the activation study the page shows and returns it as the claim's series {@code std} of points
     * (step = layer, loss = standard deviation; NaN where the chart has no point).
     */
    Map<String, List<SeriesPoint>> activationsSeries() {
        waitFor("the activation study", d -> "done".equals(element("activations-status").getAttribute("data-state"))
                && !points("chart-activations").getOrDefault("std", List.of()).isEmpty());
        List<SeriesPoint> points = points("chart-activations").get("std").stream()
                .map(p -> new SeriesPoint((int) p[0], p[1], new double[0], false)).toList();
        return Map.of("std", points);
    }

    /** The state of the search view: connecting, paused, running, done, invalid, offline. */
    String searchState() {
        return element("search-status").getAttribute("data-state");
    }

    /** The id of the search whose trials the page shows ("" before the first). */
    String searchId() {
        String id = element("search-status").getAttribute("data-experiment");
        return id == null ? "" : id;
    }

    /** Clicks the search's Start and waits until every trial finished. */
    void runSearch() {
        click("btn-search-start");
        waitFor("the search to finish", d -> "done".equals(searchState()));
    }

    /**
     * The trials the scatter plot shows (every point of the rounds and the diverged, not the best's star again) as
     * the claim's series {@code trials}: step = trial, loss = validation accuracy, params = [lr, reg, dropout,
     * validation loss], diverged flagged.
     */
    @SuppressWarnings("unchecked")
    Map<String, List<SeriesPoint>> searchSeries() {
        List<Map<String, Object>> raw = (List<Map<String, Object>>) js(
                "const c = Chart.getChart(document.getElementById('chart-search'));"
                        + "return c.data.datasets.filter(d => d.key !== 'best').flatMap(d => d.data);");
        List<SeriesPoint> trials = raw.stream().map(p -> new SeriesPoint(((Number) p.get("trial")).intValue(),
                number(p.get("accuracy")), new double[] {number(p.get("lr")), number(p.get("reg")),
                number(p.get("dropout")), number(p.get("valLoss"))}, Boolean.TRUE.equals(p.get("diverged"))))
                .sorted(java.util.Comparator.comparingInt(SeriesPoint::step)).toList();
        return Map.of("trials", trials);
    }

    /** The rows of the table of trials: the trial index of each, best first. */
    List<Integer> searchTableTrials() {
        return element("search-table").findElements(By.cssSelector("tbody tr")).stream()
                .map(row -> Integer.parseInt(row.getAttribute("data-trial"))).toList();
    }

    /** Clicks Start and waits until every run of the loss chart has more than {@code points} points. */
    void startAndWaitForMoreThan(long points) {
        click("btn-start");
        waitFor("the loss chart to grow past " + points + " points per run",
                d -> counts("chart-loss").values().stream().allMatch(n -> n > points));
    }

    /** Runs the experiment to its end. */
    void runToEnd() {
        click("btn-start");
        waitFor("the experiment to finish", d -> "done".equals(state()));
    }

    /**
     * Types {@code text} into an input (replacing what is there) and commits it like a person: Enter. The input is
     * first scrolled to the middle, clear of the sticky toolbar and of the narrow screens' Experiment control.
     */
    void type(WebElement input, String text) {
        js("arguments[0].scrollIntoView({block: 'center'})", input);
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.ENTER);
    }

    /** The id of the experiment whose data the page shows ("" before the first). */
    String experimentId() {
        String id = element("experiment-status").getAttribute("data-experiment");
        return id == null ? "" : id;
    }

    /** Whether the page has a chart on the canvas with this id. */
    boolean hasChart(String canvasId) {
        return (Boolean) js("return !!Chart.getChart(document.getElementById(arguments[0]))", canvasId);
    }

    /** The text box of the control whose error path is {@code field} ({@code spec.runs[0].optimizer.lr}). */
    WebElement numberBox(String field) {
        return control(field).findElement(By.cssSelector("input.number-box"));
    }

    /** The control (label, inputs, errors) of {@code field}. */
    WebElement control(String field) {
        return driver.findElement(By.cssSelector("[data-field=\"" + field + "\"]"));
    }

    /** Scrolls the window and the experiment panel back to their tops (before a screenshot). */
    void scrollPanelToTop() {
        js("window.scrollTo(0, 0); document.getElementById('experiment-panel').scrollTop = 0;");
    }

    /** The share link of the current experiment. */
    String shareLink() {
        return element("share-link").getAttribute("href");
    }
}

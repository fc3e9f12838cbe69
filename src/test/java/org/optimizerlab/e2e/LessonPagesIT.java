package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.lesson.Claim;
import org.optimizerlab.lesson.Language;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.Preset;
import org.optimizerlab.lesson.SeriesPoint;
import org.optimizerlab.lesson.Setup;
import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.train.TrainingProblem;

/**
 * Every lesson page the server serves (the course's and the test lessons of every preset kind), in both languages,
 * in a real browser against the real server: it loads cleanly and each kind of experiment runs and plots (a race's
 * toolbar drives it exactly: Start, Pause, Step, Reset; an activation study computes every layer; a search runs on
 * Start and shows every trial), a shared link gives back the same experiment, and each preset's claim holds on the
 * data the charts plot.
 */
@ExtendWith({LabServer.Extension.class, Browser.Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LessonPagesIT {
    private LabServer server;
    private Browser browser;
    private LessonPage page;

    @BeforeAll
    void start(LabServer labServer, Browser sharedBrowser) {
        server = labServer;
        browser = sharedBrowser;
        page = new LessonPage(browser.driver());
    }

    /** (lesson, language) for every lesson with a preset of the wanted kind, in both languages. */
    private static Stream<Arguments> pagesWith(Predicate<Preset> kind) {
        return LabServer.course().lessons().stream()
                .filter(lesson -> lesson.presets().stream().anyMatch(kind))
                .flatMap(lesson -> Stream.of(Language.values()).map(language -> Arguments.of(lesson, language)));
    }

    static Stream<Arguments> pages() {
        return pagesWith(p -> true);
    }

    static Stream<Arguments> racePages() {
        return pagesWith(LessonPagesIT::isRace);
    }

    static Stream<Arguments> activationPages() {
        return pagesWith(p -> p.setup() instanceof Setup.Activations);
    }

    static Stream<Arguments> searchPages() {
        return pagesWith(p -> p.setup() instanceof Setup.Search);
    }

    private static boolean isRace(Preset preset) {
        return preset.setup() instanceof Setup.Race;
    }

    private static Preset first(Lesson lesson, Predicate<Preset> kind) {
        return lesson.presets().stream().filter(kind).findFirst().orElseThrow();
    }

    private static Preset last(Lesson lesson, Predicate<Preset> kind) {
        List<Preset> presets = lesson.presets().stream().filter(kind).toList();
        return presets.get(presets.size() - 1);
    }

    private String url(Lesson lesson, Language language, String query) {
        return server.url("/lessons/" + lesson.slug() + "?lang=" + language.code() + query);
    }

    /** Opens the page at {@code preset} and waits until its experiment is ready (at step 0, computed or waiting). */
    private void open(Lesson lesson, Language language, Preset preset, String query) {
        String url = url(lesson, language, "&preset=" + preset.id() + query);
        if (isRace(preset)) {
            page.open(url);
            return;
        }
        page.open(url, lesson.slug());
        waitUntilReady(preset, "");
    }

    /** Waits until a preset shown on the page is ready, and (for a search) is another search than {@code before}. */
    private void waitUntilReady(Preset preset, String before) {
        if (preset.setup() instanceof Setup.Activations) {
            page.waitFor("the study of preset " + preset.id(),
                    d -> preset.id().equals(page.element("activations-status").getAttribute("data-preset")));
            page.activationsSeries();
        } else if (preset.setup() instanceof Setup.Search) {
            page.waitFor("the search of preset " + preset.id() + " to wait for Start",
                    d -> "paused".equals(page.searchState()) && !page.searchId().equals(before));
        } else if (preset.setup() instanceof Setup.Estimate) {
            page.estimateSeries();
        }
    }

    private void assertLoadedCleanly(Lesson lesson, Language language) {
        assertThat(page.js("return document.documentElement.lang")).asString().startsWith(language.code());
        assertThat(page.element("lesson-text").getText()).isNotBlank();
        assertThat(page.element("preset-select").findElements(By.tagName("option"))).hasSize(lesson.presets().size());
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("racePages")
    void aRaceLoadsCleanlyAndTheToolbarDrivesTheCharts(Lesson lesson, Language language) {
        Preset race = first(lesson, LessonPagesIT::isRace);
        browser.consoleErrors();                                    // forget earlier pages
        page.open(url(lesson, language, "&preset=" + race.id() + "&speed=10"));

        assertLoadedCleanly(lesson, language);
        Experiment experiment = LabServer.experiment(race);
        int runs = experiment.runs().size();
        assertThat(page.counts("chart-loss")).hasSize(runs).allSatisfy((run, n) -> assertThat(n).isEqualTo(1));
        assertThat(page.element("readout-live").getAttribute("aria-live")).isEqualTo("polite");
        page.waitFor("the optimizer source", d -> page.element("experiment-panel")
                .findElement(By.cssSelector(".source-code")).getText().contains("class"));

        page.startAndWaitForMoreThan(3);
        assertThat(page.state()).isEqualTo("running");
        page.click("btn-pause");
        page.waitFor("paused", d -> "paused".equals(page.state()));
        Map<String, Long> paused = page.counts("chart-loss");
        // Where each run diverges, from the engine: a pause can land just before a divergence (Beale's SGD diverges
        // at step 4), and then the next step still plots the divergence point and the one after nothing.
        Map<String, Long> diverges = divergenceSteps(experiment,
                paused.values().stream().mapToLong(Long::longValue).max().orElse(0) + 2);

        page.click("btn-step");
        page.waitFor("one more point per live run",
                d -> page.counts("chart-loss").equals(afterSteps(paused, diverges, 1)));
        page.click("btn-step");
        Map<String, Long> twoMore = afterSteps(paused, diverges, 2);
        page.waitFor("exactly two more points per live run", d -> page.counts("chart-loss").equals(twoMore));
        assertThat(page.state()).isEqualTo("paused");
        page.points("chart-loss").forEach((run, points) -> assertThat(points.get(points.size() - 1)[0])
                .as("last step of " + run).isEqualTo(twoMore.get(run) - 1));
        if (experiment.problem() instanceof TrainingProblem) {
            assertTrainingCharts(experiment);
        }

        page.click("btn-reset");
        page.waitFor("the charts back at step 0", d -> page.points("chart-loss").values().stream()
                .allMatch(points -> points.size() == 1 && points.get(0)[0] == 0));
        assertThat(page.state()).isEqualTo("paused");
        if (page.hasChart("chart-contour")) {
            assertThat(page.counts("chart-contour").values()).allMatch(n -> n == 1);
        }
        assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    }

    /** A training race shows the update ratio of each weight block per step, with the 1e-3 line. */
    private void assertTrainingCharts(Experiment experiment) {
        Map<String, List<double[]>> ratios = page.points("chart-ratio");
        assertThat(ratios.get("reference")).as("the rule-of-thumb line").allSatisfy(p -> assertThat(p[1]).isEqualTo(1e-3));
        String run = experiment.runs().get(0).id();
        List<String> weights = ((TrainingProblem) experiment.problem()).layout().stream()
                .filter(org.optimizerlab.train.ParameterBlock::weight).map(b -> "ratio/" + b.name() + "/" + run).toList();
        assertThat(ratios.keySet()).containsAll(weights);
        long losses = page.counts("chart-loss").get(run);
        assertThat(ratios.get(weights.get(0))).as("a ratio per plotted step").hasSize((int) losses);
    }

    /** The points each run has after {@code steps} more updates: one per update until the run's divergence step. */
    private static Map<String, Long> afterSteps(Map<String, Long> counts, Map<String, Long> diverges, long steps) {
        Map<String, Long> result = new LinkedHashMap<>();
        counts.forEach((run, n) -> {
            long last = n - 1;                                     // points are steps 0..last
            long end = diverges.getOrDefault(run, Long.MAX_VALUE);
            result.put(run, last >= end ? n : Math.min(last + steps, end) + 1);
        });
        return result;
    }

    /** The step at which each run of {@code experiment} diverges up to step {@code until} (the engine's own run). */
    private static Map<String, Long> divergenceSteps(Experiment experiment, long until) {
        Map<String, Long> steps = new LinkedHashMap<>();
        ExperimentRunner runner = new ExperimentRunner(experiment);
        while (!runner.finished() && runner.step() < until) {
            for (StepRecord record : runner.advance()) {
                if (record.diverged()) {
                    steps.putIfAbsent(record.run(), (long) record.step());
                }
            }
        }
        return steps;
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("activationPages")
    void anActivationStudyComputesAndPlotsEveryLayer(Lesson lesson, Language language) {
        Preset preset = first(lesson, p -> p.setup() instanceof Setup.Activations);
        int layers = ((Setup.Activations) preset.setup()).study().config().layers();
        browser.consoleErrors();
        open(lesson, language, preset, "");
        assertLoadedCleanly(lesson, language);
        assertThat(page.activationsSeries().get("std")).hasSize(layers);
        assertThat(page.element("activation-histograms").findElements(By.tagName("canvas"))).hasSize(layers);
        for (int layer = 1; layer <= layers; layer++) {
            assertThat(page.hasChart("chart-hist-" + layer)).as("histogram of layer " + layer).isTrue();
        }
        assertThat(page.js("const ids = [...document.querySelectorAll('#activation-histograms canvas')].map(c => c.id);"
                + "return new Set(ids.map(id => { const s = Chart.getChart(document.getElementById(id)).options.scales.x;"
                + " return s.min + ':' + s.max; })).size")).as("every histogram on the same x range").isEqualTo(1L);
        assertThat(page.element("experiment-panel").findElement(By.cssSelector(".activations-view .estimate-readout"))
                .getText()).isNotBlank();
        assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("searchPages")
    void aSearchWaitsForStartThenPlotsEveryTrial(Lesson lesson, Language language) {
        Preset preset = first(lesson, p -> p.setup() instanceof Setup.Search);
        SearchSpec search = ((Setup.Search) preset.setup()).search();
        browser.consoleErrors();
        open(lesson, language, preset, "");
        assertLoadedCleanly(lesson, language);
        assertThat(page.searchSeries().get("trials")).as("nothing runs before Start").isEmpty();

        page.runSearch();
        List<SeriesPoint> trials = page.searchSeries().get("trials");
        assertThat(trials).extracting(SeriesPoint::step).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, search.totalTrials()).boxed().toList());
        List<Integer> table = page.searchTableTrials();
        assertThat(table).hasSize(search.totalTrials());
        assertThat(table.get(0)).as("the best trial heads the table").isEqualTo(
                org.optimizerlab.lesson.SearchClaim.best(Map.of("trials", trials)).orElseThrow().step());
        assertThat(page.points("chart-search").get("best")).hasSize(1);
        assertThat(page.js("return document.getElementById('search-progress').value")).isEqualTo((long) search.totalTrials());

        page.click("btn-search-reset");
        page.waitFor("the search back at no trials", d -> "paused".equals(page.searchState())
                && page.searchSeries().get("trials").isEmpty());
        assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("pages")
    void aSharedLinkRestoresTheSameExperiment(Lesson lesson, Language language) {
        if (lesson.presets().stream().anyMatch(LessonPagesIT::isRace)) {
            raceLinkRestoresTheRace(lesson, language, last(lesson, LessonPagesIT::isRace));
        }
        if (lesson.presets().stream().anyMatch(p -> p.setup() instanceof Setup.Activations)) {
            studyLinkRestoresTheStudy(lesson, language, last(lesson, p -> p.setup() instanceof Setup.Activations));
        }
        if (lesson.presets().stream().anyMatch(p -> p.setup() instanceof Setup.Search)) {
            searchLinkRestoresTheSearch(lesson, language, last(lesson, p -> p.setup() instanceof Setup.Search));
        }
    }

    private void raceLinkRestoresTheRace(Lesson lesson, Language language, Preset preset) {
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
        assertSamePoints(first, page.points("chart-loss"));
    }

    /** Changes a control of the study (another option of a choice, else the other end of a slider). */
    private void studyLinkRestoresTheStudy(Lesson lesson, Language language, Preset preset) {
        open(lesson, language, preset, "");
        List<double[]> before = page.points("chart-activations").get("std");
        String field = preset.controls().fields().keySet().iterator().next();
        WebElement control = page.control("problem." + field);
        List<WebElement> selects = control.findElements(By.tagName("select"));
        String changed;
        if (!selects.isEmpty()) {
            Select select = new Select(selects.get(0));
            String current = select.getFirstSelectedOption().getAttribute("value");
            changed = select.getOptions().stream().map(o -> o.getAttribute("value")).filter(v -> !v.equals(current))
                    .findFirst().orElseThrow();
            select.selectByValue(changed);
        } else {
            WebElement box = control.findElement(By.cssSelector("input.number-box"));
            org.optimizerlab.lesson.ControlField.Slider slider =
                    (org.optimizerlab.lesson.ControlField.Slider) preset.controls().fields().get(field);
            changed = LabServer.show(Double.parseDouble(box.getAttribute("value")) == slider.min() ? slider.max()
                    : slider.min());
            page.type(box, changed);
        }
        page.waitFor("the study recomputed with " + field + " = " + changed, d -> {
            List<double[]> now = page.points("chart-activations").getOrDefault("std", List.of());
            return "done".equals(page.element("activations-status").getAttribute("data-state"))
                    && !samePoints(before, now);
        });
        List<double[]> first = page.points("chart-activations").get("std");
        String link = page.shareLink();
        assertThat(link).contains(field + "=" + changed);

        page.open(link, lesson.slug());
        assertThat(page.element("preset-select").getAttribute("value")).isEqualTo(preset.id());
        page.activationsSeries();
        assertThat(page.points("chart-activations").get("std")).usingElementComparator(LabServer::comparePoints)
                .containsExactlyElementsOf(first);
    }

    private void searchLinkRestoresTheSearch(Lesson lesson, Language language, Preset preset) {
        open(lesson, language, preset, "");
        WebElement trials = page.numberBox("spec.search.trials");
        SearchSpec search = ((Setup.Search) preset.setup()).search();
        String fewer = String.valueOf(Math.max(2, search.trials() / 2));
        String before = page.searchId();
        page.type(trials, fewer);
        page.waitFor("a new search with " + fewer + " trials", d -> !page.searchId().equals(before)
                && "paused".equals(page.searchState()));
        String link = page.shareLink();
        assertThat(link).contains("trials=" + fewer);
        page.runSearch();
        List<SeriesPoint> first = page.searchSeries().get("trials");

        page.open(link, lesson.slug());
        waitUntilReady(preset, "");
        assertThat(page.numberBox("spec.search.trials").getAttribute("value")).isEqualTo(fewer);
        page.runSearch();
        List<SeriesPoint> second = page.searchSeries().get("trials");
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).loss()).as("trial " + i).isEqualTo(first.get(i).loss());
            assertThat(second.get(i).params()).as("trial " + i).containsExactly(first.get(i).params());
        }
    }

    private static boolean samePoints(List<double[]> a, List<double[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (LabServer.comparePoints(a.get(i), b.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    private static void assertSamePoints(Map<String, List<double[]>> first, Map<String, List<double[]>> second) {
        assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
        first.forEach((run, points) -> assertThat(second.get(run)).as(run)
                .usingElementComparator(LabServer::comparePoints).containsExactlyElementsOf(points));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("pages")
    void eachClaimHoldsOnThePlottedData(Lesson lesson, Language language) {
        Preset opening = lesson.presets().get(0);
        open(lesson, language, opening, "&speed=" + LabServer.FAST);
        Set<String> shown = new LinkedHashSet<>();
        for (Preset preset : lesson.presets()) {
            if (preset != opening) {
                switchTo(preset);
            }
            Map<String, List<SeriesPoint>> plotted;
            if (preset.setup() instanceof Setup.Estimate) {
                plotted = page.estimateSeries();
            } else if (preset.setup() instanceof Setup.Activations) {
                plotted = page.activationsSeries();
            } else if (preset.setup() instanceof Setup.Search) {
                page.runSearch();
                plotted = page.searchSeries();
            } else {
                page.runToEnd();
                plotted = page.plottedSeries();
            }
            Claim.Verdict verdict = preset.claim().check(plotted);
            assertThat(verdict.holds()).as(lesson.slug() + "/" + preset.id() + ": " + verdict.explanation()).isTrue();
            String view = view(preset);
            if (shown.add(view)) {                                  // the first preset of each kind of view
                page.scrollPanelToTop();
                browser.screenshot(String.format("%02d-%s-%s%s", lesson.order(), lesson.slug(),
                        shown.size() == 1 ? "" : preset.id() + "-", language.code()));
            }
        }
    }

    /** Which view a preset shows: its kind, and for races whether it trains a network. */
    private static String view(Preset preset) {
        if (preset.setup() instanceof Setup.Race race) {
            return race.experiment().problem() instanceof TrainingProblem ? "training-race" : "race";
        }
        return preset.kind();
    }

    /** Chooses {@code preset} in the preset menu and waits until its experiment is ready. */
    private void switchTo(Preset preset) {
        String race = page.experimentId();
        String search = page.searchId();
        new Select(page.element("preset-select")).selectByValue(preset.id());
        if (isRace(preset)) {
            page.waitFor("the experiment of preset " + preset.id(), d -> !page.experimentId().equals(race)
                    && "paused".equals(page.state()));
        } else {
            waitUntilReady(preset, search);
        }
    }
}

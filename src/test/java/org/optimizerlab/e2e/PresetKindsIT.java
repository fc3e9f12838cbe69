package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.Preset;
import org.optimizerlab.lesson.SeriesPoint;
import org.optimizerlab.lesson.Setup;
import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.train.TrainingProblem;

/**
 * The views of the initialization and tuning lessons beyond the happy path, on the first lesson of the served
 * course with each kind: a value the server refuses gets its error beside the control (a problem field of a
 * training race, the work of an activation study, the trials of a search) and the page stays usable; a problem
 * choice restarts a race with the new value; the downloads hold what the page shows.
 */
@ExtendWith({LabServer.Extension.class, Browser.Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PresetKindsIT {
    private LabServer server;
    private Browser browser;
    private LessonPage page;

    @BeforeAll
    void start(LabServer labServer, Browser sharedBrowser) {
        server = labServer;
        browser = sharedBrowser;
        page = new LessonPage(browser.driver());
    }

    /** The first lesson and preset of the course that matches. */
    private static Preset find(Predicate<Preset> wanted, Lesson[] lesson) {
        for (Lesson l : LabServer.course().lessons()) {
            for (Preset p : l.presets()) {
                if (wanted.test(p)) {
                    lesson[0] = l;
                    return p;
                }
            }
        }
        throw new AssertionError("no preset of that kind in the served course");
    }

    private String url(Lesson lesson, Preset preset, String query) {
        return server.url("/lessons/" + lesson.slug() + "?lang=en&preset=" + preset.id() + query);
    }

    private static WebElement error(WebElement control) {
        return control.findElements(By.className("field-error")).stream().findFirst().orElse(null);
    }

    @Test
    void aTrainingRacesProblemControlsRestartItOrShowTheServersError() {
        Lesson[] lesson = new Lesson[1];
        Preset preset = find(p -> p.setup() instanceof Setup.Race race
                && race.experiment().problem() instanceof TrainingProblem
                && p.controls().fields().values().stream().anyMatch(f -> f instanceof org.optimizerlab.lesson.ControlField.Choice)
                && p.controls().fields().values().stream().anyMatch(f -> f instanceof org.optimizerlab.lesson.ControlField.Slider), lesson);
        page.open(url(lesson[0], preset, "&speed=" + LabServer.FAST));
        String choice = preset.controls().fields().entrySet().stream()
                .filter(e -> e.getValue() instanceof org.optimizerlab.lesson.ControlField.Choice).findFirst().orElseThrow()
                .getKey();
        Select select = new Select(page.control("spec.problem." + choice).findElement(By.tagName("select")));
        String other = select.getOptions().stream().map(o -> o.getAttribute("value"))
                .filter(v -> !v.equals(select.getFirstSelectedOption().getAttribute("value"))).findFirst().orElseThrow();
        String before = page.experimentId();
        select.selectByValue(other);
        page.waitFor("the race restarted with " + choice + " = " + other, d -> !page.experimentId().equals(before));
        assertThat(page.shareLink()).contains(choice + "=" + other);
        assertThat(page.js("return JSON.parse(document.getElementById('lesson-data').textContent) && true")).isEqualTo(true);

        String number = preset.controls().fields().entrySet().stream()
                .filter(e -> e.getValue() instanceof org.optimizerlab.lesson.ControlField.Slider
                        && !org.optimizerlab.lesson.Controls.FIELD_NAMES
                        .contains(e.getKey())).findFirst().orElseThrow().getKey();
        WebElement control = page.control("spec.problem." + number);
        page.type(control.findElement(By.cssSelector("input.number-box")), "-5");
        WebElement shown = page.waitFor("the server's error beside " + number, d -> error(control));
        assertThat(shown.getText()).contains(" " + number + ": ").contains("-5").doesNotContain("spec.problem");
        page.runToEnd();                                            // the previous settings still run
        assertThat(page.plottedSeries().keySet()).anyMatch(k -> k.startsWith("accuracy/") || k.startsWith("ratio/"));
    }

    @Test
    void anActivationStudyTheServerRefusesSaysSoBesideTheControlAndRecovers() throws IOException {
        Lesson[] lesson = new Lesson[1];
        Preset preset = find(p -> p.setup() instanceof Setup.Activations && p.controls().fields().containsKey("width"),
                lesson);
        page.open(url(lesson[0], preset, ""), lesson[0].slug());
        page.activationsSeries();
        page.type(page.numberBox("problem.width"), "5000");
        page.waitFor("the server's refusal", d -> "error".equals(page.element("activations-status")
                .getAttribute("data-state")));
        WebElement shown = error(page.control("problem.width"));
        assertThat(shown).as("the error beside width").isNotNull();
        assertThat(shown.getText()).contains("width: ").contains("5000").doesNotContain("problem.width");
        assertThat(page.numberBox("problem.width").getAttribute("aria-invalid")).isEqualTo("true");
        page.type(page.numberBox("problem.width"), "20");
        page.waitFor("the study again", d -> "done".equals(page.element("activations-status").getAttribute("data-state")));
        assertThat(page.element("experiment-panel").findElements(By.cssSelector(".activations-view .field-error")))
                .isEmpty();
        int layers = ((Setup.Activations) preset.setup()).study().config().layers();
        assertThat(page.activationsSeries().get("std")).hasSize(layers);

        browser.clearDownloads();
        page.click("download-csv");
        List<String> csv = Files.readAllLines(download(".csv"));
        assertThat(csv.get(0)).startsWith("layer,mean,std,min,max,from_");
        assertThat(csv).hasSize(layers + 1);
        List<SeriesPoint> std = page.activationsSeries().get("std");
        assertThat(Double.parseDouble(csv.get(layers).split(",")[2])).isEqualTo(std.get(layers - 1).loss());
        page.click("download-json");
        JsonNode json = new ObjectMapper().readTree(download(".json").toFile());
        assertThat(json.get("answer").get("layers")).hasSize(layers);
        assertThat(json.get("answer").get("problem").get("width").asInt()).isEqualTo(20);
    }

    @Test
    void aSearchWithTooManyTrialsSaysSoBesideTrialsAndTheFixedOneRuns() throws IOException {
        Lesson[] lesson = new Lesson[1];
        Preset preset = find(p -> p.setup() instanceof Setup.Search && p.controls().fields().containsKey("trials"),
                lesson);
        page.open(url(lesson[0], preset, ""), lesson[0].slug());
        page.waitFor("the search to wait for Start", d -> "paused".equals(page.searchState()));
        WebElement trials = page.control("spec.search.trials");
        page.type(page.numberBox("spec.search.trials"), "1000");
        WebElement shown = page.waitFor("the server's error beside trials", d -> error(trials));
        assertThat(shown.getText()).contains("1000").doesNotContain("spec.search");
        String before = page.searchId();
        page.type(page.numberBox("spec.search.trials"), "3");
        page.waitFor("a search of 3 trials", d -> !page.searchId().equals(before) && "paused".equals(page.searchState()));
        assertThat(error(page.control("spec.search.trials"))).isNull();
        page.runSearch();
        SearchSpec spec = ((Setup.Search) preset.setup()).search();
        int expected = 3 + (spec.refine().isPresent() ? spec.refine().get().trials() : 0);
        assertThat(page.searchSeries().get("trials")).hasSize(expected);

        browser.clearDownloads();
        page.click("download-csv");
        List<String> csv = Files.readAllLines(download(".csv"));
        assertThat(csv.get(0)).isEqualTo("trial,round,lr,reg,dropout,train_loss,train_accuracy,val_loss,val_accuracy,"
                + "diverged,best");
        assertThat(csv).hasSize(expected + 1);
        assertThat(csv.stream().filter(line -> line.endsWith(",true"))).hasSize(1);
        page.click("download-json");
        JsonNode json = new ObjectMapper().readTree(download(".json").toFile());
        assertThat(json.get("trials")).hasSize(expected);
        assertThat(json.get("spec").get("search").get("trials").asInt()).isEqualTo(3);
    }

    /** The one finished download whose name ends with {@code suffix}. */
    private Path download(String suffix) {
        return page.waitFor("a downloaded " + suffix + " file", d -> {
            try (var files = Files.list(browser.downloads())) {
                return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

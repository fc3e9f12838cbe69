package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optimizerlab.lesson.Language;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.Setup;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/**
 * axe-core (Deque's engine, run inside the page the test's Chromium shows) over every page a student or an
 * instructor opens: the index, every lesson, the 404 page, the instructor's sign-in and, signed in, the class view
 * (with a student in it), the challenges (with one open) and the lessons page, in both languages, at a desktop width
 * (1280 px) and a narrow one (500 px), lessons before and after Start: no violation of impact serious or critical.
 * Text axe cannot judge (generated content, such as the source view's line numbers) is measured from the real colours
 * ({@code e2e/low-contrast.js}): WCAG AA.
 */
@ExtendWith({LabServer.Extension.class, Browser.Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityIT {
    private static final Set<String> BLOCKING = Set.of("serious", "critical");
    private static final List<Integer> WIDTHS = List.of(1280, 500);

    private LabServer server;
    private Browser browser;
    private LessonPage page;

    @BeforeAll
    void start(LabServer labServer, Browser sharedBrowser) {
        server = labServer;
        browser = sharedBrowser;
        page = new LessonPage(browser.driver());
    }

    static Stream<Arguments> lessons() {
        return LabServer.course().lessons().stream()
                .filter(lesson -> !lesson.slug().startsWith("kind-"))
                .flatMap(lesson -> Stream.of(Language.values()).map(language -> Arguments.of(lesson, language)));
    }

    static Stream<Arguments> otherPages() {
        return Stream.of("/", "/no-such-page", "/instructor/login").flatMap(path -> Stream.of(Language.values())
                .map(language -> Arguments.of(path, language)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("otherPages")
    void pagesWithoutAnExperimentHaveNoSeriousViolation(String path, Language language) {
        List<String> problems = new ArrayList<>();
        for (int width : WIDTHS) {
            resize(width);
            page.open(server.url(path + "?lang=" + language.code()), path);
            problems.addAll(blocking(path + " at " + width + " px"));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theInstructorsSignedInPagesHaveNoSeriousViolation() {
        try (TestServer instructorServer = TestServer.start(); WsClient student = WsClient.connect(instructorServer)) {
            student.send("{\"type\": \"hello\", \"student\": \"s1\", \"lesson\": \"descent\", "
                    + "\"preset\": \"valley\", \"name\": \"Ana\"}");
            String base = "http://127.0.0.1:" + instructorServer.port();
            var driver = browser.driver();
            resize(WIDTHS.get(0));
            driver.get(base + "/instructor/login#token=" + TestServer.INSTRUCTOR_TOKEN);
            new WebDriverWait(driver, LessonPage.TIMEOUT).until(d -> d.getCurrentUrl().endsWith("/instructor"));
            page.open(base + "/instructor/challenges?lang=en", "challenges");
            new WebDriverWait(driver, LessonPage.TIMEOUT).until(d -> !d.findElements(By.cssSelector(
                    "#ch-preset option")).isEmpty());
            driver.findElement(By.id("ch-open")).click();                  // a challenge, so its board shows
            List<String> problems = new ArrayList<>();
            for (Language language : Language.values()) {
                for (int width : WIDTHS) {
                    resize(width);
                    String where = " " + language.code() + " at " + width + " px";
                    page.open(base + "/instructor?lang=" + language.code(), "class view");
                    new WebDriverWait(driver, LessonPage.TIMEOUT, Duration.ofMillis(50)).until(d -> !d.findElements(
                            By.cssSelector("#class-students tbody tr")).isEmpty());
                    problems.addAll(blocking("/instructor (a student connected)" + where));
                    page.open(base + "/instructor/challenges?lang=" + language.code(), "challenges");
                    new WebDriverWait(driver, LessonPage.TIMEOUT, Duration.ofMillis(50)).until(d ->
                            d.findElement(By.id("board")).isDisplayed());
                    problems.addAll(blocking("/instructor/challenges (one open)" + where));
                    page.open(base + "/instructor/lessons?lang=" + language.code(), "lessons");
                    problems.addAll(blocking("/instructor/lessons" + where));
                }
            }
            assertThat(problems).isEmpty();
        }
    }

    static Stream<Arguments> contrastPages() {
        return Stream.of("momentum", "sgd", "tuning").flatMap(slug -> Stream.of(Language.values())
                .map(language -> Arguments.of(slug, language)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("contrastPages")
    void allTextMeetsAaContrastIncludingWhatAxeCannotJudge(String slug, Language language) {
        List<String> problems = new ArrayList<>();
        for (int width : WIDTHS) {
            resize(width);
            page.open(server.url("/lessons/" + slug + "?lang=" + language.code() + "&speed=" + LabServer.FAST), slug);
            page.waitFor("the experiment panel", d -> (Boolean) page.js(
                    "return !!document.querySelector('#experiment-panel button')"));
            if (!slug.equals("tuning")) {
                page.waitFor("the experiment to be ready", d -> "paused".equals(page.state()));
                page.startAndWaitForMoreThan(3);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> low = (Map<String, Object>) page.js(LOW_CONTRAST);
            low.forEach((what, count) -> problems.add(slug + " at " + width + " px: " + count + " x " + what));
        }
        assertThat(problems).isEmpty();
    }

    /** A script answering {what: count} of text below WCAG AA contrast on the page. */
    static final String LOW_CONTRAST = resource("/e2e/low-contrast.js");

    private static String resource(String name) {
        try (InputStream in = AccessibilityIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lessons")
    void lessonPagesHaveNoSeriousViolationBeforeOrAfterStart(Lesson lesson, Language language) {
        boolean race = lesson.presets().get(0).setup() instanceof Setup.Race;
        List<String> problems = new ArrayList<>();
        for (int width : WIDTHS) {
            resize(width);
            String url = server.url("/lessons/" + lesson.slug() + "?lang=" + language.code() + "&speed="
                    + LabServer.FAST);
            if (race) {
                page.open(url);
            } else {
                page.open(url, lesson.slug());
            }
            problems.addAll(blocking(lesson.slug() + " at " + width + " px, before Start"));
            if (race) {
                page.startAndWaitForMoreThan(3);                          // charts, readout and table filled
                problems.addAll(blocking(lesson.slug() + " at " + width + " px, after Start"));
            }
        }
        assertThat(problems).isEmpty();
    }

    private void resize(int width) {
        browser.driver().manage().window().setSize(new Dimension(width, Browser.HEIGHT));
    }

    /** The serious and critical violations on the page now, one line each with the elements concerned. */
    private List<String> blocking(String where) {
        return blocking(browser.driver(), where);
    }

    /** The serious and critical violations on the page {@code driver} shows now (also used by other page tests). */
    static List<String> blocking(WebDriver driver, String where) {
        Results results = new AxeBuilder().analyze(driver);
        List<String> found = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if (BLOCKING.contains(rule.getImpact())) {
                List<String> targets = rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(5)
                        .toList();
                found.add(where + ": " + rule.getId() + " (" + rule.getImpact() + ", " + rule.getNodes().size()
                        + " elements) " + targets + " — " + rule.getHelp());
            }
        }
        return found;
    }
}

package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Dimension;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.Setup;
import org.optimizerlab.web.ServerLimits;

/**
 * A class server that is full: a server of its own holding one session, where a second tab is told, in its
 * language, that the server is full and for how many students, keeps trying again with a growing delay, and gets
 * in once the first tab is closed. Screenshots of the message at a laptop's and a phone's width, in both languages.
 */
@ExtendWith(Browser.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionNoticesIT {
    private static final Pattern FULL_EN = Pattern.compile(
            "The class server is full \\(1 students\\); trying again in (\\d+) s\\.");
    private static final Pattern FULL_ZH = Pattern.compile("课堂服务器已满（1 名学生）；(\\d+) 秒后重试。");

    private LabServer server;
    private Browser browser;
    private LessonPage page;
    private Lesson lesson;

    @BeforeAll
    void start(Browser sharedBrowser) {
        ServerLimits d = ServerLimits.DEFAULT;
        server = LabServer.start(new ServerLimits(1, d.maxSteps(), d.maxRuns(), d.maxMessageBytes(),
                d.messagesPerSecond(), d.messageBurst(), d.maxStepsPerSecond(), d.maxPointsPerRun(), d.workerThreads(),
                d.maxSearches(), d.work(), d.connections()));
        lesson = LabServer.course().lessons().stream()
                .filter(l -> l.presets().get(0).setup() instanceof Setup.Race)
                .findFirst().orElseThrow(() -> new AssertionError("no lesson whose first preset is a race"));
        browser = sharedBrowser;
        page = new LessonPage(browser.driver());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    private String url(String lang) {
        return server.url("/lessons/" + lesson.slug() + "?lang=" + lang);
    }

    /** Waits until the page says the server is full in the words of {@code sentence}; returns the seconds it says. */
    private int fullNotice(Pattern sentence) {
        Matcher m = page.waitFor("the server-full notice (" + sentence + ")", d -> {
            Matcher found = sentence.matcher(page.statusText());
            return "offline".equals(page.state()) && found.matches() ? found : null;
        });
        return Integer.parseInt(m.group(1));
    }

    private void screenshots(String name) {
        for (int width : new int[] {1366, 390}) {
            browser.driver().manage().window().setSize(new Dimension(width, width > 1000 ? 900 : 844));
            page.js("document.getElementById('experiment-status').scrollIntoView({block: 'center'})");
            browser.screenshot(name + "-" + width);
        }
        browser.driver().manage().window().setSize(new Dimension(Browser.WIDTH, Browser.HEIGHT));
    }

    @Test
    void aSecondTabOnAFullServerIsToldSoInItsLanguageAndGetsInWhenASeatFrees() {
        page.open(url("en"));                                  // the one session the server holds
        String first = browser.driver().getWindowHandle();
        browser.newTab();

        browser.driver().get(url("en"));
        assertThat(fullNotice(FULL_EN)).isBetween(1, 2);
        screenshots("connection-full-en");
        page.waitFor("the tries to back off (the delay grows past 2 s)", d -> {
            Matcher m = FULL_EN.matcher(page.statusText());
            return m.matches() && Integer.parseInt(m.group(1)) >= 3;
        });

        browser.driver().get(url("zh"));
        fullNotice(FULL_ZH);
        assertThat(page.element("search-status").getAttribute("textContent")).as("the search view's status too")
                .matches(FULL_ZH);
        screenshots("connection-full-zh");

        String second = browser.driver().getWindowHandle();
        browser.driver().switchTo().window(first).close();
        browser.driver().switchTo().window(second);
        page.waitFor("the second tab to get in once the first is closed", d -> "paused".equals(page.state()));
        assertThat(browser.consoleErrors()).as("console errors").allMatch(e -> e.contains("WebSocket"));
    }
}

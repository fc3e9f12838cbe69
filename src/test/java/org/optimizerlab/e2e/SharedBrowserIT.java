package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Dimension;

/**
 * The browser the test classes share: one Chromium for the test JVM, where each class (or test) gets a fresh
 * context that keeps nothing of the ones before (cookies, the language remembered, local and session storage,
 * windows, their size, history, console messages, downloads), and a browser of its own starts with an empty profile
 * even where an earlier run left one.
 */
@ExtendWith({LabServer.Extension.class, Browser.Extension.class})
class SharedBrowserIT {

    /** Leaves in the browser everything a test can leave: storage, cookies, a second tab, a size, errors, a file. */
    private static void leaveTraces(LabServer server, Browser browser) throws IOException {
        LessonPage page = new LessonPage(browser.driver());
        page.open(server.url("/?lang=zh"), "the index in Chinese");                // the language cookie
        page.js("localStorage.setItem('left', 'behind'); sessionStorage.setItem('left', 'behind');"
                + "document.cookie = 'left=behind; path=/; max-age=3600'; console.error('left behind');");
        browser.newTab();
        page.open(server.url("/lessons"), "a second page");
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        Files.writeString(browser.downloads().resolve("left-behind.csv"), "x\n");
        assertThat(browser.driver().getWindowHandles()).hasSize(2);
    }

    @Test
    void aFreshContextKeepsNothingOfTheOneBefore(LabServer server, Browser browser) throws IOException {
        leaveTraces(server, browser);

        browser.freshContext();

        assertThat(browser.driver().getWindowHandles()).as("windows").hasSize(1);
        assertThat(browser.driver().manage().window().getSize()).isEqualTo(new Dimension(Browser.WIDTH, Browser.HEIGHT));
        assertThat(browser.consoleErrors()).as("console errors of the context before").isEmpty();
        assertThat(browser.downloads()).isEmptyDirectory();
        LessonPage page = new LessonPage(browser.driver()).open(server.url("/"), "the index");
        assertThat(browser.driver().manage().getCookies()).as("cookies").isEmpty();
        assertThat(page.js("return document.documentElement.lang")).as("the language of a page without ?lang")
                .asString().startsWith("en");
        assertThat(page.js("return [localStorage.length, sessionStorage.length]"))
                .as("local and session storage").isEqualTo(List.of(0L, 0L));
    }

    @Test
    void everyResolutionIsTheSameBrowser(Browser first, Browser second) {
        assertThat(second).isSameAs(first);
        assertThat(second.driver().getSessionId()).isEqualTo(first.driver().getSessionId());
    }

    @Test
    void aNewTabSharesItsContextsStorage(LabServer server, Browser browser) {
        LessonPage page = new LessonPage(browser.driver()).open(server.url("/"), "the index");
        page.js("localStorage.setItem('student', 'ada')");
        browser.newTab();
        page.open(server.url("/"), "the index in a second tab");
        assertThat(page.js("return localStorage.getItem('student')")).isEqualTo("ada");
    }

    @Test
    void aBrowserOfItsOwnStartsWithAnEmptyProfile(LabServer server) {
        try (Browser earlier = Browser.start("empty-profile")) {
            earlier.driver().get(server.url("/?lang=zh"));                   // a cookie kept for a year
            assertThat(earlier.driver().manage().getCookies()).isNotEmpty();
        }
        try (Browser later = Browser.start("empty-profile")) {
            LessonPage page = new LessonPage(later.driver()).open(server.url("/"), "the index");
            assertThat(later.driver().manage().getCookies()).as("cookies of the run before").isEmpty();
            assertThat(page.js("return document.documentElement.lang")).asString().startsWith("en");
        }
    }
}

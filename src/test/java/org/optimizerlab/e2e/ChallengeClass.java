package org.optimizerlab.e2e;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optimizerlab.app.AppFactory;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.web.ServerLimits;

/**
 * A class for challenge tests in real browsers: the app on a free port serving one test course (the class in
 * memory, the instructor token {@link TestServer#INSTRUCTOR_TOKEN}) and a browser of its own for the instructor and
 * each student; closing it closes the browsers still open, then stops the server.
 */
final class ChallengeClass implements AutoCloseable {

    /** A student: display name, page language, the lesson's {@code run} query and that run's spec for the engine. */
    record Student(String name, String lang, String run, String spec) {
    }

    private final Javalin app;
    private final List<Browser> browsers = new ArrayList<>();

    private ChallengeClass(Javalin app) {
        this.app = app;
    }

    /** Starts the server on the test course {@code course} (a folder under the test resources' lessons). */
    static ChallengeClass start(String course) {
        return new ChallengeClass(AppFactory.create(TestServer.config(ServerLimits.DEFAULT)
                .withLessonsDir(TestLessons.folder(course))).start());
    }

    /** {@code http://127.0.0.1:PORT/path}. */
    String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    /** A browser of its own (files under {@code target/e2e/<name>}), closed with the class unless closed before. */
    Browser browser(String name) {
        Browser browser = Browser.start(name);
        browsers.add(browser);
        return browser;
    }

    /** A browser signed in as the instructor (English), on {@code /instructor}. */
    Browser instructor(String name) {
        Browser browser = browser(name);
        browser.driver().get(url("/instructor/login?lang=en#token=" + TestServer.INSTRUCTOR_TOKEN));
        waiting(browser.driver()).until(d -> d.getCurrentUrl().endsWith("/instructor"));
        return browser;
    }

    /** Closes a browser before the class ends (a student who has left). */
    void leave(Browser browser) {
        browser.close();
        browsers.remove(browser);
    }

    /**
     * A 20 s wait that ignores stale elements: the class view and the leaderboard re-draw their rows as students come
     * and go, so a row found in one poll may be gone in the next.
     */
    static WebDriverWait waiting(ChromeDriver driver) {
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class);
    }

    /** The lesson page's challenge card, once one is shown. */
    static WebElement challengeCard(ChromeDriver page) {
        return waiting(page).until(d -> d.findElements(By.cssSelector(".challenge-card")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** The names on the instructor's leaderboard, top first, once it has {@code rows} rows. */
    static List<String> leaderboardNames(ChromeDriver teacher, int rows) {
        waiting(teacher).until(d -> d.findElements(By.cssSelector("#leaderboard tbody tr")).size() == rows);
        return teacher.findElements(By.cssSelector("#leaderboard tbody tr td:nth-child(2)")).stream()
                .map(WebElement::getText).toList();
    }

    /** Scrolls {@code element} to the top and saves a PNG of it as {@code target/screenshots/<name>.png}. */
    static void elementShot(ChromeDriver driver, WebElement element, String name) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(dir.resolve(name + ".png"), element.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            browsers.forEach(Browser::close);
        } finally {
            app.stop();
        }
    }
}

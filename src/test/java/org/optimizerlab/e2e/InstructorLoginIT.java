package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optimizerlab.app.AppFactory;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.web.ServerLimits;

/**
 * The sign-in link the server prints ({@code /instructor/login#token=...}) in a real browser: it signs the
 * instructor in, the token never stays in the address or the history, a wrong one shows the error, and signing
 * out returns to the form.
 */
@ExtendWith(Browser.Extension.class)
class InstructorLoginIT {

    private Javalin app;
    private Browser browser;

    @BeforeEach
    void start(Browser sharedBrowser) {
        app = AppFactory.create(TestServer.config(ServerLimits.DEFAULT)).start();
        browser = sharedBrowser;
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    @Test
    void thePrintedLinkSignsInAndLeavesNoTokenInTheAddressOrHistory() {
        ChromeDriver driver = browser.driver();
        driver.get(url("/?lang=en"));
        driver.get(url("/instructor/login#token=" + TestServer.INSTRUCTOR_TOKEN));
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/instructor"));
        assertThat(driver.findElement(By.id("signed-in")).getText()).startsWith(
                "You are signed in as the instructor since ").contains("from 127.0.0.1");
        assertThat(driver.getCurrentUrl()).doesNotContain(TestServer.INSTRUCTOR_TOKEN);
        browser.screenshot("instructor-signed-in");

        driver.navigate().back();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("#")
                || d.getCurrentUrl().contains(TestServer.INSTRUCTOR_TOKEN));
        assertThat(driver.getCurrentUrl()).as("the entry before /instructor").doesNotContain(
                TestServer.INSTRUCTOR_TOKEN, "#token");

        driver.get(url("/instructor/login#token=" + TestServer.INSTRUCTOR_TOKEN));
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("signed-in")).isEmpty());
        assertThat(driver.getCurrentUrl()).as("the link again, already signed in").doesNotContain(
                TestServer.INSTRUCTOR_TOKEN);

        driver.get(url("/instructor"));
        driver.findElement(By.cssSelector("#instructor-logout button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/instructor/login"));
        driver.get(url("/instructor"));
        assertThat(driver.getCurrentUrl()).as("signed out").endsWith("/instructor/login");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aWrongTokenInTheLinkShowsTheErrorAndLeavesTheAddress() {
        ChromeDriver driver = browser.driver();
        driver.get(url("/instructor/login?lang=en#token=not-the-instructor-token"));
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("login-error")).isEmpty());
        assertThat(driver.findElement(By.id("login-error")).getText()).isEqualTo("That is not the instructor token.");
        assertThat(driver.getCurrentUrl()).doesNotContain("not-the-instructor-token");
        browser.screenshot("instructor-login-wrong-token");
        assertThat(browser.consoleErrors()).as("only the refused sign-in itself").allMatch(e -> e.contains("401"));
    }
}

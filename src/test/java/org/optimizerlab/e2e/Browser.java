package org.optimizerlab.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Debian Chromium driven by Debian's chromedriver, set up to work offline: the driver path is given so
 * Selenium Manager never runs, and the profile, HOME and XDG folders live under {@code target/}. Missing browser
 * packages fail the test with the command that installs them; browser tests never skip.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String INSTALL = "apt-get install -y chromium chromium-driver";
    /** Window size of every test page: wide enough for the text beside the experiment. */
    static final int WIDTH = 1440;
    static final int HEIGHT = 1000;
    /** The tallest screenshot window. */
    static final int MAX_SCREENSHOT_HEIGHT = 4000;

    private final ChromeDriver driver;

    private final Path downloads;

    private Browser(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    /** Starts a browser whose files go under {@code target/e2e/<name>}. */
    static Browser start(String name) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser tests need Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + "; install them with: " + INSTALL);
        }
        Path base = Path.of("target", "e2e", name).toAbsolutePath();
        Path home = directory(base.resolve("home"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("HOME", home.toString(),
                        "XDG_CONFIG_HOME", directory(home.resolve(".config")).toString(),
                        "XDG_CACHE_HOME", directory(home.resolve(".cache")).toString()))
                .withLogFile(base.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--disable-extensions",
                "--disable-features=Translate,MediaRouter", "--window-size=" + WIDTH + "," + HEIGHT,
                "--lang=en-US", "--user-data-dir=" + directory(base.resolve("profile")));
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", directory(base.resolve("downloads")).toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new Browser(new ChromeDriver(service, options), base.resolve("downloads"));
    }

    private static Path directory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder downloads go to (emptied by {@link #clearDownloads}). */
    Path downloads() {
        return downloads;
    }

    /** Deletes every file in the downloads folder. */
    void clearDownloads() {
        try (var files = Files.list(downloads)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** The console messages of level SEVERE since the last call (errors, failed requests, uncaught exceptions). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /**
     * Saves a PNG under {@code target/screenshots/<name>.png} of a window tall enough to show the whole experiment
     * panel beside the start of the text, as a student on a tall screen sees it; the window size is restored after.
     */
    Path screenshot(String name) {
        Path file = directory(Path.of("target", "screenshots")).resolve(name + ".png");
        Dimension size = driver.manage().window().getSize();
        Number panel = (Number) driver.executeScript(
                "const p = document.getElementById('experiment-panel'); return p ? p.scrollHeight : 0;");
        int height = Math.min(MAX_SCREENSHOT_HEIGHT, Math.max(size.getHeight(), panel.intValue() + 160));
        try {
            driver.manage().window().setSize(new Dimension(size.getWidth(), height));
            settle();
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(size);
        }
        return file;
    }

    /** Waits for two animation frames, so charts have redrawn at a new size. */
    private void settle() {
        driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "requestAnimationFrame(() => requestAnimationFrame(done));");
    }

    @Override
    public void close() {
        driver.quit();
    }
}

package org.optimizerlab.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Debian Chromium driven by Debian's chromedriver, set up to work offline: the driver path is given so
 * Selenium Manager never runs, and the profile, HOME and XDG folders live under {@code target/} (the profile made
 * afresh at each start). Missing browser packages fail the test with the command that installs them; browser tests
 * never skip.
 *
 * <p>Most test classes share one browser per test JVM through {@link Extension}: each {@code Browser} parameter
 * it resolves is that browser moved to a fresh browser context ({@link #freshContext}), so a class (a parameter of
 * {@code @BeforeAll}) or a test (of {@code @BeforeEach}) starts with no cookies, storage, history or windows of the
 * tests before it. Tests that need several browsers at once start their own with {@link #start}.
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
    /** The browser-wide DevTools connection (browser contexts, downloads), opened at the first fresh context. */
    private DevTools devTools;
    /** The browser context of the current window; null while it is the default one of the start. */
    private String context;

    private Browser(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    /** Starts a browser of its own whose files go under {@code target/e2e/<name>}, with an empty profile. */
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
                "--lang=en-US", "--user-data-dir=" + emptyDirectory(base.resolve("profile")));
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", directory(base.resolve("downloads")).toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new Browser(new ChromeDriver(service, options), base.resolve("downloads"));
    }

    /** The folder, emptied of what an earlier run left there (a profile keeps cookies and storage across runs). */
    private static Path emptyDirectory(Path path) {
        if (Files.exists(path)) {
            try (Stream<Path> old = Files.walk(path)) {
                for (Path file : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return directory(path);
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

    /**
     * Moves this browser to a fresh browser context, as a new incognito profile is: no cookies, local or session
     * storage, cache or history of earlier contexts. Its one window is blank and of the default size; every window
     * of earlier contexts is closed and those contexts discarded, the downloads folder emptied and the console log
     * drained.
     */
    void freshContext() {
        String previous = context;
        context = (String) browserCommand("Target.createBrowserContext", Map.of()).get("browserContextId");
        browserCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString(), "browserContextId", context));
        String window = newWindowInContext();
        for (String handle : driver.getWindowHandles()) {
            if (!handle.equals(window)) {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(window);
        if (previous != null) {
            browserCommand("Target.disposeBrowserContext", Map.of("browserContextId", previous));
        }
        driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        clearDownloads();
        consoleErrors();
    }

    /**
     * Opens a blank tab in the current context and switches to it (chromedriver's {@code newWindow} would open it
     * in the default context, outside the test's own cookies and storage).
     */
    String newTab() {
        String window = newWindowInContext();
        driver.switchTo().window(window);
        return window;
    }

    private String newWindowInContext() {
        Map<String, Object> target = context == null ? Map.of("url", "about:blank")
                : Map.of("url", "about:blank", "browserContextId", context);
        return (String) browserCommand("Target.createTarget", target).get("targetId");
    }

    /** Sends a DevTools command to the browser itself (not to a page): browser contexts are the browser's. */
    private Map<String, Object> browserCommand(String method, Map<String, Object> params) {
        if (devTools == null) {
            devTools = driver.getDevTools();
        }
        return devTools.send(new Command<Map<String, Object>>(method, params, json -> json.read(Json.MAP_TYPE)));
    }

    @Override
    public void close() {
        try {
            if (devTools != null) {
                devTools.close();
            }
        } finally {
            driver.quit();
        }
    }

    /**
     * Resolves {@link Browser} parameters with the one shared browser of the test JVM, moved to a fresh context at
     * each resolution; JUnit closes it after the last test. Its files go under {@code target/e2e/shared-<fork>}.
     */
    static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Browser.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            Browser shared = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(
                    Browser.class, key -> start("shared-" + LabServer.FORK), Browser.class);
            shared.freshContext();
            return shared;
        }
    }
}

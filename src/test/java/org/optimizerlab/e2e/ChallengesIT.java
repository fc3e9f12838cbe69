package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.optimizerlab.app.AppFactory;
import org.optimizerlab.testing.EngineScores;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.web.ServerLimits;

/**
 * A challenge in real browsers: the instructor opens one on the banana valley (fewest steps to a loss below
 * 1e-3), three students in their own browsers (English and Chinese pages) submit different experiments from the
 * lesson page, the instructor's leaderboard orders them as the engine scores them, and the CSV downloads.
 * Screenshots of the challenge card and the leaderboard at 1366 and 390 px in both languages.
 */
class ChallengesIT {

    private record Student(String name, String lang, String run, String spec) {
    }

    private static final List<Student> STUDENTS = List.of(
            new Student("Ada", "en", "a:adam,lr=0.1",
                    "{\"id\": \"a\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.1}}"),
            new Student("李雷", "zh", "m:momentum,lr=0.002,mu=0.95",
                    "{\"id\": \"m\", \"optimizer\": {\"type\": \"momentum\", \"lr\": 0.002, \"mu\": 0.95}}"),
            new Student("Sam", "en", "s:sgd,lr=0.002",
                    "{\"id\": \"s\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.002}}"));

    private Javalin app;
    private final List<Browser> browsers = new ArrayList<>();

    @BeforeEach
    void start() {
        app = AppFactory.create(TestServer.config(ServerLimits.DEFAULT)
                .withLessonsDir(TestLessons.folder("challenges"))).start();
    }

    @AfterEach
    void stop() {
        try {
            browsers.forEach(Browser::close);
        } finally {
            app.stop();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    private Browser browser(String name) {
        Browser browser = Browser.start(name);
        browsers.add(browser);
        return browser;
    }

    private static WebDriverWait waiting(ChromeDriver driver) {
        // The class view re-draws its rows as students come and go: a row found in one poll may be gone in the next.
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class);
    }

    /** The engine's own score of one run: the first step with a loss below 1e-3 from the challenge's start. */
    private static int engineScore(String run) {
        return EngineScores.firstStepBelow("{\"problem\": {\"type\": \"rosenbrock\"}, \"start\": [-1.5, 2.0], "
                + "\"steps\": 1000, \"runs\": [" + run + "]}", 1e-3)
                .orElseThrow(() -> new AssertionError("the run never reaches the goal: " + run));
    }

    private static void elementShot(ChromeDriver driver, WebElement element, String name) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(dir.resolve(name + ".png"), element.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theChallengeCardAndTheClassViewKnowOneStudentIdAndName() throws Exception {
        Browser instructor = browser("challenge-one-id-instructor");
        ChromeDriver teacher = instructor.driver();
        teacher.get(url("/instructor/login?lang=en#token=" + TestServer.INSTRUCTOR_TOKEN));
        waiting(teacher).until(d -> d.getCurrentUrl().endsWith("/instructor"));
        Object opened = teacher.executeScript("return fetch('/api/instructor/challenges', {method: 'POST', "
                + "headers: {'Content-Type': 'application/json'}, body: JSON.stringify({lesson: 'banana', "
                + "preset: 'banana', goal: {type: 'steps-to-loss', threshold: 0.001, steps: 1000}})})"
                + ".then(r => r.status)");
        assertThat(opened).isEqualTo(201L);

        ChromeDriver page = browser("challenge-one-id-student").driver();
        page.get(url("/?lang=en"));
        // a browser that used the challenge card before: its id and name were kept under the card's own keys
        page.executeScript("localStorage.setItem('optlab.studentId', 'legacy0123456789');"
                + "localStorage.setItem('optlab.displayName', 'Grace');");
        page.get(url("/lessons/banana?lang=en&preset=banana&run=a:adam,lr=0.1"));
        WebElement card = waiting(page).until(d -> d.findElements(By.cssSelector(".challenge-card")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(card.findElement(By.cssSelector(".challenge-name")).getDomProperty("value")).isEqualTo("Grace");
        WebElement name = card.findElement(By.cssSelector(".challenge-name"));
        name.clear();
        name.sendKeys("Grace Hopper");
        card.findElement(By.cssSelector(".challenge-submit")).click();
        waiting(page).until(d -> card.findElement(By.cssSelector(".challenge-status")).getText()
                .startsWith("Scored: "));
        assertThat(page.executeScript("return localStorage.getItem('optlab.student.id')"))
                .as("the page's student id is the one the challenge card used").isEqualTo("legacy0123456789");
        waiting(page).until(d -> "Grace Hopper".equals(page.findElement(By.cssSelector("#student-name summary"))
                .getText()));

        teacher.get(url("/instructor?lang=en"));
        waiting(teacher).until(d -> d.findElements(By.cssSelector("#class-students tbody tr")).stream()
                .anyMatch(row -> "legacy0123456789".equals(row.getDomAttribute("data-student"))
                        && row.getText().startsWith("Grace Hopper")));
        assertThat(teacher.findElements(By.cssSelector("#class-students tbody tr"))).as("one student, one row")
                .hasSize(1);
    }

    @Test
    void threeStudentsSubmitAndTheLeaderboardRanksThemAsTheEngineScoresThem() throws Exception {
        Browser instructor = browser("challenge-instructor");
        ChromeDriver teacher = instructor.driver();
        teacher.get(url("/instructor/login?lang=en#token=" + TestServer.INSTRUCTOR_TOKEN));
        waiting(teacher).until(d -> d.getCurrentUrl().endsWith("/instructor"));
        teacher.findElement(By.id("challenges-link")).click();
        waiting(teacher).until(d -> d.findElements(By.cssSelector("#ch-preset option")).size() == 2);
        new Select(teacher.findElement(By.id("ch-preset"))).selectByIndex(0);
        new Select(teacher.findElement(By.id("ch-goal"))).selectByValue("steps-to-loss");
        teacher.findElement(By.id("ch-threshold")).clear();
        teacher.findElement(By.id("ch-threshold")).sendKeys("0.001");
        teacher.findElement(By.id("ch-budget")).clear();
        teacher.findElement(By.id("ch-budget")).sendKeys("1000");
        teacher.findElement(By.id("ch-show")).click();
        teacher.findElement(By.id("ch-title")).sendKeys("Race to 1e-3");
        teacher.findElement(By.id("ch-open")).click();
        waiting(teacher).until(d -> d.findElement(By.id("board")).isDisplayed());
        assertThat(teacher.findElement(By.id("board-goal")).getText())
                .startsWith("Fewest steps until the loss is below 0.001 (at most 1000 steps).");

        for (int i = 0; i < STUDENTS.size(); i++) {
            Student s = STUDENTS.get(i);
            Browser browser = browser("challenge-student-" + i);
            ChromeDriver page = browser.driver();
            page.get(url("/lessons/banana?lang=" + s.lang() + "&preset=banana&run=" + s.run()));
            WebElement card = waiting(page).until(d -> d.findElements(By.cssSelector(".challenge-card")).stream()
                    .filter(WebElement::isDisplayed).findFirst().orElse(null));
            assertThat(card.findElement(By.cssSelector(".challenge-goal")).getText()).isEqualTo(s.lang().equals("zh")
                    ? "用最少的步数使损失低于 0.001（最多 1000 步）。"
                    : "Fewest steps until the loss is below 0.001 (at most 1000 steps).");
            WebElement name = card.findElement(By.cssSelector(".challenge-name"));
            name.clear();
            if (s.lang().equals("zh")) {         // no name yet: refused, the field named, in the page's language
                card.findElement(By.cssSelector(".challenge-submit")).click();
                waiting(page).until(d -> card.findElement(By.cssSelector(".challenge-status")).getText()
                        .equals("未计分：name：第一次提交时必须填写：排行榜上显示的名字"));
            }
            name.sendKeys(s.name());
            card.findElement(By.cssSelector(".challenge-submit")).click();
            int expected = engineScore(s.spec());
            String scored = s.lang().equals("zh") ? "成绩：" + expected + " 步" : "Scored: " + expected + " steps";
            waiting(page).until(d -> card.findElement(By.cssSelector(".challenge-status")).getText()
                    .startsWith(scored));
            if (i == 2) {                         // the instructor shows the leaderboard: all three, in order
                card.findElement(By.cssSelector(".challenge-board summary")).click();
                waiting(page).until(d -> card.findElements(By.cssSelector(".challenge-board tbody tr")).size() == 3);
            }
            if (i > 0) {
                for (int width : new int[] {1366, 390}) {
                    page.manage().window().setSize(new Dimension(width, 900));
                    elementShot(page, page.findElement(By.id("challenge-panel")),
                            "challenge-panel-" + s.lang() + "-" + width);
                }
            }
            assertThat(browser.consoleErrors()).as("only the refused submission").allMatch(e -> e.contains(" 400 "));
            browser.close();
            browsers.remove(browser);
        }

        List<Student> byScore = new ArrayList<>(STUDENTS);
        byScore.sort(Comparator.comparingInt(s -> engineScore(s.spec())));
        List<String> expectedNames = byScore.stream().map(Student::name).toList();
        waiting(teacher).until(d -> d.findElements(By.cssSelector("#leaderboard tbody tr")).size() == 3);
        List<String> names = teacher.findElements(By.cssSelector("#leaderboard tbody tr td:nth-child(2)")).stream()
                .map(WebElement::getText).toList();
        assertThat(names).isEqualTo(expectedNames);
        assertThat(teacher.findElement(By.cssSelector("#leaderboard tbody tr td:nth-child(4)")).getText())
                .isEqualTo("sgd (lr=0.002)");
        for (String lang : new String[] {"en", "zh"}) {
            teacher.get(url("/instructor/challenges?lang=" + lang));
            waiting(teacher).until(d -> d.findElements(By.cssSelector("#leaderboard tbody tr")).size() == 3);
            for (int width : new int[] {1366, 390}) {
                teacher.manage().window().setSize(new Dimension(width, 1000));
                String suffix = lang + "-" + width;
                elementShot(teacher, teacher.findElement(By.id("board")), "challenge-leaderboard-" + suffix);
                elementShot(teacher, teacher.findElement(By.id("main")), "challenge-instructor-" + suffix);
            }
        }

        instructor.clearDownloads();
        teacher.findElement(By.id("board-csv")).click();
        Path csv = instructor.downloads().resolve("challenge-1-leaderboard.csv");
        waiting(teacher).until(d -> Files.exists(csv));
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(rows).hasSize(4);
        for (int i = 0; i < 3; i++) {
            assertThat(rows.get(i + 1)).startsWith("\"" + (i + 1) + "\",\"" + expectedNames.get(i) + "\",\""
                    + engineScore(byScore.get(i).spec()) + ".0\"");
        }

        teacher.findElement(By.id("board-close")).click();
        teacher.switchTo().alert().accept();
        waiting(teacher).until(d -> !d.findElement(By.id("board-close")).isDisplayed());
        assertThat(instructor.consoleErrors()).isEmpty();
    }
}

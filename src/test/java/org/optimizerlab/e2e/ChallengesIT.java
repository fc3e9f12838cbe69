package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.e2e.ChallengeClass.challengeCard;
import static org.optimizerlab.e2e.ChallengeClass.elementShot;
import static org.optimizerlab.e2e.ChallengeClass.leaderboardNames;
import static org.optimizerlab.e2e.ChallengeClass.waiting;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.optimizerlab.e2e.ChallengeClass.Student;
import org.optimizerlab.testing.EngineScores;

/**
 * A challenge in real browsers: the instructor opens one on the banana valley (fewest steps to a loss below
 * 1e-3), three students in their own browsers (English and Chinese pages) submit different experiments from the
 * lesson page, the instructor's leaderboard orders them as the engine scores them, and the CSV downloads.
 * Screenshots of the challenge card and the leaderboard at 1366 and 390 px in both languages.
 */
class ChallengesIT {

    private static final List<Student> STUDENTS = List.of(
            new Student("Ada", "en", "a:adam,lr=0.1",
                    "{\"id\": \"a\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.1}}"),
            new Student("李雷", "zh", "m:momentum,lr=0.002,mu=0.95",
                    "{\"id\": \"m\", \"optimizer\": {\"type\": \"momentum\", \"lr\": 0.002, \"mu\": 0.95}}"),
            new Student("Sam", "en", "s:sgd,lr=0.002",
                    "{\"id\": \"s\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.002}}"));

    private ChallengeClass room;

    @BeforeEach
    void start() {
        room = ChallengeClass.start("challenges");
    }

    @AfterEach
    void stop() {
        room.close();
    }

    /** The engine's own score of one run: the first step with a loss below 1e-3 from the challenge's start. */
    private static int engineScore(String run) {
        return EngineScores.firstStepBelow("{\"problem\": {\"type\": \"rosenbrock\"}, \"start\": [-1.5, 2.0], "
                + "\"steps\": 1000, \"runs\": [" + run + "]}", 1e-3)
                .orElseThrow(() -> new AssertionError("the run never reaches the goal: " + run));
    }

    @Test
    void theChallengeCardAndTheClassViewKnowOneStudentIdAndName() throws Exception {
        Browser instructor = room.instructor("challenge-one-id-instructor");
        ChromeDriver teacher = instructor.driver();
        Object opened = teacher.executeScript("return fetch('/api/instructor/challenges', {method: 'POST', "
                + "headers: {'Content-Type': 'application/json'}, body: JSON.stringify({lesson: 'banana', "
                + "preset: 'banana', goal: {type: 'steps-to-loss', threshold: 0.001, steps: 1000}})})"
                + ".then(r => r.status)");
        assertThat(opened).isEqualTo(201L);

        ChromeDriver page = room.browser("challenge-one-id-student").driver();
        page.get(room.url("/?lang=en"));
        // a browser that used the challenge card before: its id and name were kept under the card's own keys
        page.executeScript("localStorage.setItem('optlab.studentId', 'legacy0123456789');"
                + "localStorage.setItem('optlab.displayName', 'Grace');");
        page.get(room.url("/lessons/banana?lang=en&preset=banana&run=a:adam,lr=0.1"));
        WebElement card = challengeCard(page);
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

        teacher.get(room.url("/instructor?lang=en"));
        waiting(teacher).until(d -> d.findElements(By.cssSelector("#class-students tbody tr")).stream()
                .anyMatch(row -> "legacy0123456789".equals(row.getDomAttribute("data-student"))
                        && row.getText().startsWith("Grace Hopper")));
        assertThat(teacher.findElements(By.cssSelector("#class-students tbody tr"))).as("one student, one row")
                .hasSize(1);
    }

    @Test
    void threeStudentsSubmitAndTheLeaderboardRanksThemAsTheEngineScoresThem() throws Exception {
        Browser instructor = room.instructor("challenge-instructor");
        ChromeDriver teacher = instructor.driver();
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
            Browser browser = room.browser("challenge-student-" + i);
            ChromeDriver page = browser.driver();
            page.get(room.url("/lessons/banana?lang=" + s.lang() + "&preset=banana&run=" + s.run()));
            WebElement card = challengeCard(page);
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
            room.leave(browser);
        }

        List<Student> byScore = new ArrayList<>(STUDENTS);
        byScore.sort(Comparator.comparingInt(s -> engineScore(s.spec())));
        List<String> expectedNames = byScore.stream().map(Student::name).toList();
        List<String> names = leaderboardNames(teacher, 3);
        assertThat(names).isEqualTo(expectedNames);
        assertThat(teacher.findElement(By.cssSelector("#leaderboard tbody tr td:nth-child(4)")).getText())
                .isEqualTo("sgd (lr=0.002)");
        for (String lang : new String[] {"en", "zh"}) {
            teacher.get(room.url("/instructor/challenges?lang=" + lang));
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

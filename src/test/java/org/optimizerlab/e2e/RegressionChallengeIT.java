package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.e2e.ChallengeClass.challengeCard;
import static org.optimizerlab.e2e.ChallengeClass.elementShot;
import static org.optimizerlab.e2e.ChallengeClass.leaderboardNames;
import static org.optimizerlab.e2e.ChallengeClass.waiting;

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
 * A challenge on a regression table in the browser (the test course {@code regression}): the instructor page offers
 * "lowest validation loss" for the regression preset, two students submit from the lesson page (en, zh) and are
 * told their validation loss, and the leaderboard puts the lower loss first, as the engine scores them.
 * Screenshots {@code regression-challenge-*}.
 */
class RegressionChallengeIT {
    private static final List<Student> STUDENTS = List.of(
            new Student("Sam", "en", "s:sgd,lr=0.005",
                    "{\"id\": \"s\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.005}}"),
            new Student("李雷", "zh", "m:momentum,lr=0.05,mu=0.9",
                    "{\"id\": \"m\", \"optimizer\": {\"type\": \"momentum\", \"lr\": 0.05, \"mu\": 0.9}}"));

    private ChallengeClass room;

    @BeforeEach
    void start() {
        room = ChallengeClass.start("regression");
    }

    @AfterEach
    void stop() {
        room.close();
    }

    @Test
    void twoStudentsAreRankedByTheServersValidationLossLowestFirst() {
        ChromeDriver teacher = room.instructor("regression-instructor").driver();
        teacher.findElement(By.id("challenges-link")).click();
        waiting(teacher).until(d -> d.findElements(By.cssSelector("#ch-preset option")).size() == 1);
        new Select(teacher.findElement(By.id("ch-preset"))).selectByIndex(0);
        assertThat(new Select(teacher.findElement(By.id("ch-goal"))).getFirstSelectedOption().getAttribute("value"))
                .as("the goal that fits a regression preset").isEqualTo("validation-loss");
        assertThat(teacher.findElement(By.id("ch-threshold")).isDisplayed()).isFalse();
        teacher.findElement(By.id("ch-budget")).clear();
        teacher.findElement(By.id("ch-budget")).sendKeys("8");
        teacher.findElement(By.id("ch-show")).click();
        teacher.findElement(By.id("ch-open")).click();
        waiting(teacher).until(d -> d.findElement(By.id("board")).isDisplayed());
        assertThat(teacher.findElement(By.id("board-goal")).getText()).startsWith("Lowest validation loss (mean "
                + "squared error on the held-out rows) within 8 epochs; lower is better.");

        for (int i = 0; i < STUDENTS.size(); i++) {
            Student s = STUDENTS.get(i);
            Browser browser = room.browser("regression-student-" + i);
            ChromeDriver page = browser.driver();
            page.get(room.url("/lessons/synthetic?lang=" + s.lang() + "&preset=fit&run=" + s.run()));
            WebElement card = challengeCard(page);
            assertThat(card.findElement(By.cssSelector(".challenge-goal")).getText()).isEqualTo(s.lang().equals("zh")
                    ? "在 8 个周期内达到最低的验证损失（留出行上的均方误差），越低越好。"
                    : "Lowest validation loss (mean squared error on the held-out rows) within 8 epochs; lower is "
                    + "better.");
            card.findElement(By.cssSelector(".challenge-name")).sendKeys(s.name());
            card.findElement(By.cssSelector(".challenge-submit")).click();
            String scored = s.lang().equals("zh") ? "成绩：验证损失 " : "Scored: validation loss ";
            waiting(page).until(d -> card.findElement(By.cssSelector(".challenge-status")).getText()
                    .startsWith(scored));
            page.manage().window().setSize(new Dimension(390, 900));
            elementShot(page, page.findElement(By.id("challenge-panel")), "regression-challenge-panel-" + s.lang());
            assertThat(browser.consoleErrors()).isEmpty();
        }

        double sam = EngineScores.lowestValidationLossOnRegressionTable("[" + STUDENTS.get(0).spec() + "]", 8);
        double lei = EngineScores.lowestValidationLossOnRegressionTable("[" + STUDENTS.get(1).spec() + "]", 8);
        assertThat(lei).isLessThan(sam);
        List<String> names = leaderboardNames(teacher, 2);
        assertThat(names).as("the lower validation loss first, though sent second").containsExactly("李雷", "Sam");
        for (String lang : new String[] {"en", "zh"}) {
            teacher.get(room.url("/instructor/challenges?lang=" + lang));
            waiting(teacher).until(d -> d.findElements(By.cssSelector("#leaderboard tbody tr")).size() == 2);
            for (int width : new int[] {1366, 390}) {
                teacher.manage().window().setSize(new Dimension(width, 1000));
                elementShot(teacher, teacher.findElement(By.id("main")), "regression-challenge-instructor-" + lang
                        + "-" + width);
            }
        }
    }
}

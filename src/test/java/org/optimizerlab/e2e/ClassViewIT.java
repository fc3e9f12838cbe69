package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.optimizerlab.app.AppFactory;
import org.optimizerlab.classroom.ClassroomConfig;
import org.optimizerlab.classroom.InstructorToken;
import org.optimizerlab.testing.TestServer;

/**
 * The class in real browsers: an instructor and three students (English and Chinese pages). The instructor's
 * class view shows the students, their names and lessons live; "Send to class" on a lesson page reaches every
 * student on that lesson as a banner in their language, Open loads the experiment exactly and "Back to my
 * experiment" returns to theirs; a push to everyone reaches the student on another lesson. Screenshots of
 * {@code /instructor} and the banner at 1366 and 390 px, in both languages.
 */
class ClassViewIT {
    private static final String OWN_QUERY = "preset=valley&start=-2,1";
    private static final String SENT_QUERY = "preset=friction&run=mu0:momentum,lr=0.05,mu=0"
            + "&run=mu09:nesterov,lr=0.02,mu=0.9&start=-1.5,1.25&speed=120&log=0";

    private Javalin app;
    private final List<Browser> browsers = new ArrayList<>();
    private final List<LessonPage> pages = new ArrayList<>();

    @BeforeEach
    void start() {
        LabServer.mergeLessons();
        app = AppFactory.create(LabServer.config().withClassroom(ClassroomConfig.inMemory()
                .withToken(InstructorToken.of(TestServer.INSTRUCTOR_TOKEN)))).start();
    }

    @AfterEach
    void stop() {
        try {
            for (Browser browser : browsers) {
                browser.close();
            }
        } finally {
            app.stop();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    private LessonPage browser(String name) {
        Browser browser = Browser.start("class-view-" + name);
        browsers.add(browser);
        LessonPage page = new LessonPage(browser.driver());
        pages.add(page);
        return page;
    }

    @Test
    void theClassViewShowsTheStudentsLiveAndAPushReachesTheirLessonAndOpensExactly() {
        LessonPage teacher = browser("instructor");
        LessonPage ana = browser("ana");
        LessonPage bo = browser("bo");
        LessonPage chen = browser("chen");
        ChromeDriver teacherDriver = browsers.get(0).driver();

        teacherDriver.get(url("/instructor/login?lang=en#token=" + TestServer.INSTRUCTOR_TOKEN));
        teacher.waitFor("the class view", d -> !d.findElements(By.cssSelector("#class-status")).isEmpty()
                && d.getCurrentUrl().endsWith("/instructor"));

        ana.open(url("/lessons/momentum?lang=en&" + OWN_QUERY));
        setName(ana, "Ana <i>the first</i>");
        bo.open(url("/lessons/momentum?lang=zh"));
        chen.open(url("/lessons/sgd?lang=zh"));

        teacher.waitFor("three students in the class view", d -> rows(teacher).size() == 3
                && lessonCount(teacher, "momentum").equals("2") && lessonCount(teacher, "sgd").equals("1")
                && rows(teacher).stream().anyMatch(r -> r.get("text").contains("Ana <i>the first</i>")));
        assertThat(teacher.js("return document.querySelectorAll('#class-students i').length"))
                .as("a name is text, never HTML").isEqualTo(0L);
        assertThat(rows(teacher).stream().map(r -> r.get("text")).toList())
                .anySatisfy(text -> assertThat(text).startsWith("student ").contains("sgd"));

        ana.click("btn-start");
        teacher.waitFor("Ana's experiment shown running (or done)", d -> rows(teacher).stream()
                .anyMatch(r -> r.get("text").contains("Ana") && List.of("running", "done").contains(r.get("state"))));
        screenshots(teacher, "class-view-en", 1300);
        teacherDriver.get(url("/instructor?lang=zh"));
        teacher.waitFor("the Chinese class view", d -> rows(teacher).size() == 3);
        assertThat(teacher.element("class-students").getText()).contains("名字", "学生 ");
        screenshots(teacher, "class-view-zh", 1300);

        teacher.open(url("/lessons/momentum?lang=en&" + SENT_QUERY));
        teacher.waitFor("Send to class", d -> !d.findElements(By.id("class-send")).isEmpty());
        String sent = queryWithoutLang(teacher);
        teacher.element("class-send-title").clear();
        teacher.element("class-send-title").sendKeys("Friction, mu = 0");
        teacher.click(teacher.element("class-send").findElement(By.cssSelector("button[type=submit]")));
        teacher.waitFor("the push sent", d -> teacher.element("class-send-status").getText()
                .equals("Sent to 2 connected students."));

        ana.waitFor("the banner (en)", d -> ana.element("class-push").isDisplayed());
        assertThat(ana.element("class-push").getText()).contains("Your instructor sent an experiment: Friction, mu = 0",
                "Open", "Dismiss");
        bo.waitFor("the banner (zh)", d -> bo.element("class-push").isDisplayed());
        assertThat(bo.element("class-push").getText()).contains("老师发来了一个实验：Friction, mu = 0", "打开", "忽略");
        screenshots(ana, "push-banner-en", 800);
        screenshots(bo, "push-banner-zh", 800);
        assertThat(chen.element("class-push").isDisplayed()).as("another lesson's student").isFalse();

        String own = queryWithoutLang(ana);
        ana.click(ana.element("class-push").findElement(By.className("class-push-open")));
        ana.waitFor("the pushed experiment", d -> "paused".equals(ana.state()) && queryWithoutLang(ana).contains("friction"));
        assertThat(queryWithoutLang(ana).split("&")).as("everything the instructor's page had, as it had it")
                .contains(sent.split("&")).noneMatch(part -> part.contains("mu099"));
        assertThat(ana.element("log-scale").isSelected()).isFalse();
        assertThat(new Select(ana.element("preset-select")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("friction");
        assertThat(ana.js("return new URLSearchParams(location.search).get('lang')")).isEqualTo("en");
        ana.click("class-push-back");
        ana.waitFor("Ana's own experiment again", d -> "paused".equals(ana.state()) && queryWithoutLang(ana).equals(own));

        teacher.element("class-send-title").clear();
        teacher.element("class-send-title").sendKeys("For everyone");
        new Select(teacher.element("class-send-audience")).selectByValue("everyone");
        teacher.click(teacher.element("class-send").findElement(By.cssSelector("button[type=submit]")));
        chen.waitFor("the push to everyone", d -> chen.element("class-push").isDisplayed()
                && chen.element("class-push").getText().contains("For everyone"));

        for (Browser browser : browsers) {
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    private static void setName(LessonPage page, String name) {
        page.click(page.element("student-name").findElement(By.tagName("summary")));
        page.element("student-name-input").sendKeys(name);
        page.click(page.element("student-name-form").findElement(By.tagName("button")));
        page.waitFor("the name saved and shown", d -> page.element("student-name").getAttribute("open") == null
                && page.element("student-name").findElement(By.tagName("summary")).getText().equals(name));
    }

    /** The class view's rows (text and state), read in one script: the page redraws them every second. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> rows(LessonPage teacher) {
        return (List<Map<String, String>>) teacher.js("return Array.from("
                + "document.querySelectorAll('#class-students tbody tr'), r => ({text: r.innerText, state: r.dataset.state}));");
    }

    private static String lessonCount(LessonPage teacher, String slug) {
        return (String) teacher.js("const n = document.querySelector(`#class-lessons li[data-lesson='${arguments[0]}'] "
                + "strong`); return n ? n.textContent : '';", slug);
    }

    private static String queryWithoutLang(LessonPage page) {
        return (String) page.js("const p = new URLSearchParams(location.search); p.delete('lang'); return p.toString();");
    }

    /** The window at 1366 and at 390 px wide, {@code height} tall, under {@code target/screenshots/}. */
    private void screenshots(LessonPage page, String name, int height) {
        ChromeDriver driver = browsers.get(pages.indexOf(page)).driver();
        Dimension size = driver.manage().window().getSize();
        try {
            for (int width : new int[] {1366, 390}) {
                driver.manage().window().setSize(new Dimension(width, height));
                page.js("return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));");
                Files.write(Files.createDirectories(Path.of("target", "screenshots"))
                        .resolve(name + "-" + width + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(size);
        }
    }
}

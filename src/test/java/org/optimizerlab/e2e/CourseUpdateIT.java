package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.optimizerlab.app.AppFactory;
import org.optimizerlab.testing.Pictures;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.web.ServerLimits;

/**
 * The instructor's lessons folder seen from a student's page: a lesson with a picture, and an open page that learns
 * the lesson was reloaded, says so in its language, and reloads with its experiment kept. Screenshots of the
 * picture and of the notice at a laptop's and a phone's width, in both languages.
 */
@ExtendWith(Browser.Extension.class)
class CourseUpdateIT {

    @TempDir
    Path folder;
    private Javalin app;
    private Browser browser;
    private LessonPage page;

    @BeforeEach
    void start(Browser sharedBrowser) {
        TestLessons.copy("valid", folder);
        Pictures.write(folder.resolve("01-descent/surface.png"), Pictures.drawn("png", 480, 220));
        TestLessons.edit(folder.resolve("01-descent/en.md"), "\n\n", "\n\n![The loss surface](surface.png)\n\n");
        TestLessons.edit(folder.resolve("01-descent/zh.md"), "\n\n", "\n\n![损失曲面](surface.png)\n\n");
        app = AppFactory.create(TestServer.config(ServerLimits.DEFAULT).withLessonsDir(folder)).start();
        browser = sharedBrowser;
        page = new LessonPage(browser.driver());
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    private String version() {
        return (String) page.js("return fetch('/api/course/version').then(r => r.json()).then(v => v.version)");
    }

    /** Edits a lesson file, waits until the server serves the new version, and lets the page check. */
    private void changeOnTheServer(String file, String from, String to) {
        String before = version();
        TestLessons.edit(folder.resolve(file), from, to);
        Poll.until("the watcher serves the change", Duration.ofSeconds(15), () -> !version().equals(before));
        page.js("window.dispatchEvent(new Event('focus'))");            // as when the student comes back to the tab
        page.waitFor("the notice", d -> !d.findElements(By.id("course-updated")).isEmpty());
    }

    private void screenshots(String name, String elementId) {
        for (int width : new int[] {1366, 390}) {
            browser.driver().manage().window().setSize(new Dimension(width, width > 1000 ? 900 : 844));
            page.js("document.getElementById(arguments[0]).scrollIntoView({block: 'center'})", elementId);
            browser.screenshot(name + "-" + width);
        }
        browser.driver().manage().window().setSize(new Dimension(Browser.WIDTH, Browser.HEIGHT));
    }

    @Test
    void anOpenPageIsToldOfTheUpdateAndReloadsWithItsExperiment() {
        page.open(url("/lessons/descent?lang=en"));
        Object loaded = page.js("const img = document.querySelector('#lesson-text img');"
                + "return img && img.complete ? [img.naturalWidth, img.getAttribute('src')] : null");
        assertThat(loaded).isEqualTo(java.util.List.of(480L, "/lessons/descent/files/surface.png"));
        page.js("document.querySelector('#lesson-text img').id = 'lesson-picture'");
        screenshots("lesson-picture-en", "lesson-picture");

        String before = page.experimentId();
        page.type(page.numberBox("spec.runs[0].optimizer.lr"), "0.001");
        page.waitFor("the experiment with the new lr", d -> !page.experimentId().equals(before));
        assertThat(page.shareLink()).contains("lr=0.001");
        assertThat(browser.driver().getCurrentUrl()).contains("lr=0.001");

        changeOnTheServer("01-descent/en.md", "title: Gradient descent", "title: Gradient descent, revised");
        assertThat(page.element("course-updated").getText().split("\n"))
                .containsExactly("This lesson was updated.", "Reload (your experiment is kept in the link)");
        assertThat(page.element("course-updated").getAttribute("role")).isEqualTo("status");
        screenshots("course-updated-en", "course-updated");

        page.click("course-updated-reload");
        page.waitFor("the reloaded page", d -> d.findElement(By.tagName("h1")).getText()
                .equals("Gradient descent, revised"));
        page.waitFor("the experiment at step 0", d -> "paused".equals(page.state()));
        assertThat(browser.driver().getCurrentUrl()).contains("lr=0.001");
        assertThat(page.numberBox("spec.runs[0].optimizer.lr").getDomProperty("value")).isEqualTo("0.001");
        assertThat(browser.driver().findElements(By.id("course-updated"))).as("the page is current").isEmpty();
    }

    @Test
    void theNoticeAndThePictureReadInChinese() {
        page.open(url("/lessons/descent?lang=zh"));
        page.js("document.querySelector('#lesson-text img').id = 'lesson-picture'");
        assertThat(page.js("return document.querySelector('#lesson-text img').alt")).isEqualTo("损失曲面");
        screenshots("lesson-picture-zh", "lesson-picture");
        changeOnTheServer("01-descent/zh.md", "title: 梯度下降", "title: 梯度下降（修订）");
        assertThat(page.element("course-updated").getText().split("\n"))
                .containsExactly("本课已更新。", "重新加载（你的实验保存在链接里）");
        screenshots("course-updated-zh", "course-updated");
    }

    @Test
    void theOpenIndexIsToldTheLessonsChangedInItsLanguage() {
        page.open(url("/?lang=en"), "the index");
        changeOnTheServer("02-english-only/en.md", "valley\"", "valley, renamed\"");
        assertThat(page.element("course-updated").getText().split("\n"))
                .containsExactly("The lessons were updated.", "Reload the list");
        assertThat(page.element("course-updated").getAttribute("role")).isEqualTo("status");
        screenshots("index-updated-en", "course-updated");
        page.click("course-updated-reload");
        page.waitFor("the list with the new title", d -> d.findElement(By.id("lesson-list")).getText()
                .contains("Rosenbrock's valley, renamed"));
        assertThat(browser.driver().findElements(By.id("course-updated"))).as("the list is current").isEmpty();

        page.open(url("/?lang=zh"), "the Chinese index");
        changeOnTheServer("02-english-only/en.md", "renamed\"", "renamed again\"");
        assertThat(page.element("course-updated").getText().split("\n"))
                .containsExactly("课程已更新。", "重新加载列表");
        screenshots("index-updated-zh", "course-updated");
    }

    @Test
    void theInstructorSeesARefusedChangeAndReloadsByHand() {
        var driver = browser.driver();
        driver.get(url("/?lang=en"));
        driver.get(url("/instructor/login#token=" + TestServer.INSTRUCTOR_TOKEN));
        page.waitFor("signed in", d -> d.getCurrentUrl().endsWith("/instructor"));
        driver.findElement(By.id("instructor-lessons-link")).click();
        page.waitFor("the lessons page", d -> d.getCurrentUrl().endsWith("/instructor/lessons"));
        TestLessons.edit(folder.resolve("02-english-only/en.md"), "order: 2", "order: 5");
        TestLessons.edit(folder.resolve("01-descent/en.md"), "(surface.png)", "(surfaces.png)");
        page.waitFor("the refusal", d -> {
            d.navigate().refresh();
            return !d.findElements(By.id("reload-refused")).isEmpty();
        });
        assertThat(driver.findElement(By.id("reload-refused")).getText()).contains("2 problems",
                "01-descent/en.md: line 7: picture 'surfaces.png' is not in the lesson's folder",
                "02-english-only/en.md: order: must equal the folder's position 2, got 5");
        screenshots("instructor-lessons-refused", "reload-refused");
        TestLessons.edit(folder.resolve("02-english-only/en.md"), "order: 5", "order: 2");
        TestLessons.edit(folder.resolve("01-descent/en.md"), "(surfaces.png)", "(surface.png)");
        driver.findElement(By.cssSelector("#lessons-reload button")).click();
        page.waitFor("the reload", d -> !d.findElements(By.id("reload-done")).isEmpty());
        assertThat(driver.findElement(By.id("reload-done")).getText()).contains("2 lessons");
    }
}

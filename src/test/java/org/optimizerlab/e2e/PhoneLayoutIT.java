package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.optimizerlab.lesson.Language;

/**
 * The experiment within reach of the text that talks about it, on a phone (390 px) and a laptop (1366 px), in both
 * languages: from the paragraph that says "press Start" the Start button is on screen at once (wide: the experiment
 * sticks beside the text) or after one keyboard action on the "Experiment" control (narrow), which then leads back
 * to the same paragraph; the readout shows parameters and optimizer state without scrolling sideways; every column
 * of the search table is reachable by keyboard, and a table that scrolls sideways shows a shadow at the edge where
 * more columns wait. Prints the distances it measured ({@code PHONE-LAYOUT ...}).
 */
@ExtendWith({LabServer.Extension.class, Browser.Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhoneLayoutIT {
    /** A phone's viewport (iPhone 12-15) and a common laptop's. */
    private static final Map<Integer, Integer> HEIGHTS = Map.of(390, 844, 1366, 768);
    /** The words of lesson 2 that send the reader to the experiment. */
    private static final Map<Language, String> PRESS_START = Map.of(Language.EN, "Press Start",
            Language.ZH, "点击开始");

    private LabServer server;
    private Browser browser;
    private LessonPage page;

    @BeforeAll
    void start(LabServer labServer, Browser sharedBrowser) {
        server = labServer;
        browser = sharedBrowser;
        page = new LessonPage(browser.driver());
    }

    static Stream<Arguments> widthsAndLanguages() {
        return Stream.of(390, 1366).flatMap(width -> Stream.of(Language.values())
                .map(language -> Arguments.of(width, language)));
    }

    @ParameterizedTest(name = "{0} px {1}")
    @MethodSource("widthsAndLanguages")
    void theStartButtonIsOneKeyboardActionFromTheTextThatSaysPressStart(int width, Language language) {
        resize(width);
        page.open(server.url("/lessons/momentum?lang=" + language.code()));
        WebElement paragraph = paragraphSaying(PRESS_START.get(language));
        WebElement start = page.element("btn-start");
        page.js("arguments[0].scrollIntoView({block: 'start'})", paragraph);
        long apart = Math.round(Math.abs(pageTop(start) - pageTop(paragraph)));
        boolean together = onScreen(start) && onScreen(paragraph);
        screenshot("phone-layout-" + width + "-" + language.code() + "-text");
        String where = width + " px " + language.code();
        System.out.printf("PHONE-LAYOUT %s (viewport %s): Start %d px from the paragraph in the page; both on "
                + "screen: %s%n", where, page.js("return innerWidth + 'x' + innerHeight"), apart, together);
        if (width >= 1100) {
            assertThat(together).as("the Start button beside the paragraph that says to press it").isTrue();
            assertThat(page.element("experiment-jump").isDisplayed()).as("no jump control beside the panel")
                    .isFalse();
            return;
        }
        assertThat(onScreen(start)).as("the experiment is below the text on a phone").isFalse();
        WebElement jump = page.element("experiment-jump");
        assertThat(onScreen(jump)).as("the Experiment control is in view while reading").isTrue();
        assertThat(jump.getText()).isEqualTo(language == Language.EN ? "Experiment" : "实验");
        page.js("arguments[0].focus()", jump);
        jump.sendKeys(Keys.ENTER);                                              // the one action
        page.waitFor("the Start button on screen after one action", d -> onScreen(start));
        assertThat(uncovered(start)).as("nothing sticky covers the Start button").isTrue();
        screenshot("phone-layout-" + width + "-" + language.code() + "-experiment");
        page.js("document.activeElement.blur(); arguments[0].focus()", jump);
        jump.sendKeys(Keys.TAB);
        assertThat((Boolean) page.js("return document.getElementById('experiment-panel')"
                + ".contains(document.activeElement)")).as("Tab goes on from the control into the experiment").isTrue();
        WebElement back = page.element("experiment-jump");
        page.waitFor("the control to lead back to the text", d -> back.getText().equals(
                language == Language.EN ? "Back to the text" : "回到课文"));
        assertThat(onScreen(back)).isTrue();
        back.sendKeys(Keys.ENTER);
        page.waitFor("the paragraph on screen again", d -> onScreen(paragraph));
    }

    @ParameterizedTest(name = "{0} px {1}")
    @MethodSource("widthsAndLanguages")
    void theReadoutShowsParametersAndStateWithoutScrollingSideways(int width, Language language) {
        resize(width);
        for (String lesson : List.of("momentum", "adam", "sgd")) {
            page.open(server.url("/lessons/" + lesson + "?lang=" + language.code() + "&speed=" + LabServer.FAST));
            page.startAndWaitForMoreThan(3);
            page.js("document.getElementById('btn-pause').click()");
            WebElement readout = page.element("readout");
            page.waitFor("the readout of " + lesson, d -> !readout.getText().isBlank());
            page.js("arguments[0].scrollIntoView({block: 'start'})", readout);
            String where = lesson + " at " + width + " px " + language.code();
            long hidden = ((Number) page.js("const r = arguments[0]; return r.scrollWidth - r.clientWidth;", readout))
                    .longValue();
            System.out.printf("PHONE-LAYOUT %s: readout wider than its box by %d px%n", where, hidden);
            screenshot("phone-layout-readout-" + lesson + "-" + width + "-" + language.code());
            assertThat(hidden).as("the readout of " + where + " needs no sideways scroll").isLessThanOrEqualTo(1);
            @SuppressWarnings("unchecked")
            List<WebElement> lastCells = (List<WebElement>) page.js("return [...arguments[0].querySelectorAll("
                    + "'tbody tr > :last-child, tbody tr > :nth-last-child(2), thead th:last-child')]", readout);
            for (WebElement cell : lastCells) {
                assertThat(inside(cell, readout)).as(where + ": '" + cell.getText() + "' inside the readout").isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0} px {1}")
    @MethodSource("widthsAndLanguages")
    void everyColumnOfTheSearchTableIsReachableAndATableThatScrollsSaysSo(int width, Language language) {
        resize(width);
        page.open(server.url("/lessons/tuning?lang=" + language.code() + "&preset=random-search"), "tuning");
        page.waitFor("the search to wait for Start", d -> "paused".equals(page.searchState()));
        String before = page.searchId();
        page.type(page.numberBox("spec.search.trials"), "4");
        page.waitFor("a search of 4 trials", d -> !page.searchId().equals(before)
                && "paused".equals(page.searchState()));
        page.runSearch();
        WebElement box = page.element("search-table").findElement(org.openqa.selenium.By.xpath(".."));
        page.js("arguments[0].scrollIntoView({block: 'center'})", box);
        assertThat(box.getAttribute("tabindex")).as("the keyboard reaches the table's scroll region").isEqualTo("0");
        long overflow = ((Number) page.js("return arguments[0].scrollWidth - arguments[0].clientWidth", box))
                .longValue();
        String where = width + " px " + language.code();
        System.out.printf("PHONE-LAYOUT search table %s: %d px of columns beyond the right edge%n", where, overflow);
        WebElement validation = (WebElement) page.js("return document.querySelector('#search-table thead')"
                + ".querySelector('th:nth-last-child(2)')");                // validation accuracy, then loss
        WebElement last = (WebElement) page.js("return document.querySelector('#search-table thead th:last-child')");
        if (overflow > 1) {
            screenshot("phone-layout-search-" + width + "-" + language.code());
            assertThat(brightestAtEdge(box, false)).as("a shadow at the right edge says more columns wait")
                    .isLessThan(235);
            page.js("arguments[0].focus()", box);
            for (int i = 0; i < 40 && !inside(last, box); i++) {
                box.sendKeys(Keys.ARROW_RIGHT);
            }
            assertThat(((Number) page.js("return arguments[0].scrollLeft", box)).longValue())
                    .as("the arrow keys scroll the focused table").isPositive();
            assertThat(brightestAtEdge(box, true)).as("a shadow at the left edge once scrolled").isLessThan(235);
        }
        assertThat(inside(validation, box)).as(where + ": validation accuracy reachable").isTrue();
        assertThat(inside(last, box)).as(where + ": the last column reachable").isTrue();
    }

    private void resize(int width) {
        browser.driver().manage().window().setSize(new Dimension(width, HEIGHTS.get(width)));
    }

    /** The innermost paragraph or list item of the lesson text containing {@code words}. */
    private WebElement paragraphSaying(String words) {
        return (WebElement) page.js("return [...document.querySelectorAll('#lesson-text p, #lesson-text li')]"
                + ".filter(e => e.textContent.includes(arguments[0])).pop()", words);
    }

    private double pageTop(WebElement element) {
        return ((Number) page.js("return arguments[0].getBoundingClientRect().top + window.scrollY", element))
                .doubleValue();
    }

    /** Whether the element's box lies wholly inside the viewport. */
    private boolean onScreen(WebElement element) {
        return (Boolean) page.js("const r = arguments[0].getBoundingClientRect(); return r.height > 0 && r.top >= 0"
                + " && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;", element);
    }

    /** Whether the element itself is what a tap at its centre hits. */
    private boolean uncovered(WebElement element) {
        return (Boolean) page.js("const r = arguments[0].getBoundingClientRect();"
                + "const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                + "return arguments[0] === hit || arguments[0].contains(hit);", element);
    }

    /** Whether {@code inner}'s box lies horizontally inside {@code outer}'s visible box. */
    private boolean inside(WebElement inner, WebElement outer) {
        return (Boolean) page.js("const a = arguments[0].getBoundingClientRect(), b = arguments[1].getBoundingClientRect();"
                + "return a.left >= b.left - 1 && a.right <= b.right + 1;", inner, outer);
    }

    /**
     * The brightest grey level of a strip 3 px wide at the left or right edge of the box, below its header row and
     * above its scroll bar: a white gap between rows shows 255 there unless a shadow darkens the whole edge.
     */
    private int brightestAtEdge(WebElement box, boolean left) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(box.getScreenshotAs(OutputType.BYTES)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double scale = image.getWidth() / ((Number) page.js("return arguments[0].getBoundingClientRect().width", box))
                .doubleValue();
        int header = (int) Math.ceil(scale * ((Number) page.js("return arguments[0].querySelector('thead')"
                + ".getBoundingClientRect().bottom - arguments[0].getBoundingClientRect().top", box)).doubleValue());
        int bottom = (int) Math.floor(scale * ((Number) page.js("return arguments[0].clientTop"
                + " + arguments[0].clientHeight", box)).doubleValue());          // above the scroll bar
        int right = (int) Math.floor(scale * ((Number) page.js("return arguments[0].clientLeft"
                + " + arguments[0].clientWidth", box)).doubleValue());
        int brightest = 0;
        for (int y = header + 2; y < Math.min(bottom, image.getHeight()) - 2; y++) {
            for (int dx = 2; dx < 5; dx++) {
                int x = left ? dx : Math.min(right, image.getWidth()) - 1 - dx;
                int rgb = image.getRGB(x, y);
                int grey = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
                brightest = Math.max(brightest, grey);
            }
        }
        return brightest;
    }

    private void screenshot(String name) {
        try {
            java.nio.file.Path folder = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target",
                    "screenshots"));
            java.nio.file.Files.write(folder.resolve(name + ".png"),
                    browser.driver().getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

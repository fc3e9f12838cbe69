package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Dimension;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.testing.WsClient;
import org.optimizerlab.web.ServerLimits;

/**
 * A server too busy for the speed a student chose: a server of one worker thread, four other students racing
 * heavy networks, and a page racing lesson 10's networks at the fastest speed is told the pace it really gets
 * ("server busy: N of 5000 steps/s"), in both languages; the notice goes with the pause. Screenshots at a laptop's and a phone's width.
 */
@ExtendWith(Browser.Extension.class)
class ServerBusyIT {
    private static final Pattern BUSY_EN = Pattern.compile("server busy: (\\d+) of 5000 steps/s");
    private static final Pattern BUSY_ZH = Pattern.compile("服务器繁忙：每秒 (\\d+) / 5000 步");

    /**
     * Eight full-batch networks on 300 points at the fastest speed: however fast the machine, each of these races
     * alone wants more than the one worker can give, so the worker is always full and the page's ticks wait behind
     * them. (At the default speed a fast machine kept up with four of them and the page was never held back.)
     */
    private static String heavyStart() {
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add("{\"id\": \"r" + i + "\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.01}}");
        }
        return "{\"type\": \"start\", \"spec\": {\"problem\": {\"type\": \"mlp-spiral\", \"hidden\": 100, "
                + "\"points_per_class\": 100}, \"epochs\": 100000, \"seed\": 1, \"runs\": [" + String.join(", ", runs)
                + "]}}";
    }

    @Test
    void aPageHeldBackByTheServerShowsItsRealPaceInItsLanguage(Browser browser) throws Exception {
        ServerLimits d = ServerLimits.DEFAULT;
        List<WsClient> others = new ArrayList<>();
        try (LabServer server = LabServer.start(new ServerLimits(d.maxSessions(), d.maxSteps(), d.maxRuns(),
                d.maxMessageBytes(), d.messagesPerSecond(), d.messageBurst(), d.maxStepsPerSecond(),
                d.maxPointsPerRun(), 1, d.maxSearches(), d.work(), d.connections()))) {
            Lesson lesson = LabServer.course().lessons().stream()
                    .filter(l -> l.presets().stream().anyMatch(p -> p.id().equals("lr-race")))
                    .findFirst().orElseThrow(() -> new AssertionError("no lesson with the lr-race preset"));
            LessonPage page = new LessonPage(browser.driver());
            // Both pages connect before the others start: once the races run below half their speed, the door
            // closes to new connections. The page races networks at the fastest speed, more than its fair share.
            List<String> tabs = new ArrayList<>();
            for (String lang : List.of("en", "zh")) {
                if (!tabs.isEmpty()) {
                    browser.newTab();
                }
                page.open(server.url("/lessons/" + lesson.slug() + "?preset=lr-race&epochs=3000&speed=5000&lang="
                        + lang));
                tabs.add(browser.driver().getWindowHandle());
            }
            HttpClient http = HttpClient.newHttpClient();
            URI socket = URI.create(server.url("/ws/experiment").replaceFirst("^http", "ws"));
            for (int i = 0; i < 4; i++) {
                others.add(WsClient.connect(http, socket).send("{\"type\": \"speed\", \"stepsPerSecond\": 5000}")
                        .send(heavyStart()));
            }
            for (int k = 0; k < tabs.size(); k++) {
                browser.driver().switchTo().window(tabs.get(k));
                page.click("btn-start");                // 300 steps: each tab races while it is looked at
                String lang = k == 0 ? "en" : "zh";
                Pattern busy = k == 0 ? BUSY_EN : BUSY_ZH;
                Matcher m = page.waitFor("the server-busy notice (" + lang + ")", driver -> {
                    Matcher found = busy.matcher(page.element("server-busy").getAttribute("textContent"));
                    return page.element("server-busy").isDisplayed() && found.matches() ? found : null;
                });
                assertThat(Integer.parseInt(m.group(1))).isLessThan(5000);
                for (int width : new int[] {1366, 390}) {
                    browser.driver().manage().window().setSize(new Dimension(width, width > 1000 ? 900 : 844));
                    page.js("document.getElementById('experiment-status').scrollIntoView({block: 'center'})");
                    browser.screenshot("server-busy-" + lang + "-" + width);
                }
                browser.driver().manage().window().setSize(new Dimension(Browser.WIDTH, Browser.HEIGHT));
                page.click("btn-pause");
                page.waitFor("the notice gone with the pause", driver -> !page.element("server-busy").isDisplayed());
            }
        } finally {
            others.forEach(WsClient::close);
        }
    }
}

package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.testing.Poll;

/**
 * A lesson page that stops drawing (a throttled background tab, a browser too slow for the speed): it confirms only
 * the {@code frames} it has drawn ({@code read}, docs/protocol.md), so the server stops advancing its race within
 * the read window of 512 KiB, and the race catches up to its end once the page draws again, with no "server busy"
 * notice (the page, not the server, held it back).
 */
@ExtendWith({LabServer.Extension.class, Browser.Extension.class})
class ThrottledTabIT {
    /** The read window plus one {@code frames} message (the server may send one past it). */
    private static final long AT_MOST_AHEAD = 512 * 1024 + 512 * 1024;

    /**
     * Watches the page's socket from the page itself (its messages in and out, once it sends one) and stops the
     * page drawing: animation frames wait until {@code __draw()}, as in a tab the browser throttles.
     */
    private static final String WATCH_AND_STOP_DRAWING = """
            const seen = window.__seen = {frames: 0, framesChars: 0, reads: [], pace: [], done: false, socket: null};
            const send = WebSocket.prototype.send;
            WebSocket.prototype.send = function (data) {
              if (seen.socket !== this) {
                seen.socket = this;
                this.addEventListener('message', (event) => {
                  const m = JSON.parse(event.data);
                  if (m.type === 'frames') { seen.frames += 1; seen.framesChars += event.data.length; }
                  if (m.type === 'pace') seen.pace.push(m.busy);
                  if (m.type === 'done') seen.done = true;
                });
              }
              const m = JSON.parse(data);
              if (m.type === 'read') seen.reads.push(m.frames);
              return send.call(this, data);
            };
            const animationFrame = window.requestAnimationFrame;
            const waiting = [];
            window.requestAnimationFrame = (callback) => { waiting.push(callback); return -waiting.length; };
            window.__draw = () => {
              window.requestAnimationFrame = animationFrame;
              waiting.splice(0).forEach((callback) => animationFrame(callback));
            };
            """;

    @Test
    @SuppressWarnings("unchecked")
    void aPageThatStopsDrawingHoldsItsRaceWithinTheReadWindowAndItCatchesUpWhenItDraws(LabServer server,
                                                                                     Browser browser) {
        LessonPage page = new LessonPage(browser.driver());
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add("run=r" + i + ":adam,lr=0." + (i + 1));
        }
        int steps = 5050;                         // eight runs of 5,050 points: megabytes of frames
        Lesson lesson = LabServer.course().lessons().stream()
                .filter(l -> l.presets().stream().anyMatch(p -> p.id().equals("amsgrad")))
                .findFirst().orElseThrow(() -> new AssertionError("no lesson with the amsgrad preset"));
        page.open(server.url("/lessons/" + lesson.slug() + "?preset=amsgrad&lang=en&steps=" + steps + "&speed=" + LabServer.FAST
                + "&" + String.join("&", runs)));
        page.js(WATCH_AND_STOP_DRAWING);
        page.click("btn-start");

        long[] last = {-1};
        page.waitFor("frames to stop while the page draws nothing", driver -> {
            long now = chars(page);
            boolean still = now == last[0] && now > 0;
            last[0] = now;
            if (!still) {
                Poll.sleep(1000);                 // one second without a new frames
            }
            return still;
        });
        Map<String, Object> held = seen(page);
        assertThat(held.get("done")).as("the race waits for the page; it is not over").isEqualTo(false);
        assertThat(((Number) held.get("framesChars")).longValue()).as("characters of frames the page did not draw")
                .isGreaterThan(256 * 1024).isLessThanOrEqualTo(AT_MOST_AHEAD);
        assertThat((List<?>) held.get("reads")).as("nothing confirmed while nothing was drawn").isEmpty();
        assertThat(page.state()).isEqualTo("running");

        page.js("window.__draw()");
        page.waitFor("the race to its end once the page draws", driver -> "done".equals(page.state()));
        Map<String, Object> caughtUp = seen(page);
        assertThat((List<Object>) caughtUp.get("pace")).as("pace messages: none busy").doesNotContain(true);
        assertThat(page.element("server-busy").isDisplayed()).isFalse();
        assertThat(page.js("return document.querySelector('#experiment-status + .step-counter').textContent"))
                .as("the counter drawn to the end").isEqualTo("step " + steps + " of " + steps);
        page.waitFor("the last frames confirmed", driver -> {
            List<?> reads = (List<?>) seen(page).get("reads");
            return !reads.isEmpty() && ((Number) reads.get(reads.size() - 1)).longValue()
                    == ((Number) seen(page).get("frames")).longValue();
        });
    }

    private static long chars(LessonPage page) {
        return ((Number) page.js("return window.__seen.framesChars")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> seen(LessonPage page) {
        return (Map<String, Object>) page.js("const s = window.__seen; return {frames: s.frames, "
                + "framesChars: s.framesChars, reads: s.reads, pace: s.pace, done: s.done}");
    }
}

package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the lesson texts rely on in the page: a log loss axis that stays drawable when RMSProp's loss dips to 1e-30
 * or a loss is exactly 0 (lessons 5 and 8), and the hint under {@code mu} that says what {@code mu} is for the run's
 * optimizer (lesson 6 warns against reading Adam's {@code mu} as momentum's velocity).
 */
@ExtendWith({LabServer.Extension.class, Browser.Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LessonFrontEndIT {
    private Browser browser;
    private LessonPage page;
    private LabServer server;

    @BeforeAll
    void start(LabServer server, Browser sharedBrowser) {
        this.server = server;
        browser = sharedBrowser;
        page = new LessonPage(browser.driver());
    }

    @Test
    void aLogLossAxisKeepsAPositiveBottomWhenALossIsTinyOrZero() {
        page.open(server.url("/lessons/rmsprop?lang=en"));
        // RMSProp's loss at step 99 of lesson 5's first preset, then exactly 0, then below the floor (1e-320).
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/static/js/charts.js').then((m) => {
                  const box = document.createElement('div');
                  box.style.cssText = 'width: 600px; height: 300px';
                  const canvas = document.createElement('canvas');
                  box.append(canvas);
                  document.body.append(box);
                  const t = (key) => key;
                  t.lang = 'en';
                  const chart = m.lossChart(canvas, t, String, true);
                  const losses = [25.625, 20.7, 1.7148741463594846e-30, 0, 1e-320, 0.0066];
                  chart.data.datasets.push({label: 'rmsprop', data: losses.map((y, x) => ({x, y}))});
                  chart.options.scales.y.min = m.logAxisMin(Math.min(...losses.filter((v) => v > 0)));
                  chart.update('none');
                  const out = {min: chart.scales.y.min, ticks: chart.scales.y.ticks.length,
                    tiny: m.logAxisMin(1.7148741463594846e-30), floor: m.LOG_FLOOR,
                    none: String(m.logAxisMin(Infinity))};
                  chart.destroy();
                  box.remove();
                  done(out);
                }).catch((e) => done({error: String(e)}));
                """);
        assertThat(result).doesNotContainKey("error");
        double min = ((Number) result.get("min")).doubleValue();
        assertThat(min).as("y.min of the log axis").isPositive().isFinite().isEqualTo(1e-300);
        assertThat(((Number) result.get("ticks")).intValue()).as("ticks").isGreaterThan(2);
        assertThat(((Number) result.get("tiny")).doubleValue()).isEqualTo(1e-30);
        assertThat(((Number) result.get("floor")).doubleValue()).isEqualTo(1e-300);
        assertThat(result.get("none")).isEqualTo("undefined");
    }

    @Test
    void lessonFivesLossChartIsStillDrawnAfterRmspropDipsTo1eMinus30() {
        page.open(server.url("/lessons/rmsprop?lang=en&speed=" + LabServer.FAST));
        page.runToEnd();
        @SuppressWarnings("unchecked")
        Map<String, Object> axis = (Map<String, Object>) page.js("""
                const y = Chart.getChart(document.getElementById('chart-loss')).scales.y;
                return {type: y.type, min: y.min, max: y.max, ticks: y.ticks.length};
                """);
        assertThat(axis.get("type")).isEqualTo("logarithmic");
        double min = ((Number) axis.get("min")).doubleValue();
        assertThat(min).as("y.min after RMSProp's loss reached 1.7e-30 at step 99").isPositive().isFinite()
                .isLessThanOrEqualTo(1.7e-30);
        assertThat(((Number) axis.get("ticks")).intValue()).isGreaterThan(2);
    }

    @Test
    void theMuHintSaysWhatMuIsForTheRunsOptimizer() {
        page.open(server.url("/lessons/adam?lang=en"));
        assertThat(hintOf("adam")).contains("first moment").doesNotContain("velocity");
        page.open(server.url("/lessons/adam?lang=zh"));
        assertThat(hintOf("adam")).contains("一阶矩").doesNotContain("速度比例");
        page.open(server.url("/lessons/momentum?lang=en"));
        assertThat(hintOf("momentum")).contains("velocity");
    }

    /** The hint under {@code mu} of the first run whose optimizer is {@code type}. */
    private String hintOf(String type) {
        return (String) page.js("""
                for (const run of document.querySelectorAll('fieldset.run')) {
                  const types = [...run.querySelectorAll('[data-field$=".optimizer.type"]')];
                  const chosen = types.map((c) => (c.querySelector('select') || c.querySelector('.fixed-value') || c));
                  const text = chosen.map((c) => c.value || c.textContent).join(' ');
                  if (!text.includes(arguments[0])) continue;
                  const hint = run.querySelector('[data-field$=".optimizer.mu"] .field-hint');
                  if (hint) return hint.textContent;
                }
                return 'no mu hint for ' + arguments[0];
                """, type);
    }
}

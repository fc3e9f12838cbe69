package org.optimizerlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.validation.FieldException;

/**
 * The pure front-end modules checked in the browser that runs them (there is no build step and no Node in the
 * build): the URL round trip of an experiment, number formatting, contour lines and the CSV export.
 */
@ExtendWith({LabServer.Extension.class, Browser.Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrontEndModulesIT {
    private Browser browser;
    private LessonPage page;

    @BeforeAll
    void start(LabServer server, Browser sharedBrowser) {
        browser = sharedBrowser;
        page = new LessonPage(browser.driver());
        page.open(server.url("/lessons/" + LabServer.course().lessons().get(0).slug() + "?lang=en"));
    }

    /** Runs {@code body} (async JS with the module {@code m} imported) and returns what it passes to done(). */
    private Object withModule(String module, String body) {
        return browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('/static/js/" + module + "').then(m => {" + body + "}).catch(e => done('error: ' + e));");
    }

    @Test
    void anExperimentSurvivesTheUrlRoundTrip() {
        Object same = withModule("state.js", """
                const preset = {id: 'p', spec: {problem: {type: 'quadratic'}, start: [1, 2], steps: 100,
                  runs: [{id: 'a', optimizer: {type: 'sgd', lr: 0.1}}]}};
                const state = m.fromPreset(preset);
                state.runs.push({id: 'adam-2', optimizer: {type: 'adam', lr: 0.005, mu: 0.9, decay_rate: 0.999,
                  eps: 1e-8}, schedule: {type: 'step', every: 30, factor: 0.5}});
                state.top.steps = 250; state.start = [-1.25, 0.5]; state.speed = 500; state.log = false;
                const query = m.toQuery(state, new URLSearchParams('lang=zh&x=1'));
                const back = m.fromQuery(preset, new URLSearchParams(query));
                done({query, same: JSON.stringify(back) === JSON.stringify(state),
                      spec: m.toSpec(preset, back)});
                """);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) same;
        assertThat(result.get("same")).as("state after the round trip; query " + result.get("query")).isEqualTo(true);
        assertThat((String) result.get("query")).startsWith("lang=zh&preset=p&run=a:sgd,lr=0.1&run=adam-2:adam,")
                .contains(";step,every=30,factor=0.5").contains("start=-1.25,0.5").contains("log=0");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) result.get("spec");
        assertThat(spec).containsEntry("steps", 250L).containsKey("problem");
        assertThat((List<?>) spec.get("runs")).hasSize(2);
    }

    @Test
    void textThatIsNotANumberIsSentAsTypedSoTheServerNamesTheField() {
        assertThat(withModule("state.js", "done([m.parseValue(' 0.5 '), m.parseValue('abc'), m.parseValue('1e-3')]);"))
                .isEqualTo(List.of(0.5, "abc", 0.001));
    }

    @Test
    void numbersAreFormattedForPeople() {
        assertThat(withModule("i18n.js", """
                done([m.formatNumber(1.23456e-5), m.formatNumber(0.02), m.formatNumber(25.625),
                      m.formatNumber(null), m.formatNumber(0), m.formatNumber(3e7), m.formatVector([1, -0.5])]);
                """)).isEqualTo(List.of("1.235e-5", "0.02", "25.63", "∞", "0", "3e7", "(1, -0.5)"));
    }

    @Test
    void contourLinesOfABowlAreCircles() {
        Object radii = withModule("contour.js", """
                const x = Array.from({length: 41}, (_, i) => -2 + i * 0.1);
                const grid = {x, y: x, z: x.map(y => x.map(xi => xi * xi + y * y))};
                const segments = m.segmentsAt(grid, 1);
                const r = segments.flatMap(([x1, y1, x2, y2]) => [Math.hypot(x1, y1), Math.hypot(x2, y2)]);
                done({count: segments.length, min: Math.min(...r), max: Math.max(...r),
                      levels: m.logLevels(0, 100, 5)});
                """);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) radii;
        assertThat(((Number) result.get("count")).intValue()).isGreaterThan(40);
        assertThat(((Number) result.get("min")).doubleValue()).isGreaterThan(0.99);
        assertThat(((Number) result.get("max")).doubleValue()).isLessThan(1.01);
        @SuppressWarnings("unchecked")
        List<Number> levels = (List<Number>) result.get("levels");
        assertThat(levels).hasSize(5);
        for (int k = 1; k < levels.size(); k++) {
            assertThat(levels.get(k).doubleValue() / levels.get(k - 1).doubleValue()).as("log spacing")
                    .isCloseTo(levels.get(1).doubleValue() / levels.get(0).doubleValue(),
                            org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void theCsvHasOneRowPerPointAndOneColumnPerCoordinateNamedAsTheRunCommandNamesThem() {
        Object csv = withModule("downloads.js", """
                done(m.toCsv({sgd: [{step: 0, epoch: 0, lr: 0.1, loss: 2, params: [1, 2], grad_norm: null,
                                     update: [0, 0], state: {}},
                                    {step: 1, epoch: 0, lr: 0.1, loss: null, params: [null, 3], grad_norm: 5,
                                     update: [1, 1], state: {}}],
                              mom: [{step: 0, epoch: 0, lr: 0.1, loss: 2, params: [1, 2], grad_norm: null,
                                     update: [0, 0], state: {v: [0, 0]}}]}));
                """);
        assertThat(((String) csv).split("\n")).containsExactly(
                "run,step,epoch,lr,loss,p0,p1,grad_norm,update0,update1,v0,v1",
                "sgd,0,0,0.1,2,1,2,,0,0,,",
                "sgd,1,0,0.1,,,3,5,1,1,,",
                "mom,0,0,0.1,2,1,2,,0,0,0,0");
    }

    @Test
    void problemFieldsAndASearchSurviveTheUrlRoundTrip() {
        Object result = withModule("state.js", """
                const race = {id: 'r', kind: 'race', spec: {problem: {type: 'mlp-spiral', hidden: 50, init: 'he'},
                  epochs: 30, runs: [{id: 'a', optimizer: {type: 'adam', lr: 0.01}}]},
                  controls: {fields: {lr: {min: 0.001, max: 1}, hidden: {min: 10, max: 100}, init: {options: ['he', 'zeros']},
                  reg: {min: 0, max: 1}}}};
                const state = m.fromPreset(race);
                state.problem.init = 'zeros'; state.problem.reg = 0.05;
                const raceQuery = m.toQuery(state);
                const raceBack = m.fromQuery(race, new URLSearchParams(raceQuery));
                const search = {id: 's', kind: 'search', spec: {problem: {type: 'mlp-spiral', hidden: 50}, epochs: 20,
                  optimizer: {type: 'adam'}, search: {trials: 8, lr: [1e-4, 1], reg: [1e-5, 1]}},
                  controls: {refine: true, fields: {trials: {min: 2, max: 20}, lr: {min: 1e-5, max: 10},
                  hidden: {min: 10, max: 100}}}};
                const s = m.fromPreset(search);
                s.search.trials = 12; s.search.lr = [0.001, 0.5]; s.search.refine = true; s.problem.hidden = 80;
                const searchQuery = m.toQuery(s);
                const searchBack = m.fromQuery(search, new URLSearchParams(searchQuery));
                done({raceQuery, raceSame: JSON.stringify(raceBack) === JSON.stringify(state),
                      raceSpec: m.toSpec(race, raceBack), problemFields: m.problemFields(race),
                      searchQuery, searchSame: JSON.stringify(searchBack) === JSON.stringify(s),
                      searchSpec: m.toSpec(search, searchBack)});
                """);
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) result;
        assertThat(r.get("raceSame")).as("race state after the round trip; " + r.get("raceQuery")).isEqualTo(true);
        assertThat((String) r.get("raceQuery")).contains("hidden=50", "init=zeros", "reg=0.05").doesNotContain("lr=0.001");
        assertThat(r.get("problemFields")).isEqualTo(List.of("hidden", "init", "reg"));
        @SuppressWarnings("unchecked")
        Map<String, Object> problem = (Map<String, Object>) ((Map<String, Object>) r.get("raceSpec")).get("problem");
        assertThat(problem).containsEntry("init", "zeros").containsEntry("reg", 0.05).containsEntry("hidden", 50L);
        assertThat(r.get("searchSame")).as("search state after the round trip; " + r.get("searchQuery")).isEqualTo(true);
        assertThat((String) r.get("searchQuery")).contains("trials=12", "refine=1", "lr=0.001,0.5", "reg=0.00001,1",
                "hidden=80");
        @SuppressWarnings("unchecked")
        Map<String, Object> searchSpec = (Map<String, Object>) ((Map<String, Object>) r.get("searchSpec")).get("search");
        assertThat(searchSpec).containsEntry("trials", 12L).containsEntry("lr", List.of(0.001, 0.5))
                .containsEntry("refine", Map.of("trials", 6L));
    }

    @Test
    void theCsvOfATrainingRaceHasTheEvaluationAndTheLayers() {
        Object csv = withModule("downloads.js", """
                const layers = (r) => [{name: 'W', weight_norm: 2, grad_norm: 1, update_norm: 0.002, update_ratio: r}];
                done(m.toCsv({sgd: [{step: 0, epoch: 0, lr: 0.1, loss: 1.1, grad_norm: null, layers: layers(null),
                                     evaluation: {train_loss: 1.1, train_accuracy: 0.33, val_loss: 1.2, val_accuracy: 0.3}},
                                    {step: 1, epoch: 0, lr: 0.1, loss: 0.9, grad_norm: 3, layers: layers(0.001)}]}));
                """);
        assertThat(((String) csv).split("\n")).containsExactly(
                "run,step,epoch,lr,loss,train_loss,train_accuracy,val_loss,val_accuracy,grad_norm,W_weight_norm,"
                        + "W_grad_norm,W_update_norm,W_update_ratio",
                "sgd,0,0,0.1,1.1,1.1,0.33,1.2,0.3,,2,1,0.002,",
                "sgd,1,0,0.1,0.9,,,,,3,2,1,0.002,0.001");
    }

    @Test
    void aTrainingProblemWithoutAccuraciesStillHasTheRunCommandsFourEvaluationColumns() {
        Object csv = withModule("downloads.js", """
                done(m.toCsv({sgd: [{step: 0, epoch: 0, lr: 0.1, loss: 4, params: [0, 0], grad_norm: null,
                                     evaluation: {train_loss: 4}}]}));
                """);
        assertThat(((String) csv).split("\n")).containsExactly(
                "run,step,epoch,lr,loss,train_loss,train_accuracy,val_loss,val_accuracy,p0,p1,grad_norm,update0,update1",
                "sgd,0,0,0.1,4,4,,,,0,0,,,");
    }

    @Test
    void trialsAreRankedAsTheEngineRanksThem() {
        Object order = withModule("search.js", """
                const trials = [{trial: 0, val_accuracy: 0.9, val_loss: 0.3, diverged: false},
                  {trial: 1, val_accuracy: null, val_loss: null, diverged: true},
                  {trial: 2, val_accuracy: 0.95, val_loss: 0.2, diverged: false},
                  {trial: 3, val_accuracy: 0.95, val_loss: 0.1, diverged: false},
                  {trial: 4, val_accuracy: 0.95, val_loss: 0.1, diverged: false}];
                done({order: trials.sort(m.bestFirst).map(t => t.trial), low: m.scaleColour(0), high: m.scaleColour(1)});
                """);
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) order;
        assertThat(r.get("order")).isEqualTo(List.of(3L, 4L, 2L, 0L, 1L));
        assertThat(r.get("low")).isEqualTo("rgb(255, 255, 204)");
        assertThat(r.get("high")).isEqualTo("rgb(37, 52, 148)");
    }

    @Test
    void aNarrowLogAxisStillGetsRoundTicks() {
        Object ticks = withModule("charts.js", """
                const scale = (min, max) => { const s = {type: 'logarithmic', min, max}; m.powerOfTenTicks(s);
                  return s.ticks.map(t => t.value); };
                done([scale(0.65, 0.9), scale(0.3, 8), scale(1e-9, 1), scale(1.09853, 1.09932)]);
                """);
        assertThat(ticks).as("1-9, then 1-2-5 inside a range; every other of nine decades; evenly spaced when narrower")
                .isEqualTo(List.of(List.of(0.7, 0.8, 0.9), List.of(0.5, 1L, 2L, 5L), List.of(1e-8, 1e-6, 1e-4, 0.01, 1L),
                        List.of(1.0986, 1.0988, 1.099, 1.0992)));
    }

    @Test
    void tickLabelsHaveTheDigitsTheirSpacingNeeds() {
        Object labels = withModule("charts.js", """
                const ticks = (values) => values.map((value) => ({value}));
                const label = m.tickLabels('en');
                const narrow = ticks([1.0986, 1.0988, 1.099]);
                const wide = ticks([1e-8, 1e-6, 1e-4, 0.01, 1]);
                done([narrow.map((t, i) => label(t.value, i, narrow)), wide.map((t, i) => label(t.value, i, wide))]);
                """);
        assertThat(labels).isEqualTo(List.of(List.of("1.0986", "1.0988", "1.099"), List.of("1e-8", "1e-6", "1e-4",
                "0.01", "1")));
    }

    @Test
    void everyDocumentedCloseHasItsOwnSentence() {
        Object sentences = withModule("close-notice.js", """
                import('/static/js/i18n.js').then((i18n) => {
                  const strings = JSON.parse(document.getElementById('lesson-data').textContent).strings;
                  const t = i18n.translator(strings, 'en');
                  const say = (code, reason) => {
                    const notice = m.closeNotice(code, reason);
                    return t(notice.key, {...notice.params, seconds: 3});
                  };
                  done([say(1013, 'server full (200 sessions); try again later'), say(1013, 'try again later'),
                        say(1008, 'too many sessions from your address (at most 50)'),
                        say(1008, 'too many sessions from your address'), say(1008, 'not reading: 64 messages waiting'),
                        say(1001, 'server restarting'), say(1011, 'the experiment failed'), say(1011, ''),
                        say(1001, 'Connection Idle Timeout'), say(1008, 'message rate'), say(1006, ''), say(1000, ''),
                        m.isServerRestart(1001, 'server restarting'), m.isServerRestart(1001, 'going away'),
                        say(1013, 'server busy: experiments run at 45 % of their speed; try again later'),
                        say(1013, 'server busy')]);
                });
                """);
        String lost = "Connection lost; trying again in 3 s. The experiment will start again from step 0.";
        assertThat(sentences).isEqualTo(List.of(
                "The class server is full (200 students); trying again in 3 s.",
                "The class server is full; trying again in 3 s.",
                "Too many open experiment tabs from your network (at most 50); close some tabs. Trying again in 3 s.",
                "Too many open experiment tabs from your network; close some tabs. Trying again in 3 s.",
                "This tab stopped reading the server's messages and was disconnected; reconnecting in 3 s.",
                "The server is restarting; reconnecting in 3 s.",
                "The server failed on this experiment; reconnecting in 3 s.",
                "The server failed on this experiment; reconnecting in 3 s.",
                lost, lost, lost, lost, true, false,
                "The class server is too busy (experiments run at 45 % of their speed); trying again in 3 s.",
                "The class server is too busy to run another experiment at a useful pace; trying again in 3 s."));
    }

    /**
     * The socket's reconnection delays, with a stand-in WebSocket the test drives: tries the server refuses at once
     * (open, then close without a message) back off 1, 2, 4 s; a connection that worked starts again from 1 s; a
     * server that says it is restarting is tried again after 1 s whatever the delay had grown to.
     */
    @Test
    void refusedTriesBackOffAndARestartIsTriedAgainSoon() {
        Object delays = withModule("ws.js", """
                const Native = window.WebSocket;
                const made = [];
                class Stand extends EventTarget {
                  constructor(url) { super(); this.url = url; this.readyState = 0; made.push(this); }
                  send() {}
                  close() {}
                }
                Stand.OPEN = 1;
                window.WebSocket = Stand;
                try {
                  const downs = [];
                  const socket = new m.ExperimentSocket('/ws/experiment', {onMessage: () => {}, onOpen: () => {},
                    onDown: (delay, close) => downs.push([delay, close.code, close.reason])});
                  const closeWith = (code, reason, answered) => {
                    const s = made[made.length - 1];
                    s.dispatchEvent(new Event('open'));
                    if (answered) s.dispatchEvent(new MessageEvent('message', {data: '{"type": "status"}'}));
                    s.dispatchEvent(new CloseEvent('close', {code, reason}));
                    clearTimeout(socket.timer);
                    socket.connect();
                  };
                  socket.connect();
                  const full = 'server full (200 sessions); try again later';
                  closeWith(1013, full); closeWith(1013, full); closeWith(1013, full);
                  closeWith(1006, '', true);
                  closeWith(1013, full); closeWith(1013, full); closeWith(1013, full); closeWith(1013, full);
                  closeWith(1001, 'server restarting');
                  socket.close();
                  done(downs);
                } finally {
                  window.WebSocket = Native;
                }
                """);
        @SuppressWarnings("unchecked")
        List<List<Object>> downs = (List<List<Object>>) delays;
        double[] expected = {1000, 2000, 4000, 1000, 2000, 4000, 8000, 16000, 1000};
        assertThat(downs).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(((Number) downs.get(i).get(0)).doubleValue()).as("delay " + i + " (jitter ±20 %)")
                    .isBetween(0.8 * expected[i], 1.2 * expected[i]);
        }
        assertThat(downs.get(0).subList(1, 3)).isEqualTo(List.of(1013L, "server full (200 sessions); try again later"));
        assertThat(downs.get(8).subList(1, 3)).isEqualTo(List.of(1001L, "server restarting"));
    }

    /** The refusals a student can provoke, as the engine words them: [message, field]. */
    private static List<List<String>> realRefusals() {
        String ok = "{\"problem\": {\"type\": \"quadratic\"}, \"start\": [1, 1], \"steps\": 10, \"runs\": [%s]}";
        String sgd = "{\"id\": \"a\", \"optimizer\": {\"type\": \"sgd\", \"lr\": %s}}";
        List<String> specs = List.of(
                ok.formatted(sgd.formatted("-1")),
                ok.formatted(sgd.formatted("\"abc\"")),
                ok.formatted(sgd.formatted("null")),
                ok.formatted("{\"id\": \"a\", \"optimizer\": {\"type\": \"momentum\", \"lr\": 0.1, \"mu\": 1.5}}"),
                ok.formatted("{\"id\": \"a\", \"optimizer\": {\"type\": \"rmsprop\", \"lr\": 0.1, \"decay_rate\": 0}}"),
                ok.formatted("{\"id\": \"a\", \"optimizer\": {\"type\": \"newton\", \"lr\": 0.1}}"),
                ok.formatted("{\"id\": \"a b\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}"),
                ok.formatted(sgd.formatted("0.1, \"momentum\": 0.9")),
                ok.replace("\"steps\": 10", "\"steps\": 2000000").formatted(sgd.formatted("0.1")),
                ok.replace("[1, 1]", "[1]").formatted(sgd.formatted("0.1")),
                "{\"problem\": ",
                ok.formatted(sgd.formatted("0.1, \"" + "m".repeat(100) + "\": 0.9")),
                ok.formatted("{\"id\": \"a\", \"optimizer\": {\"type\": \"" + "n".repeat(100) + "\", \"lr\": 0.1}}"));
        List<List<String>> refusals = new ArrayList<>();
        for (String spec : specs) {
            try {
                new SpecReader(Limits.DEFAULT).read(spec);
                throw new AssertionError("accepted: " + spec);
            } catch (FieldException e) {
                refusals.add(List.of(e.getMessage(), e.field()));
            }
        }
        return refusals;
    }

    @Test
    void theServersRefusalsReadInChineseOnAChinesePageWithTheFieldAndValueKept() {
        List<List<String>> refusals = realRefusals();
        page.js("window.refusals = arguments[0];", refusals);
        Object translated = withModule("server-text.js", """
                done(window.refusals.map(([text, field]) => [m.localizeError(text, field, 'zh'),
                                                            m.localizeError(text, field, 'en')]));
                """);
        @SuppressWarnings("unchecked")
        List<List<String>> pairs = (List<List<String>>) translated;
        for (int i = 0; i < refusals.size(); i++) {
            String english = refusals.get(i).get(0);
            String field = refusals.get(i).get(1);
            String zh = pairs.get(i).get(0);
            assertThat(pairs.get(i).get(1)).as("English pages keep the text").isEqualTo(english);
            assertThat(zh).as("Chinese for: " + english).matches("(?s).*[\\u4e00-\\u9fff].*")
                    .doesNotContain("must").doesNotContain(" got ").startsWith(field);
        }
        assertThat(pairs.get(0).get(0)).isEqualTo("runs[0].optimizer.lr：必须大于 0，收到的是 -1");
        assertThat(pairs.get(1).get(0)).contains("字符串 \"abc\"");
        assertThat(pairs.get(3).get(0)).contains("[0, 1)").contains("1.5");
        assertThat(pairs.get(11).get(0)).contains("m".repeat(64) + "…：未知字段（名字长 100 个字符）");
        assertThat(pairs.get(12).get(0)).contains("'" + "n".repeat(64) + "…' (100 characters)");
    }

    @Test
    void divergenceReasonsReadInChinese() {
        assertThat(withModule("server-text.js", """
                done([m.localizeReason('loss became Infinity', 'zh'), m.localizeReason('params[1] became NaN', 'zh'),
                      m.localizeReason('loss became NaN', 'en'), m.localizeReason('something new', 'zh')]);
                """)).isEqualTo(List.of("损失变成了 Infinity", "参数 params[1] 变成了 NaN", "loss became NaN",
                "something new"));
    }
}

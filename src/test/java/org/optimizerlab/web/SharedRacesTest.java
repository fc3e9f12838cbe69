package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.RaceSteps;
import org.optimizerlab.experiment.RaceTape;
import org.optimizerlab.experiment.Recording;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.ops.ClassMetrics;
import org.optimizerlab.testing.Poll;

/**
 * A class shares its spiral races: the first session to finish one records it, later starts of the same spec
 * replay it and receive the same points; memory stays within its bytes; other problems are always computed.
 */
class SharedRacesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Recording WHAT = new Recording(false, true, 1);
    private static final String SPIRAL = """
            {"problem": {"type": "mlp-spiral", "hidden": 8, "validation": 0.2, "reg": 1},
             "epochs": 10, "batch_size": 60, "seed": %d,
             "runs": [{"id": "learns", "optimizer": {"type": "momentum", "lr": 0.1, "mu": 0.9}},
                      {"id": "blows-up", "optimizer": {"type": "sgd", "lr": 1e100}}]}""";

    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        workers.shutdownNow();
        timer.shutdownNow();
    }

    private static JsonNode spec(int seed) throws Exception {
        return JSON.readTree(SPIRAL.formatted(seed));
    }

    /** The race of {@code seed} with two runs that learn (no run stops early: its recording is its estimate). */
    private static JsonNode learning(int seed) throws Exception {
        return JSON.readTree(SPIRAL.formatted(seed).replace("1e100", "0.05"));
    }

    private static Experiment experiment(JsonNode spec) {
        return new SpecReader(ServerLimits.DEFAULT.specLimits()).read(spec);
    }

    private static RaceSteps runToTheEnd(RaceSteps steps) {
        steps.initialRecords();
        while (!steps.finished()) {
            steps.advance();
        }
        return steps;
    }

    @Test
    void theFirstToFinishRecordsAndTheNextStartReplays() throws Exception {
        SharedRaces shared = new SharedRaces(SharedRaces.DEFAULT_BUDGET_BYTES);
        Object alice = new Object();
        Object bob = new Object();
        Object carol = new Object();
        RaceSteps first = shared.open(alice, spec(1), experiment(spec(1)), WHAT);
        assertThat(first).isInstanceOf(RaceTape.Recorder.class);
        RaceSteps meanwhile = shared.open(bob, spec(1), experiment(spec(1)), WHAT);
        assertThat(meanwhile).as("one session records a spec at a time").isInstanceOf(ExperimentRunner.class);
        shared.finished(alice, (RaceTape.Recorder) runToTheEnd(first));
        assertThat(shared.stats().kept()).isEqualTo(1);
        assertThat(shared.stats().reservedBytes()).isZero();

        assertThat(shared.open(carol, spec(1), experiment(spec(1)), WHAT)).isInstanceOf(RaceTape.Replay.class);
        assertThat(shared.open(carol, spec(2), experiment(spec(2)), WHAT))
                .as("another seed is another race").isInstanceOf(RaceTape.Recorder.class);
        assertThat(shared.open(carol, spec(1), experiment(spec(1)), new Recording(false, true, 5)))
                .as("another decimation is another recording").isInstanceOf(RaceTape.Recorder.class);
        assertThat(shared.stats().replays()).isEqualTo(1);
        assertThat(shared.stats().reservedBytes()).as("carol's earlier recordings were dropped as she started anew")
                .isEqualTo(RaceTape.estimatedBytes(experiment(spec(1))));
    }

    @Test
    void aRaceStoppedBeforeItsEndIsNotKeptAndFreesItsPlace() throws Exception {
        SharedRaces shared = new SharedRaces(SharedRaces.DEFAULT_BUDGET_BYTES);
        Object alice = new Object();
        RaceSteps first = shared.open(alice, spec(1), experiment(spec(1)), WHAT);
        first.initialRecords();
        first.advance();
        shared.release(alice);                                      // she closed the tab
        assertThat(shared.stats().reservedBytes()).isZero();
        assertThat(shared.open(new Object(), spec(1), experiment(spec(1)), WHAT))
                .as("the next start records it").isInstanceOf(RaceTape.Recorder.class);
        assertThat(shared.stats().tapes()).isZero();
    }

    @Test
    void memoryStaysWithinItsBytesTheOldestRecordingDroppedFirst() throws Exception {
        long one = RaceTape.estimatedBytes(experiment(learning(1)));
        SharedRaces shared = new SharedRaces(2 * one + one / 2);
        for (int seed = 1; seed <= 3; seed++) {
            Object owner = new Object();
            shared.finished(owner, (RaceTape.Recorder) runToTheEnd(
                    shared.open(owner, learning(seed), experiment(learning(seed)), WHAT)));
            assertThat(shared.stats().storedBytes() + shared.stats().reservedBytes()).isLessThanOrEqualTo(2 * one + one / 2);
        }
        assertThat(shared.stats().tapes()).isEqualTo(2);
        assertThat(shared.open(new Object(), learning(3), experiment(learning(3)), WHAT)).isInstanceOf(RaceTape.Replay.class);
        assertThat(shared.open(new Object(), learning(2), experiment(learning(2)), WHAT)).isInstanceOf(RaceTape.Replay.class);
        assertThat(shared.open(new Object(), learning(1), experiment(learning(1)), WHAT))
                .as("the oldest was dropped").isInstanceOf(RaceTape.Recorder.class);

        SharedRaces tiny = new SharedRaces(one - 1);
        assertThat(tiny.open(new Object(), learning(1), experiment(learning(1)), WHAT))
                .as("a race larger than the bound is computed, not recorded").isInstanceOf(ExperimentRunner.class);
    }

    @Test
    void aTabStartingRaceAfterRaceOfItsOwnEvictsItsOwnRecordingsNotTheClasssRace() throws Exception {
        long one = RaceTape.estimatedBytes(experiment(learning(1)));
        SharedRaces shared = new SharedRaces(2 * one + one / 2);
        Object teacher = new Object();
        shared.finished(teacher, (RaceTape.Recorder) runToTheEnd(
                shared.open(teacher, learning(1), experiment(learning(1)), WHAT)));
        assertThat(shared.open(new Object(), learning(1), experiment(learning(1)), WHAT))
                .isInstanceOf(RaceTape.Replay.class);                   // the class replays the lesson's race
        Object tab = new Object();
        for (int seed = 2; seed <= 12; seed++) {                     // a tab loops races of its own
            shared.finished(tab, (RaceTape.Recorder) runToTheEnd(
                    shared.open(tab, learning(seed), experiment(learning(seed)), WHAT)));
        }
        assertThat(shared.open(new Object(), learning(1), experiment(learning(1)), WHAT))
                .as("the class's race is still kept").isInstanceOf(RaceTape.Replay.class);
        assertThat(shared.open(new Object(), learning(12), experiment(learning(12)), WHAT))
                .as("the tab's last").isInstanceOf(RaceTape.Replay.class);
        assertThat(shared.stats().tapes()).isEqualTo(2);
    }

    @Test
    void racesOnOtherProblemsAreAlwaysComputed() throws Exception {
        SharedRaces shared = new SharedRaces(SharedRaces.DEFAULT_BUDGET_BYTES);
        JsonNode quadratic = JSON.readTree(ExperimentSocketTest.spec(50, ExperimentSocketTest.TWO_RUNS));
        assertThat(shared.open(new Object(), quadratic, experiment(quadratic), WHAT))
                .isInstanceOf(ExperimentRunner.class);
        assertThat(shared.stats().recordings()).isZero();
    }

    @Test
    void aSessionReplayingARaceSendsWhatTheRecordingSessionSent() throws Exception {
        SharedRaces shared = new SharedRaces(SharedRaces.DEFAULT_BUDGET_BYTES);
        List<JsonNode> first = race(shared);
        assertThat(shared.stats().kept()).isEqualTo(1);
        List<JsonNode> second = race(shared);
        assertThat(shared.stats().replays()).isEqualTo(1);

        assertThat(pointsByRun(second)).isEqualTo(pointsByRun(first)).isNotEmpty();
        assertThat(only("diverged", second)).isEqualTo(only("diverged", first)).hasSize(1);
        assertThat(only("done", second)).isEqualTo(only("done", first)).hasSize(1);
        JsonNode started = only("started", second).get(0);
        assertThat(started).isEqualTo(only("started", first).get(0));
        assertThat(only("regions", second)).as("a replay has its decision regions").isNotEmpty()
                .allSatisfy(m -> assertThat(m.path("run").asText()).isEqualTo("learns"));
        Map<Integer, JsonNode> live = byStep(only("regions", first));
        Map<Integer, JsonNode> replayed = byStep(only("regions", second));
        live.keySet().retainAll(replayed.keySet());
        assertThat(live).as("the grids of the steps both sessions drew (the start and the end, 40, at least)")
                .containsKeys(0, 40);
        live.forEach((step, grid) -> assertThat(replayed.get(step)).as("step " + step).isEqualTo(grid));
    }

    private static Map<Integer, JsonNode> byStep(List<JsonNode> regions) {
        Map<Integer, JsonNode> grids = new LinkedHashMap<>();
        regions.forEach(m -> grids.put(m.path("step").asInt(), m));
        return grids;
    }

    /** One session that asks for regions and races SPIRAL (seed 1) to its end at the fastest speed; what it got. */
    private List<JsonNode> race(SharedRaces shared) throws Exception {
        ExperimentSessionTest.Recorder out = new ExperimentSessionTest.Recorder();
        ExperimentSession session = new ExperimentSession(out, new SerialExecutor(workers, 8, failure -> { }), timer,
                ServerLimits.DEFAULT, JSON, new SearchService(1, new TrialScheduler(workers, 1, 1), Thread::new),
                ClassMetrics.NONE, SessionListener.NONE, new PaceGauge(), slug -> Optional.empty(), shared);
        session.submit(ClientMessage.parse("{\"type\": \"regions\", \"on\": true, \"run\": \"learns\"}", 5000));
        session.submit(ClientMessage.parse(ExperimentSocketTest.speed(5000), 5000));
        session.submit(ClientMessage.parse(ExperimentSocketTest.start(SPIRAL.formatted(1), false), 5000));
        Poll.until("done", Duration.ofSeconds(20), () -> out.has("done"));
        Poll.until("the last step's regions", Duration.ofSeconds(5), () -> {
            synchronized (out) {
                int last = only("done", out.messages).get(0).path("step").asInt();
                return only("regions", out.messages).stream().anyMatch(m -> m.path("step").asInt() == last);
            }
        });
        session.close();
        synchronized (out) {
            return new ArrayList<>(out.messages);
        }
    }

    private static Map<String, List<JsonNode>> pointsByRun(List<JsonNode> messages) {
        Map<String, List<JsonNode>> points = new LinkedHashMap<>();
        for (JsonNode message : only("frames", messages)) {
            message.path("points").fields().forEachRemaining(run -> run.getValue()
                    .forEach(point -> points.computeIfAbsent(run.getKey(), id -> new ArrayList<>()).add(point)));
        }
        return points;
    }

    private static List<JsonNode> only(String type, List<JsonNode> messages) {
        return messages.stream().filter(m -> m.path("type").asText().equals(type)).toList();
    }
}

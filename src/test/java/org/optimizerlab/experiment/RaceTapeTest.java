package org.optimizerlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A recorded race replays as the runner computed it: the same records, steps, end and parameters. */
class RaceTapeTest {

    /** A small spiral race with a run that diverges (lr 1e100, reg 1) beside one that learns. */
    static final String SPEC = """
            {"problem": {"type": "mlp-spiral", "hidden": 8, "validation": 0.2, "reg": 1},
             "epochs": 3, "batch_size": 60, "seed": 4,
             "runs": [{"id": "learns", "optimizer": {"type": "momentum", "lr": 0.1, "mu": 0.9}},
                      {"id": "blows-up", "optimizer": {"type": "sgd", "lr": 1e100}}]}""";

    private static Experiment experiment() {
        return new SpecReader(Limits.DEFAULT).read(SPEC);
    }

    @Test
    void aReplayGivesTheRecordersRecordsAndParametersAtEveryStep() {
        Recording what = new Recording(false, true, 1);
        RaceTape.Recorder recorder = RaceTape.record(new ExperimentRunner(experiment(), what));
        List<StepRecord> initial = recorder.initialRecords();
        List<List<StepRecord>> recorded = new ArrayList<>();
        List<double[][]> params = new ArrayList<>();
        params.add(paramsOf(recorder));
        assertThat(recorder.tape()).as("no tape before the end").isEmpty();
        while (!recorder.finished()) {
            recorded.add(recorder.advance());
            params.add(paramsOf(recorder));
        }
        RaceTape tape = recorder.tape().orElseThrow();
        assertThat(tape.bytes()).isPositive().isLessThanOrEqualTo(RaceTape.estimatedBytes(experiment()));

        ExperimentRunner fresh = new ExperimentRunner(experiment(), what);
        for (RaceTape.Replay replay : List.of(tape.replay(), tape.replay())) {          // replays are independent
            assertThat(replay.initialRecords()).isEqualTo(initial);                      // the very records
            assertThat(replay.step()).isZero();
            assertThat(replay.params(0)).isEqualTo(params.get(0)[0]);
            for (int s = 0; s < recorded.size(); s++) {
                assertThat(replay.finished()).isFalse();
                assertThat(replay.advance()).isSameAs(recorded.get(s));
                assertThat(replay.step()).isEqualTo(s + 1);
                for (int run = 0; run < 2; run++) {
                    assertThat(replay.params(run)).as("step %d run %d", s + 1, run).isEqualTo(params.get(s + 1)[run]);
                }
            }
            assertThat(replay.finished()).isTrue();
            assertThat(replay.advance()).isEmpty();
        }
        // and what was recorded is what a runner of its own computes
        assertThat(text(fresh.initialRecords())).isEqualTo(text(initial));
        for (List<StepRecord> update : recorded) {
            assertThat(text(fresh.advance())).isEqualTo(text(update));
        }
        assertThat(fresh.finished()).isTrue();
        assertThat(recorded).anySatisfy(update -> assertThat(update).anySatisfy(r -> assertThat(r.diverged()).isTrue()));
        assertThat(recorded.get(recorded.size() - 1)).hasSize(1);      // the diverged run made no more updates
    }

    @Test
    void aParameterVectorReturnedIsACopy() {
        RaceTape.Recorder recorder = RaceTape.record(new ExperimentRunner(experiment(), new Recording(false, true, 1)));
        recorder.initialRecords();
        while (!recorder.finished()) {
            recorder.advance();
        }
        RaceTape.Replay replay = recorder.tape().orElseThrow().replay();
        double[] first = replay.params(0);
        first[0] = 12345;
        assertThat(replay.params(0)[0]).isNotEqualTo(12345);
    }

    private static List<String> text(List<StepRecord> records) {
        return records.stream().map(r -> RecordJson.toJson(r).toString()).toList();
    }

    private static double[][] paramsOf(RaceSteps steps) {
        return new double[][] {steps.params(0), steps.params(1)};
    }
}

package org.optimizerlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.optimizerlab.optim.Adam;
import org.optimizerlab.optim.Momentum;
import org.optimizerlab.optim.Sgd;
import org.optimizerlab.optim.schedule.Constant;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.problem.Problem;
import org.optimizerlab.train.LinearRegression;

/** The notes' epoch loop on a training problem: shuffles, batches, fairness and reproducibility. */
class EpochLoopTest {

    /** Delegates to linear regression and remembers every batch it was asked for, in order. */
    private static final class RecordingProblem implements Problem {
        final LinearRegression inner = new LinearRegression(new LinearRegression.Config(10, 2, 0.1), 1);
        final List<Batch> seen = new ArrayList<>();

        @Override
        public String type() {
            return "recording";
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public double[] defaultStart() {
            return inner.defaultStart();
        }

        @Override
        public double loss(double[] x) {
            return inner.loss(x);
        }

        @Override
        public double gradient(double[] x, Batch batch, double[] dx) {
            seen.add(batch);
            return inner.gradient(x, batch, dx);
        }

        @Override
        public int trainingSetSize() {
            return inner.trainingSetSize();
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of();
        }
    }

    @Test
    void everySampleIsVisitedExactlyOncePerEpochAndTheLastBatchIsTheRemainder() {
        RecordingProblem problem = new RecordingProblem();
        run(problem, 3, 4 * 3, List.of(new Run("sgd", new Sgd(0.01), new Constant())));
        assertThat(problem.seen).hasSize(12);
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Batch> batches = problem.seen.subList(epoch * 4, epoch * 4 + 4);
            assertThat(batches).extracting(b -> b.indices().length).containsExactly(3, 3, 3, 1);
            int e = epoch;
            assertThat(batches).allSatisfy(b -> assertThat(b.epoch()).isEqualTo(e));
            int[] visited = batches.stream().flatMapToInt(b -> Arrays.stream(b.indices())).sorted().toArray();
            assertThat(visited).containsExactly(IntStream.range(0, 10).toArray());
        }
        // a fresh permutation each epoch
        assertThat(problem.seen.get(0).indices()).isNotEqualTo(problem.seen.get(4).indices());
    }

    @Test
    void everyRunOfARaceSeesTheSameBatchesInTheSameOrder() {
        RecordingProblem problem = new RecordingProblem();
        run(problem, 4, 9, List.of(new Run("sgd", new Sgd(0.01), new Constant()),
                new Run("momentum", new Momentum(0.01, 0.9), new Constant()),
                new Run("adam", new Adam(0.01, 0.9, 0.999, 1e-8), new Constant())));
        assertThat(problem.seen).hasSize(27);
        for (int update = 0; update < 9; update++) {
            Batch first = problem.seen.get(3 * update);
            assertThat(first.update()).isEqualTo(update);
            for (int run = 1; run < 3; run++) {
                assertThat(problem.seen.get(3 * update + run).indices()).containsExactly(first.indices());
            }
        }
        // and the same batches as a race of one
        RecordingProblem alone = new RecordingProblem();
        run(alone, 4, 9, List.of(new Run("adam", new Adam(0.01, 0.9, 0.999, 1e-8), new Constant())));
        for (int update = 0; update < 9; update++) {
            assertThat(alone.seen.get(update).indices()).containsExactly(problem.seen.get(3 * update).indices());
        }
    }

    @Test
    void theSameSpecGivesTheSameNumbersAndAnotherSeedOthers() {
        String spec = """
                {"problem": {"type": "linear-regression", "n": 50, "d": 3}, "epochs": 5, "batch_size": 7, "seed": %d,
                 "runs": [{"id": "sgd", "optimizer": {"type": "sgd", "lr": 0.05}},
                          {"id": "adam", "optimizer": {"type": "adam", "lr": 0.05}}]}""";
        SpecReader reader = new SpecReader(Limits.DEFAULT);
        List<String> first = trajectory(reader.read(spec.formatted(3)));
        List<String> second = trajectory(reader.read(spec.formatted(3)));
        List<String> other = trajectory(reader.read(spec.formatted(4)));
        assertThat(first).hasSize(2 * (5 * 8 + 1));
        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    private static void run(Problem problem, int batchSize, int steps, List<Run> runs) {
        ExperimentRunner runner = new ExperimentRunner(
                new Experiment(problem, problem.defaultStart(), steps, 42, batchSize, runs));
        while (!runner.finished()) {
            runner.advance();
        }
    }

    private static List<String> trajectory(Experiment experiment) {
        ExperimentRunner runner = new ExperimentRunner(experiment);
        List<String> lines = new ArrayList<>();
        List<StepRecord> records = runner.initialRecords();
        while (!records.isEmpty()) {
            for (StepRecord r : records) {
                lines.add(r.run() + " " + r.step() + " " + r.loss() + " " + Arrays.toString(r.params()));
            }
            records = runner.advance();
        }
        return lines;
    }
}

package org.optimizerlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.optimizerlab.optim.Optimizer;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.train.Evaluation;
import org.optimizerlab.train.ParameterBlock;
import org.optimizerlab.train.TrainingProblem;

/**
 * The runner computes only what its {@link Recording} asks for, and what it records is bit for bit what a plain
 * loop of gradient, update and evaluation gives: the numbers a client receives do not depend on how they were made.
 */
class RecordingTest {

    /** A network race on the full batch (every update ends an epoch) with a validation split; 24 updates. */
    private static final String FULL_BATCH = """
            {"problem": {"type": "mlp-spiral", "points_per_class": 30, "hidden": 12, "validation": 0.2},
             "steps": 24, "seed": 3,
             "runs": [{"id": "adam", "optimizer": {"type": "adam", "lr": 0.02}},
                      {"id": "momentum", "optimizer": {"type": "momentum", "lr": 0.5}}]}""";

    private static Experiment read(String spec) {
        return new SpecReader(Limits.DEFAULT).read(spec);
    }

    /** The full batch; minibatches of 25 (epochs of 3 updates); dropout (no shared pass); no validation split. */
    private static String variant(String which) {
        return switch (which) {
            case "full-batch" -> FULL_BATCH;
            case "minibatch" -> FULL_BATCH.replace("\"steps\": 24", "\"steps\": 24, \"batch_size\": 25");
            case "dropout" -> FULL_BATCH.replace("\"hidden\": 12", "\"hidden\": 12, \"dropout\": 0.3");
            case "no-validation" -> FULL_BATCH.replace("\"validation\": 0.2", "\"validation\": 0");
            default -> throw new IllegalArgumentException(which);
        };
    }

    private static List<StepRecord> all(ExperimentRunner runner) {
        List<StepRecord> records = new ArrayList<>(runner.initialRecords());
        while (!runner.finished()) {
            records.addAll(runner.advance());
        }
        return records;
    }

    /**
     * What the runner recorded before it learned to share passes and skip work (its code then): per run and step,
     * the gradient, the update, the statistics and, at each epoch's end, a separate evaluation.
     */
    private static List<StepRecord> plainLoop(Experiment experiment) {
        TrainingProblem problem = (TrainingProblem) experiment.problem();
        BatchPlan plan = experiment.batchPlan();
        List<double[]> xs = new ArrayList<>();
        List<Optimizer> optimizers = new ArrayList<>();
        List<StepRecord> records = new ArrayList<>();
        double[] start = experiment.start();
        for (Run run : experiment.runs()) {
            xs.add(experiment.start());
            optimizers.add(run.optimizer().newState(start.length));
            records.add(new StepRecord(run.id(), 0, 0, run.lrAt(0, 0), problem.loss(start), start.clone(), Double.NaN,
                    new double[start.length], optimizers.get(optimizers.size() - 1).state(), false,
                    LayerStats.atStart(problem.layout(), start), Optional.of(problem.evaluate(start))));
        }
        for (int step = 1; step <= experiment.steps(); step++) {
            Batch batch = plan.batch(step - 1);
            for (int r = 0; r < experiment.runs().size(); r++) {
                Run run = experiment.runs().get(r);
                double[] x = xs.get(r);
                double[] dx = new double[x.length];
                double lr = run.lrAt(batch.update(), batch.epoch());
                double[] before = x.clone();
                double loss = problem.gradient(x, batch, dx);
                double sum = 0;
                for (double v : dx) {
                    sum += v * v;
                }
                optimizers.get(r).step(x, dx, lr);
                double[] update = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    update[i] = x[i] - before[i];
                }
                Optional<Evaluation> evaluation = plan.endsEpoch(batch.update())
                        ? Optional.of(problem.evaluate(x)) : Optional.empty();
                records.add(new StepRecord(run.id(), step, batch.epoch(), lr, loss, x.clone(), Math.sqrt(sum), update,
                        optimizers.get(r).state(), false, LayerStats.of(problem.layout(), before, dx, update),
                        evaluation));
            }
        }
        return records;
    }

    /** Every number of two records, compared exactly (doubles by value, so -0.0 and 0.0 differ, NaN equals NaN). */
    private static void assertSame(StepRecord got, StepRecord want) {
        String at = want.run() + " step " + want.step();
        assertThat(got.run()).as(at).isEqualTo(want.run());
        assertThat(got.step()).as(at).isEqualTo(want.step());
        assertThat(got.epoch()).as(at).isEqualTo(want.epoch());
        assertThat(Double.doubleToLongBits(got.lr())).as(at + " lr").isEqualTo(Double.doubleToLongBits(want.lr()));
        assertThat(Double.doubleToLongBits(got.loss())).as(at + " loss")
                .isEqualTo(Double.doubleToLongBits(want.loss()));
        assertThat(Double.doubleToLongBits(got.gradNorm())).as(at + " grad_norm")
                .isEqualTo(Double.doubleToLongBits(want.gradNorm()));
        assertThat(got.params()).as(at + " params").isEqualTo(want.params());
        assertThat(got.update()).as(at + " update").isEqualTo(want.update());
        assertThat(got.state().keySet()).as(at + " state").isEqualTo(want.state().keySet());
        for (Map.Entry<String, double[]> entry : want.state().entrySet()) {
            assertThat(got.state().get(entry.getKey())).as(at + " state " + entry.getKey()).isEqualTo(entry.getValue());
        }
        assertThat(got.diverged()).as(at).isEqualTo(want.diverged());
        assertThat(got.layers()).as(at + " layers").isEqualTo(want.layers());
        assertThat(got.evaluation()).as(at + " evaluation").isEqualTo(want.evaluation());
    }

    @ParameterizedTest
    @ValueSource(strings = {"full-batch", "minibatch", "dropout", "no-validation"})
    void aFullRecordingIsBitForBitThePlainLoop(String which) {
        Experiment experiment = read(variant(which));
        List<StepRecord> want = plainLoop(experiment);
        List<StepRecord> got = all(new ExperimentRunner(experiment));
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            assertSame(got.get(i), want.get(i));
        }
        assertThat(got.stream().filter(r -> r.evaluation().isPresent()).count()).as("evaluations")
                .isEqualTo(which.equals("minibatch") ? 2 * (1 + 8) : 2 * 25);
    }

    @ParameterizedTest
    @ValueSource(strings = {"full-batch", "minibatch", "dropout"})
    void keptRecordsOfALeanRecordingAreTheFullRecordsLessWhatItLeavesOut(String which) {
        Experiment experiment = read(variant(which));
        List<StepRecord> full = all(new ExperimentRunner(experiment));
        List<StepRecord> lean = all(new ExperimentRunner(experiment, new Recording(false, true, 5)));
        assertThat(lean).hasSameSizeAs(full);
        for (int i = 0; i < full.size(); i++) {
            StepRecord want = full.get(i);
            StepRecord got = lean.get(i);
            boolean kept = want.step() % 5 == 0 || want.step() == 24;
            StepRecord expected = new StepRecord(want.run(), want.step(), want.epoch(), want.lr(), want.loss(),
                    new double[0], want.gradNorm(), new double[0], Map.of(), want.diverged(),
                    kept ? want.layers() : List.of(), kept ? want.evaluation() : Optional.empty());
            assertSame(got, expected);
        }
    }

    @Test
    void theCommandLinesCsvRecordingLeavesOutTheLayersAndKeepsEverythingItPrints() {
        Experiment experiment = read(FULL_BATCH);
        List<StepRecord> full = all(new ExperimentRunner(experiment));
        List<StepRecord> csv = all(new ExperimentRunner(experiment, new Recording(true, false, 1)));
        for (int i = 0; i < full.size(); i++) {
            StepRecord want = full.get(i);
            assertSame(csv.get(i), new StepRecord(want.run(), want.step(), want.epoch(), want.lr(), want.loss(),
                    want.params(), want.gradNorm(), want.update(), want.state(), want.diverged(), List.of(),
                    want.evaluation()));
        }
    }

    @Test
    void aDivergenceRecordIsKeptWithItsVectorsWhateverTheStride() {
        Experiment experiment = read(FULL_BATCH.replace("\"lr\": 0.5", "\"lr\": 1e200"));
        List<StepRecord> full = all(new ExperimentRunner(experiment));
        List<StepRecord> lean = all(new ExperimentRunner(experiment, new Recording(false, true, 50)));
        StepRecord want = full.stream().filter(StepRecord::diverged).findFirst().orElseThrow();
        assertThat(want.step()).isPositive().isNotEqualTo(24);
        StepRecord got = lean.stream().filter(StepRecord::diverged).findFirst().orElseThrow();
        assertSame(got, want);
    }

    @Test
    void eachGradientIsComputedOnceAndOnlyKeptEpochEndsAreEvaluated() {
        Experiment experiment = read(FULL_BATCH.replace("\"validation\": 0.2", "\"validation\": 0"));
        CountingProblem counting = new CountingProblem((TrainingProblem) experiment.problem());
        Experiment counted = new Experiment(counting, experiment.start(), experiment.steps(), experiment.seed(),
                experiment.batchSize(), experiment.runs());
        all(new ExperimentRunner(counted, new Recording(false, true, 5)));
        // 2 runs x 24 updates; evaluations: the start (once for both runs) and steps 5, 10, 15, 20, 24 of each run
        assertThat(counting.gradients.get()).isEqualTo(2 * 24);
        assertThat(counting.evaluations.get()).isEqualTo(1 + 2 * 5);
    }

    /** A training problem that counts the gradients and evaluations asked of it (and shares no pass). */
    private static final class CountingProblem implements TrainingProblem {
        final TrainingProblem problem;
        final AtomicInteger gradients = new AtomicInteger();
        final AtomicInteger evaluations = new AtomicInteger();

        CountingProblem(TrainingProblem problem) {
            this.problem = problem;
        }

        @Override
        public String type() {
            return problem.type();
        }

        @Override
        public int dimension() {
            return problem.dimension();
        }

        @Override
        public double[] defaultStart() {
            return problem.defaultStart();
        }

        @Override
        public double loss(double[] x) {
            return problem.loss(x);
        }

        @Override
        public double gradient(double[] x, Batch batch, double[] dx) {
            gradients.incrementAndGet();
            return problem.gradient(x, batch, dx);
        }

        @Override
        public int trainingSetSize() {
            return problem.trainingSetSize();
        }

        @Override
        public List<ParameterBlock> layout() {
            return problem.layout();
        }

        @Override
        public Evaluation evaluate(double[] x) {
            evaluations.incrementAndGet();
            return problem.evaluate(x);
        }

        @Override
        public Map<String, Object> parameters() {
            return problem.parameters();
        }
    }
}

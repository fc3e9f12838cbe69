package org.optimizerlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optimizerlab.optim.Optimizer;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.problem.Problem;

/**
 * The runner: lockstep updates, what each record holds (checked against a hand-written loop over the optimizer and
 * the problem), and divergence: a run whose loss or parameters become non-finite is marked at that step and stops,
 * while the others go on.
 */
class ExperimentRunnerTest {

    static Experiment read(String json) {
        return new SpecReader(Limits.DEFAULT).read(json);
    }

    /** All records of a runner, advance() by advance(), starting with the initial ones. */
    static List<List<StepRecord>> advances(ExperimentRunner runner) {
        List<List<StepRecord>> advances = new ArrayList<>();
        advances.add(runner.initialRecords());
        for (List<StepRecord> next = runner.advance(); !next.isEmpty(); next = runner.advance()) {
            advances.add(next);
        }
        return advances;
    }

    static final String RACE = """
            {"problem": {"type": "rosenbrock"}, "start": [-1.5, 2.0], "steps": 60,
             "runs": [{"id": "sgd", "optimizer": {"type": "sgd", "lr": 0.0005}},
                      {"id": "nag", "optimizer": {"type": "nesterov", "lr": 0.0005, "mu": 0.8},
                       "schedule": {"type": "inverse", "k": 0.1}},
                      {"id": "adam", "optimizer": {"type": "adam", "lr": 0.01},
                       "schedule": {"type": "step", "every": 7, "factor": 0.5}}]}""";

    @Test
    void allRunsAdvanceInLockstepAndIndependently() {
        Experiment race = read(RACE);
        ExperimentRunner runner = new ExperimentRunner(race);
        List<List<StepRecord>> advances = advances(runner);
        assertThat(advances).hasSize(61);
        for (int k = 0; k < advances.size(); k++) {
            assertThat(advances.get(k)).extracting(StepRecord::run).containsExactly("sgd", "nag", "adam");
            assertThat(advances.get(k)).extracting(StepRecord::step).containsOnly(k);
        }
        assertThat(runner.finished()).isTrue();
        assertThat(runner.step()).isEqualTo(60);
        assertThat(runner.advance()).isEmpty();
        // each run alone gives the same numbers: runs do not share state
        for (int r = 0; r < 3; r++) {
            ObjectNode alone = (ObjectNode) SpecReader.parse(RACE);
            JsonNode run = alone.get("runs").get(r);
            alone.putArray("runs").add(run);
            List<List<StepRecord>> single = advances(new ExperimentRunner(read(alone.toString())));
            for (int k = 0; k < single.size(); k++) {
                assertThat(single.get(k).get(0).params()).containsExactly(advances.get(k).get(r).params());
            }
        }
    }

    @Test
    void recordsHoldWhatAHandWrittenLoopComputes() {
        Experiment race = read(RACE);
        List<List<StepRecord>> advances = advances(new ExperimentRunner(race));
        Problem problem = race.problem();
        for (int r = 0; r < race.runs().size(); r++) {
            Run run = race.runs().get(r);
            Optimizer optimizer = run.optimizer().newState(2);
            double[] x = race.start();
            double[] dx = new double[2];
            StepRecord start = advances.get(0).get(r);
            assertThat(start.params()).containsExactly(-1.5, 2.0);
            assertThat(start.epoch()).isZero();
            assertThat(start.lr()).as("step 0 shows the first update's lr").isEqualTo(run.lrAt(0, 0));
            assertThat(start.loss()).isEqualTo(problem.loss(x));
            assertThat(start.gradNorm()).isNaN();
            assertThat(start.update()).containsExactly(0, 0);
            assertThat(start.diverged()).isFalse();
            for (int k = 1; k <= race.steps(); k++) {
                double[] before = x.clone();
                double lr = run.schedule().lrAt(run.optimizer().lr(), k - 1, k - 1);
                problem.gradient(x, Batch.fullBatch(k - 1), dx);
                optimizer.step(x, dx, lr);
                StepRecord record = advances.get(k).get(r);
                assertThat(record.lr()).isEqualTo(lr);
                assertThat(record.epoch()).as("update k is in epoch k-1 on a full-batch problem").isEqualTo(k - 1);
                assertThat(record.params()).containsExactly(x);
                assertThat(record.loss()).isEqualTo(problem.loss(x));
                assertThat(record.gradNorm()).isEqualTo(Math.hypot(dx[0], dx[1]), org.assertj.core.api.Assertions.within(1e-12 * record.gradNorm()));
                assertThat(record.update()).containsExactly(x[0] - before[0], x[1] - before[1]);
                assertThat(record.state().keySet()).isEqualTo(optimizer.state().keySet());
                optimizer.state().forEach((name, value) -> assertThat(record.state().get(name)).containsExactly(value));
                assertThat(record.diverged()).isFalse();
            }
        }
    }

    @Test
    void aDivergingRunIsMarkedAtTheStepItGoesNonFiniteAndStopsWhileTheOthersGoOn() {
        Experiment race = read("""
                {"problem": {"type": "rosenbrock"}, "start": [-1.5, 2.0], "steps": 200,
                 "runs": [{"id": "calm", "optimizer": {"type": "sgd", "lr": 0.0001}},
                          {"id": "wild", "optimizer": {"type": "sgd", "lr": 0.05}},
                          {"id": "adam", "optimizer": {"type": "adam", "lr": 0.01}}]}""");
        int expected = firstNonFiniteStep(race, 1);
        assertThat(expected).as("the wild run does diverge").isBetween(2, 100);
        List<List<StepRecord>> advances = advances(new ExperimentRunner(race));
        assertThat(advances).hasSize(201);
        List<StepRecord> wild = advances.stream().flatMap(List::stream).filter(r -> r.run().equals("wild")).toList();
        assertThat(wild).hasSize(expected + 1);
        assertThat(wild.subList(0, expected)).noneMatch(StepRecord::diverged);
        StepRecord last = wild.get(expected);
        assertThat(last.step()).isEqualTo(expected);
        assertThat(last.diverged()).isTrue();
        assertThat(Double.isFinite(last.loss()) && Double.isFinite(last.params()[0]) && Double.isFinite(last.params()[1]))
                .isFalse();
        for (int k = expected + 1; k <= 200; k++) {
            assertThat(advances.get(k)).extracting(StepRecord::run).containsExactly("calm", "adam");
            assertThat(advances.get(k)).noneMatch(StepRecord::diverged);
        }
    }

    /** The first update after which run {@code r}'s loss or parameters are non-finite, by a hand-written loop. */
    private static int firstNonFiniteStep(Experiment e, int r) {
        Optimizer optimizer = e.runs().get(r).optimizer().newState(e.problem().dimension());
        double[] x = e.start();
        double[] dx = new double[x.length];
        for (int k = 1; k <= e.steps(); k++) {
            e.problem().gradient(x, Batch.fullBatch(k - 1), dx);
            optimizer.step(x, dx, e.runs().get(r).optimizer().lr());
            boolean finite = Double.isFinite(e.problem().loss(x));
            for (double value : x) {
                finite &= Double.isFinite(value);
            }
            if (!finite) {
                return k;
            }
        }
        return -1;
    }

    @Test
    void anOverflowingLossWithFiniteParametersIsDivergenceToo() {
        // x -> x - 3 x = -2 x: the loss 0.5 x² overflows long before x does
        Experiment e = read("""
                {"problem": {"type": "quadratic", "a": 1, "b": 1}, "start": [1e150, 0], "steps": 100,
                 "runs": [{"id": "a", "optimizer": {"type": "sgd", "lr": 3}},
                          {"id": "b", "optimizer": {"type": "sgd", "lr": 0.5}}]}""");
        List<List<StepRecord>> advances = advances(new ExperimentRunner(e));
        StepRecord last = advances.stream().flatMap(List::stream).filter(r -> r.run().equals("a"))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(last.diverged()).isTrue();
        assertThat(last.loss()).isInfinite();
        assertThat(Double.isFinite(last.params()[0])).isTrue();
        assertThat(last.step()).isEqualTo(firstNonFiniteStep(e, 0));
        assertThat(advances).hasSize(101);
    }

    @Test
    void aStartWhoseLossIsNotFiniteIsDivergedAtStepZeroAndNeverMoves() {
        Experiment e = read("""
                {"problem": {"type": "quadratic"}, "start": [1e200, 0], "steps": 10,
                 "runs": [{"id": "a", "optimizer": {"type": "sgd", "lr": 0.1}}]}""");
        ExperimentRunner runner = new ExperimentRunner(e);
        assertThat(runner.initialRecords()).singleElement().satisfies(r -> {
            assertThat(r.diverged()).isTrue();
            assertThat(r.loss()).isInfinite();
        });
        assertThat(runner.finished()).isTrue();
        assertThat(runner.advance()).isEmpty();
    }

    @Test
    void whenEveryRunHasDivergedTheRaceIsFinished() {
        ExperimentRunner runner = new ExperimentRunner(read("""
                {"problem": {"type": "rosenbrock"}, "start": [-1.5, 2.0], "steps": 1000,
                 "runs": [{"id": "a", "optimizer": {"type": "sgd", "lr": 0.05}},
                          {"id": "b", "optimizer": {"type": "momentum", "lr": 0.1}}]}"""));
        List<List<StepRecord>> advances = advances(runner);
        assertThat(runner.finished()).isTrue();
        assertThat(runner.step()).isLessThan(1000);
        assertThat(advances.get(advances.size() - 1)).allMatch(StepRecord::diverged);
    }

    @Test
    void reddiRunsAreProjectedAfterEveryUpdateAndAmsGradFindsMinusOne() {
        List<List<StepRecord>> advances = advances(new ExperimentRunner(read("""
                {"problem": {"type": "reddi"}, "steps": 20000,
                 "runs": [{"id": "adam", "optimizer": {"type": "adam", "lr": 0.1, "decay_rate": 0.99}},
                          {"id": "amsgrad", "optimizer": {"type": "amsgrad", "lr": 0.1, "decay_rate": 0.99}}]}""")));
        for (List<StepRecord> step : advances) {
            for (StepRecord r : step) {
                assertThat(r.params()[0]).isBetween(-1.0, 1.0);
            }
        }
        // averaged over the last period (101 updates): Adam sits near the wrong end +1, AMSGrad near the minimum -1
        double[] mean = new double[2];
        for (List<StepRecord> step : advances.subList(advances.size() - 101, advances.size())) {
            mean[0] += step.get(0).params()[0] / 101;
            mean[1] += step.get(1).params()[0] / 101;
        }
        assertThat(mean[0]).as("Adam").isGreaterThan(0.5);
        assertThat(mean[1]).as("AMSGrad").isLessThan(-0.5);
    }

    @Test
    void recordJsonWritesNonFiniteNumbersAsNull() {
        StepRecord record = new StepRecord("a", 3, 2, 0.1, Double.POSITIVE_INFINITY, new double[] {Double.NaN, 1.5},
                2.0, new double[] {0.25, Double.NEGATIVE_INFINITY}, java.util.Map.of("v", new double[] {1e-300, Double.NaN}), true);
        assertThat(RecordJson.toJson(record).toString()).isEqualTo("{\"run\":\"a\",\"step\":3,\"epoch\":2,\"lr\":0.1,"
                + "\"loss\":null,\"params\":[null,1.5],\"grad_norm\":2.0,\"update\":[0.25,null],"
                + "\"state\":{\"v\":[1.0E-300,null]},\"diverged\":true}");
    }
}

package org.optimizerlab.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.train.Evaluation;
import org.optimizerlab.train.SpiralClassifier;
import org.optimizerlab.train.TrainingProblem;
import org.optimizerlab.validation.FieldException;

class SearchTest {

    private static final String SPEC = """
            {"problem": {"type": "mlp-spiral", "points_per_class": 30, "hidden": 10}, "seed": 3, "epochs": 15,
             "batch_size": 24, "optimizer": {"type": "adam", "mu": 0.8},
             "search": {"trials": 5, "lr": [1e-3, 1e-1], "reg": [1e-5, 1e-2], "dropout": [0, 0.5],
                        "refine": {"trials": 3, "shrink": 0.2}}}""";

    private static SearchResult run(SearchSpec spec, int threads, List<Trial> reported) throws InterruptedException {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            return Search.run(spec, executor, reported::add);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theSameSeedGivesTheSameTrialsOnOneThreadOrSeveral() throws InterruptedException {
        SearchSpec spec = SearchReader.read(SPEC);
        List<Trial> reportedAlone = new ArrayList<>();
        SearchResult alone = run(spec, 1, reportedAlone);
        List<Trial> reportedParallel = new ArrayList<>();
        SearchResult parallel = run(spec, 3, reportedParallel);
        assertThat(parallel.trials()).isEqualTo(alone.trials());
        assertThat(parallel.best()).isEqualTo(alone.best());
        // every trial reported once, as it finished
        assertThat(reportedParallel).hasSize(8).containsExactlyInAnyOrderElementsOf(alone.trials());
        assertThat(reportedAlone).hasSize(8);
        // another seed, other trials
        SearchResult other = run(SearchReader.read(SPEC.replace("\"seed\": 3", "\"seed\": 4")), 2, new ArrayList<>());
        assertThat(other.trials().get(0).lr()).isNotEqualTo(alone.trials().get(0).lr());
    }

    /** A trial's evaluation and divergence are those of a runner recording everything, to the bit. */
    @Test
    void eachTrialIsWhatAFullRecordingOfItsRunGives() throws InterruptedException {
        SearchSpec spec = SearchReader.read(SPEC.replace("\"lr\": [1e-3, 1e-1]", "\"lr\": [1e-2, 1e12]")
                .replace("{\"type\": \"adam\", \"mu\": 0.8}", "{\"type\": \"sgd\"}"));
        SearchResult result = run(spec, 2, new ArrayList<>());
        assertThat(result.trials()).anyMatch(Trial::diverged).anyMatch(t -> !t.diverged());
        for (Trial trial : result.trials()) {
            TrainingProblem problem = spec.problem().withRegularization(trial.reg(), trial.dropout());
            int perEpoch = (problem.trainingSetSize() + spec.batchSize() - 1) / spec.batchSize();
            ExperimentRunner runner = new ExperimentRunner(
                    new Experiment(problem, problem.defaultStart(),
                            spec.epochs() * perEpoch, spec.seed(), spec.batchSize(),
                            List.of(new Run("full", spec.optimizer().apply(trial.lr()),
                                    spec.schedule()))));
            Evaluation last = runner.initialRecords().get(0).evaluation().orElseThrow();
            boolean diverged = false;
            while (!runner.finished()) {
                for (StepRecord record : runner.advance()) {
                    diverged |= record.diverged();
                    last = record.evaluation().orElse(last);
                }
            }
            assertThat(trial.evaluation()).as("trial " + trial.index()).isEqualTo(last);
            assertThat(trial.diverged()).as("trial " + trial.index()).isEqualTo(diverged);
        }
    }

    @Test
    void trialsComeFromTheRangesAndTheBestHasTheHighestValidationAccuracy() throws InterruptedException {
        SearchSpec spec = SearchReader.read(SPEC);
        SearchResult result = run(spec, 2, new ArrayList<>());
        assertThat(result.trials()).extracting(Trial::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(result.trials()).extracting(Trial::round).containsExactly(1, 1, 1, 1, 1, 2, 2, 2);
        for (Trial trial : result.trials()) {
            assertThat(trial.lr()).isBetween(1e-3, 1e-1);
            assertThat(trial.reg()).isBetween(1e-5, 1e-2);
            assertThat(trial.dropout()).isBetween(0.0, 0.5);
            assertThat(trial.validationAccuracy()).isBetween(0.0, 1.0);
            assertThat(result.best().validationAccuracy()).isGreaterThanOrEqualTo(trial.validationAccuracy());
        }
        // the second round stays near the first round's best: a fifth of the log-width around it
        Trial firstBest = result.trials().subList(0, 5).stream().min(Trial.BEST_FIRST).orElseThrow();
        double halfWidth = 0.2 * Math.log(100) / 2;
        for (Trial trial : result.trials().subList(5, 8)) {
            assertThat(Math.abs(Math.log(trial.lr() / firstBest.lr()))).isLessThanOrEqualTo(halfWidth + 1e-12);
            assertThat(Math.abs(trial.dropout() - firstBest.dropout())).isLessThanOrEqualTo(0.05 + 1e-12);
        }
    }

    @Test
    void anInterruptedSearchStopsWithInterruptedException() {
        SearchSpec spec = SearchReader.read(SPEC);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> Search.run(spec, executor, trial -> { }))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
            executor.shutdownNow();
        }
        assertThat(awaitTermination(executor)).isTrue();
    }

    @Test
    void logUniformRangesSpreadOverOrdersOfMagnitude() {
        Range range = new Range(1e-4, 1, true);
        SplittableRandom random = new SplittableRandom(1);
        int belowOnePercent = 0;
        for (int i = 0; i < 10_000; i++) {
            double value = range.sample(random);
            assertThat(value).isBetween(1e-4, 1.0);
            belowOnePercent += value < 1e-2 ? 1 : 0;
        }
        assertThat(belowOnePercent).isBetween(4_700, 5_300);       // half the decades are below 1e-2
        Range near = new Range(1e-4, 1, true).around(1e-4, 0.5);      // two decades wide, clipped at the low end
        assertThat(near.low()).isEqualTo(1e-4);
        assertThat(near.high()).isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(near.log()).isTrue();
    }

    @Test
    void searchSpecErrorsNameTheField() {
        String base = """
                {"problem": {"type": "mlp-spiral"%s}, "epochs": 10, "optimizer": {"type": "adam"%s},
                 "search": {"trials": 4, "lr": [1e-3, 1e-1]%s}}""";
        assertThatThrownBy(() -> SearchReader.read(base.formatted("", ", \"lr\": 0.1", "")))
                .hasMessage("optimizer.lr: is drawn by the search (search.lr); leave it out");
        assertThatThrownBy(() -> SearchReader.read(base.formatted(", \"reg\": 0.1", "", ", \"reg\": [1e-4, 1e-2]")))
                .hasMessage("problem.reg: is drawn by the search (search.reg); leave it out");
        assertThatThrownBy(() -> SearchReader.read(base.formatted("", "", ", \"reg\": [0, 1e-2]")))
                .hasMessage("search.reg[0]: must be > 0 (drawn on a log scale), got 0");
        assertThatThrownBy(() -> SearchReader.read(base.formatted("", "", ", \"dropout\": [0.5, 0.1]")))
                .hasMessage("search.dropout[1]: must be >= 0.5, got 0.1");
        assertThatThrownBy(() -> SearchReader.read(base.formatted(", \"validation\": 0", "", "")))
                .hasMessage("problem.validation: must be > 0 for a search: trials are ranked by validation accuracy");
        assertThatThrownBy(() -> SearchReader.read(base.formatted("", ", \"mu\": 1.5", "")))
                .hasMessage("optimizer.mu: must be in [0, 1), got 1.5");
        assertThatThrownBy(() -> SearchReader.read(base.formatted("", "", "").replace("\"trials\": 4", "\"trials\": 101")))
                .hasMessageStartingWith("search.trials: must be an integer in 1..100, got 101");
        assertThatThrownBy(() -> SearchReader.read(base.formatted(", \"hidden\": 1000, \"points_per_class\": 1000", "",
                ", \"refine\": {\"trials\": 100}").replace("\"epochs\": 10", "\"epochs\": 1000")))
                .hasMessageStartingWith("search.trials: trials * epochs * training points * parameters must be at most");
        assertThatThrownBy(() -> SearchReader.read("""
                {"problem": {"type": "linear-regression"}, "epochs": 10, "optimizer": {"type": "sgd"},
                 "search": {"trials": 4, "lr": [1e-3, 1e-1]}}"""))
                .hasMessage("problem.type: a search trains mlp-spiral, softmax-spiral or a csv table; got 'linear-regression'");
        assertThatThrownBy(() -> SearchReader.read(base.formatted("", "", ", \"momentum\": 1")))
                .hasMessageStartingWith("search.momentum: unknown field");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            mlp-spiral     | "dropout": [-0.5, 0]       | search.dropout[0]: must be in [0, 0.9], got -0.5
            softmax-spiral | "dropout": [-0.5, 0]       | search.dropout[0]: must be in [0, 0.9], got -0.5
            mlp-spiral     | "dropout": [0, 0.95]       | search.dropout[1]: must be in [0, 0.9], got 0.95
            mlp-spiral     | "reg": [1e-3, 150]         | search.reg[1]: must be in [0, 100], got 150
            mlp-spiral     | "reg": [1e-3, Infinity]    | search.reg[1]: must be a finite number, got Infinity
            mlp-spiral     | "lr": [1e-3, -Infinity]    | search.lr[1]: must be a finite number, got -Infinity
            """)
    void everyRangeEndIsCheckedWithTheRuleOfTheFieldItFeeds(String problem, String range, String message) {
        String spec = """
                {"problem": {"type": "%s"}, "epochs": 10, "optimizer": {"type": "adam"},
                 "search": {"trials": 4, "lr": [1e-3, 1e-1], %s}}""".formatted(problem, range)
                .replace("\"lr\": [1e-3, 1e-1], \"lr\"", "\"lr\"");
        assertThatThrownBy(() -> SearchReader.read(spec)).isInstanceOf(FieldException.class).hasMessage(message);
    }

    @Test
    void rangesAtTheProblemsLimitsRunEveryTrial() throws InterruptedException {
        SearchSpec spec = SearchReader.read("""
                {"problem": {"type": "mlp-spiral", "points_per_class": 10, "hidden": 4}, "seed": 1, "epochs": 1,
                 "optimizer": {"type": "sgd"},
                 "search": {"trials": 6, "lr": [1e-3, 1e-1], "reg": [0.04, 100], "dropout": [0, 0.9]}}""");
        SearchResult result = run(spec, 2, new ArrayList<>());
        assertThat(result.trials()).hasSize(6);
    }

    @Test
    void aDrawNeverRoundsPastTheRangesEnds() {
        // exp(log(low) + u (log(high) - log(low))) rounds past the ends: a reg of 100.00000000000004 breaks reg <= 100
        double top = Math.nextDown(1.0);
        assertThat(new Range(0.04, 100, true).valueAt(top)).isLessThanOrEqualTo(100);
        assertThat(new Range(1e-5, 1, true).valueAt(0)).isEqualTo(1e-5);
        assertThat(new Range(0, 0.9, false).valueAt(top)).isLessThanOrEqualTo(0.9);
        assertThat(new Range(2, 2, true).valueAt(0.5)).isEqualTo(2);
    }

    private static boolean awaitTermination(ExecutorService executor) {
        try {
            return executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package org.optimizerlab.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Recording;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.train.Evaluation;
import org.optimizerlab.train.RandomStream;
import org.optimizerlab.train.TrainingProblem;

/**
 * Runs a {@link SearchSpec}: random search, then the optional coarse-to-fine round.
 *
 * <p>Determinism: every trial's hyperparameters are drawn one after another from the seed's search stream before
 * any trial runs (the second round's after the first round is over, around its best), and each trial trains on
 * the same data, initial weights, batches and dropout masks (all from the spec's seed). A trial's numbers therefore
 * do not depend on which thread runs it or when; only the order in which trials are reported does. The best trial
 * is chosen by a total order ({@link Trial#BEST_FIRST}), so it is the same on any number of threads.
 */
public final class Search {

    private Search() {
    }

    /** The hyperparameters of one trial, drawn before it runs. */
    private record Plan(int index, int round, double lr, double reg, double dropout) {
    }

    /**
     * Runs every trial on {@code executor} and returns when all are done. {@code listener} is told of each trial as
     * it finishes (in finishing order), on the calling thread. If the calling thread is interrupted the unfinished
     * trials are cancelled and {@link InterruptedException} is thrown.
     */
    public static SearchResult run(SearchSpec spec, Executor executor, Consumer<Trial> listener)
            throws InterruptedException {
        SplittableRandom random = RandomStream.SEARCH.of(spec.seed());
        List<Trial> done = new ArrayList<>(execute(spec, draw(spec.trials(), 0, 1, spec.lr(), spec.reg(),
                spec.dropout(), random), executor, listener));
        if (spec.refine().isPresent()) {
            SearchSpec.Refine refine = spec.refine().get();
            Trial best = done.stream().min(Trial.BEST_FIRST).orElseThrow();
            double shrink = refine.shrink();
            done.addAll(execute(spec, draw(refine.trials(), spec.trials(), 2, spec.lr().around(best.lr(), shrink),
                    spec.reg().around(best.reg(), shrink), spec.dropout().around(best.dropout(), shrink), random),
                    executor, listener));
        }
        done.sort(Comparator.comparingInt(Trial::index));
        return new SearchResult(done, done.stream().min(Trial.BEST_FIRST).orElseThrow());
    }

    private static List<Plan> draw(int count, int firstIndex, int round, Range lr, Range reg, Range dropout,
                                   SplittableRandom random) {
        List<Plan> plans = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            plans.add(new Plan(firstIndex + i, round, lr.sample(random), reg.sample(random), dropout.sample(random)));
        }
        return plans;
    }

    private static List<Trial> execute(SearchSpec spec, List<Plan> plans, Executor executor, Consumer<Trial> listener)
            throws InterruptedException {
        CompletionService<Trial> completion = new ExecutorCompletionService<>(executor);
        List<Future<Trial>> futures = new ArrayList<>();
        for (Plan plan : plans) {
            futures.add(completion.submit(() -> train(spec, plan)));
        }
        List<Trial> trials = new ArrayList<>();
        try {
            for (int i = 0; i < plans.size(); i++) {
                Trial trial = completion.take().get();
                trials.add(trial);
                listener.accept(trial);
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            throw new IllegalStateException("a search trial failed", e.getCause());
        }
        return trials;
    }

    /** Trains one network of the search and reports its last evaluation. */
    private static Trial train(SearchSpec spec, Plan plan) {
        TrainingProblem problem = spec.problem().withRegularization(plan.reg(), plan.dropout());
        int batchesPerEpoch = (problem.trainingSetSize() + spec.batchSize() - 1) / spec.batchSize();
        Experiment experiment = new Experiment(problem, problem.defaultStart(), spec.epochs() * batchesPerEpoch,
                spec.seed(), spec.batchSize(), List.of(new Run("trial-" + plan.index(),
                spec.optimizer().apply(plan.lr()), spec.schedule())));
        // a trial reports its last evaluation and whether it diverged: only epoch ends (and a divergence) are kept
        ExperimentRunner runner = new ExperimentRunner(experiment, new Recording(false, false, batchesPerEpoch));
        Evaluation last = runner.initialRecords().get(0).evaluation().orElseThrow();
        boolean diverged = false;
        while (!runner.finished()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("search cancelled");
            }
            for (StepRecord record : runner.advance()) {
                diverged |= record.diverged();
                if (record.evaluation().isPresent()) {
                    last = record.evaluation().get();
                }
            }
        }
        return new Trial(plan.index(), plan.round(), plan.lr(), plan.reg(), plan.dropout(), last, diverged,
                spec.problem().metric());
    }
}

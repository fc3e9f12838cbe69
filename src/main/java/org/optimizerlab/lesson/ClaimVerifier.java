package org.optimizerlab.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.LayerStats;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.search.Search;
import org.optimizerlab.search.SearchResult;
import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.search.Trial;
import org.optimizerlab.train.DeepActivations;
import org.optimizerlab.train.Evaluation;
import org.optimizerlab.train.GradientEstimate;

/**
 * Runs a preset's experiment through the engine to the end and checks its claim on the points the page would plot
 * (the same {@link Decimation} for a race; every K of a gradient estimate; every layer of an activation study;
 * every trial of a search): what {@code check-lessons} and the lesson claim test do.
 */
public final class ClaimVerifier {

    private ClaimVerifier() {
    }

    /**
     * The plotted series of {@code experiment}, decimated to {@code maxPointsPerRun} points: each run's loss by
     * its id and, on a training problem, its accuracies per epoch end and its update ratios per block
     * ({@link Claim#accuracySeries}, {@link Claim#ratioSeries}).
     */
    public static Map<String, List<SeriesPoint>> series(Experiment experiment, int maxPointsPerRun) {
        Decimation decimation = Decimation.of(experiment.steps(), maxPointsPerRun);
        ExperimentRunner runner = new ExperimentRunner(experiment);
        List<StepRecord> kept = new ArrayList<>(runner.initialRecords());
        while (!runner.finished()) {
            for (StepRecord record : runner.advance()) {
                if (decimation.keeps(record)) {
                    kept.add(record);
                }
            }
        }
        Map<String, List<SeriesPoint>> series = SeriesPoint.fromRecords(kept);
        for (StepRecord record : kept) {
            record.evaluation().ifPresent(e -> addAccuracies(series, record, e));
            for (LayerStats layer : record.layers()) {
                series.computeIfAbsent(Claim.ratioSeries(record.run(), layer.name()), k -> new ArrayList<>())
                        .add(new SeriesPoint(record.step(), layer.updateRatio(), new double[0], false));
            }
        }
        return series;
    }

    /** The accuracy points of one evaluation, at the number of epochs done ({@code 0} at the start). */
    private static void addAccuracies(Map<String, List<SeriesPoint>> series, StepRecord record, Evaluation e) {
        int epochs = record.step() == 0 ? 0 : (int) record.epoch() + 1;
        e.trainAccuracy().ifPresent(a -> series.computeIfAbsent(Claim.accuracySeries(record.run(), "train"),
                k -> new ArrayList<>()).add(new SeriesPoint(epochs, a, new double[0], false)));
        e.validationAccuracy().ifPresent(a -> series.computeIfAbsent(Claim.accuracySeries(record.run(), "validation"),
                k -> new ArrayList<>()).add(new SeriesPoint(epochs, a, new double[0], false)));
    }

    /** The plotted series of a gradient estimate: {@value Claim#ESTIMATE_SERIES}, K as step, the mean error as loss. */
    public static Map<String, List<SeriesPoint>> series(GradientEstimate estimate) {
        GradientEstimate.Result result = estimate.compute();
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < result.ks().length; i++) {
            points.add(new SeriesPoint(result.ks()[i], result.meanError()[i], new double[0], false));
        }
        return Map.of(Claim.ESTIMATE_SERIES, points);
    }

    /** The plotted series of an activation study: {@value Claim#STD_SERIES}, the layer as step, its std as loss. */
    public static Map<String, List<SeriesPoint>> series(DeepActivations.Report report) {
        List<SeriesPoint> points = new ArrayList<>();
        for (DeepActivations.Layer layer : report.layers()) {
            points.add(new SeriesPoint(layer.layer(), layer.std(), new double[0], false));
        }
        return Map.of(Claim.STD_SERIES, points);
    }

    /** The plotted series of a search: {@value Claim#TRIALS_SERIES}, one point per trial (see there). */
    public static Map<String, List<SeriesPoint>> series(SearchResult result) {
        List<SeriesPoint> points = new ArrayList<>();
        for (Trial trial : result.trials()) {
            points.add(new SeriesPoint(trial.index(), trial.validationAccuracy(),
                    new double[] {trial.lr(), trial.reg(), trial.dropout(), trial.validationLoss()}, trial.diverged()));
        }
        Map<String, List<SeriesPoint>> series = new LinkedHashMap<>();
        series.put(Claim.TRIALS_SERIES, points);
        return series;
    }

    /** Runs a search on the calling thread, trial after trial. */
    static SearchResult runSearch(SearchSpec search) {
        try {
            return Search.run(search, Runnable::run, trial -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking a search", e);
        }
    }

    /** Whether {@code preset}'s claim holds on its own experiment, as plotted with {@code maxPointsPerRun}. */
    public static Claim.Verdict verify(Preset preset, int maxPointsPerRun) {
        Setup setup = preset.setup();
        Map<String, List<SeriesPoint>> series;
        if (setup instanceof Setup.Race race) {
            series = series(race.experiment(), maxPointsPerRun);
        } else if (setup instanceof Setup.Estimate estimate) {
            series = series(estimate.estimate());
        } else if (setup instanceof Setup.Activations study) {
            series = series(study.study().run());
        } else {
            series = series(runSearch(((Setup.Search) setup).search()));
        }
        return preset.claim().check(series);
    }
}

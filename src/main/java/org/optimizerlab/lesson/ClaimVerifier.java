package org.optimizerlab.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.train.GradientEstimate;

/**
 * Runs a preset's experiment through the engine to the end and checks its claim on the points the page would plot
 * (the same {@link Decimation} for a race; every K of a gradient estimate): what {@code check-lessons} and the
 * lesson claim test do.
 */
public final class ClaimVerifier {

    private ClaimVerifier() {
    }

    /** The plotted series of {@code experiment}, one per run, decimated to {@code maxPointsPerRun} points. */
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
        return SeriesPoint.fromRecords(kept);
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

    /** Whether {@code preset}'s claim holds on its own experiment, as plotted with {@code maxPointsPerRun}. */
    public static Claim.Verdict verify(Preset preset, int maxPointsPerRun) {
        Map<String, List<SeriesPoint>> series = preset.setup() instanceof Setup.Race race
                ? series(race.experiment(), maxPointsPerRun)
                : series(((Setup.Estimate) preset.setup()).estimate());
        return preset.claim().check(series);
    }
}

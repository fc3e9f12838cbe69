package org.optimizerlab.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.StepRecord;

/**
 * Runs a preset's experiment through the engine to the end and checks its claim on the points the page would plot
 * (the same {@link Decimation}): what {@code check-lessons} and the lesson claim test do.
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

    /** Whether {@code preset}'s claim holds on its own experiment, as plotted with {@code maxPointsPerRun}. */
    public static Claim.Verdict verify(Preset preset, int maxPointsPerRun) {
        return preset.claim().check(series(preset.experiment(), maxPointsPerRun));
    }
}

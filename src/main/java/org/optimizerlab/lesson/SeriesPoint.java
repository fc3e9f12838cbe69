package org.optimizerlab.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optimizerlab.experiment.StepRecord;

/**
 * One plotted point of one run: what a {@link Claim} looks at. Built from the engine's {@link StepRecord}s (the claim
 * test) or from a chart's data (the browser tests), so the same check runs on both.
 *
 * @param step     updates made so far
 * @param loss     the loss at that step; non-finite (or {@code NaN} for a missing value) once a run diverged
 * @param params   the parameters at that step (may be empty when the plot does not have them)
 * @param diverged whether the run diverged at this step
 */
public record SeriesPoint(int step, double loss, double[] params, boolean diverged) {

    public SeriesPoint {
        params = params == null ? new double[0] : params.clone();
    }

    /** The parameters (a copy). */
    @Override
    public double[] params() {
        return params.clone();
    }

    /** Whether this point shows a diverged run: flagged, or its loss or a parameter is not finite. */
    public boolean nonFinite() {
        if (diverged || !Double.isFinite(loss)) {
            return true;
        }
        for (double p : params) {
            if (!Double.isFinite(p)) {
                return true;
            }
        }
        return false;
    }

    /** Groups engine records into one series per run, in the order the records come. */
    public static Map<String, List<SeriesPoint>> fromRecords(List<StepRecord> records) {
        Map<String, List<SeriesPoint>> series = new LinkedHashMap<>();
        for (StepRecord r : records) {
            series.computeIfAbsent(r.run(), id -> new ArrayList<>())
                    .add(new SeriesPoint(r.step(), r.loss(), r.params(), r.diverged()));
        }
        return series;
    }
}

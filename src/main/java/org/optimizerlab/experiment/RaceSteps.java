package org.optimizerlab.experiment;

import java.util.List;

/**
 * The updates of a race, one at a time, as a live session consumes them: computed by an {@link ExperimentRunner},
 * recorded while they are computed ({@link RaceTape.Recorder}), or replayed from a finished recording of the same
 * experiment ({@link RaceTape.Replay}). All three give the same records, in the same order. One thread at a time.
 */
public sealed interface RaceSteps permits ExperimentRunner, RaceTape.Recorder, RaceTape.Replay {

    /** The experiment raced. */
    Experiment experiment();

    /** Updates made so far. */
    int step();

    /** Whether every run has made all its updates or diverged. */
    boolean finished();

    /** The records of step 0: every run at the start point. */
    List<StepRecord> initialRecords();

    /** The records of the next update of every live run (none once finished). */
    List<StepRecord> advance();

    /** The current parameters of run {@code index} (a copy). */
    double[] params(int index);
}

package org.optimizerlab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.optimizerlab.train.TrainingProblem;

/**
 * A race recorded from its start to its end: the records its runner gave, update by update, and every run's
 * parameters after each update (for the decision regions of its steps). Immutable once made, so any number of
 * sessions replay it at their own pace ({@link #replay}) instead of computing it again: a class that starts the
 * same preset computes it once. A replay gives the very records of the recording, so what a client receives is the
 * same, byte for byte.
 */
public final class RaceTape {
    /** What one record is counted as in {@link #bytes}, besides its per-layer statistics: the record, an evaluation. */
    static final long RECORD_BYTES = 256;
    /** What one parameter block's statistics in a record are counted as ({@link LayerStats} and its slot). */
    static final long LAYER_BYTES = 64;

    private final Experiment experiment;
    private final List<StepRecord> initial;
    private final List<List<StepRecord>> updates;
    /** {@code params[s][i]}: run {@code i}'s parameters after update {@code s} (0: the start). */
    private final List<double[][]> params;
    private final long bytes;

    private RaceTape(Experiment experiment, List<StepRecord> initial, List<List<StepRecord>> updates,
                     List<double[][]> params, long bytes) {
        this.experiment = experiment;
        this.initial = List.copyOf(initial);
        this.updates = List.copyOf(updates);
        this.params = List.copyOf(params);
        this.bytes = bytes;
    }

    /** An upper bound of {@link #bytes} for a recording of {@code experiment} run to its last update. */
    public static long estimatedBytes(Experiment experiment) {
        long runs = experiment.runs().size();
        long states = (experiment.steps() + 1L) * runs;
        return states * (experiment.problem().dimension() * 8L + 16 + recordBytes(experiment));
    }

    /** What one record of {@code experiment} is counted as: {@link #RECORD_BYTES} and its blocks' statistics. */
    static long recordBytes(Experiment experiment) {
        int blocks = experiment.problem() instanceof TrainingProblem training ? training.layout().size() : 0;
        return RECORD_BYTES + blocks * LAYER_BYTES;
    }

    /** The memory the tape holds, estimated: its parameter vectors and {@link #recordBytes} per record. */
    public long bytes() {
        return bytes;
    }

    /** The experiment recorded. */
    public Experiment experiment() {
        return experiment;
    }

    /** A replay from step 0. */
    public Replay replay() {
        return new Replay();
    }

    /** Records the race {@code runner} (at step 0) computes as a session consumes it. */
    public static Recorder record(ExperimentRunner runner) {
        return new Recorder(runner);
    }

    /** The recorded race from step 0, one update per {@link #advance}, at the consumer's pace. */
    public final class Replay implements RaceSteps {
        private int step;

        private Replay() {
        }

        @Override
        public Experiment experiment() {
            return experiment;
        }

        @Override
        public int step() {
            return step;
        }

        @Override
        public boolean finished() {
            return step >= updates.size();
        }

        @Override
        public List<StepRecord> initialRecords() {
            return initial;
        }

        @Override
        public List<StepRecord> advance() {
            return finished() ? List.of() : updates.get(step++);
        }

        @Override
        public double[] params(int index) {
            return params.get(step)[index].clone();
        }
    }

    /**
     * A runner whose updates are kept as they are made; once it has finished, {@link #tape} is the recording. The
     * records it gives are the runner's own.
     */
    public static final class Recorder implements RaceSteps {
        private final ExperimentRunner runner;
        private final List<String> runIds;
        private final long recordBytes;
        private List<StepRecord> initial;
        private final List<List<StepRecord>> updates = new ArrayList<>();
        private final List<double[][]> params = new ArrayList<>();
        private long bytes;

        private Recorder(ExperimentRunner runner) {
            this.runner = runner;
            this.runIds = runner.experiment().runs().stream().map(Run::id).toList();
            this.recordBytes = recordBytes(runner.experiment());
            double[][] start = new double[runIds.size()][];
            for (int i = 0; i < start.length; i++) {
                start[i] = runner.params(i);
                bytes += start[i].length * 8L + 16;
            }
            params.add(start);
        }

        @Override
        public Experiment experiment() {
            return runner.experiment();
        }

        @Override
        public int step() {
            return runner.step();
        }

        @Override
        public boolean finished() {
            return runner.finished();
        }

        @Override
        public List<StepRecord> initialRecords() {
            if (initial == null) {
                initial = runner.initialRecords();
                bytes += initial.size() * recordBytes;
            }
            return initial;
        }

        @Override
        public List<StepRecord> advance() {
            List<StepRecord> made = runner.advance();
            if (made.isEmpty()) {
                return made;
            }
            updates.add(made);
            double[][] before = params.get(params.size() - 1);
            double[][] after = before.clone();                         // a run that made no update keeps its vector
            for (StepRecord record : made) {
                int i = runIds.indexOf(record.run());
                after[i] = runner.params(i);
                bytes += after[i].length * 8L + 16;
            }
            params.add(after);
            bytes += made.size() * recordBytes;
            return made;
        }

        @Override
        public double[] params(int index) {
            return runner.params(index);
        }

        /** The recording, once the race has finished and its start was recorded. */
        public Optional<RaceTape> tape() {
            if (!runner.finished() || initial == null) {
                return Optional.empty();
            }
            return Optional.of(new RaceTape(runner.experiment(), initial, updates, params, bytes));
        }
    }
}

package org.optimizerlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.RaceSteps;
import org.optimizerlab.experiment.RaceTape;
import org.optimizerlab.experiment.Recording;
import org.optimizerlab.train.SpiralClassifier;

/**
 * Races a class shares: when many students start the same race (a lesson's preset, an experiment the instructor
 * sent), the first session to run it to its end records it ({@link RaceTape}) and every later start of the same
 * spec replays that recording at its own pace instead of computing it again. The records are the runner's own, so a
 * replayed race sends the same bytes; pause, step, speed and reset work on a replay as on a runner.
 *
 * <p>Only races on the spiral classifier are shared: they are the costly ones, and their data comes from the spec
 * alone (a table is read from a lesson's files, which an instructor can change while the class runs). A spec is
 * the same when its JSON is (the server reads it the same way every time). One session at a time records a spec.
 *
 * <p>Memory is bounded in bytes: the recordings kept plus the estimate of those being made stay within
 * {@code budgetBytes}. To make room, recordings nobody has replayed go first, least recently started first, then
 * the least recently started of the rest: a tab that starts race after race of its own evicts its own recordings,
 * not the lesson's race the class replays. A race that does not fit is simply computed, as without sharing.
 * Thread-safe.
 */
final class SharedRaces {
    /** The default bound: about 13 recordings of lesson 10's race (4.7 MB each). */
    static final long DEFAULT_BUDGET_BYTES = 64L << 20;

    /** The bound a server uses: {@link #DEFAULT_BUDGET_BYTES}, or an eighth of the heap when that is less. */
    static long budgetFor(long maxHeapBytes) {
        return Math.min(DEFAULT_BUDGET_BYTES, maxHeapBytes / 8);
    }

    private final long budgetBytes;
    /** Finished recordings, least recently started first. */
    private final LinkedHashMap<Key, Kept> tapes = new LinkedHashMap<>(16, 0.75f, true);
    /** The recording each session is making. */
    private final Map<Object, Reservation> recording = new HashMap<>();
    private long storedBytes;
    private long reservedBytes;
    private long replays;
    private long recordings;
    private long kept;

    SharedRaces(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** What a race starts from: the spec's JSON and what the session sends of it. */
    private record Key(JsonNode spec, Recording recording) {
    }

    private record Reservation(Key key, long bytes) {
    }

    /** A recording kept, and whether a start has replayed it. */
    private static final class Kept {
        final RaceTape tape;
        boolean replayed;

        Kept(RaceTape tape) {
            this.tape = tape;
        }
    }

    /**
     * The updates of a race of {@code experiment}, read from {@code spec}, for session {@code owner}: a replay of
     * its recording, or a runner (recording it when it may). Drops a recording {@code owner} was making.
     */
    RaceSteps open(Object owner, JsonNode spec, Experiment experiment, Recording what) {
        release(owner);
        if (!(experiment.problem() instanceof SpiralClassifier)) {
            return new ExperimentRunner(experiment, what);
        }
        Key key = new Key(spec.deepCopy(), what);
        long estimate = RaceTape.estimatedBytes(experiment);
        synchronized (this) {
            Kept kept = tapes.get(key);
            if (kept != null) {
                replays++;
                kept.replayed = true;
                return kept.tape.replay();
            }
            boolean taken = recording.values().stream().anyMatch(r -> r.key().equals(key));
            if (taken || !makeRoom(estimate)) {
                return new ExperimentRunner(experiment, what);
            }
            recording.put(owner, new Reservation(key, estimate));
            reservedBytes += estimate;
            recordings++;
        }
        return RaceTape.record(new ExperimentRunner(experiment, what));
    }

    /** {@code owner}'s race has finished: its recording is kept for the next starts of its spec. */
    synchronized void finished(Object owner, RaceTape.Recorder recorder) {
        Reservation reservation = recording.remove(owner);
        if (reservation == null) {
            return;                                           // dropped meanwhile
        }
        reservedBytes -= reservation.bytes();
        RaceTape tape = recorder.tape().orElse(null);
        if (tape == null || tapes.containsKey(reservation.key()) || !makeRoom(tape.bytes())) {
            return;
        }
        tapes.put(reservation.key(), new Kept(tape));
        storedBytes += tape.bytes();
        kept++;
    }

    /** {@code owner} stopped the race it was recording (a new race, a search, a closed connection). */
    synchronized void release(Object owner) {
        Reservation reservation = recording.remove(owner);
        if (reservation != null) {
            reservedBytes -= reservation.bytes();
        }
    }

    /**
     * Drops recordings until {@code bytes} more fit: those never replayed first, then the others, least recently
     * started first; false when they cannot fit.
     */
    private boolean makeRoom(long bytes) {
        if (bytes > budgetBytes - reservedBytes) {
            return false;
        }
        for (boolean replayedToo : new boolean[] {false, true}) {
            Iterator<Kept> oldest = tapes.values().iterator();
            while (storedBytes + reservedBytes + bytes > budgetBytes && oldest.hasNext()) {
                Kept next = oldest.next();
                if (!next.replayed || replayedToo) {
                    storedBytes -= next.tape.bytes();
                    oldest.remove();
                }
            }
        }
        return true;
    }

    /** Counts so far, for tests and the health page. */
    synchronized Stats stats() {
        return new Stats(tapes.size(), storedBytes, reservedBytes, replays, recordings, kept);
    }

    /**
     * @param tapes      recordings kept
     * @param storedBytes their bytes
     * @param reservedBytes the estimate of the recordings being made
     * @param replays    races replayed
     * @param recordings recordings begun
     * @param kept       recordings kept when their race finished
     */
    record Stats(int tapes, long storedBytes, long reservedBytes, long replays, long recordings, long kept) {
    }
}

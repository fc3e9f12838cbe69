package org.optimizerlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.RaceSteps;
import org.optimizerlab.experiment.Recording;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.lesson.Decimation;

/**
 * The race of one session: its updates (computed, or replayed from a class's {@link SharedRaces}), which of its
 * points are sent ({@link Decimation}), every run's last point,
 * and what has not been sent yet: the points of the next {@code frames} message, serialized to bytes as they are
 * made ({@link PendingFrames}) so their size is known, and the divergences to report.
 * Confined to the session's tasks.
 */
final class LiveRace {

    final Experiment experiment;
    /** The spec the race was read from (its key among the shared races). */
    final JsonNode spec;
    /** The contour map's JSON text, or null. */
    final String contour;
    final RaceSteps steps;
    final Decimation decimation;
    ExperimentState state = ExperimentState.PAUSED;

    private final boolean vectors;
    private final PendingFrames pending;
    private final Map<String, StepRecord> last = new LinkedHashMap<>();
    private final List<StepRecord> divergences = new ArrayList<>();

    /** A race of {@code experiment} whose updates {@code open} gives for what the session sends of it. */
    LiveRace(Experiment experiment, JsonNode spec, String contour, Decimation decimation, ObjectMapper json,
             Function<Recording, RaceSteps> open) {
        this.experiment = experiment;
        this.spec = spec;
        this.contour = contour;
        this.decimation = decimation;
        this.vectors = ServerMessage.sendsVectors(experiment.problem());
        // only what is sent: the kept points, with their vectors when the problem sends them
        this.steps = open.apply(recording(experiment, decimation));
        this.pending = new PendingFrames(json.getFactory(), experiment.runs().stream().map(Run::id).toList(), vectors,
                decimation.decimated());
    }

    /** What a session records of a race of {@code experiment}: the points it sends, with their vectors if any. */
    static Recording recording(Experiment experiment, Decimation decimation) {
        return new Recording(ServerMessage.sendsVectors(experiment.problem()), true, decimation.stride());
    }

    /** The points of step 0, by run (for {@code started}). */
    Map<String, ObjectNode> initialPoints() {
        Map<String, ObjectNode> initial = new LinkedHashMap<>();
        for (StepRecord record : steps.initialRecords()) {
            last.put(record.run(), record);
            initial.put(record.run(), ServerMessage.point(record, vectors));
        }
        return initial;
    }

    /**
     * Makes up to {@code wanted} updates of every live run, stopping after an update when {@code stop} says so or
     * the next {@code frames} holds {@code maxFrameBytes}; returns the updates made and how many records they gave.
     */
    Advanced advance(int wanted, int maxFrameBytes, BooleanSupplier stop) {
        int done = 0;
        long records = 0;
        while (done < wanted && !steps.finished()) {
            List<StepRecord> made = steps.advance();
            done++;
            records += made.size();
            for (StepRecord record : made) {
                last.put(record.run(), record);
                if (decimation.keeps(record)) {
                    pending.add(record);
                }
                if (record.diverged()) {
                    divergences.add(record);
                }
            }
            if (pending.bytes() >= maxFrameBytes || stop.getAsBoolean()) {
                break;
            }
        }
        return new Advanced(done, records);
    }

    /** What one {@link #advance} made: updates of the race, and records (an update of each live run). */
    record Advanced(int updates, long records) {
    }

    /** The bytes of points waiting for the next {@code frames}. */
    int pendingBytes() {
        return pending.bytes();
    }

    /** Whether points wait to be sent. */
    boolean hasPending() {
        return pending.any();
    }

    /** The {@code frames} message of experiment {@code number} holding every waiting point; the buffers are emptied. */
    String takeFrames(int number) {
        return pending.take(number);
    }

    /** The divergences since the last call, in step order. */
    List<StepRecord> takeDivergences() {
        List<StepRecord> taken = List.copyOf(divergences);
        divergences.clear();
        return taken;
    }

    /** Every run's last point, by run (for {@code done}). */
    Map<String, ObjectNode> finalPoints() {
        Map<String, ObjectNode> finals = new LinkedHashMap<>();
        last.forEach((run, record) -> finals.put(run, ServerMessage.point(record, vectors)));
        return finals;
    }
}

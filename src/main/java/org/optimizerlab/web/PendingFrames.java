package org.optimizerlab.web;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optimizerlab.experiment.StepRecord;

/**
 * The points of a race's next {@code frames} message, serialized to bytes as they are made ({@link PointWriter}) into
 * one reused buffer per run, so their size is known; {@link #take} assembles the message from them once, the text
 * {@link ServerMessage#frames} would give. Confined to the race's session.
 */
final class PendingFrames {
    private final PointWriter writer;
    private final boolean decimated;
    /** Each run's points not sent yet, comma-separated JSON objects; in the spec's order of runs. */
    private final Map<String, PointWriter.Bytes> byRun = new LinkedHashMap<>();
    private final PointWriter.Bytes message = new PointWriter.Bytes();
    private int bytes;

    /**
     * Pending points of the runs {@code runIds} (in the spec's order, each a {@code [A-Za-z0-9_-]} id), with their
     * vectors or not, in messages that say whether the race is {@code decimated}.
     */
    PendingFrames(JsonFactory json, List<String> runIds, boolean vectors, boolean decimated) {
        this.writer = new PointWriter(json, vectors);
        this.decimated = decimated;
        runIds.forEach(id -> byRun.put(id, new PointWriter.Bytes()));
    }

    /** Adds the point of {@code record}. */
    void add(StepRecord record) {
        PointWriter.Bytes points = byRun.get(record.run());
        int before = points.length();
        writer.append(record, points);
        bytes += points.length() - before;
    }

    /** The bytes of the points waiting. */
    int bytes() {
        return bytes;
    }

    /** Whether points wait. */
    boolean any() {
        return bytes > 0;
    }

    /** The {@code frames} message of experiment {@code number} holding every waiting point; the buffers are emptied. */
    String take(int number) {
        message.appendAscii("{\"type\":\"frames\",\"experiment\":" + number + ",\"points\":{");
        boolean first = true;
        for (Map.Entry<String, PointWriter.Bytes> run : byRun.entrySet()) {
            PointWriter.Bytes points = run.getValue();
            if (points.length() == 0) {
                continue;
            }
            message.appendAscii(first ? "\"" : ",\"");
            message.appendAscii(run.getKey());                       // [A-Za-z0-9_-]: nothing to escape
            message.appendAscii("\":[");
            message.append(points);
            message.append((byte) ']');
            points.clear();
            first = false;
        }
        message.appendAscii("},\"decimated\":" + decimated + "}");
        bytes = 0;
        String text = new String(message.array(), 0, message.length(), StandardCharsets.UTF_8);
        message.clear();
        return text;
    }
}

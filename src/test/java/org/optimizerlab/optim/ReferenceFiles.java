package org.optimizerlab.optim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.experiment.StepRecord;

/**
 * Test helper: reads the golden files under {@code src/test/resources/reference} (written by the generators in
 * {@code tools/reference}) and runs their specs through the engine.
 */
public final class ReferenceFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceFiles() {
    }

    /** The JSON document at classpath resource {@code reference/<name>}; fails loudly if it is missing. */
    public static JsonNode read(String name) {
        try (InputStream in = ReferenceFiles.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file reference/" + name
                        + " (regenerate it with the scripts in tools/reference)");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array of numbers as doubles. */
    public static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).doubleValue();
        }
        return values;
    }

    /** A JSON array of whole numbers as ints (step numbers, labels, minibatch indices). */
    public static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).intValue();
        }
        return values;
    }

    /** A JSON array of arrays of numbers. */
    public static double[][] rows(JsonNode array) {
        double[][] rows = new double[array.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = doubles(array.get(i));
        }
        return rows;
    }

    /**
     * Reads {@code spec} with the engine's {@link SpecReader} and runs its single run to the end; element k of the
     * result is the record after k updates (element 0: the start).
     */
    public static List<StepRecord> runSingle(JsonNode spec) {
        Experiment experiment = new SpecReader(Limits.DEFAULT).read(spec);
        ExperimentRunner runner = new ExperimentRunner(experiment);
        List<StepRecord> records = new ArrayList<>(runner.initialRecords());
        for (List<StepRecord> next = runner.advance(); !next.isEmpty(); next = runner.advance()) {
            records.addAll(next);
        }
        if (records.size() != experiment.steps() + 1) {
            throw new AssertionError("expected " + (experiment.steps() + 1) + " records, got " + records.size());
        }
        return records;
    }
}

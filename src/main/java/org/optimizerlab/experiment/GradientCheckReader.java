package org.optimizerlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.problem.Problem;
import org.optimizerlab.train.NumericGradientCheck;
import org.optimizerlab.train.TrainingProblem;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;

/**
 * Reads a gradient check ({@link NumericGradientCheck}), the body of {@code POST /api/gradient-check}:
 *
 * <pre>
 * {"problem": {"type": "mlp-spiral", "hidden": 100}, "seed": 1, "batch_size": 20, "per_block": 10, "h": 1e-5}
 * </pre>
 *
 * {@code problem} is any training problem of the spec format; {@code at} defaults to its seeded start. Every error
 * is a {@link FieldException} naming the field; {@link #toJson} writes the answer.
 */
public final class GradientCheckReader {

    private GradientCheckReader() {
    }

    /** Reads and validates a request given as JSON text. */
    public static NumericGradientCheck read(String json) {
        return read(SpecReader.parse(json));
    }

    /** Reads and validates a request given as a JSON tree (a {@code csv} problem is refused: no folder). */
    public static NumericGradientCheck read(JsonNode document) {
        return read(document, DataFolder.NONE);
    }

    /** Reads and validates a request given as a JSON tree; a {@code csv} problem's table is read from {@code folder}. */
    public static NumericGradientCheck read(JsonNode document, DataFolder folder) {
        JsonFields request = JsonFields.root(document);
        long seed = request.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0);
        JsonFields problemFields = request.object("problem");
        Problem problem = ProblemReader.read(problemFields, seed, folder);
        if (!(problem instanceof TrainingProblem training)) {
            throw new FieldException(problemFields.path("type"), "must be a problem with a training set ("
                    + String.join(", ", ProblemReader.TRAINING_PROBLEMS) + "); got '" + problem.type() + "'");
        }
        double[] at = request.has("at") ? request.numbers("at") : problem.defaultStart();
        int batchSize = (int) request.integer("batch_size", 1, training.trainingSetSize(),
                Math.min(NumericGradientCheck.DEFAULT_BATCH_SIZE, training.trainingSetSize()));
        int perBlock = (int) request.integer("per_block", 1, NumericGradientCheck.MAX_PER_BLOCK,
                NumericGradientCheck.DEFAULT_PER_BLOCK);
        double h = request.number("h", NumericGradientCheck.DEFAULT_H);
        request.rejectUnknown();
        return request.within(() -> new NumericGradientCheck(training, at, batchSize, perBlock, h, seed));
    }

    /**
     * {@code {"h", "batch_size", "blocks": [{"name", "max_relative_error", "mean_relative_error", "kinks",
     * "max_relative_error_away_from_kinks", "coordinates": [{"index", "analytic", "numeric", "relative_error",
     * "kink"}]}]}} ({@code null} for a maximum over no coordinates).
     */
    public static ObjectNode toJson(NumericGradientCheck check, List<NumericGradientCheck.Block> blocks) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("h", check.h());
        node.put("batch_size", check.batchSize());
        ArrayNode list = node.putArray("blocks");
        for (NumericGradientCheck.Block block : blocks) {
            ObjectNode item = list.addObject();
            item.put("name", block.name());
            RecordJson.putNumber(item, "max_relative_error", block.maxRelativeError());
            RecordJson.putNumber(item, "mean_relative_error", block.meanRelativeError());
            item.put("kinks", block.kinks());
            RecordJson.putNumber(item, "max_relative_error_away_from_kinks", block.maxRelativeErrorAwayFromKinks());
            ArrayNode coordinates = item.putArray("coordinates");
            for (NumericGradientCheck.Coordinate c : block.coordinates()) {
                ObjectNode coordinate = coordinates.addObject();
                coordinate.put("index", c.index());
                RecordJson.putNumber(coordinate, "analytic", c.analytic());
                RecordJson.putNumber(coordinate, "numeric", c.numeric());
                RecordJson.putNumber(coordinate, "relative_error", c.relativeError());
                coordinate.put("kink", c.kink());
            }
        }
        return node;
    }
}

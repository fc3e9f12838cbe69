package org.optimizerlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import org.optimizerlab.data.CsvClassifier;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.problem.Problem;
import org.optimizerlab.train.GradientEstimate;
import org.optimizerlab.train.SpiralClassifier;
import org.optimizerlab.train.TrainingProblem;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;

/**
 * Reads the request of the SGD lesson's gradient-estimate experiment ({@link GradientEstimate}), e.g. the body of
 * {@code POST /api/gradient-estimate}:
 *
 * <pre>
 * {"problem": {"type": "linear-regression", "n": 200, "d": 2, "noise": 0.5}, "seed": 1,
 *  "batch_size": 10, "ks": [1, 4, 16, 64, 256], "repeats": 50, "at": [0, 0]}
 * </pre>
 *
 * {@code problem} is any training problem of the spec format (a {@code csv} table from the folder given, a network
 * without dropout); {@code at} defaults to the problem's start point,
 * {@code seed} to 0, {@code batch_size}, {@code ks} and {@code repeats} to {@link GradientEstimate}'s defaults. Every
 * error is a {@link FieldException} naming the field. The answer is {@link TrainingJson#toJson(GradientEstimate.Result)}.
 */
public final class GradientEstimateReader {

    private GradientEstimateReader() {
    }

    /** Reads and validates a request given as JSON text. */
    public static GradientEstimate read(String json) {
        return read(SpecReader.parse(json));
    }

    /** Reads and validates a request given as a JSON tree (a {@code csv} problem is refused: no folder). */
    public static GradientEstimate read(JsonNode document) {
        return read(document, DataFolder.NONE);
    }

    /** Reads and validates a request given as a JSON tree; a {@code csv} problem's table is read from {@code folder}. */
    public static GradientEstimate read(JsonNode document, DataFolder folder) {
        JsonFields request = JsonFields.root(document);
        long seed = request.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0);
        JsonFields problemFields = request.object("problem");
        Problem problem = ProblemReader.read(problemFields, seed, folder);
        if (!(problem instanceof TrainingProblem training)) {
            throw new FieldException(problemFields.path("type"), "must be a problem with a training set ("
                    + String.join(", ", ProblemReader.TRAINING_PROBLEMS) + "); got '" + problem.type() + "'");
        }
        if (dropout(problem) > 0) {
            throw new FieldException(problemFields.path("dropout"), "must be 0 for a gradient estimate: with dropout "
                    + "every minibatch gradient has its own random mask, so their mean does not approach one full "
                    + "gradient; got " + dropout(problem));
        }
        double[] at = request.has("at") ? request.numbers("at") : problem.defaultStart();
        int batchSize = (int) request.integer("batch_size", 1, training.trainingSetSize(),
                Math.min(GradientEstimate.DEFAULT_BATCH_SIZE, training.trainingSetSize()));
        int[] ks = request.has("ks") ? integers(request.numbers("ks"), request.path("ks"))
                : GradientEstimate.DEFAULT_KS;
        int repeats = (int) request.integer("repeats", 1, GradientEstimate.MAX_REPEATS, GradientEstimate.DEFAULT_REPEATS);
        request.rejectUnknown();
        return request.within(() -> new GradientEstimate(training, at, batchSize, ks, repeats, seed));
    }

    /** The dropout probability of a network problem (0 for the others). */
    private static double dropout(Problem problem) {
        if (problem instanceof SpiralClassifier spiral) {
            return spiral.config().dropout();
        }
        return problem instanceof CsvClassifier table ? table.config().dropout() : 0;
    }

    private static int[] integers(double[] numbers, String path) {
        int[] values = new int[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            double v = numbers[i];
            if (!(v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE)) {
                throw new FieldException(path + "[" + i + "]", "must be an integer, got " + v);
            }
            values[i] = (int) v;
        }
        return values;
    }
}

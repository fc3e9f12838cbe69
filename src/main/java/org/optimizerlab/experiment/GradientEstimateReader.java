package org.optimizerlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import org.optimizerlab.problem.Problem;
import org.optimizerlab.train.GradientEstimate;
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
 * {@code problem} is any training problem of the spec format; {@code at} defaults to the problem's start point,
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

    /** Reads and validates a request given as a JSON tree. */
    public static GradientEstimate read(JsonNode document) {
        JsonFields request = JsonFields.root(document);
        long seed = request.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0);
        JsonFields problemFields = request.object("problem");
        Problem problem = ProblemReader.read(problemFields, seed);
        if (!(problem instanceof TrainingProblem training)) {
            throw new FieldException(problemFields.path("type"), "must be a problem with a training set ("
                    + String.join(", ", ProblemReader.TRAINING_PROBLEMS) + "); got '" + problem.type() + "'");
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

package org.optimizerlab.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.List;
import java.util.Map;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.RecordJson;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.experiment.TrainingJson;
import org.optimizerlab.problem.Interval;
import org.optimizerlab.problem.Problem;
import org.optimizerlab.optim.OptimizerConfig;
import org.optimizerlab.search.Range;
import org.optimizerlab.search.SearchJson;
import org.optimizerlab.search.SearchMetric;
import org.optimizerlab.search.SearchResult;
import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.search.Trial;
import org.optimizerlab.train.SpiralClassifier;
import org.optimizerlab.train.ParameterBlock;
import org.optimizerlab.train.TrainingProblem;
import org.optimizerlab.validation.FieldException;

/** Builds the server's messages of {@code docs/protocol.md}, each a JSON object with a {@code type}. */
final class ServerMessage {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ServerMessage() {
    }

    /** {@code error}: {@code message} (with the field path in front) and {@code field}. */
    static ObjectNode error(FieldException e) {
        ObjectNode node = typed("error");
        node.put("message", e.getMessage());
        node.put("field", e.field());
        return node;
    }

    /** {@code started}: everything the page needs to draw an experiment before its first update. */
    static ObjectNode started(int experiment, Experiment spec, int stride, String contour,
                              Map<String, ObjectNode> initial) {
        ObjectNode node = typed("started");
        node.put("experiment", experiment);
        node.put("kind", "race");
        node.put("steps", spec.steps());
        node.put("stride", stride);
        ArrayNode runs = node.putArray("runs");
        for (Run run : spec.runs()) {
            ObjectNode r = runs.addObject();
            r.put("id", run.id());
            ObjectNode optimizer = r.putObject("optimizer");
            optimizer.put("type", run.optimizer().type());
            putAll(optimizer, run.optimizer().hyperparameters());
            ObjectNode schedule = r.putObject("schedule");
            schedule.put("type", run.schedule().type());
            putAll(schedule, run.schedule().parameters());
        }
        node.set("problem", problem(spec.problem()));
        if (contour != null) {
            node.putRawValue("contour", new RawValue(contour));
        }
        if (spec.problem() instanceof SpiralClassifier spiral) {
            node.set("data", RegionsFeed.data(spiral));
        }
        ObjectNode start = node.putObject("initial");
        initial.forEach(start::set);
        return node;
    }

    /**
     * {@code started} of a search: {@code kind: "search"}, all {@code trials} (both rounds) and those of the first
     * round, {@code epochs}, {@code batch_size}, the {@code problem}, the {@code optimizer} without {@code lr},
     * the {@code schedule}, the {@code ranges} of the first round and the {@code refine} round (or null).
     */
    static ObjectNode searchStarted(int experiment, SearchSpec search) {
        ObjectNode node = typed("started");
        node.put("experiment", experiment);
        node.put("kind", "search");
        node.put("trials", search.totalTrials());
        node.put("firstRound", search.trials());
        node.put("epochs", search.epochs());
        node.put("batch_size", search.batchSize());
        node.set("problem", problem(search.problem().asGiven()));
        OptimizerConfig optimizer = search.optimizer().apply(search.lr().low());
        ObjectNode o = node.putObject("optimizer");
        o.put("type", optimizer.type());
        putAll(o, optimizer.hyperparameters());
        o.remove("lr");
        ObjectNode schedule = node.putObject("schedule");
        schedule.put("type", search.schedule().type());
        putAll(schedule, search.schedule().parameters());
        node.set("ranges", ranges(search.lr(), search.reg(), search.dropout()));
        if (search.problem().metric() == SearchMetric.VALIDATION_LOSS) {
            node.put("metric", SearchMetric.VALIDATION_LOSS.code());    // a classifier's search leaves it out
        }
        if (search.refine().isPresent()) {
            node.putObject("refine").put("trials", search.refine().get().trials())
                    .put("shrink", search.refine().get().shrink());
        } else {
            node.putNull("refine");
        }
        return node;
    }

    /** {@code trial}: one finished trial of a search ({@code SearchJson}'s fields) and how many have finished. */
    static ObjectNode trial(int experiment, Trial trial, int finished) {
        ObjectNode node = typed("trial");
        node.put("experiment", experiment);
        ObjectNode fields = SearchJson.toJson(trial);
        fields.remove("kind");
        node.setAll(fields);
        node.put("finished", finished);
        return node;
    }

    /** {@code round}: the coarse-to-fine round begins, around the first round's {@code best} trial, in {@code ranges}. */
    static ObjectNode round(int experiment, int round, Trial best, Range lr, Range reg, Range dropout) {
        ObjectNode node = typed("round");
        node.put("experiment", experiment);
        node.put("round", round);
        node.put("best", best.index());
        node.set("ranges", ranges(lr, reg, dropout));
        return node;
    }

    /** {@code done} of a search: the number of trials and the best one. */
    static ObjectNode searchDone(int experiment, SearchResult result) {
        ObjectNode node = typed("done");
        node.put("experiment", experiment);
        node.put("step", result.trials().size());
        node.put("trials", result.trials().size());
        ObjectNode best = SearchJson.toJson(result.best());
        best.remove("kind");
        node.set("best", best);
        return node;
    }

    private static ObjectNode ranges(Range lr, Range reg, Range dropout) {
        ObjectNode node = NODES.objectNode();
        node.set("lr", range(lr));
        node.set("reg", range(reg));
        node.set("dropout", range(dropout));
        return node;
    }

    private static ArrayNode range(Range range) {
        ArrayNode ends = NODES.arrayNode();
        ends.add(range.low()).add(range.high());
        return ends;
    }

    /** {@code frames}: new points per run, in step order. */
    static ObjectNode frames(int experiment, Map<String, ArrayNode> points, boolean decimated) {
        ObjectNode node = typed("frames");
        node.put("experiment", experiment);
        ObjectNode byRun = node.putObject("points");
        points.forEach(byRun::set);
        node.put("decimated", decimated);
        return node;
    }

    /** {@code status}: the experiment's state ({@code idle} before any), its step and the session's speed. */
    static ObjectNode status(int experiment, String state, int step, double stepsPerSecond) {
        ObjectNode node = typed("status");
        node.put("experiment", experiment);
        node.put("state", state);
        node.put("step", step);
        node.put("stepsPerSecond", stepsPerSecond);
        return node;
    }

    /**
     * {@code pace}: the updates per second a running race achieved over the last second against its speed, and
     * whether the server is too busy to hold the speed (sent while it is, and once when it no longer is).
     */
    static ObjectNode pace(int experiment, double stepsPerSecond, double achieved, boolean busy) {
        ObjectNode node = typed("pace");
        node.put("experiment", experiment);
        node.put("stepsPerSecond", stepsPerSecond);
        node.put("achieved", Math.round(achieved * 10) / 10.0);
        node.put("busy", busy);
        return node;
    }

    /** {@code diverged}: which run, at which step, and what became non-finite. */
    static ObjectNode diverged(int experiment, StepRecord record) {
        ObjectNode node = typed("diverged");
        node.put("experiment", experiment);
        node.put("run", record.run());
        node.put("step", record.step());
        node.put("reason", reason(record));
        return node;
    }

    /** {@code done}: the last step and every run's final point. */
    static ObjectNode done(int experiment, int step, Map<String, ObjectNode> finals) {
        ObjectNode node = typed("done");
        node.put("experiment", experiment);
        node.put("step", step);
        ObjectNode last = node.putObject("final");
        finals.forEach(last::set);
        return node;
    }

    /**
     * Problems with more parameters than this send points without their vectors ({@code params}, {@code update},
     * {@code state}): for a network they would be almost all of the traffic, and nothing plots them.
     */
    static final int MAX_VECTOR_DIMENSION = 64;

    /** Whether points of {@code problem} carry their vectors. */
    static boolean sendsVectors(Problem problem) {
        return problem.dimension() <= MAX_VECTOR_DIMENSION;
    }

    /** A point: the engine's step record without the run id (and without its vectors when they are too long). */
    static ObjectNode point(StepRecord record, boolean vectors) {
        ObjectNode node = RecordJson.toJson(record);
        node.remove("run");
        if (!vectors) {
            node.remove(List.of("params", "update", "state"));
        }
        return node;
    }

    /** Why a record counts as diverged: {@code loss became Infinity}, {@code params[1] became NaN}. */
    static String reason(StepRecord record) {
        if (!Double.isFinite(record.loss())) {
            return "loss became " + record.loss();
        }
        double[] params = record.params();
        for (int i = 0; i < params.length; i++) {
            if (!Double.isFinite(params[i])) {
                return "params[" + i + "] became " + params[i];
            }
        }
        return "a value became non-finite";
    }

    private static ObjectNode problem(Problem problem) {
        ObjectNode node = NODES.objectNode();
        node.put("type", problem.type());
        node.put("dimension", problem.dimension());
        node.put("vectors", sendsVectors(problem));
        putAll(node.putObject("parameters"), problem.parameters());
        if (problem instanceof TrainingProblem training) {
            ArrayNode layers = node.putArray("layers");
            for (ParameterBlock block : training.layout()) {
                layers.addObject().put("name", block.name()).put("weight", block.weight()).put("size", block.size());
            }
        }
        problem.landscape().ifPresent(landscape -> {
            ArrayNode bounds = node.putArray("bounds");
            for (Interval interval : landscape.bounds()) {
                bounds.addArray().add(interval.low()).add(interval.high());
            }
            ArrayNode minima = node.putArray("minima");
            for (double[] minimum : landscape.minima()) {
                minima.add(RecordJson.array(minimum));
            }
            ArrayNode axes = node.putArray("axes");
            landscape.axes().forEach(axes::add);
        });
        return node;
    }

    private static void putAll(ObjectNode node, Map<String, Object> values) {
        values.forEach((name, value) -> TrainingJson.putValue(node, name, value));
    }

    private static ObjectNode typed(String type) {
        ObjectNode node = NODES.objectNode();
        node.put("type", type);
        return node;
    }
}

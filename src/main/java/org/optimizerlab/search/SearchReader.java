package org.optimizerlab.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.DoubleFunction;
import org.optimizerlab.data.CsvClassifier;
import org.optimizerlab.data.CsvRegression;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.optim.OptimizerConfig;
import org.optimizerlab.optim.schedule.Constant;
import org.optimizerlab.optim.schedule.Schedule;
import org.optimizerlab.problem.Problem;
import org.optimizerlab.train.SpiralClassifier;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;

/**
 * Reads a search spec (the {@code search} kind of the spec format): a race spec's {@code problem}, {@code seed},
 * {@code epochs} and {@code batch_size}, one {@code optimizer} (and optional {@code schedule}) without {@code lr},
 * and a {@code search} object:
 *
 * <pre>
 * {"problem": {"type": "mlp-spiral", "hidden": 100}, "seed": 7, "epochs": 100, "batch_size": 60,
 *  "optimizer": {"type": "adam"},
 *  "search": {"trials": 20, "lr": [1e-4, 1e-1], "reg": [1e-5, 1e-1], "dropout": [0, 0.5],
 *             "refine": {"trials": 10, "shrink": 0.25}}}
 * </pre>
 *
 * {@code lr} and {@code reg} are drawn log-uniformly, {@code dropout} uniformly; a hyperparameter the search does not
 * vary keeps the problem's value ({@code reg}, {@code dropout}) and may not be given in both places. A {@code csv}
 * table with {@code task: regression} has neither: its search draws {@code lr} alone and ranks by validation loss.
 * Every error names its field.
 */
public final class SearchReader {

    private SearchReader() {
    }

    /** Reads and validates a search spec given as JSON text. */
    public static SearchSpec read(String json) {
        return read(SpecReader.parse(json));
    }

    /** Reads and validates a search spec given as a JSON tree (a {@code csv} problem is refused: no folder). */
    public static SearchSpec read(JsonNode document) {
        return read(document, DataFolder.NONE);
    }

    /**
     * Reads and validates a search spec given as a JSON tree; a {@code csv} problem's table is read from
     * {@code folder}, as a race's is.
     */
    public static SearchSpec read(JsonNode document, DataFolder folder) {
        JsonFields spec = JsonFields.root(document);
        long seed = spec.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0);
        JsonFields problemFields = spec.object("problem");
        Problem problem = SpecReader.readProblem(problemFields, seed, folder);
        SearchProblem searched;
        if (problem instanceof SpiralClassifier spiral) {
            searched = new SearchProblem.Spiral(spiral.config(), seed);
        } else if (problem instanceof CsvClassifier table) {
            searched = new SearchProblem.Table(table);
        } else if (problem instanceof CsvRegression table) {
            searched = new SearchProblem.Regression(table);
        } else {
            throw new FieldException(problemFields.path("type"), "a search trains mlp-spiral, softmax-spiral or a "
                    + "csv table; got '" + problem.type() + "'");
        }
        int epochs = (int) spec.integer("epochs", 1, SearchSpec.MAX_EPOCHS);
        int n = searched.trainingPoints();
        int batchSize = (int) spec.integer("batch_size", 1, n, n);
        JsonFields search = spec.object("search");
        int trials = (int) search.integer("trials", 1, SearchSpec.MAX_TRIALS);
        Range lr = range(search, "lr", true);
        if (searched instanceof SearchProblem.Regression) {
            for (String name : new String[] {"reg", "dropout"}) {
                if (search.contains(name)) {
                    throw new FieldException(search.path(name), "a regression table's linear model has no " + name
                            + "; a search on it draws lr only (leave " + name + " out)");
                }
            }
        }
        Range reg = search.has("reg") ? range(search, "reg", true) : fixed(searched.reg());
        Range dropout = search.has("dropout") ? range(search, "dropout", false) : fixed(searched.dropout());
        rejectBoth(problemFields, search, "reg");
        rejectBoth(problemFields, search, "dropout");
        Optional<SearchSpec.Refine> refine = Optional.empty();
        if (search.has("refine")) {
            JsonFields r = search.object("refine");
            int refineTrials = (int) r.integer("trials", 1, SearchSpec.MAX_TRIALS);
            double shrink = r.number("shrink", SearchSpec.Refine.DEFAULT_SHRINK);
            r.rejectUnknown();
            refine = Optional.of(r.within(() -> new SearchSpec.Refine(refineTrials, shrink)));
        }
        search.rejectUnknown();
        DoubleFunction<OptimizerConfig> optimizer = optimizerTemplate(spec.object("optimizer"),
                (ObjectNode) document.get("optimizer"), lr, search.path("lr"));
        Schedule schedule = spec.has("schedule") ? SpecReader.readSchedule(spec.object("schedule")) : new Constant();
        if (schedule.lrFloor() > lr.low()) {
            throw new FieldException(spec.path("schedule") + ".lr_min", "must be at most the lowest lr of the search ("
                    + search.path("lr") + "[0] = " + Check.show(lr.low()) + "), got " + Check.show(schedule.lrFloor()));
        }
        spec.rejectUnknown();
        Optional<SearchSpec.Refine> round2 = refine;
        return spec.within(() -> new SearchSpec(searched, seed, epochs, batchSize, optimizer, schedule, trials,
                lr, reg, dropout, round2));
    }

    /**
     * The optimizer object with its {@code lr} left to the search; checked now with the range's ends (the optimizer's
     * rule for {@code lr} is an interval, so every value drawn in between is accepted too). An end the optimizer
     * refuses is reported at that end: {@code search.lr[1]: ...}.
     */
    private static DoubleFunction<OptimizerConfig> optimizerTemplate(JsonFields fields, ObjectNode node, Range lr,
                                                                    String lrPath) {
        if (fields.has("lr")) {
            throw new FieldException(fields.path("lr"), "is drawn by the search (search.lr); leave it out");
        }
        ObjectNode template = node.deepCopy();
        DoubleFunction<OptimizerConfig> optimizer = value -> {
            ObjectNode withLr = template.deepCopy();
            withLr.put("lr", value);
            return SpecReader.readOptimizer(JsonFields.of(withLr, fields.path()));
        };
        double[] ends = {lr.low(), lr.high()};
        for (int i = 0; i < ends.length; i++) {
            try {
                optimizer.apply(ends[i]);
            } catch (FieldException e) {
                throw e.field().equals(fields.path("lr")) ? new FieldException(lrPath + "[" + i + "]", e.problem()) : e;
            }
        }
        return optimizer;
    }

    private static Range range(JsonFields search, String name, boolean log) {
        double[] ends = search.numbers(name);
        if (ends.length != 2) {
            throw new FieldException(search.path(name), "must be [low, high], got " + ends.length + " numbers");
        }
        try {
            return new Range(ends[0], ends[1], log);
        } catch (FieldException e) {
            throw e.under(search.path(name));
        }
    }

    private static Range fixed(double value) {
        return new Range(value, value, false);
    }

    private static void rejectBoth(JsonFields problem, JsonFields search, String name) {
        if (search.has(name) && problem.has(name)) {
            throw new FieldException(problem.path(name), "is drawn by the search (" + search.path(name)
                    + "); leave it out");
        }
    }
}

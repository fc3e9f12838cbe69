package org.optimizerlab.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.search.Range;
import org.optimizerlab.search.SearchReader;
import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.train.DeepActivations;
import org.optimizerlab.train.GradientEstimate;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;

/**
 * The {@code controls} of the kinds without runs (format: {@code docs/lessons.md}): a gradient estimate
 * ({@code batch_size}, {@code repeats}), an activation study (its problem's fields) and a search (trials, epochs,
 * batch size, the ranges of {@code lr}, {@code reg}, {@code dropout}, the problem's fields, the coarse-to-fine
 * switch). Each slider end is a value the engine accepts, the spec's values lie within the controls, and the
 * largest values offered together are still within the bounds of one computation on the server.
 */
final class RunlessControls {

    /** Problem fields whose largest values make a network bigger (the others are taken as written). */
    private static final List<String> SIZE_FIELDS = List.of("classes", "points_per_class", "hidden", "layers",
            "width", "samples");

    private final WorkLimits work;

    RunlessControls(WorkLimits work) {
        this.work = work;
    }

    /** Sliders for {@code batch_size} and {@code repeats} only; the largest together must still be an estimate. */
    Controls estimate(JsonFields c, JsonNode node, GradientEstimate estimate) {
        Map<String, ControlField> fields = ControlReading.readFields(c, node, (name, field, path) -> {
            FieldRule rule = switch (name) {
                case "batch_size" -> FieldRule.integer(name, null, 1, (double) estimate.problem().trainingSetSize());
                case "repeats" -> FieldRule.integer(name, null, 1, (double) GradientEstimate.MAX_REPEATS);
                default -> throw new FieldException(path, "unknown control field of a gradient estimate; allowed: "
                        + "batch_size, repeats");
            };
            ControlReading.checkEnds(field, rule, "the estimate", name, path);
        });
        ControlReading.runlessParts(c, node, Setup.Estimate.KIND, false);
        c.rejectUnknown();
        includes(fields, "batch_size", estimate.batchSize(), c.path("fields"));
        includes(fields, "repeats", estimate.repeats(), c.path("fields"));
        int largestBatch = ControlReading.largest(fields, "batch_size", estimate.batchSize());
        int mostRepeats = ControlReading.largest(fields, "repeats", estimate.repeats());
        try {
            new GradientEstimate(estimate.problem(), estimate.at(), largestBatch, estimate.ks(), mostRepeats,
                    estimate.seed());
        } catch (FieldException e) {
            throw new FieldException(c.path("fields"), "the largest slider values together (batch_size "
                    + largestBatch + ", repeats " + mostRepeats + ") are more than an estimate may do: " + e.getMessage());
        }
        return Controls.fieldsOnly(fields, false);
    }

    /** Controls of the study's problem fields; the largest layers, width and samples together within the limit. */
    Controls activations(JsonFields c, JsonNode node, JsonNode spec, DeepActivations study, String specPath) {
        ProblemFields problem = new ProblemFields(spec, study.config().parameters(),
                s -> work.check(SpecReader.readActivations(s)));
        Map<String, ControlField> fields = ControlReading.readFields(c, node, (name, field, path) -> {
            if (!problem.has(name)) {
                throw new FieldException(path, "unknown control field of an activation study; allowed: "
                        + problem.names());
            }
            problem.check(name, field, path, specPath);
        });
        ControlReading.runlessParts(c, node, Setup.Activations.KIND, false);
        c.rejectUnknown();
        Map<String, Double> largest = largestSizes(fields);
        if (!largest.isEmpty()) {
            try {
                work.check(SpecReader.readActivations(problem.withValues(largest)));
            } catch (FieldException e) {
                throw new FieldException(c.path("fields"), "the largest values together (" + describe(largest)
                        + ") are more than this server computes for one study: " + e.getMessage());
            }
        }
        return Controls.fieldsOnly(fields, false);
    }

    /** Controls of a search: trials, epochs, batch size, ranges, problem fields, and the coarse-to-fine switch. */
    Controls search(JsonFields c, JsonNode node, JsonNode spec, SearchSpec search, String specPath, DataFolder data) {
        JsonNode drawn = spec.get("search");
        Set<String> ranges = new java.util.LinkedHashSet<>();
        for (String name : List.of("lr", "reg", "dropout")) {
            if (drawn.has(name)) {
                ranges.add(name);
            }
        }
        ProblemFields problem = new ProblemFields(spec, search.problem().asGiven().parameters(),
                s -> work.check(SearchReader.read(s, data))).without(ranges);
        boolean refine = ControlReading.runlessParts(c, node, Setup.Search.KIND, true);
        Map<String, ControlField> fields = ControlReading.readFields(c, node, (name, field, path) -> {
            switch (name) {
                case "trials" -> ControlReading.checkEnds(field, FieldRule.integer(name, null, 1,
                        (double) SearchSpec.MAX_TRIALS), "a search", name, path);
                case "refine_trials" -> {
                    if (search.refine().isEmpty() && !refine) {
                        throw new FieldException(path, "the search has no coarse-to-fine round: give the spec "
                                + "search.refine, or controls.refine: true");
                    }
                    ControlReading.checkEnds(field, FieldRule.integer(name, null, 1, (double) SearchSpec.MAX_TRIALS),
                            "a search", name, path);
                }
                case "epochs" -> ControlReading.checkEnds(field, FieldRule.integer(name, null, 1,
                        (double) work.maxSearchEpochs()), "this server's search", name, path);
                case "batch_size" -> ControlReading.checkEnds(field, FieldRule.integer(name, null, 1,
                        (double) search.problem().trainingPoints()), "the problem", name, path);
                default -> {
                    if (ranges.contains(name)) {
                        checkRange(name, field, spec, path, data);
                    } else if (problem.has(name)) {
                        problem.check(name, field, path, specPath);
                    } else {
                        throw new FieldException(path, "unknown control field of a search; allowed: trials, "
                                + "refine_trials, epochs, batch_size, " + String.join(", ", ranges)
                                + ", and the problem's fields: " + problem.names());
                    }
                }
            }
        });
        c.rejectUnknown();
        ControlReading.withinControl(fields, "trials", search.trials(), specPath + ".search.trials");
        search.refine().ifPresent(r -> ControlReading.withinControl(fields, "refine_trials", r.trials(),
                specPath + ".search.refine.trials"));
        ControlReading.withinControl(fields, "epochs", search.epochs(), specPath + ".epochs");
        ControlReading.withinControl(fields, "batch_size", search.batchSize(), specPath + ".batch_size");
        for (String name : ranges) {
            Range range = name.equals("lr") ? search.lr() : name.equals("reg") ? search.reg() : search.dropout();
            ControlReading.withinControl(fields, name, range.low(), specPath + ".search." + name + "[0]");
            ControlReading.withinControl(fields, name, range.high(), specPath + ".search." + name + "[1]");
        }
        checkLargestSearch(fields, problem, search, refine, c.path("fields"), data);
        return Controls.fieldsOnly(fields, refine);
    }

    /** A range control bounds both ends of the search's range: {@code [min, max]} itself must be a valid range. */
    private void checkRange(String name, ControlField field, JsonNode spec, String path, DataFolder data) {
        ControlField.Slider slider = ControlReading.slider(field, name, path);
        ObjectNode copy = spec.deepCopy();
        ArrayNode ends = ((ObjectNode) copy.get("search")).putArray(name);
        ends.add(slider.min()).add(slider.max());
        try {
            work.check(SearchReader.read(copy, data));
        } catch (FieldException e) {
            throw new FieldException(path, "must bound a range the engine accepts for search." + name + ", got ["
                    + Check.show(slider.min()) + ", " + Check.show(slider.max()) + "] (" + e.getMessage() + ")");
        }
    }

    /** The most trials, epochs and the largest problem offered, together, must be one search of this server. */
    private void checkLargestSearch(Map<String, ControlField> fields, ProblemFields problem, SearchSpec search,
                                    boolean refine, String path, DataFolder data) {
        Map<String, Double> largest = largestSizes(fields);
        ObjectNode spec = (ObjectNode) problem.withValues(largest);
        int trials = ControlReading.largest(fields, "trials", search.trials());
        int defaultRefine = search.refine().map(SearchSpec.Refine::trials).orElse(Math.max(1, trials / 2));
        int refineTrials = ControlReading.largest(fields, "refine_trials", defaultRefine);
        int epochs = ControlReading.largest(fields, "epochs", search.epochs());
        ObjectNode drawn = (ObjectNode) spec.get("search");
        drawn.put("trials", trials);
        if (search.refine().isPresent() || refine) {
            ObjectNode round = drawn.has("refine") ? (ObjectNode) drawn.get("refine") : drawn.putObject("refine");
            round.put("trials", refineTrials);
        }
        spec.put("epochs", epochs);
        Map<String, Double> shown = new LinkedHashMap<>();
        shown.put("trials", (double) trials);
        if (drawn.has("refine")) {
            shown.put("refine_trials", (double) refineTrials);
        }
        shown.put("epochs", (double) epochs);
        shown.putAll(largest);
        try {
            work.check(SearchReader.read(spec, data));
        } catch (FieldException e) {
            throw new FieldException(path, "the largest values together (" + describe(shown)
                    + ") are more than this server runs for one search: " + e.getMessage());
        }
    }

    /** The largest value of each size slider (more units, more layers, more points). */
    private static Map<String, Double> largestSizes(Map<String, ControlField> fields) {
        Map<String, Double> largest = new LinkedHashMap<>();
        for (String name : SIZE_FIELDS) {
            if (fields.get(name) instanceof ControlField.Slider slider) {
                largest.put(name, Math.floor(slider.max()));
            }
        }
        return largest;
    }

    private static String describe(Map<String, Double> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> text.append(text.isEmpty() ? "" : ", ").append(name).append(' ')
                .append(Check.show(value)));
        return text.toString();
    }

    /** A slider of a gradient estimate must include the spec's value. */
    private static void includes(Map<String, ControlField> fields, String name, int value, String path) {
        if (fields.get(name) instanceof ControlField.Slider slider && !slider.contains(value)) {
            throw new FieldException(path + "." + name, "must include the spec's " + name + " " + value);
        }
    }
}

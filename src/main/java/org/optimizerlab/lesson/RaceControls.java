package org.optimizerlab.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.BatchPlan;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;
import org.optimizerlab.validation.Quote;

/**
 * The {@code controls} of a race preset: the optimizers offered, a slider per optimizer, schedule or spec field,
 * a slider or choice per field of the spec's problem (checked by the engine, {@link ProblemFields}), how many runs
 * may race, schedule and start point; and the spec as written must be something these controls could produce.
 */
final class RaceControls {

    private final Limits limits;

    RaceControls(Limits limits) {
        this.limits = limits;
    }

    /**
     * Reads and checks the controls ({@code c} at its path, {@code node} raw) of a race on {@code experiment}, whose
     * {@code csv} table, if any, is read from {@code data}.
     */
    Controls read(JsonFields c, JsonNode node, JsonNode spec, Experiment experiment, String specPath,
                  DataFolder data) {
        List<String> optimizers = ControlReading.strings(node, "optimizers", c.path("optimizers"));
        c.has("optimizers");
        if (optimizers.isEmpty()) {
            throw new FieldException(c.path("optimizers"), "must offer at least one optimizer");
        }
        for (int i = 0; i < optimizers.size(); i++) {
            String type = optimizers.get(i);
            if (!SpecReader.OPTIMIZERS.contains(type)) {
                throw new FieldException(c.path("optimizers") + "[" + i + "]", "must be one of "
                        + String.join(", ", SpecReader.OPTIMIZERS) + "; got " + Quote.of(type));
            }
            if (optimizers.indexOf(type) != i) {
                throw new FieldException(c.path("optimizers") + "[" + i + "]", "'" + type + "' is offered twice");
            }
        }
        ProblemFields problem = new ProblemFields(spec, experiment.problem().parameters(),
                s -> new SpecReader(limits, data).read(s));
        Map<String, ControlField> fields = ControlReading.readFields(c, node, (name, field, path) -> {
            if (Controls.FIELD_NAMES.contains(name)) {
                checkControlRange(name, field, optimizers, experiment, spec, path);
            } else if (problem.has(name)) {
                problem.check(name, field, path, specPath);
            } else {
                throw new FieldException(path, "unknown control field; allowed: " + String.join(", ", Controls.FIELD_NAMES)
                        + (problem.names().isEmpty() ? "" : ", and the fields of the problem '"
                        + experiment.problem().type() + "': " + problem.names()));
            }
        });
        checkEpochs(fields, experiment, c.path("fields") + ".epochs");
        int maxRuns = (int) c.integer("maxRuns", 1, limits.maxRuns(), experiment.runs().size());
        if (maxRuns < experiment.runs().size()) {
            throw new FieldException(c.path("maxRuns"), "must be at least the spec's " + experiment.runs().size()
                    + " runs, got " + maxRuns);
        }
        boolean schedule = c.bool("schedule", false);
        boolean start = c.bool("start", false);
        if (start && experiment.problem().dimension() != 2) {
            throw new FieldException(c.path("start"), "can only be true for 2-D problems; '"
                    + experiment.problem().type() + "' has " + experiment.problem().dimension() + " parameter(s)");
        }
        if (c.bool("refine", false)) {
            throw new FieldException(c.path("refine"), "only a search preset has a coarse-to-fine round to switch");
        }
        boolean rateMap = c.bool("rateMap", false);
        if (rateMap) {
            checkRateMap(optimizers, fields, experiment, c.path("rateMap"));
        }
        c.rejectUnknown();
        Controls controls = c.within(() -> new Controls(optimizers, fields, maxRuns, schedule, start, false,
                rateMap));
        checkSpecWithinControls(experiment, controls, specPath, c.path());
        return controls;
    }

    /**
     * The rate map is of momentum or Nesterov on the quadratic, over the window of the {@code lr} and {@code mu}
     * sliders: all of these must be there.
     */
    private static void checkRateMap(List<String> optimizers, Map<String, ControlField> fields, Experiment experiment,
                                     String path) {
        if (!experiment.problem().type().equals("quadratic")) {
            throw new FieldException(path, "the rate map is of the quadratic; this spec's problem is '"
                    + experiment.problem().type() + "'");
        }
        if (!optimizers.contains("momentum") && !optimizers.contains("nesterov")) {
            throw new FieldException(path, "the rate map is of momentum or nesterov; offer one of them");
        }
        for (String name : List.of("lr", "mu")) {
            if (!(fields.get(name) instanceof ControlField.Slider)) {
                throw new FieldException(path, "the rate map spans the " + name + " slider; add a control for "
                        + name);
            }
        }
    }

    /** Both ends of a slider must be values the engine accepts for that field. */
    private void checkControlRange(String name, ControlField field, List<String> optimizers, Experiment experiment,
                                   JsonNode spec, String path) {
        List<FieldRule> rules = new ArrayList<>();
        String owners;
        switch (name) {
            case "steps", "epochs" -> {
                String other = name.equals("steps") ? "epochs" : "steps";
                if (!spec.has(name)) {
                    throw new FieldException(path, "the spec gives " + other + ", not " + name + "; offer a control for "
                            + other + " instead");
                }
                rules.add(FieldRule.integer(name, null, 1, (double) limits.maxSteps()));
                owners = "the spec";
            }
            case "batch_size" -> {
                requireTrainingSet(experiment, path);
                rules.add(FieldRule.integer("batch_size", null, 1, (double) experiment.problem().trainingSetSize()));
                owners = "the problem";
            }
            case "every", "factor", "k", "T", "lr_min", "warmup" -> {
                for (FieldSchema.TypeFields schedule : FieldSchema.SCHEDULES) {
                    schedule.field(name).ifPresent(rules::add);
                }
                owners = "the schedules that have it";
            }
            default -> {
                for (String type : optimizers) {
                    FieldSchema.optimizer(type).flatMap(t -> t.field(name)).ifPresent(rules::add);
                }
                if (rules.isEmpty()) {
                    throw new FieldException(path, "none of the offered optimizers (" + String.join(", ", optimizers)
                            + ") has a field " + name);
                }
                owners = "every offered optimizer that has it";
            }
        }
        for (FieldRule rule : rules) {
            ControlReading.checkEnds(field, rule, owners, name, path);
        }
    }

    private static void requireTrainingSet(Experiment experiment, String path) {
        if (experiment.problem().trainingSetSize() == 0) {
            throw new FieldException(path, "only applies to problems with a training set; '"
                    + experiment.problem().type() + "' has none");
        }
    }

    /** The most epochs offered, at the smallest batch size offered, must stay within the server's steps. */
    private void checkEpochs(Map<String, ControlField> fields, Experiment experiment, String path) {
        if (!fields.containsKey("epochs")) {
            return;
        }
        requireTrainingSet(experiment, path);
        int n = experiment.problem().trainingSetSize();
        int smallestBatch = ControlReading.smallest(fields, "batch_size", experiment.batchSize());
        int batchesPerEpoch = new BatchPlan(n, smallestBatch, 0).batchesPerEpoch();
        int mostEpochs = ControlReading.largest(fields, "epochs", 1);
        if ((long) mostEpochs * batchesPerEpoch > limits.maxSteps()) {
            throw new FieldException(path + ".max", "must keep epochs × updates per epoch within the server's "
                    + limits.maxSteps() + " steps: at batch size " + smallestBatch + " an epoch is " + batchesPerEpoch
                    + " updates, so at most " + limits.maxSteps() / batchesPerEpoch + " epochs, got " + mostEpochs);
        }
    }

    /** The preset as given must be something the controls could produce. */
    static void checkSpecWithinControls(Experiment experiment, Controls controls, String specPath,
                                                String controlsPath) {
        Map<String, ControlField> fields = controls.fields();
        if (fields.containsKey("steps")) {
            ControlReading.withinControl(fields, "steps", experiment.steps(), specPath + ".steps");
        }
        if (fields.containsKey("epochs")) {
            int perEpoch = new BatchPlan(experiment.problem().trainingSetSize(), experiment.batchSize(), 0)
                    .batchesPerEpoch();
            ControlReading.withinControl(fields, "epochs", experiment.steps() / perEpoch, specPath + ".epochs");
        }
        if (experiment.problem().trainingSetSize() > 0) {
            ControlReading.withinControl(fields, "batch_size", experiment.batchSize(), specPath + ".batch_size");
        }
        List<Run> runs = experiment.runs();
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            String runPath = specPath + ".runs[" + i + "]";
            if (!controls.optimizers().contains(run.optimizer().type())) {
                throw new FieldException(runPath + ".optimizer.type", "'" + run.optimizer().type()
                        + "' is not among the offered optimizers (" + controlsPath + ".optimizers: "
                        + String.join(", ", controls.optimizers()) + ")");
            }
            for (Map.Entry<String, Object> entry : run.optimizer().hyperparameters().entrySet()) {
                if (entry.getValue() instanceof Number number) {
                    ControlReading.withinControl(fields, entry.getKey(), number.doubleValue(),
                            runPath + ".optimizer." + entry.getKey());
                }
            }
            if (!run.schedule().type().equals("constant") && !controls.schedule()) {
                throw new FieldException(runPath + ".schedule", "a schedule needs " + controlsPath
                        + ".schedule: true");
            }
            for (Map.Entry<String, Object> entry : run.schedule().parameters().entrySet()) {
                if (entry.getValue() instanceof Number number) {
                    ControlReading.withinControl(fields, entry.getKey(), number.doubleValue(),
                            runPath + ".schedule." + entry.getKey());
                }
            }
        }
    }
}

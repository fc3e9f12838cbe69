package org.optimizerlab.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.GradientEstimateReader;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.train.GradientEstimate;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;

/**
 * Reads a lesson's {@code experiment.json} (format: {@code docs/lessons.md}) into {@link Preset}s. Each preset's
 * spec is validated by the engine's {@link SpecReader}, its controls against {@link FieldSchema} and the spec,
 * and its claim against the spec's runs. Problems are reported with the field path inside the file; one problem
 * per preset at most (the first found), so one broken preset does not hide the others'.
 */
final class PresetReader {

    /** The most presets one lesson may have. */
    static final int MAX_PRESETS = 20;
    /** The kinds a preset may have. */
    static final List<String> KINDS = List.of(Setup.Race.KIND, Setup.Estimate.KIND);
    /** What a preset id may look like. */
    static final Pattern ID = Pattern.compile("[a-z0-9-]{1,32}");

    private final Limits limits;

    PresetReader(Limits limits) {
        this.limits = limits;
    }

    /**
     * The presets of a parsed {@code experiment.json}; each problem is given to {@code problems} as a
     * {@link FieldException} with its path in the file.
     */
    List<Preset> read(JsonNode document, Set<Language> languages, Consumer<FieldException> problems) {
        JsonFields root;
        try {
            root = JsonFields.root(document);
            root.has("presets");
            root.rejectUnknown();
            root.objects("presets", 1, MAX_PRESETS);
        } catch (FieldException e) {
            problems.accept(e);
            return List.of();
        }
        List<Preset> presets = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonNode array = document.get("presets");
        for (int i = 0; i < array.size(); i++) {
            String path = "presets[" + i + "]";
            try {
                Preset preset = readPreset(array.get(i), path, languages);
                if (!ids.add(preset.id())) {
                    throw new FieldException(path + ".id", "duplicate preset id '" + preset.id() + "'");
                }
                presets.add(preset);
            } catch (FieldException e) {
                problems.accept(e);
            }
        }
        return presets;
    }

    private Preset readPreset(JsonNode node, String path, Set<Language> languages) {
        JsonFields preset = JsonFields.of(node, path);
        String id = preset.text("id");
        if (!ID.matcher(id).matches()) {
            throw new FieldException(preset.path("id"), "must match " + ID + ", got '" + abbreviate(id) + "'");
        }
        Map<Language, String> titles = texts(preset, "title", languages);
        String kind = preset.choice("kind", KINDS, Setup.Race.KIND);
        preset.object("spec");
        Setup setup;
        try {
            setup = kind.equals(Setup.Race.KIND) ? new Setup.Race(new SpecReader(limits).read(node.get("spec")))
                    : new Setup.Estimate(GradientEstimateReader.read(node.get("spec")));
        } catch (FieldException e) {
            throw e.under(preset.path("spec"));
        }
        Controls controls;
        if (setup instanceof Setup.Race race) {
            controls = readControls(preset.object("controls"), node.get("controls"), race.experiment());
            checkSpecWithinControls(race.experiment(), controls, preset.path("spec"), preset.path("controls"));
        } else {
            GradientEstimate estimate = ((Setup.Estimate) setup).estimate();
            controls = readEstimateControls(preset.object("controls"), node.get("controls"), estimate);
        }
        JsonFields claimFields = preset.object("claim");
        Map<Language, String> claimTexts = texts(claimFields, "text", languages);
        Claim claim = Claim.read(claimFields.object("check"));
        JsonNode claimCheck = node.get("claim").get("check");
        claimFields.rejectUnknown();
        checkClaim(claim, setup, claimFields.path("check"));
        preset.rejectUnknown();
        return new Preset(id, titles, node.get("spec"), setup, controls, claimTexts, claim, claimCheck);
    }

    /** {@code {"en": "...", "zh": "..."}}: a one-line text for each language the lesson is written in. */
    private static Map<Language, String> texts(JsonFields owner, String name, Set<Language> languages) {
        JsonFields texts = owner.object(name);
        Map<Language, String> result = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            boolean needed = languages.contains(language);
            if (needed || texts.has(language.code())) {
                String text = texts.text(language.code());
                if (text.isBlank()) {
                    throw new FieldException(texts.path(language.code()), "must not be empty");
                }
                if (text.length() > 1000) {
                    throw new FieldException(texts.path(language.code()), "must be at most 1000 characters");
                }
                result.put(language, text);
            }
        }
        texts.rejectUnknown();
        return result;
    }

    private Controls readControls(JsonFields c, JsonNode node, Experiment experiment) {
        List<String> optimizers = strings(node, "optimizers", c.path("optimizers"));
        c.has("optimizers");
        if (optimizers.isEmpty()) {
            throw new FieldException(c.path("optimizers"), "must offer at least one optimizer");
        }
        for (int i = 0; i < optimizers.size(); i++) {
            String type = optimizers.get(i);
            if (!SpecReader.OPTIMIZERS.contains(type)) {
                throw new FieldException(c.path("optimizers") + "[" + i + "]", "must be one of "
                        + String.join(", ", SpecReader.OPTIMIZERS) + "; got '" + abbreviate(type) + "'");
            }
            if (optimizers.indexOf(type) != i) {
                throw new FieldException(c.path("optimizers") + "[" + i + "]", "'" + type + "' is offered twice");
            }
        }
        Map<String, ControlField> fields = readFields(c, node, (name, field, path) -> {
            if (!Controls.FIELD_NAMES.contains(name)) {
                throw new FieldException(path, "unknown control field; allowed: " + String.join(", ", Controls.FIELD_NAMES));
            }
            checkControlRange(name, field, optimizers, experiment, path);
        });
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
        c.rejectUnknown();
        return c.within(() -> new Controls(optimizers, fields, maxRuns, schedule, start));
    }

    /**
     * The controls of a gradient estimate: sliders for {@code batch_size} and {@code repeats} only, no optimizers,
     * one "run".
     */
    private static Controls readEstimateControls(JsonFields c, JsonNode node, GradientEstimate estimate) {
        if (c.has("optimizers") && !strings(node, "optimizers", c.path("optimizers")).isEmpty()) {
            throw new FieldException(c.path("optimizers"), "a gradient-estimate preset runs no optimizer; leave it out");
        }
        Map<String, ControlField> fields = readFields(c, node, (name, field, path) -> {
            FieldRule rule = switch (name) {
                case "batch_size" -> FieldRule.integer(name, null, 1, (double) estimate.problem().trainingSetSize());
                case "repeats" -> FieldRule.integer(name, null, 1, (double) GradientEstimate.MAX_REPEATS);
                default -> throw new FieldException(path, "unknown control field of a gradient estimate; allowed: "
                        + "batch_size, repeats");
            };
            checkEnds(field, rule, "the estimate", name, path);
        });
        c.integer("maxRuns", 1, 1, 1);
        if (c.bool("schedule", false) || c.bool("start", false)) {
            throw new FieldException(c.path(c.bool("schedule", false) ? "schedule" : "start"),
                    "a gradient-estimate preset has no schedule or start point to choose");
        }
        c.rejectUnknown();
        ControlField batch = fields.get("batch_size");
        if (batch != null && !batch.contains(estimate.batchSize())) {
            throw new FieldException(c.path("fields") + ".batch_size", "must include the spec's batch_size "
                    + estimate.batchSize());
        }
        ControlField repeats = fields.get("repeats");
        if (repeats != null && !repeats.contains(estimate.repeats())) {
            throw new FieldException(c.path("fields") + ".repeats", "must include the spec's repeats "
                    + estimate.repeats());
        }
        int largestBatch = batch == null ? estimate.batchSize() : (int) Math.floor(batch.max());
        int mostRepeats = repeats == null ? estimate.repeats() : (int) Math.floor(repeats.max());
        try {
            new GradientEstimate(estimate.problem(), estimate.at(), largestBatch, estimate.ks(), mostRepeats,
                    estimate.seed());
        } catch (FieldException e) {
            throw new FieldException(c.path("fields"), "the largest slider values together (batch_size "
                    + largestBatch + ", repeats " + mostRepeats + ") are more than an estimate may do: " + e.getMessage());
        }
        return new Controls(List.of(), fields, 1, false, false);
    }

    /** Checks one slider: its name, its value and its path in the file. */
    private interface FieldCheck {
        void check(String name, ControlField field, String path);
    }

    /** The optional {@code fields} object of controls: a slider per name, each read and then checked. */
    private static Map<String, ControlField> readFields(JsonFields c, JsonNode node, FieldCheck check) {
        Map<String, ControlField> fields = new LinkedHashMap<>();
        if (c.has("fields")) {
            JsonFields.of(node.get("fields"), c.path("fields"));
            Iterator<Map.Entry<String, JsonNode>> entries = node.get("fields").fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String path = c.path("fields") + "." + entry.getKey();
                ControlField field = readControlField(JsonFields.of(entry.getValue(), path));
                check.check(entry.getKey(), field, path);
                fields.put(entry.getKey(), field);
            }
        }
        return fields;
    }

    private static ControlField readControlField(JsonFields f) {
        double min = f.number("min");
        double max = f.number("max");
        Double step = f.has("step") ? f.number("step") : null;
        String scale = f.choice("scale", List.of("linear", "log"), "linear");
        f.rejectUnknown();
        return f.within(() -> new ControlField(min, max, step, ControlField.Scale.valueOf(scale.toUpperCase(
                java.util.Locale.ROOT))));
    }

    /** Both ends of a slider must be values the engine accepts for that field. */
    private void checkControlRange(String name, ControlField field, List<String> optimizers, Experiment experiment,
                                   String path) {
        List<FieldRule> rules = new ArrayList<>();
        String owners;
        switch (name) {
            case "steps" -> {
                rules.add(FieldRule.integer("steps", null, 1, (double) limits.maxSteps()));
                owners = "the spec";
            }
            case "batch_size" -> {
                int n = experiment.problem().trainingSetSize();
                if (n == 0) {
                    throw new FieldException(path, "only applies to problems with a training set; '"
                            + experiment.problem().type() + "' has none");
                }
                rules.add(FieldRule.integer("batch_size", null, 1, (double) n));
                owners = "the problem";
            }
            case "every", "factor", "k" -> {
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
            checkEnds(field, rule, owners, name, path);
        }
    }

    /** Both ends of a slider must satisfy {@code rule}. */
    private static void checkEnds(ControlField field, FieldRule rule, String owners, String name, String path) {
        if (!rule.accepts(field.min())) {
            throw new FieldException(path + ".min", "must be a value " + owners + " accepts for " + name + " ("
                    + rule.describe() + "), got " + Check.show(field.min()));
        }
        if (!rule.accepts(field.max())) {
            throw new FieldException(path + ".max", "must be a value " + owners + " accepts for " + name + " ("
                    + rule.describe() + "), got " + Check.show(field.max()));
        }
    }

    /** The preset as given must be something the controls could produce. */
    private static void checkSpecWithinControls(Experiment experiment, Controls controls, String specPath,
                                                String controlsPath) {
        withinControl(controls, "steps", experiment.steps(), specPath + ".steps");
        if (experiment.problem().trainingSetSize() > 0) {
            withinControl(controls, "batch_size", experiment.batchSize(), specPath + ".batch_size");
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
                    withinControl(controls, entry.getKey(), number.doubleValue(),
                            runPath + ".optimizer." + entry.getKey());
                }
            }
            if (!run.schedule().type().equals("constant") && !controls.schedule()) {
                throw new FieldException(runPath + ".schedule", "a schedule needs " + controlsPath
                        + ".schedule: true");
            }
            for (Map.Entry<String, Object> entry : run.schedule().parameters().entrySet()) {
                if (entry.getValue() instanceof Number number) {
                    withinControl(controls, entry.getKey(), number.doubleValue(),
                            runPath + ".schedule." + entry.getKey());
                }
            }
        }
    }

    private static void withinControl(Controls controls, String name, double value, String path) {
        ControlField field = controls.fields().get(name);
        if (field != null && !field.contains(value)) {
            throw new FieldException(path, "is " + Check.show(value) + ", outside its control's range ["
                    + Check.show(field.min()) + ", " + Check.show(field.max()) + "]");
        }
    }

    private static void checkClaim(Claim claim, Setup setup, String path) {
        if (!claim.kind().equals(setup.kind())) {
            throw new FieldException(path + ".type", "'" + claim.type() + "' is not a claim about a " + setup.kind()
                    + "; use one of " + String.join(", ", Claim.TYPES.stream().filter(t -> kindOf(t).equals(setup.kind()))
                    .toList()));
        }
        if (!(setup instanceof Setup.Race race)) {
            return;
        }
        Experiment experiment = race.experiment();
        List<String> ids = experiment.runs().stream().map(Run::id).toList();
        for (String run : claim.runs()) {
            if (!ids.contains(run)) {
                throw new FieldException(path, "names run '" + run + "', which the spec does not have; runs: "
                        + String.join(", ", ids));
            }
        }
        if (claim instanceof Claim.FinalParamNear near && near.index() >= experiment.problem().dimension()) {
            throw new FieldException(path + ".index", "must be below the problem's dimension "
                    + experiment.problem().dimension() + ", got " + near.index());
        }
    }

    /** The preset kind a claim type belongs to. */
    private static String kindOf(String claimType) {
        return claimType.equals("error_slope") ? Setup.Estimate.KIND : Setup.Race.KIND;
    }

    /** A required array of strings, read from the raw node. */
    private static List<String> strings(JsonNode owner, String name, String path) {
        JsonNode value = owner.get(name);
        if (value == null || value.isNull()) {
            throw new FieldException(path, "is required");
        }
        if (!value.isArray()) {
            throw new FieldException(path, "must be an array of strings, got " + JsonFields.describe(value));
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw new FieldException(path + "[" + i + "]", "must be a string, got "
                        + JsonFields.describe(value.get(i)));
            }
            strings.add(value.get(i).textValue());
        }
        return strings;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}

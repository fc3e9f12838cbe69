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
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.experiment.SpecReader;
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
        preset.choice("kind", List.of(Preset.RACE), Preset.RACE);
        preset.object("spec");
        Experiment experiment;
        try {
            experiment = new SpecReader(limits).read(node.get("spec"));
        } catch (FieldException e) {
            throw e.under(preset.path("spec"));
        }
        Controls controls = readControls(preset.object("controls"), node.get("controls"), experiment);
        checkSpecWithinControls(experiment, controls, preset.path("spec"), preset.path("controls"));
        JsonFields claimFields = preset.object("claim");
        Map<Language, String> claimTexts = texts(claimFields, "text", languages);
        Claim claim = Claim.read(claimFields.object("check"));
        JsonNode claimCheck = node.get("claim").get("check");
        claimFields.rejectUnknown();
        checkClaim(claim, experiment, claimFields.path("check"));
        preset.rejectUnknown();
        return new Preset(id, titles, node.get("spec"), experiment, controls, claimTexts, claim, claimCheck);
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
        Map<String, ControlField> fields = new LinkedHashMap<>();
        if (c.has("fields")) {
            JsonFields.of(node.get("fields"), c.path("fields"));
            Iterator<Map.Entry<String, JsonNode>> entries = node.get("fields").fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String name = entry.getKey();
                String path = c.path("fields") + "." + name;
                if (!Controls.FIELD_NAMES.contains(name)) {
                    throw new FieldException(path, "unknown control field; allowed: "
                            + String.join(", ", Controls.FIELD_NAMES));
                }
                ControlField field = readControlField(JsonFields.of(entry.getValue(), path));
                checkControlRange(name, field, optimizers, experiment, path);
                fields.put(name, field);
            }
        }
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
            if (!rule.accepts(field.min())) {
                throw new FieldException(path + ".min", "must be a value " + owners + " accepts for " + name + " ("
                        + rule.describe() + "), got " + Check.show(field.min()));
            }
            if (!rule.accepts(field.max())) {
                throw new FieldException(path + ".max", "must be a value " + owners + " accepts for " + name + " ("
                        + rule.describe() + "), got " + Check.show(field.max()));
            }
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

    private static void checkClaim(Claim claim, Experiment experiment, String path) {
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

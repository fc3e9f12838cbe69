package org.optimizerlab.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.optimizerlab.experiment.TrainingJson;
import org.optimizerlab.lesson.ControlField;
import org.optimizerlab.lesson.Controls;
import org.optimizerlab.lesson.FieldRule;
import org.optimizerlab.lesson.FieldSchema;
import org.optimizerlab.lesson.Language;
import org.optimizerlab.lesson.Lesson;
import org.optimizerlab.lesson.Preset;
import org.optimizerlab.lesson.Setup;

/**
 * The JSON a lesson page embeds in {@code <script type="application/json" id="lesson-data">} for the front end
 * (format: {@code docs/page-contract.md}): the lesson's presets in the page's language, the field schema of every
 * optimizer and schedule, the server's limits, the page's UI strings and the WebSocket path.
 */
public final class LessonPageData {

    /** Where the experiment WebSocket is. */
    public static final String WS_PATH = "/ws/experiment";
    /** Where a gradient-estimate preset is run. */
    public static final String ESTIMATE_PATH = "/api/gradient-estimate";
    /** Where an activations preset is computed. */
    public static final String ACTIVATIONS_PATH = "/api/activations";
    /** Where the convergence-rate map of a preset with {@code controls.rateMap} is computed. */
    public static final String RATE_MAP_PATH = "/api/rate-map";
    /** Where an optimizer's source is, {@code {type}} replaced by the optimizer type. */
    public static final String SOURCE_PATH = "/api/optimizers/{type}/source";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper json;
    private final Messages messages;
    private final ServerLimits limits;

    public LessonPageData(ObjectMapper json, Messages messages, ServerLimits limits) {
        this.json = json;
        this.messages = messages;
        this.limits = limits;
    }

    /** The data of {@code lesson}'s page in {@code language}. */
    public ObjectNode of(Lesson lesson, Language language) {
        ObjectNode data = NODES.objectNode();
        data.put("slug", lesson.slug());
        data.put("lang", language.code());
        data.put("textLang", lesson.text(language).language().code());
        data.put("order", lesson.order());
        data.put("title", lesson.text(language).title());
        ArrayNode presets = data.putArray("presets");
        for (Preset preset : lesson.presets()) {
            presets.add(preset(preset, language));
        }
        data.set("optimizers", types(FieldSchema.OPTIMIZERS));
        data.set("schedules", types(FieldSchema.SCHEDULES));
        ObjectNode limitsNode = data.putObject("limits");
        limitsNode.put("maxSteps", limits.maxSteps());
        limitsNode.put("maxRuns", limits.maxRuns());
        limitsNode.put("maxStepsPerSecond", limits.maxStepsPerSecond());
        limitsNode.put("maxPointsPerRun", limits.maxPointsPerRun());
        ObjectNode strings = data.putObject("strings");
        messages.jsStrings(language).forEach(strings::put);
        data.put("wsPath", WS_PATH);
        data.put("sourcePath", SOURCE_PATH);
        data.put("estimatePath", ESTIMATE_PATH);
        data.put("activationsPath", ACTIVATIONS_PATH);
        data.put("rateMapPath", RATE_MAP_PATH);
        return data;
    }

    /**
     * The data as text safe inside a {@code <script>} element: {@code <}, {@code >}, {@code &} and the line
     * separators are written as JSON escapes, so no {@code </script>} or {@code <!--} can appear.
     */
    public String embed(ObjectNode data) {
        try {
            return json.writeValueAsString(data).replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the lesson data", e);
        }
    }

    private static ObjectNode preset(Preset preset, Language language) {
        ObjectNode node = NODES.objectNode();
        node.put("id", preset.id());
        node.put("title", preset.title(language));
        node.put("kind", preset.kind());
        node.set("spec", preset.spec());
        node.set("controls", controls(preset.controls()));
        problemValues(preset.setup()).ifPresent(values -> putAll(node.putObject("problemValues"), values));
        ObjectNode claim = node.putObject("claim");
        claim.put("text", preset.claimText(language));
        claim.set("check", preset.claimCheck());
        return node;
    }

    /** Every field of the preset's problem with the value it runs with (defaults included), if it has a problem. */
    private static Optional<Map<String, Object>> problemValues(Setup setup) {
        if (setup instanceof Setup.Race race) {
            return Optional.of(race.experiment().problem().parameters());
        }
        if (setup instanceof Setup.Activations study) {
            return Optional.of(study.study().config().parameters());
        }
        if (setup instanceof Setup.Search search) {
            return Optional.of(search.search().problem().asGiven().parameters());
        }
        return Optional.empty();
    }

    private static void putAll(ObjectNode node, Map<String, Object> values) {
        values.forEach((name, value) -> TrainingJson.putValue(node, name, value));
    }

    private static ObjectNode controls(Controls controls) {
        ObjectNode node = NODES.objectNode();
        ArrayNode optimizers = node.putArray("optimizers");
        controls.optimizers().forEach(optimizers::add);
        ObjectNode fields = node.putObject("fields");
        for (Map.Entry<String, ControlField> entry : controls.fields().entrySet()) {
            ObjectNode f = fields.putObject(entry.getKey());
            if (entry.getValue() instanceof ControlField.Choice choice) {
                ArrayNode options = f.putArray("options");
                choice.options().forEach(options::add);
                continue;
            }
            ControlField.Slider field = (ControlField.Slider) entry.getValue();
            f.put("min", field.min());
            f.put("max", field.max());
            if (field.step() != null) {
                f.put("step", field.step());
            }
            f.put("scale", field.scale().specName());
        }
        node.put("maxRuns", controls.maxRuns());
        node.put("schedule", controls.schedule());
        node.put("start", controls.start());
        node.put("refine", controls.refine());
        node.put("rateMap", controls.rateMap());
        return node;
    }

    /** {@code [{type, fields: [{name, default, min, minExclusive, max, maxExclusive, integer, choices?}]}]} */
    static ArrayNode types(List<FieldSchema.TypeFields> types) {
        ArrayNode array = NODES.arrayNode();
        for (FieldSchema.TypeFields type : types) {
            ObjectNode node = array.addObject();
            node.put("type", type.type());
            ArrayNode fields = node.putArray("fields");
            for (FieldRule rule : type.fields()) {
                ObjectNode f = fields.addObject();
                f.put("name", rule.name());
                if (rule.numeric()) {
                    f.put("default", rule.defaultValue());
                    f.put("min", rule.min());
                    f.put("minExclusive", rule.minExclusive());
                    f.put("max", rule.max());
                    f.put("maxExclusive", rule.maxExclusive());
                    f.put("integer", rule.integer());
                } else {
                    f.put("default", rule.defaultChoice());
                    ArrayNode choices = f.putArray("choices");
                    rule.choices().forEach(choices::add);
                }
            }
        }
        return array;
    }
}

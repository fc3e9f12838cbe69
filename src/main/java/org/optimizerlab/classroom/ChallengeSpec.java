package org.optimizerlab.classroom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.lesson.ControlField;
import org.optimizerlab.lesson.Controls;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;

/**
 * The experiment the server runs for a submission: the challenge's preset spec, with the student's runs and,
 * where the challenge leaves them free and the preset has a control for them, the student's seed, start, batch
 * size and problem fields; the budget is always the goal's. Everything else the student sent is ignored. The
 * result is validated like any spec and must lie within the preset's controls; errors name the field under
 * {@code spec}.
 */
final class ChallengeSpec {

    private ChallengeSpec() {
    }

    /** The spec to run for {@code student}'s submission to {@code definition}. */
    static ObjectNode build(ChallengeDefinition definition, Controls controls, JsonNode student) {
        if (student == null || !student.isObject()) {
            throw new FieldException("spec", "must be an experiment spec (a JSON object), got "
                    + JsonFields.describe(student));
        }
        ObjectNode spec = (ObjectNode) definition.spec();
        if (!student.has("runs")) {
            throw new FieldException("spec.runs", "is required: the runs to score");
        }
        spec.set("runs", student.get("runs").deepCopy());
        if (free(definition, "seed") && student.has("seed")) {
            spec.set("seed", student.get("seed").deepCopy());
        }
        if (free(definition, "start") && controls.start() && student.has("start")) {
            spec.set("start", student.get("start").deepCopy());
        }
        if (free(definition, "batch_size") && controls.fields().containsKey("batch_size")
                && student.has("batch_size")) {
            spec.set("batch_size", student.get("batch_size").deepCopy());
        }
        if (free(definition, "problem") && student.path("problem").isObject()) {
            copyProblemFields((ObjectNode) spec.get("problem"), student.get("problem"), controls.fields());
        }
        spec.remove("steps");
        spec.remove("epochs");
        spec.put(definition.goal().budgetField(), definition.goal().budget());
        return spec;
    }

    /**
     * Validates {@code spec} (from {@link #build}), its data file read from {@code data} (the lesson's), and checks
     * it against the preset's controls.
     */
    static Experiment read(ObjectNode spec, Controls controls, Limits limits, DataFolder data) {
        Experiment experiment;
        try {
            experiment = new SpecReader(limits, data).read(spec);
        } catch (FieldException e) {
            throw e.under("spec");
        }
        controls.requireWithin(experiment, "spec");
        return experiment;
    }

    private static boolean free(ChallengeDefinition definition, String field) {
        return !definition.fixed().contains(field);
    }

    /** Copies the problem fields that have a control, each checked against it. */
    private static void copyProblemFields(ObjectNode target, JsonNode student, Map<String, ControlField> controls) {
        for (Iterator<Map.Entry<String, JsonNode>> it = student.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            ControlField control = controls.get(field.getKey());
            if (control == null || field.getKey().equals("type")) {
                continue;
            }
            String path = "spec.problem." + field.getKey();
            JsonNode value = field.getValue();
            if (control instanceof ControlField.Slider slider) {
                if (!value.isNumber()) {
                    throw new FieldException(path, "must be a number, got " + JsonFields.describe(value));
                }
                if (!slider.contains(value.doubleValue())) {
                    throw new FieldException(path, "is " + Check.show(value.doubleValue())
                            + ", outside its control's range [" + Check.show(slider.min()) + ", "
                            + Check.show(slider.max()) + "]");
                }
            } else if (control instanceof ControlField.Choice choice && !choice.options().contains(value.asText())) {
                throw new FieldException(path, "must be one of " + String.join(", ", choice.options()) + "; got "
                        + JsonFields.describe(value));
            }
            target.set(field.getKey(), value.deepCopy());
        }
    }
}

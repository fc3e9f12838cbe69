package org.optimizerlab.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;
import org.optimizerlab.validation.Quote;

/**
 * What every kind of preset reads the same way in its {@code controls}: the {@code fields} object (a
 * {@link ControlField.Slider} or a {@link ControlField.Choice} per name), both ends of a slider against the
 * engine's rule for the field, a spec value against its control, and the race-only parts a kind without runs must
 * leave out.
 */
final class ControlReading {

    private ControlReading() {
    }

    /** Checks one control: its name, its value and its path in the file. */
    interface FieldCheck {
        void check(String name, ControlField field, String path);
    }

    /** The optional {@code fields} object of controls: a control per name, each read and then checked. */
    static Map<String, ControlField> readFields(JsonFields c, JsonNode node, FieldCheck check) {
        Map<String, ControlField> fields = new LinkedHashMap<>();
        if (c.has("fields")) {
            JsonFields.of(node.get("fields"), c.path("fields"));
            Iterator<Map.Entry<String, JsonNode>> entries = node.get("fields").fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String path = c.path("fields") + "." + Quote.cut(entry.getKey());
                ControlField field = readControlField(JsonFields.of(entry.getValue(), path), entry.getValue());
                check.check(entry.getKey(), field, path);
                fields.put(entry.getKey(), field);
            }
        }
        return fields;
    }

    /** {@code {"options": [...]}} is a choice; anything else a slider {@code {min, max, step?, scale?}}. */
    private static ControlField readControlField(JsonFields f, JsonNode node) {
        if (f.has("options")) {
            List<String> options = strings(node, "options", f.path("options"));
            f.rejectUnknown();
            return f.within(() -> new ControlField.Choice(options));
        }
        double min = f.number("min");
        double max = f.number("max");
        Double step = f.has("step") ? f.number("step") : null;
        String scale = f.choice("scale", List.of("linear", "log"), "linear");
        f.rejectUnknown();
        return f.within(() -> new ControlField.Slider(min, max, step,
                ControlField.Scale.valueOf(scale.toUpperCase(Locale.ROOT))));
    }

    /** The control as a slider; a choice is an error naming {@code path}. */
    static ControlField.Slider slider(ControlField field, String name, String path) {
        if (field instanceof ControlField.Slider slider) {
            return slider;
        }
        throw new FieldException(path + ".options", name + " is a number: give it a slider {\"min\", \"max\"}, "
                + "not options");
    }

    /** Both ends of a slider must satisfy {@code rule}. */
    static void checkEnds(ControlField field, FieldRule rule, String owners, String name, String path) {
        ControlField.Slider slider = slider(field, name, path);
        if (!rule.accepts(slider.min())) {
            throw new FieldException(path + ".min", "must be a value " + owners + " accepts for " + name + " ("
                    + rule.describe() + "), got " + Check.show(slider.min()));
        }
        if (!rule.accepts(slider.max())) {
            throw new FieldException(path + ".max", "must be a value " + owners + " accepts for " + name + " ("
                    + rule.describe() + "), got " + Check.show(slider.max()));
        }
    }

    /** A spec value must lie within its control, if it has one (reported at the spec's path). */
    static void withinControl(Map<String, ControlField> fields, String name, double value, String path) {
        if (fields.get(name) instanceof ControlField.Slider slider && !slider.contains(value)) {
            throw new FieldException(path, "is " + Check.show(value) + ", outside its control's range ["
                    + Check.show(slider.min()) + ", " + Check.show(slider.max()) + "]");
        }
    }

    /** A slider's largest value as a whole number, or {@code fallback} without a control. */
    static int largest(Map<String, ControlField> fields, String name, int fallback) {
        return fields.get(name) instanceof ControlField.Slider slider ? (int) Math.floor(slider.max()) : fallback;
    }

    /** A slider's smallest value as a whole number, or {@code fallback} without a control. */
    static int smallest(Map<String, ControlField> fields, String name, int fallback) {
        return fields.get(name) instanceof ControlField.Slider slider ? (int) Math.ceil(slider.min()) : fallback;
    }

    /**
     * A kind without runs offers no optimizers ({@code []} or absent), at most one run, no schedule and no start
     * point; {@code refine} only for a search.
     */
    static boolean runlessParts(JsonFields c, JsonNode node, String kind, boolean refineAllowed) {
        if (c.has("optimizers") && !strings(node, "optimizers", c.path("optimizers")).isEmpty()) {
            throw new FieldException(c.path("optimizers"), article(kind) + " preset runs no optimizer; leave it out");
        }
        c.integer("maxRuns", 1, 1, 1);
        for (String name : List.of("schedule", "start")) {
            if (c.bool(name, false)) {
                throw new FieldException(c.path(name), article(kind) + " preset has no schedule or start point to choose");
            }
        }
        boolean refine = c.bool("refine", false);
        if (refine && !refineAllowed) {
            throw new FieldException(c.path("refine"), "only a search preset has a coarse-to-fine round to switch");
        }
        return refine;
    }

    /** A required array of strings, read from the raw node. */
    static List<String> strings(JsonNode owner, String name, String path) {
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

    /** The kind with its article: {@code a search}, {@code an activations}. */
    static String article(String kind) {
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }
}

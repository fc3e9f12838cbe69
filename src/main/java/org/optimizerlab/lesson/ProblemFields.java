package org.optimizerlab.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.Quote;

/**
 * Controls of the fields of a spec's {@code problem} ({@code reg}, {@code hidden}, {@code init}, {@code layers},
 * ...), checked by the engine itself: each end of a slider and each option of a choice is put into the spec as
 * written and the whole spec read again by the kind's reader, so every rule the engine has (ranges, named values,
 * limits that join several fields such as {@code points * hidden}) applies, with the engine's own message.
 */
final class ProblemFields {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode spec;
    private final Map<String, Object> values;
    private final Consumer<JsonNode> reader;

    /**
     * @param spec   the spec as written
     * @param values the problem's fields with their values (defaults included), by spec name
     * @param reader reads a whole spec of the preset's kind, throwing a {@code FieldException} when it is wrong
     */
    ProblemFields(JsonNode spec, Map<String, Object> values, Consumer<JsonNode> reader) {
        this.spec = spec;
        this.values = new LinkedHashMap<>(values);
        this.reader = reader;
    }

    /** The same problem without the fields named (a search draws {@code reg} and {@code dropout} itself). */
    ProblemFields without(Set<String> names) {
        Map<String, Object> kept = new LinkedHashMap<>(values);
        kept.keySet().removeAll(names);
        return new ProblemFields(spec, kept, reader);
    }

    /** Whether the problem has a field of this name. */
    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The problem's field names, for messages. */
    String names() {
        return String.join(", ", values.keySet());
    }

    /**
     * Checks the control of field {@code name} at {@code path} (in the file): a slider for a number, a choice for
     * named values, every end or option accepted by the engine, and the spec's value (at {@code specPath}) within.
     */
    void check(String name, ControlField field, String path, String specPath) {
        Object current = values.get(name);
        if (field instanceof ControlField.Choice choice) {
            if (!(current instanceof String)) {
                throw new FieldException(path + ".options", name + " is a number: give it a slider {\"min\", "
                        + "\"max\"}, not options");
            }
            List<String> options = choice.options();
            for (int i = 0; i < options.size(); i++) {
                probe(name, NODES.textNode(options.get(i)), path + ".options[" + i + "]", Quote.of(options.get(i)));
            }
            if (!options.contains(current)) {
                throw new FieldException(specPath + ".problem." + name, "is '" + current + "', not among its "
                        + "control's options (" + String.join(", ", options) + ")");
            }
            return;
        }
        ControlField.Slider slider = (ControlField.Slider) field;
        if (current instanceof String) {
            throw new FieldException(path, name + " takes named values: give it {\"options\": [...]}, not a slider");
        }
        if (current instanceof List) {
            throw new FieldException(path, name + " is a list (one width per hidden layer): a slider sets one number; "
                    + "leave the control out (the page's network editor sets the widths) or give one hidden layer");
        }
        probe(name, NODES.numberNode(slider.min()), path + ".min", Check.show(slider.min()));
        probe(name, NODES.numberNode(slider.max()), path + ".max", Check.show(slider.max()));
        ControlReading.withinControl(Map.of(name, field), name, ((Number) current).doubleValue(),
                specPath + ".problem." + name);
    }

    /** The spec with the given problem fields replaced (numbers), for checks of several values together. */
    JsonNode withValues(Map<String, Double> replaced) {
        ObjectNode copy = spec.deepCopy();
        ObjectNode problem = (ObjectNode) copy.get("problem");
        replaced.forEach((name, value) -> problem.set(name, whole(value)));
        return copy;
    }

    private void probe(String name, JsonNode value, String path, String shown) {
        ObjectNode copy = spec.deepCopy();
        ((ObjectNode) copy.get("problem")).set(name, value.isNumber() ? whole(value.doubleValue()) : value);
        try {
            reader.accept(copy);
        } catch (FieldException e) {
            throw new FieldException(path, "must be a value accepted for " + name + " with the rest of the spec, got " + shown + " (" + e.getMessage() + ")");
        }
    }

    /** A whole number as a JSON integer, as a lesson author would write it. */
    private static JsonNode whole(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? NODES.numberNode((long) value)
                : NODES.numberNode(value);
    }
}

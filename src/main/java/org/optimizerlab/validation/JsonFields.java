package org.optimizerlab.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the fields of one JSON object of a user's document and reports every mistake as a {@link FieldException}
 * naming the field's full path ({@code runs[1].optimizer.mu}) and what is allowed.
 *
 * <p>Each field asked for, present or not, becomes known; {@link #rejectUnknown()} then refuses any field that no
 * one asked for, listing the known ones, so a typo like {@code "learning_rate"} is an error, not silently ignored.
 */
public final class JsonFields {
    private final ObjectNode node;
    private final String path;
    private final Set<String> known = new LinkedHashSet<>();

    private JsonFields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The fields of the top-level object of a document; anything else than an object is an error. */
    public static JsonFields root(JsonNode document) {
        return of(document, "");
    }

    /** The fields of {@code value}, found at {@code path}; anything else than an object is an error. */
    public static JsonFields of(JsonNode value, String path) {
        if (value == null || !value.isObject()) {
            throw new FieldException(path, "must be a JSON object, got " + describe(value));
        }
        return new JsonFields((ObjectNode) value, path);
    }

    /** The path of this object ({@code ""} for the document itself). */
    public String path() {
        return path;
    }

    /**
     * Whether the field is present, without making it known: for a field of another variant of the object, refused
     * with a better hint than "unknown field" while the error for a truly unknown one still lists only the fields
     * this variant reads.
     */
    public boolean contains(String name) {
        return node.has(name);
    }

    /** The path of one of this object's fields. */
    public String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /**
     * Whether the field is present; the field becomes known. An explicit {@code null} is refused rather than read as
     * "absent": a page that computed NaN sends {@code null} (JSON has no NaN), and that must not silently become the
     * default value.
     */
    public boolean has(String name) {
        known.add(name);
        JsonNode value = node.get(name);
        if (value != null && value.isNull()) {
            throw new FieldException(path(name), "must not be null; give a value or leave the field out");
        }
        return value != null;
    }

    /** A required number (which may still be non-finite; range checks belong to the configuration records). */
    public double number(String name) {
        JsonNode value = required(name);
        if (!value.isNumber()) {
            throw new FieldException(path(name), "must be a number, got " + describe(value));
        }
        return value.doubleValue();
    }

    /** An optional number, {@code fallback} when absent. */
    public double number(String name, double fallback) {
        return has(name) ? number(name) : fallback;
    }

    /** A required whole number within {@code low..high}. */
    public long integer(String name, long low, long high) {
        return wholeNumber(required(name), path(name), low, high);
    }

    /** {@code value} as a whole number within {@code low..high}; errors name {@code path}. */
    private static long wholeNumber(JsonNode value, String path, long low, long high) {
        if (!value.isNumber() || !isWhole(value)) {
            throw new FieldException(path, "must be an integer in " + low + ".." + high + ", got " + describe(value));
        }
        if (value.isIntegralNumber() && !value.canConvertToLong()) {
            throw new FieldException(path, "must be an integer in " + low + ".." + high + ", got "
                    + Quote.of(value.asText(), ""));
        }
        long whole = value.isIntegralNumber() ? value.longValue() : (long) value.doubleValue();
        if (!value.isIntegralNumber() && Math.abs(value.doubleValue()) >= 0x1p63) {
            throw new FieldException(path, "must be an integer in " + low + ".." + high + ", got "
                    + Quote.of(value.asText(), ""));
        }
        return Check.intInRangeLong(path, whole, low, high);
    }

    /** An optional whole number within {@code low..high}, {@code fallback} when absent. */
    public long integer(String name, long low, long high, long fallback) {
        return has(name) ? integer(name, low, high) : fallback;
    }

    /** A required string. */
    public String text(String name) {
        JsonNode value = required(name);
        if (!value.isTextual()) {
            throw new FieldException(path(name), "must be a string, got " + describe(value));
        }
        return value.textValue();
    }

    /** An optional string, {@code fallback} when absent. */
    public String text(String name, String fallback) {
        return has(name) ? text(name) : fallback;
    }

    /** A required string that must be one of {@code allowed}; the message lists them. */
    public String choice(String name, List<String> allowed) {
        String value = text(name);
        if (!allowed.contains(value)) {
            throw new FieldException(path(name), "must be one of " + String.join(", ", allowed) + "; got "
                    + Quote.of(value));
        }
        return value;
    }

    /** An optional string that must be one of {@code allowed}, {@code fallback} when absent. */
    public String choice(String name, List<String> allowed, String fallback) {
        return has(name) ? choice(name, allowed) : fallback;
    }

    /** An optional boolean, {@code fallback} when absent. */
    public boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw new FieldException(path(name), "must be true or false, got " + describe(value));
        }
        return value.booleanValue();
    }

    /** A required array of numbers. */
    public double[] numbers(String name) {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw new FieldException(path(name), "must be an array of numbers, got " + describe(value));
        }
        double[] numbers = new double[value.size()];
        for (int i = 0; i < numbers.length; i++) {
            JsonNode item = value.get(i);
            if (!item.isNumber()) {
                throw new FieldException(path(name) + "[" + i + "]", "must be a number, got " + describe(item));
            }
            numbers[i] = item.doubleValue();
        }
        return numbers;
    }

    /** Whether the field is present and an array (a field that takes a number or a list of them). */
    public boolean isArray(String name) {
        return has(name) && node.get(name).isArray();
    }

    /**
     * A required array of {@code minCount..maxCount} whole numbers, each within {@code low..high}; an element's
     * error names it ({@code problem.hidden[2]: must be an integer in 1..1000, got 0}).
     */
    public long[] integers(String name, int minCount, int maxCount, long low, long high) {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw new FieldException(path(name), "must be an array of integers, got " + describe(value));
        }
        if (value.size() < minCount || value.size() > maxCount) {
            throw new FieldException(path(name), "must have " + minCount + " to " + maxCount + " entries, got "
                    + value.size());
        }
        long[] numbers = new long[value.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = wholeNumber(value.get(i), path(name) + "[" + i + "]", low, high);
        }
        return numbers;
    }

    /** A required nested object. */
    public JsonFields object(String name) {
        return of(required(name), path(name));
    }

    /** A required array of objects, with between {@code min} and {@code max} elements. */
    public List<JsonFields> objects(String name, int min, int max) {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw new FieldException(path(name), "must be an array, got " + describe(value));
        }
        if (value.size() < min || value.size() > max) {
            throw new FieldException(path(name), "must have " + min + " to " + max + " entries, got " + value.size());
        }
        List<JsonFields> objects = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            objects.add(of(value.get(i), path(name) + "[" + i + "]"));
        }
        return objects;
    }

    /**
     * Refuses fields nobody asked for: {@code runs[0].optimizer.momentum: unknown field; allowed: type, lr}.
     * Call after reading everything this object may hold.
     */
    public void rejectUnknown() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                String allowed = "; allowed: " + String.join(", ", known);
                throw Quote.isLong(name)
                        ? new FieldException(path(Quote.cut(name)), "unknown field (a name of "
                                + name.codePointCount(0, name.length()) + " characters)" + allowed)
                        : new FieldException(path(name), "unknown field" + allowed);
            }
        }
    }

    /**
     * Runs {@code reading} and puts this object's path in front of the field of any {@link FieldException} it throws,
     * for configuration records that report only their own field names ({@code mu} becomes {@code runs[1].optimizer.mu}).
     */
    public <T> T within(Supplier<T> reading) {
        try {
            return reading.get();
        } catch (FieldException e) {
            throw e.under(path);
        }
    }

    private JsonNode required(String name) {
        if (!has(name)) {
            throw new FieldException(path(name), "is required");
        }
        return node.get(name);
    }

    private static boolean isWhole(JsonNode value) {
        if (value.isIntegralNumber()) {
            return true;
        }
        double d = value.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d);
    }

    /**
     * A short description of a JSON value for error messages: {@code a string ("0.1")}, {@code null}, {@code an array};
     * a long string or number is cut ({@link Quote}).
     */
    public static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "a string (" + Quote.of(value.textValue(), "\"") + ")";
        }
        if (value.isNumber()) {
            return Quote.of(value.asText(), "");
        }
        if (value.isBoolean()) {
            return value.asText();
        }
        if (value.isArray()) {
            return "an array";
        }
        return "an object";
    }
}

package org.optimizerlab.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.Quote;

/**
 * The small front matter at the top of a lesson text, and the Markdown after it:
 *
 * <pre>
 * ---
 * title: Momentum
 * order: 2
 * summary: A ball rolling downhill gathers speed.
 * ---
 * </pre>
 *
 * Each line is {@code key: value}; a value may be wrapped in double or single quotes. Exactly the keys
 * {@code title}, {@code order} and {@code summary}, each once.
 *
 * @param title   one line, 1..{@value #MAX_LINE} characters
 * @param order   the lesson's position, a whole number
 * @param summary one line, 1..{@value #MAX_LINE} characters
 * @param body    the Markdown after the closing {@code ---}
 */
public record FrontMatter(String title, int order, String summary, String body) {

    /** The longest title or summary. */
    public static final int MAX_LINE = 300;

    private static final List<String> KEYS = List.of("title", "order", "summary");

    /** Reads the front matter of {@code text} (line ends already {@code \n}); the first error, naming the key. */
    public static FrontMatter parse(String text) {
        List<FieldException> problems = new ArrayList<>();
        FrontMatter front = parse(text, problems);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        return front;
    }

    /**
     * Reads the front matter of {@code text}, adding every problem to {@code problems} (each naming its key), so an
     * author sees them all at once; null when there is any.
     */
    public static FrontMatter parse(String text, List<FieldException> problems) {
        if (!text.startsWith("---\n")) {
            problems.add(new FieldException("", "must start with a front matter block: a line '---', then title, "
                    + "order and summary, then a line '---'"));
            return null;
        }
        int end = text.indexOf("\n---\n", 3);
        if (end < 0 && text.endsWith("\n---")) {
            end = text.length() - 4;
        }
        if (end < 0) {
            problems.add(new FieldException("", "the front matter has no closing line '---'"));
            return null;
        }
        int before = problems.size();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.substring(4, end + 1).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                problems.add(new FieldException("", "front matter line " + Quote.of(line) + " is not 'key: value'"));
                continue;
            }
            String key = line.substring(0, colon).trim();
            if (!KEYS.contains(key)) {
                problems.add(new FieldException(Quote.cut(key), "unknown front matter key; allowed: "
                        + String.join(", ", KEYS)));
            } else if (values.put(key, unquote(line.substring(colon + 1).trim())) != null) {
                problems.add(new FieldException(key, "appears twice"));
            }
        }
        String title = line(values, "title", problems);
        String summary = line(values, "summary", problems);
        String order = values.get("order");
        if (order == null) {
            problems.add(new FieldException("order", "is required"));
        } else if (!order.matches("\\d{1,2}")) {
            problems.add(new FieldException("order", "must be a whole number 1..99, got " + Quote.of(order)));
        }
        if (problems.size() > before) {
            return null;
        }
        String body = end + 5 <= text.length() ? text.substring(end + 5) : "";
        return new FrontMatter(title, Integer.parseInt(order), summary, body);
    }

    /** The line of the file on which the body starts, 1-based, for a {@code text} this was parsed from. */
    public int bodyLine(String text) {
        String head = text.substring(0, text.length() - body.length());
        return (int) head.chars().filter(c -> c == '\n').count() + 1;
    }

    private static String line(Map<String, String> values, String key, List<FieldException> problems) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            problems.add(new FieldException(key, "is required (one line of text)"));
        } else if (value.length() > MAX_LINE) {
            problems.add(new FieldException(key, "must be at most " + MAX_LINE + " characters, got "
                    + value.length()));
        }
        return value;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}

package org.optimizerlab.validation;

/**
 * A value that breaks a rule, reported with the path of the field that holds it
 * ({@code runs[1].optimizer.mu}) and a sentence that says what is allowed and what was given.
 *
 * <p>Configuration records throw it with their own field name; readers of nested documents
 * re-throw it with the path of the enclosing object in front ({@link #under(String)}), so the
 * message a user finally sees names the whole path.
 */
public final class FieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    /**
     * @param field   the path of the offending field, e.g. {@code mu} or {@code runs[0].id}; empty for the document itself
     * @param problem what is wrong, e.g. {@code must be in [0, 1), got 1.5}
     */
    public FieldException(String field, String problem) {
        super(oneLine(field.isEmpty() ? problem : field + ": " + problem));
        this.field = field;
        this.problem = problem;
    }

    /**
     * {@code text} with control characters written as escapes ({@code \n}, {@code \u0007}), so a message that
     * quotes a user's string or field name stays on one line.
     */
    public static String oneLine(String text) {
        StringBuilder line = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> line.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return line.toString();
    }

    /** The path of the offending field ({@code runs[1].optimizer.mu}); empty when the whole document is wrong. */
    public String field() {
        return field;
    }

    /** What is wrong with the field, without its path. */
    public String problem() {
        return problem;
    }

    /** The same error seen from the enclosing object: {@code under("runs[1].optimizer")} turns {@code mu} into {@code runs[1].optimizer.mu}. */
    public FieldException under(String parent) {
        if (parent.isEmpty()) {
            return this;
        }
        String path = field.isEmpty() ? parent : field.startsWith("[") ? parent + field : parent + "." + field;
        return new FieldException(path, problem);
    }
}

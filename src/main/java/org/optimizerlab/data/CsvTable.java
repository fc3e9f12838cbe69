package org.optimizerlab.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.Quote;

/**
 * A small data table read from CSV text: a header line naming the columns, then one row per line of numeric
 * features and one label column (a class name for classification, a number for regression). Cells are separated by
 * commas, with no quoting; blank lines are skipped. Every mistake names the file, line and column:
 * {@code problem.file: iris.csv, line 12, column 3 (petal_length): 'n/a' is not a number}.
 *
 * @param features   the feature columns' names, in order
 * @param label      the label column's name
 * @param x          the features, {@code rows * features.size()} numbers, row-major
 * @param classes    classification: the class names in order of first appearance (class {@code k} is
 *                   {@code classes.get(k)}); empty for regression
 * @param labels     classification: each row's class index; empty for regression
 * @param targets    regression: each row's target; empty for classification
 */
public record CsvTable(List<String> features, String label, double[] x, List<String> classes, int[] labels,
                       double[] targets) {

    /** The most data rows. */
    public static final int MAX_ROWS = 10_000;
    /** The most feature columns. */
    public static final int MAX_FEATURES = 50;
    /** The most classes (the classifier's own limit). */
    public static final int MAX_CLASSES = 10;
    /** The longest column or class name. */
    public static final int MAX_NAME = 64;

    public CsvTable {
        features = List.copyOf(features);
        classes = List.copyOf(classes);
    }

    /** The number of data rows. */
    public int rows() {
        return x.length / features.size();
    }

    /** Whether the label column holds class names. */
    public boolean classification() {
        return !classes.isEmpty();
    }

    /**
     * Parses {@code text} (the file {@code file}) with label column {@code labelColumn} (null: the last column), as
     * class names ({@code classification}) or numbers; errors name the field {@code field}.
     */
    public static CsvTable parse(String field, String file, String text, String labelColumn, boolean classification) {
        Reader reader = new Reader(field, file);
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\r?\n", -1);
        int headerLine = 0;
        while (headerLine < lines.length && lines[headerLine].isBlank()) {
            headerLine++;
        }
        if (headerLine == lines.length) {
            throw reader.error("is empty; the first line names the columns, e.g. x1,x2,label");
        }
        List<String> header = reader.header(lines[headerLine], headerLine + 1);
        int labelAt = labelColumn == null ? header.size() - 1 : header.indexOf(labelColumn);
        if (labelAt < 0) {
            throw new FieldException(field, file + ": no column " + Quote.of(labelColumn) + " in the header; columns: "
                    + String.join(", ", header));
        }
        int columns = header.size();
        List<String> features = new ArrayList<>(header);
        features.remove(labelAt);
        List<double[]> rows = new ArrayList<>();
        Map<String, Integer> classIndex = new LinkedHashMap<>();
        List<Integer> labels = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        for (int i = headerLine + 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int line = i + 1;
            if (rows.size() == MAX_ROWS) {
                throw reader.error("has more than " + MAX_ROWS + " data rows (line " + line + ")");
            }
            String[] cells = lines[i].split(",", -1);
            if (cells.length != columns) {
                throw reader.error("line " + line + " has " + cells.length + " cells, the header has " + columns);
            }
            double[] row = new double[features.size()];
            int f = 0;
            for (int c = 0; c < columns; c++) {
                String cell = cells[c].trim();
                if (c == labelAt) {
                    if (classification) {
                        labels.add(reader.classOf(cell, line, c, header.get(c), classIndex));
                    } else {
                        targets.add(reader.number(cell, line, c, header.get(c)));
                    }
                } else {
                    row[f++] = reader.number(cell, line, c, header.get(c));
                }
            }
            rows.add(row);
        }
        if (rows.size() < 2) {
            throw reader.error("needs at least 2 data rows, got " + rows.size());
        }
        if (classification && classIndex.size() < 2) {
            throw reader.error("column " + (labelAt + 1) + " (" + header.get(labelAt) + ") needs at least 2 classes, got "
                    + classIndex.size());
        }
        double[] x = new double[rows.size() * features.size()];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, x, r * features.size(), features.size());
        }
        return new CsvTable(features, header.get(labelAt), x, List.copyOf(classIndex.keySet()),
                labels.stream().mapToInt(Integer::intValue).toArray(),
                targets.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Turns cells into values, reporting each mistake at its file, line and column. */
    private record Reader(String field, String file) {

        FieldException error(String problem) {
            return new FieldException(field, file + " " + problem);
        }

        FieldException at(int line, int column, String name, String problem) {
            return new FieldException(field, file + ", line " + line + ", column " + (column + 1) + " (" + name + "): "
                    + problem);
        }

        List<String> header(String text, int line) {
            String[] names = text.split(",", -1);
            if (names.length < 2) {
                throw error("line " + line + " (the header) must name at least 2 columns: features, then the label");
            }
            if (names.length > MAX_FEATURES + 1) {
                throw error("line " + line + " (the header) names " + names.length + " columns; at most "
                        + (MAX_FEATURES + 1) + " (" + MAX_FEATURES + " features and the label)");
            }
            List<String> header = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int c = 0; c < names.length; c++) {
                String name = names[c].trim();
                if (name.isEmpty() || name.length() > MAX_NAME || name.contains("\"")) {
                    throw new FieldException(field, file + ", line " + line + ", column " + (c + 1)
                            + ": a column name must be 1 to " + MAX_NAME + " characters without quotes, got "
                            + Quote.of(name));
                }
                if (!seen.add(name)) {
                    throw new FieldException(field, file + ", line " + line + ", column " + (c + 1) + ": column "
                            + Quote.of(name) + " is named twice");
                }
                header.add(name);
            }
            return header;
        }

        double number(String cell, int line, int column, String name) {
            try {
                double value = Double.parseDouble(cell);
                if (Double.isFinite(value) && !cell.matches(".*[a-zA-Z&&[^eE]].*")) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw at(line, column, name, Quote.of(cell) + " is not a number");
        }

        int classOf(String cell, int line, int column, String name, Map<String, Integer> classes) {
            if (cell.isEmpty() || cell.length() > MAX_NAME || cell.contains("\"")) {
                throw at(line, column, name, "a class name must be 1 to " + MAX_NAME + " characters without quotes, got "
                        + Quote.of(cell));
            }
            Integer known = classes.get(cell);
            if (known != null) {
                return known;
            }
            if (classes.size() == MAX_CLASSES) {
                throw at(line, column, name, "a " + (MAX_CLASSES + 1) + "th class " + Quote.of(cell) + "; at most "
                        + MAX_CLASSES + " classes");
            }
            classes.put(cell, classes.size());
            return classes.size() - 1;
        }
    }
}

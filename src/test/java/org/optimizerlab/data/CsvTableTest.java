package org.optimizerlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optimizerlab.validation.FieldException;

/** Reading an instructor's CSV: what is accepted, and every refusal naming the file, line and column. */
class CsvTableTest {

    private static CsvTable parse(String text) {
        return CsvTable.parse("problem.file", "data.csv", text, null, true);
    }

    private static String error(String text) {
        try {
            parse(text);
        } catch (FieldException e) {
            assertThat(e.field()).isEqualTo("problem.file");
            return e.getMessage();
        }
        throw new AssertionError("expected a refusal of " + text);
    }

    @Test
    void readsFeaturesAndClassesInOrderOfAppearance() {
        CsvTable table = parse("\uFEFFx1, x2 ,kind\r\n1,2,b\n\n3.5,-4e-1, a \n5,6,b\n");
        assertThat(table.features()).containsExactly("x1", "x2");
        assertThat(table.label()).isEqualTo("kind");
        assertThat(table.rows()).isEqualTo(3);
        assertThat(table.x()).containsExactly(1, 2, 3.5, -0.4, 5, 6);
        assertThat(table.classes()).containsExactly("b", "a");
        assertThat(table.labels()).containsExactly(0, 1, 0);
        assertThat(table.targets()).isEmpty();
    }

    @Test
    void theLabelColumnMayBeNamedAndRegressionTargetsAreNumbers() {
        CsvTable table = CsvTable.parse("problem.file", "d.csv", "y,a,b\n1.5,0,1\n2.5,1,0\n", "y", false);
        assertThat(table.features()).containsExactly("a", "b");
        assertThat(table.targets()).containsExactly(1.5, 2.5);
        assertThat(table.x()).containsExactly(0, 1, 1, 0);
        assertThatThrownBy(() -> CsvTable.parse("problem.file", "d.csv", "y,a\n1,2\n3,4\n", "z", true))
                .hasMessage("problem.file: d.csv: no column 'z' in the header; columns: y, a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "NaN", "Infinity", "-Infinity", "1d", "2f", "0x1p3", "1,5"})
    void aCellThatIsNotAPlainFiniteNumberIsRefusedAtItsLineAndColumn(String cell) {
        String message = error("a,b,label\n1,2,x\n3," + cell + ",y\n");
        if (cell.equals("1,5")) {
            assertThat(message).isEqualTo("problem.file: data.csv line 3 has 4 cells, the header has 3");
        } else {
            assertThat(message).isEqualTo("problem.file: data.csv, line 3, column 2 (b): '" + cell + "' is not a number");
        }
    }

    @Test
    void headerRowsAndClassesAreBounded() {
        assertThat(error("")).isEqualTo("problem.file: data.csv is empty; the first line names the columns, e.g. x1,x2,label");
        assertThat(error("label\n1\n")).startsWith("problem.file: data.csv line 1 (the header) must name at least 2 columns");
        assertThat(error("a,a,label\n1,2,x\n")).isEqualTo("problem.file: data.csv, line 1, column 2: column 'a' is named twice");
        assertThat(error("a,,label\n1,2,x\n")).startsWith("problem.file: data.csv, line 1, column 2: a column name must be");
        assertThat(error("a,label\n1,x\n")).isEqualTo("problem.file: data.csv needs at least 2 data rows, got 1");
        assertThat(error("a,label\n1,x\n2,x\n")).isEqualTo("problem.file: data.csv column 2 (label) needs at least 2 classes, got 1");
        assertThat(error("a,label\n1,\n2,x\n")).startsWith("problem.file: data.csv, line 2, column 2 (label): a class name must be");

        StringBuilder wide = new StringBuilder("x0");
        for (int c = 1; c <= CsvTable.MAX_FEATURES; c++) {
            wide.append(",x").append(c);
        }
        assertThat(error(wide + ",label\n")).isEqualTo("problem.file: data.csv line 1 (the header) names 52 columns; "
                + "at most 51 (50 features and the label)");

        StringBuilder eleven = new StringBuilder("a,label\n");
        for (int k = 0; k <= CsvTable.MAX_CLASSES; k++) {
            eleven.append(k).append(",c").append(k).append('\n');
        }
        assertThat(error(eleven.toString())).isEqualTo("problem.file: data.csv, line 12, column 2 (label): "
                + "a 11th class 'c10'; at most 10 classes");

        StringBuilder tall = new StringBuilder("a,label\n");
        for (int r = 0; r <= CsvTable.MAX_ROWS; r++) {
            tall.append(r).append(r % 2 == 0 ? ",x\n" : ",y\n");
        }
        assertThat(error(tall.toString())).isEqualTo("problem.file: data.csv has more than 10000 data rows (line 10002)");
    }
}

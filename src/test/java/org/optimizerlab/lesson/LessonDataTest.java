package org.optimizerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.cli.CheckLessonsCommand;
import org.optimizerlab.data.CsvClassifier;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.search.SearchProblem;
import org.optimizerlab.web.ServerLimits;

/**
 * A lesson folder may hold CSV tables beside its {@code experiment.json}: the loader reads them once, checks every
 * {@code csv} preset against them (file, line and column named, as {@code check-lessons} prints it) and keeps the
 * parsed table with the lesson; a preset can only name its own lesson's files.
 */
class LessonDataTest {

    private static final Limits LIMITS = ServerLimits.DEFAULT.specLimits();
    private static final String PRESET = """
            {"presets": [{"id": "table", "title": {"en": "A table"},
              "spec": {"problem": {"type": "csv", "file": "%s", "validation": 0.25}, "epochs": 20, "batch_size": 4,
                       "seed": 1, "runs": [{"id": "sgd", "optimizer": {"type": "sgd", "lr": 0.5}}]},
              "controls": {"optimizers": ["sgd", "adam"], "fields": {"lr": {"min": 0.001, "max": 1, "scale": "log"},
                           "hidden": {"min": 0, "max": 20}}},
              "claim": {"text": {"en": "It separates the two classes."},
                        "check": {"type": "final_accuracy_above", "run": "sgd", "value": 0.9, "split": "train"}}}]}
            """;
    /** Two classes on either side of x = 0, eight rows each. */
    private static final String TABLE;

    static {
        StringBuilder table = new StringBuilder("x,y,side\n");
        for (int i = 1; i <= 8; i++) {
            table.append(-i).append(',').append(i % 3).append(",left\n");
            table.append(i).append(',').append(i % 3).append(",right\n");
        }
        TABLE = table.toString();
    }

    @TempDir
    Path course;

    @BeforeEach
    void writeCourse() throws IOException {
        lesson("01-table", "data.csv", TABLE);
        lesson("02-other", "other.csv", TABLE);
    }

    private void lesson(String folder, String csvName, String csv) throws IOException {
        Path dir = Files.createDirectories(course.resolve(folder));
        Files.writeString(dir.resolve("en.md"), "---\ntitle: T\norder: " + Integer.parseInt(folder.substring(0, 2))
                + "\nsummary: S.\n---\n\nText.\n");
        Files.writeString(dir.resolve("experiment.json"), PRESET.formatted(csvName));
        Files.writeString(dir.resolve(csvName), csv);
    }

    @Test
    void aPresetTrainsOnItsLessonsTableKeptWithTheLesson() throws IOException {
        Course loaded = new LessonLoader(LIMITS).load(course);
        Lesson lesson = loaded.lesson("table").orElseThrow();
        Files.delete(course.resolve("01-table/data.csv"));                 // read once: the disk is not read again
        Setup.Race race = (Setup.Race) lesson.presets().get(0).setup();
        CsvClassifier problem = (CsvClassifier) race.experiment().problem();
        assertThat(problem.table().rows()).isEqualTo(16);
        assertThat(((DataFolder.Kept) lesson.data()).names()).containsExactly("data.csv");
        assertThat(lesson.data().table("problem.file", "data.csv", null, true))
                .as("parsed once, the same table for every race").isSameAs(problem.table());
        assertThat(ClaimVerifier.verify(lesson.presets().get(0), 2000).holds()).isTrue();
    }

    /** A search preset on {@code file} (with controls of its trials, lr and hidden units). */
    private static final String SEARCH_PRESET = """
            {"presets": [{"id": "search", "kind": "search", "title": {"en": "A search"},
              "spec": {"problem": {"type": "csv", "file": "%s", "hidden": 4, "validation": 0.25}, "epochs": 30,
                       "batch_size": 4, "seed": 1, "optimizer": {"type": "sgd"},
                       "search": {"trials": 4, "lr": [0.05, 1], "reg": [0.00001, 0.001]}},
              "controls": {"fields": {"trials": {"min": 2, "max": 8}, "lr": {"min": 0.001, "max": 1, "scale": "log"},
                           "hidden": {"min": 1, "max": 10}}},
              "claim": {"text": {"en": "Some trial separates the two classes."},
                        "check": {"type": "best_val_accuracy_above", "value": 0.9}}}]}
            """;

    @Test
    void aSearchPresetTrainsItsTrialsOnItsLessonsTable() throws IOException {
        Files.writeString(course.resolve("01-table/experiment.json"), SEARCH_PRESET.formatted("data.csv"));
        Course loaded = new LessonLoader(LIMITS).load(course);
        Lesson lesson = loaded.lesson("table").orElseThrow();
        Files.delete(course.resolve("01-table/data.csv"));                 // read once: the disk is not read again
        Setup.Search search = (Setup.Search) lesson.presets().get(0).setup();
        SearchProblem.Table problem = (SearchProblem.Table) search.search().problem();
        assertThat(problem.problem().table()).as("the lesson's own table, parsed once")
                .isSameAs(lesson.data().table("problem.file", "data.csv", null, true));
        assertThat(problem.trainingPoints()).isEqualTo(12);
        assertThat(problem.parameterCount()).as("2 features, 4 hidden units, 2 classes").isEqualTo(2 * 4 + 4 + 4 * 2 + 2);
        assertThat(ClaimVerifier.verify(lesson.presets().get(0), 2000).holds()).isTrue();
    }

    @Test
    void aSearchPresetCannotNameAnotherLessonsTable() throws IOException {
        Files.writeString(course.resolve("01-table/experiment.json"), SEARCH_PRESET.formatted("other.csv"));
        assertThat(new LessonLoader(LIMITS).check(course).problems()).singleElement().hasToString(
                "01-table/experiment.json: presets[0].spec.problem.file: no file 'other.csv' in this lesson's folder; "
                        + "it has data.csv");
    }

    @Test
    void aMistakeInTheTableIsReportedWithFileLineAndColumn() throws IOException {
        Files.writeString(course.resolve("01-table/data.csv"), TABLE.replace("-3,0,left", "-3,n/a,left"));
        LessonLoader.Result result = new LessonLoader(LIMITS).check(course);
        assertThat(result.problems()).singleElement().hasToString("01-table/experiment.json: "
                + "presets[0].spec.problem.file: data.csv, line 6, column 2 (y): 'n/a' is not a number");
    }

    @Test
    void checkLessonsPrintsTheSameProblem() throws IOException {
        Files.writeString(course.resolve("01-table/data.csv"), TABLE.replace("-3,0,left", "-3,n/a,left"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = CheckLessonsCommand.run(List.of(course.toString()), () -> {
            throw new AssertionError("the bundled lessons are not checked when a folder is given");
        }, LIMITS, WorkLimits.DEFAULT, 2000, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(CheckLessonsCommand.PROBLEMS);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("01-table/experiment.json: presets[0].spec.problem"
                + ".file: data.csv, line 6, column 2 (y): 'n/a' is not a number");
    }

    @Test
    void aPresetCannotNameAnotherLessonsFile() throws IOException {
        Files.writeString(course.resolve("01-table/experiment.json"), PRESET.formatted("other.csv"));
        assertThat(new LessonLoader(LIMITS).check(course).problems()).singleElement().hasToString(
                "01-table/experiment.json: presets[0].spec.problem.file: no file 'other.csv' in this lesson's folder; "
                        + "it has data.csv");
        Files.writeString(course.resolve("01-table/experiment.json"), PRESET.formatted("../02-other/other.csv"));
        assertThat(new LessonLoader(LIMITS).check(course).problems()).singleElement().hasToString(
                "01-table/experiment.json: presets[0].spec.problem.file: must stay inside the lesson folder (no "
                        + "empty, . or .. segments), got '../02-other/other.csv'");
    }

    @Test
    void aDataFileIsBoundedInBytes() throws IOException {
        StringBuilder big = new StringBuilder("x,label\n");
        while (big.length() <= DataFolder.MAX_BYTES) {
            big.append("1.000000,a\n2.000000,b\n");
        }
        Files.writeString(course.resolve("02-other/big.csv"), big);
        assertThat(new LessonLoader(LIMITS).check(course).problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("02-other/big.csv");
            assertThat(p.problem()).startsWith("is " + big.length() + " bytes; a data file may have at most 1000000");
        });
    }
}

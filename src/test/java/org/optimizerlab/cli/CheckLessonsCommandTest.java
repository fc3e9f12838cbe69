package org.optimizerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.lesson.WorkLimits;
import org.optimizerlab.testing.TestLessons;

/** {@code check-lessons}: exit codes and what it prints. */
class CheckLessonsCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private boolean bundledOpened;

    private int run(String... args) {
        return CheckLessonsCommand.run(List.of(args), () -> {
            bundledOpened = true;
            return CheckLessonsCommand.Folder.of(TestLessons.folder("valid"));
        }, new Limits(100_000, 8), WorkLimits.DEFAULT, 20_000, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aValidFolderPrintsASummaryAndExitsZero() {
        assertThat(run(TestLessons.folder("valid").toString())).isZero();
        assertThat(out()).startsWith("lessons in " + TestLessons.folder("valid") + ": 2 lessons, 4 presets, all valid, "
                + "every claim holds\n");
        assertThat(out()).contains("01 descent", "en,zh", "02 english-only", "Gradient descent");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(bundledOpened).isFalse();
    }

    @Test
    void everyPresetKindIsRunToCheckItsClaim() {
        assertThat(run(TestLessons.folder("kinds").toString())).isZero();
        assertThat(out()).startsWith("lessons in " + TestLessons.folder("kinds") + ": 3 lessons, 5 presets, all valid, "
                + "every claim holds\n");
    }

    @Test
    void withoutAFolderTheBundledLessonsAreChecked() {
        assertThat(run()).isZero();
        assertThat(bundledOpened).isTrue();
    }

    @Test
    void everyProblemIsPrintedAndTheExitStatusIsOne() {
        assertThat(run(TestLessons.folder("broken").toString())).isEqualTo(CheckLessonsCommand.PROBLEMS);
        assertThat(out()).isEqualTo("5 problems in the lessons in " + TestLessons.folder("broken") + ":\n"
                + "  01-bad-front/en.md: order: must equal the folder's position 1, got 3\n"
                + "  01-bad-front/zh.md: title: is required (one line of text)\n"
                + "  02-bad-spec/experiment.json: presets[0].spec.runs[1].optimizer.mu: must be in [0, 1), got 1.5\n"
                + "  oops: a lesson folder must be named NN-slug: NN its position 01..99, slug of a-z, 0-9 and single "
                + "dashes (e.g. 02-momentum)\n"
                + "  03-false-claim/experiment.json: presets[0].claim: does not hold on the engine's run: final loss of "
                + "sgd = 0.4186864839311309 is not < 0.01 x final loss of momentum = 2.04613143574274E-4\n");
    }

    @Test
    void claimsCanBeLeftOut() {
        Path broken = TestLessons.folder("broken");
        assertThat(run(broken.toString(), "--no-claims")).isEqualTo(1);
        assertThat(out()).startsWith("4 problems").doesNotContain("claim");
    }

    @Test
    void aMissingFolderIsAProblem(@TempDir Path temp) {
        assertThat(run(temp.resolve("nowhere").toString())).isEqualTo(1);
        assertThat(out()).contains("does not exist or is not a folder");
    }

    @Test
    void aLessonFileThatIsAFolderOrALinkOutOfTheFolderFailsTheCheck(@TempDir Path temp) throws IOException {
        Path course = TestLessons.copy("valid", temp);
        Files.delete(course.resolve("01-descent/en.md"));
        Files.createDirectory(course.resolve("01-descent/en.md"));
        Files.delete(course.resolve("02-english-only/en.md"));
        Files.createSymbolicLink(course.resolve("02-english-only/en.md"), Path.of("/etc/passwd"));
        assertThat(run(course.toString(), "--no-claims")).isEqualTo(CheckLessonsCommand.PROBLEMS);
        assertThat(out()).isEqualTo("2 problems in the lessons in " + course + ":\n"
                + "  01-descent/en.md: is a folder; a lesson file must be a regular file\n"
                + "  02-english-only/en.md: is a symbolic link to /etc/passwd, outside the lessons folder; links may "
                + "only point inside it\n").doesNotContain("root:");
    }

    @Test
    void badArgumentsExitTwoAndHelpExitsZero() {
        assertThat(run("a", "b")).isEqualTo(RunCommand.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unexpected argument 'b'");
        assertThat(run("--frobnicate")).isEqualTo(RunCommand.USAGE_ERROR);
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("Usage: optimizer-lab check-lessons [DIR] [--no-claims]");
    }

    @Test
    void everyProblemOfAFolderIsReportedInOneRunWithPicturesByLine(@TempDir Path temp) throws IOException {
        Path course = TestLessons.copy("valid", temp);
        Path descent = course.resolve("01-descent");
        TestLessons.edit(descent.resolve("en.md"), "title: Gradient descent\n", "");
        TestLessons.edit(descent.resolve("en.md"), "order: 1", "order: one");
        TestLessons.edit(descent.resolve("zh.md"), "\n\n", "\n\n![曲面](surface.png)\n\n![轨迹](path.svg)\n\n");
        TestLessons.edit(descent.resolve("experiment.json"), "\"sgd\", \"lr\": 0.01", "\"sgd\", \"lr\": 0");
        TestLessons.edit(descent.resolve("experiment.json"), "\"title\": {", "\"titel\": {");
        TestLessons.edit(course.resolve("02-english-only/en.md"), "title: \"Rosenbrock's valley\"", "title: \"\"");
        TestLessons.edit(course.resolve("02-english-only/experiment.json"), "\"value\": 0, \"tolerance\": 0.05",
                "\"value\": 0.5, \"tolerance\": 0.05");
        assertThat(run(course.toString())).isEqualTo(CheckLessonsCommand.PROBLEMS);
        assertThat(out()).startsWith("9 problems in the lessons in " + course + ":\n").contains(
                "  01-descent/en.md: title: is required (one line of text)\n",
                "  01-descent/en.md: order: must be a whole number 1..99, got 'one'\n",
                "  01-descent/zh.md: line 7: picture 'surface.png' is not in the lesson's folder\n",
                "  01-descent/zh.md: line 9: picture 'path.svg' is not in the lesson's folder\n",
                "  01-descent/experiment.json: presets[0].title: is required",
                "  01-descent/experiment.json: presets[0].spec.runs[0].optimizer.lr: must be > 0, got 0\n",
                "  01-descent/experiment.json: presets[0].titel: unknown field",
                "  02-english-only/en.md: title: is required (one line of text)\n",
                "  02-english-only/experiment.json: presets[0].claim: does not hold on the engine's run");
    }
}

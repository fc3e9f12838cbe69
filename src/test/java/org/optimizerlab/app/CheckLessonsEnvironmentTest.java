package org.optimizerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.testing.TestLessons;

/** {@code check-lessons} without a folder checks the one the server would serve: OPTLAB_LESSONS_DIR. */
class CheckLessonsEnvironmentTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int checkLessons(Map<String, String> env, String... args) {
        return Main.checkLessons(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theFolderOfTheEnvironmentIsCheckedWhenNoneIsGiven(@TempDir Path temp) {
        Path folder = TestLessons.copy("valid", temp);
        assertThat(checkLessons(Map.of("OPTLAB_LESSONS_DIR", folder.toString()), "--no-claims")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("lessons in " + folder + ": 2 lessons");
        TestLessons.edit(folder.resolve("01-descent/en.md"), "order: 1", "order: 2");
        out.reset();
        assertThat(checkLessons(Map.of("OPTLAB_LESSONS_DIR", folder.toString()), "--no-claims")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(folder.toString(),
                "01-descent/en.md: order: must equal the folder's position 1, got 2");
    }

    @Test
    void aGivenFolderWinsAndABadSwitchIsNamed() {
        assertThat(checkLessons(Map.of("OPTLAB_LESSONS_DIR", "/nowhere"), TestLessons.folder("valid").toString(),
                "--no-claims")).isZero();
        assertThat(checkLessons(Map.of("OPTLAB_BUNDLED_LESSONS", "maybe"))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("error: OPTLAB_BUNDLED_LESSONS: must be on or off, got 'maybe'\n");
    }
}

package org.optimizerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.optimizerlab.testing.TestLessons.edit;
import static org.optimizerlab.testing.TestLessons.write;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.app.AppFactory;
import org.optimizerlab.app.ServerConfig;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.validation.FieldException;

/**
 * The instructor's folder over the bundled lessons: a lesson replaces the bundled one of its slug, joins the course
 * at its folder's position (after a bundled lesson at the same one), and the bundled lessons can be hidden.
 */
class CourseOverlayTest {

    private static final LessonLoader LOADER = new LessonLoader(new Limits(100_000, 8));

    @TempDir
    Path bundled;
    @TempDir
    Path folder;

    /** A one-language lesson {@code NN-slug} in {@code root} with a title, copied from the valid course's second. */
    private static void lesson(Path root, String name, int order, String title) {
        Path source = TestLessons.folder("valid").resolve("02-english-only");
        write(root.resolve(name).resolve("en.md"), "---\ntitle: " + title + "\norder: " + order
                + "\nsummary: One.\n---\n\nText.\n");
        try {
            java.nio.file.Files.copy(source.resolve("experiment.json"), root.resolve(name).resolve("experiment.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Course overlay() {
        return LiveCourse.load(LOADER, Optional.of(bundled), Optional.of(folder), Clock.systemUTC()).current();
    }

    @Test
    void aFolderLessonWithABundledSlugReplacesItAndTheOthersStay() {
        TestLessons.copy("valid", bundled);
        lesson(folder, "01-descent", 1, "My own descent");
        Course course = overlay();
        assertThat(course.lessons()).extracting(Lesson::slug).containsExactly("descent", "english-only");
        assertThat(course.lesson("descent").orElseThrow().text(Language.EN).title()).isEqualTo("My own descent");
        assertThat(course.lesson("english-only").orElseThrow().text(Language.EN).title())
                .isEqualTo("Rosenbrock's valley");
    }

    @Test
    void oneNewLessonTakesItsFoldersPositionAfterABundledLessonThere() {
        TestLessons.copy("valid", bundled);                       // 01-descent, 02-english-only
        lesson(folder, "02-my-extra", 2, "My extra");
        lesson(folder, "09-last", 9, "Last");
        lesson(folder, "01-first", 1, "First");
        assertThat(overlay().lessons()).extracting(Lesson::slug)
                .containsExactly("descent", "first", "english-only", "my-extra", "last");
    }

    @Test
    void aReplacingLessonMayMoveToAnotherPosition() {
        TestLessons.copy("valid", bundled);
        lesson(folder, "05-descent", 5, "Descent, later");
        assertThat(overlay().lessons()).extracting(Lesson::slug).containsExactly("english-only", "descent");
    }

    @Test
    void withTheBundledLessonsOffOnlyTheFolderIsServed() {
        lesson(folder, "03-mine", 3, "Mine");
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("OPTLAB_LESSONS_DIR", folder.toString(),
                "OPTLAB_BUNDLED_LESSONS", "off"));
        assertThat(config.bundledLessons()).isFalse();
        assertThat(AppFactory.loadCourse(config).lessons()).extracting(Lesson::slug).containsExactly("mine");
        ServerConfig on = ServerConfig.fromEnvironment(Map.of("OPTLAB_LESSONS_DIR", folder.toString()));
        assertThat(AppFactory.loadCourse(on).lessons()).extracting(Lesson::slug)
                .as("the ten bundled lessons, and the folder's at position 3 after the bundled third")
                .hasSize(11).element(3).isEqualTo("mine");
    }

    @Test
    void theBundledSwitchIsValidatedAndNamed() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("OPTLAB_BUNDLED_LESSONS", "no")))
                .isInstanceOf(FieldException.class)
                .hasMessage("OPTLAB_BUNDLED_LESSONS: must be on or off, got 'no'");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("OPTLAB_BUNDLED_LESSONS", "off")))
                .isInstanceOf(FieldException.class)
                .hasMessageStartingWith("OPTLAB_BUNDLED_LESSONS: is off, so OPTLAB_LESSONS_DIR must name a lessons "
                        + "folder");
        assertThat(ServerConfig.fromEnvironment(Map.of("OPTLAB_BUNDLED_LESSONS", "ON")).bundledLessons()).isTrue();
    }

    @Test
    void aBrokenFolderIsRefusedWithItsFileAndField() {
        TestLessons.copy("valid", bundled);
        lesson(folder, "03-mine", 3, "Mine");
        edit(folder.resolve("03-mine/en.md"), "title: Mine\n", "");
        assertThatThrownBy(this::overlay).isInstanceOf(LessonException.class)
                .hasMessageContaining(folder.toString())
                .hasMessageContaining("03-mine/en.md: title: is required");
    }

    @Test
    void theVersionFollowsTheFilesAndOnlyThem() {
        TestLessons.copy("valid", bundled);
        lesson(folder, "03-mine", 3, "Mine");
        LiveCourse live = LiveCourse.load(LOADER, Optional.of(bundled), Optional.of(folder), Clock.systemUTC());
        String first = live.current().version();
        assertThat(first).matches("[0-9a-f]{16}");
        assertThat(((ReloadOutcome.Reloaded) live.reload(LiveCourse.BUTTON)).changed()).isFalse();
        edit(folder.resolve("03-mine/en.md"), "Text.", "Other text.");
        ReloadOutcome.Reloaded reloaded = (ReloadOutcome.Reloaded) live.reload(LiveCourse.BUTTON);
        assertThat(reloaded.changed()).isTrue();
        assertThat(live.current().version()).isNotEqualTo(first).isEqualTo(reloaded.version());
        assertThat(live.current().lesson("mine").orElseThrow().text(Language.EN).html()).contains("Other text.");
    }

    @Test
    void theWatchersEchoOfAnEditTheButtonServedDoesNotHideWhatTheButtonDid() {
        TestLessons.copy("valid", bundled);
        lesson(folder, "03-mine", 3, "Mine");
        LiveCourse live = LiveCourse.load(LOADER, Optional.of(bundled), Optional.of(folder), Clock.systemUTC());
        edit(folder.resolve("03-mine/en.md"), "Text.", "Other text.");
        ReloadOutcome byButton = live.reload(LiveCourse.BUTTON);
        assertThat(((ReloadOutcome.Reloaded) live.reload(LiveCourse.WATCHER)).changed()).isFalse();
        assertThat(live.lastReload()).contains(byButton);

        edit(folder.resolve("03-mine/en.md"), "order: 3", "order: third");
        assertThat(live.reload(LiveCourse.WATCHER)).isInstanceOf(ReloadOutcome.Refused.class);
        edit(folder.resolve("03-mine/en.md"), "order: third", "order: 3");
        ReloadOutcome mended = live.reload(LiveCourse.WATCHER);
        assertThat(live.lastReload()).as("after a refusal, the folder being fine again is news").contains(mended);
        assertThat(live.reload(LiveCourse.BUTTON)).as("the button always reports").isEqualTo(live.lastReload().get());
    }
}

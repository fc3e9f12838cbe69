package org.optimizerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.web.ServerLimits;

/**
 * Every preset of every lesson, the course's ({@code lessons/}) and the test courses (every preset kind), run
 * through the engine to the end: its claim holds on the points the page would plot. The course folder must exist
 * and load within the server's default limits.
 */
class LessonClaimsTest {

    /** The course shipped in the jar. */
    static final Path COURSE = Path.of("lessons");

    static Stream<Arguments> presets() {
        assertThat(COURSE).as("the course's lessons folder").isDirectory();
        List<Arguments> presets = new ArrayList<>();
        for (Path folder : List.of(COURSE, TestLessons.folder("valid"), TestLessons.folder("kinds"))) {
            Course course = new LessonLoader(ServerLimits.DEFAULT.specLimits(), ServerLimits.DEFAULT.work()).load(folder);
            for (Lesson lesson : course.lessons()) {
                for (Preset preset : lesson.presets()) {
                    presets.add(Arguments.of(folder.getFileName() + "/" + lesson.slug() + "/" + preset.id(), preset));
                }
            }
        }
        return presets.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void theClaimHoldsOnTheEnginesRun(String name, Preset preset) {
        Claim.Verdict verdict = ClaimVerifier.verify(preset, ServerLimits.DEFAULT.maxPointsPerRun());
        assertThat(verdict.holds()).as(name + ": " + verdict.explanation()).isTrue();
    }
}

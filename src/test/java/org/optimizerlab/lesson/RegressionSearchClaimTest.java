package org.optimizerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.web.ServerLimits;

/**
 * The claims of a search on a regression table (the test course {@code regression}): {@code best_lr_within} holds
 * on the trial with the lowest validation loss, and {@code best_val_accuracy_above}, which has no accuracy to read
 * there, is a problem naming the claim's type.
 */
class RegressionSearchClaimTest {

    private static LessonLoader loader() {
        return new LessonLoader(ServerLimits.DEFAULT.specLimits(), ServerLimits.DEFAULT.work());
    }

    @Test
    void theRegressionCourseLoadsAndItsSearchClaimHolds() {
        Course course = loader().load(TestLessons.folder("regression"));
        assertThat(course.lesson("synthetic").orElseThrow().presets()).hasSize(2);
    }

    @Test
    void anAccuracyClaimOnARegressionSearchIsAProblemNamingItsType(@TempDir Path folder) throws IOException {
        Path course = TestLessons.copy("regression", folder);
        Path experiment = course.resolve("01-synthetic").resolve("experiment.json");
        Files.writeString(experiment, Files.readString(experiment).replace(
                "\"check\": {\"type\": \"best_lr_within\", \"low\": 0.01, \"high\": 1}",
                "\"check\": {\"type\": \"best_val_accuracy_above\", \"value\": 0.5}"));
        assertThatThrownBy(() -> loader().load(course)).isInstanceOf(LessonException.class)
                .hasMessageContaining("presets[1].claim.check.type: a regression table's search has no validation "
                        + "accuracy (its trials are ranked by validation loss); use best_lr_within");
    }
}

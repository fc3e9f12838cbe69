package org.optimizerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.train.Evaluation;
import org.optimizerlab.web.ServerLimits;

/**
 * Lesson 10's sanity check "overfit a tiny subset", run by the engine: what its text says beyond its claim (the
 * claim, 100 % training accuracy, is checked by LessonClaimsTest and on the page by DecisionRegionsIT).
 */
class SanityPresetTest {

    @Test
    void theTinySubsetIsMemorisedLossNearZeroAllRightValidationPoor() {
        Course course = new LessonLoader(ServerLimits.DEFAULT.specLimits(), ServerLimits.DEFAULT.work())
                .load(LessonClaimsTest.COURSE);
        Preset preset = course.lessons().stream().filter(l -> l.order() == 10).findFirst().orElseThrow()
                .presets().stream().filter(p -> p.id().equals("overfit-tiny")).findFirst().orElseThrow();
        Experiment experiment = ((Setup.Race) preset.setup()).experiment();
        assertThat(experiment.problem().trainingSetSize()).isEqualTo(15);
        ExperimentRunner runner = new ExperimentRunner(experiment);
        Evaluation last = null;
        while (!runner.finished()) {
            for (StepRecord record : runner.advance()) {
                if (record.evaluation().isPresent()) {
                    last = record.evaluation().get();
                }
            }
        }
        assertThat(last).isNotNull();
        assertThat(last.trainLoss()).isLessThan(0.01);
        assertThat(last.trainAccuracy().getAsDouble()).isEqualTo(1.0);
        assertThat(last.validationAccuracy().getAsDouble()).isLessThan(0.7);
    }
}

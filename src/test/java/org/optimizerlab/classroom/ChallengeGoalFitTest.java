package org.optimizerlab.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.lesson.Course;
import org.optimizerlab.lesson.LessonLoader;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.web.ServerLimits;

/**
 * Which goal fits which problem: {@code validation-loss} scores a regression table (the lowest validation loss
 * over the epochs, lower wins) and is refused on a classifier or an analytic problem, {@code validation-accuracy} is
 * refused on a regression; each refusal names {@code goal.type} and says which goal fits.
 */
class ChallengeGoalFitTest {
    private static final Course BUNDLED = new LessonLoader(ServerLimits.DEFAULT.specLimits(),
            ServerLimits.DEFAULT.work()).load(Path.of("lessons"));
    private static final Course REGRESSION = new LessonLoader(ServerLimits.DEFAULT.specLimits(),
            ServerLimits.DEFAULT.work()).load(TestLessons.folder("regression"));
    private static final Path TABLE = TestLessons.folder("regression").resolve("01-synthetic");

    private final InMemoryChallenges classroom = new InMemoryChallenges();

    @AfterEach
    void close() {
        classroom.close();
    }

    private ChallengeService service(Course course) {
        return classroom.service(course, ChallengeLimits.DEFAULT);
    }

    private static String open(String lesson, String preset, String goal) {
        return "{\"lesson\": \"" + lesson + "\", \"preset\": \"" + preset + "\", \"goal\": " + goal + "}";
    }

    private static Experiment regression(String runs, int epochs) {
        return new SpecReader(Limits.DEFAULT, DataFolder.of(TABLE)).read("{\"problem\": {\"type\": \"csv\", "
                + "\"file\": \"synthetic.csv\", \"task\": \"regression\", \"validation\": 0.25}, \"epochs\": " + epochs
                + ", \"batch_size\": 9, \"seed\": 1, \"runs\": " + runs + "}");
    }

    @Test
    void theLowestValidationLossOfAnyRunAtAnyEpochEndIsTheScore() {
        ChallengeGoal goal = new ChallengeGoal.LowestValidationLoss(6);
        Experiment experiment = regression("[{\"id\": \"slow\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.003}}, "
                + "{\"id\": \"fast\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}]", 6);
        ChallengeGoal.Score score = goal.score(experiment);
        assertThat(score.run()).isEqualTo("fast");
        ChallengeGoal.Score slowAlone = goal.score(regression("[{\"id\": \"slow\", \"optimizer\": {\"type\": "
                + "\"sgd\", \"lr\": 0.003}}]", 6));
        assertThat(score.score().getAsDouble()).isLessThan(slowAlone.score().getAsDouble()).isGreaterThan(0);
        assertThat(goal.order()).isEqualTo(ScoreOrder.LOWER_IS_BETTER);
        assertThat(ChallengeGoal.fitting(experiment)).containsExactly("validation-loss");
        assertThat(ChallengeGoal.read(org.optimizerlab.validation.JsonFields.root(SpecReader.parse(
                "{\"type\": \"validation-loss\", \"epochs\": 6}")))).isEqualTo(goal);
    }

    @Test
    void aGoalThatDoesNotFitThePresetsProblemIsRefusedNamingGoalType() {
        assertThatThrownBy(() -> service(REGRESSION).open(SpecReader.parse(open("synthetic", "fit",
                "{\"type\": \"validation-accuracy\", \"epochs\": 5}"))))
                .isInstanceOfSatisfying(FieldException.class, e -> assertThat(e.field()).isEqualTo("goal.type"))
                .hasMessage("goal.type: 'validation-accuracy' needs a classifier with a validation split; 'csv' has "
                        + "no validation accuracy (a regression: use 'validation-loss')");
        assertThatThrownBy(() -> service(REGRESSION).open(SpecReader.parse(open("synthetic", "fit",
                "{\"type\": \"steps-to-loss\", \"threshold\": 0.1, \"steps\": 50}"))))
                .hasMessageStartingWith("goal.type: 'steps-to-loss' needs a problem without a training set");
        assertThatThrownBy(() -> service(BUNDLED).open(SpecReader.parse(open("tuning", "iris",
                "{\"type\": \"validation-loss\", \"epochs\": 5}"))))
                .hasMessage("goal.type: 'validation-loss' needs a regression table with a validation split; 'csv' "
                        + "is a classifier: use 'validation-accuracy'");
        assertThatThrownBy(() -> service(BUNDLED).open(SpecReader.parse(open("momentum", "banana",
                "{\"type\": \"validation-loss\", \"epochs\": 5}"))))
                .hasMessage("goal.type: 'validation-loss' needs a regression table with a validation split; "
                        + "'rosenbrock' has no validation loss");
        assertThatThrownBy(() -> service(REGRESSION).open(SpecReader.parse(open("synthetic", "fit",
                "{\"type\": \"validation-loss\", \"epochs\": 0}"))))
                .hasMessage("goal.epochs: must be an integer in 1..1000000, got 0");
        assertThatThrownBy(() -> service(BUNDLED).open(SpecReader.parse(open("momentum", "banana",
                "{\"type\": \"steps-to-loss\", \"threshold\": 0.1, \"steps\": 0}"))))
                .as("the goal's path once, not goal.goal.steps").hasMessageStartingWith("goal.steps: must be");
        assertThat(List.copyOf(ChallengeGoal.TYPES)).contains("validation-loss");
    }
}

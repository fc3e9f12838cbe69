package org.optimizerlab.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.classroom.InMemoryChallenges.NOW;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.lesson.Course;
import org.optimizerlab.lesson.LessonLoader;
import org.optimizerlab.web.ServerLimits;

/**
 * A challenge on a preset whose problem is its lesson's CSV table (the bundled course's Iris preset): a submission
 * is read against that lesson's data files and scored.
 */
class ChallengeOnLessonDataTest {
    private static final Course COURSE = new LessonLoader(ServerLimits.DEFAULT.specLimits(),
            ServerLimits.DEFAULT.work()).load(Path.of("lessons"));

    private final InMemoryChallenges classroom = new InMemoryChallenges();

    @AfterEach
    void close() {
        classroom.close();
    }

    @Test
    void aSubmissionOnTheIrisPresetIsScoredOnTheLessonsTable() throws Exception {
        ChallengeService service = classroom.service(COURSE, ChallengeLimits.DEFAULT);
        long id = service.open(SpecReader.parse("{\"lesson\": \"tuning\", \"preset\": \"iris\", \"goal\": "
                + "{\"type\": \"validation-accuracy\", \"epochs\": 20}}")).challenge().id();
        JsonNode spec = SpecReader.parse("{\"runs\": [{\"id\": \"a\", \"optimizer\": {\"type\": \"adam\", "
                + "\"lr\": 0.05}}]}");
        ChallengeService.Result result = service.submit(id, "kim", "10.0.0.1", Optional.of("Kim"), spec, NOW);
        assertThat(result.run()).isEqualTo("a");
        assertThat(result.best()).isGreaterThan(0.8).isLessThanOrEqualTo(1.0);
    }
}

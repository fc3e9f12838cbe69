package org.optimizerlab.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.lesson.Course;
import org.optimizerlab.lesson.LessonLoader;
import org.optimizerlab.testing.TestClock;
import org.optimizerlab.web.ServerLimits;

/**
 * A challenge on a preset whose problem is its lesson's CSV table (the bundled course's Iris preset): a submission
 * is read against that lesson's data files and scored.
 */
class ChallengeOnLessonDataTest {
    private static final Course COURSE = new LessonLoader(ServerLimits.DEFAULT.specLimits(),
            ServerLimits.DEFAULT.work()).load(Path.of("lessons"));
    private static final ChallengeService.Slots NOW = new ChallengeService.Slots() {
        @Override
        public <T> Optional<T> run(java.util.function.Supplier<T> work) {
            return Optional.of(work.get());
        }
    };

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final ClassStore store = ClassDatabase.open(ClassroomConfig.inMemory().store(), clock);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aSubmissionOnTheIrisPresetIsScoredOnTheLessonsTable() throws Exception {
        ChallengeService service = new ChallengeService(store, () -> COURSE, ServerLimits.DEFAULT.specLimits(),
                ChallengeLimits.DEFAULT, clock);
        long id = service.open(SpecReader.parse("{\"lesson\": \"tuning\", \"preset\": \"iris\", \"goal\": "
                + "{\"type\": \"validation-accuracy\", \"epochs\": 20}}")).challenge().id();
        JsonNode spec = SpecReader.parse("{\"runs\": [{\"id\": \"a\", \"optimizer\": {\"type\": \"adam\", "
                + "\"lr\": 0.05}}]}");
        ChallengeService.Result result = service.submit(id, "kim", "10.0.0.1", Optional.of("Kim"), spec, NOW);
        assertThat(result.run()).isEqualTo("a");
        assertThat(result.best()).isGreaterThan(0.8).isLessThanOrEqualTo(1.0);
    }
}

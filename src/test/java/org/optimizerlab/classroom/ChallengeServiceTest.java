package org.optimizerlab.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.optimizerlab.classroom.InMemoryChallenges.NONE_FREE;
import static org.optimizerlab.classroom.InMemoryChallenges.NOW;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optimizerlab.app.AppFactory;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.lesson.Course;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.web.ServerLimits;

/**
 * The challenge rules that take time or many submissions to see over HTTP: the total work a student may use, the
 * rate window sliding, the deadline closing a challenge, and a run that was refused a slot costing nothing.
 */
class ChallengeServiceTest {
    private static final Course COURSE = AppFactory.loadCourse(TestServer.config(ServerLimits.DEFAULT)
            .withLessonsDir(TestLessons.folder("challenges")));

    private final InMemoryChallenges classroom = new InMemoryChallenges();

    @AfterEach
    void close() {
        classroom.close();
    }

    private ChallengeService service(ChallengeLimits limits) {
        return classroom.service(COURSE, limits);
    }

    private static JsonNode json(String text) {
        return SpecReader.parse(text);
    }

    private static long open(ChallengeService service, String extra) {
        return service.open(json("{\"lesson\": \"banana\", \"preset\": \"banana\", \"goal\": {\"type\": "
                + "\"steps-to-loss\", \"threshold\": 1e-3, \"steps\": 1000}" + extra + "}")).challenge().id();
    }

    /** Three runs race the whole budget: a full submission's work. */
    private static final JsonNode FULL = json("{\"runs\": ["
            + "{\"id\": \"s1\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.0001}},"
            + "{\"id\": \"s2\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.0002}},"
            + "{\"id\": \"s3\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.002}}]}");

    @Test
    void aStudentsTotalWorkIsBoundedAndARefusedSlotCostsNothing() throws Exception {
        ChallengeService service = service(new ChallengeLimits(100, Duration.ofMinutes(1), 2, 1000));
        long id = open(service, "");
        assertThatThrownBy(() -> service.submit(id, "kim", "10.0.0.1", Optional.of("Kim"), FULL, NONE_FREE))
                .isInstanceOf(ChallengeRefused.class).extracting(e -> ((ChallengeRefused) e).reason())
                .isEqualTo(ChallengeRefused.Reason.BUSY);
        JsonNode slow = json("{\"runs\": [{\"id\": \"s\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.0001}},"
                + "{\"id\": \"t\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.00011}},"
                + "{\"id\": \"u\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.00012}}]}");
        for (int i = 0; i < 2; i++) {           // misses the goal, so the whole budget is spent each time
            assertThatThrownBy(() -> service.submit(id, "kim", "10.0.0.1", Optional.of("Kim"), slow, NOW))
                    .hasMessageContaining("nothing was stored");
        }
        assertThatThrownBy(() -> service.submit(id, "kim", "10.0.0.1", Optional.empty(), FULL, NOW))
                .isInstanceOf(ChallengeRefused.class).hasMessageContaining("allows each student 6000 run-steps")
                .extracting(e -> ((ChallengeRefused) e).reason()).isEqualTo(ChallengeRefused.Reason.LIMITED);
        assertThat(service.submit(id, "lee", "10.0.0.1", Optional.of("Lee"), FULL, NOW).submission().submission()
                .score())
                .as("another student has their own allowance").isEqualTo(119);
    }

    @Test
    void theRateWindowSlidesWithTheClock() throws Exception {
        ChallengeService service = service(new ChallengeLimits(2, Duration.ofMinutes(1), 100, 1000));
        long id = open(service, "");
        service.submit(id, "kim", "10.0.0.1", Optional.of("Kim"), FULL, NOW);
        service.submit(id, "kim", "10.0.0.1", Optional.empty(), FULL, NOW);
        assertThatThrownBy(() -> service.submit(id, "kim", "10.0.0.1", Optional.empty(), FULL, NOW))
                .isInstanceOf(ChallengeRefused.class).hasMessageContaining("try again in 60 s");
        classroom.clock().advance(Duration.ofSeconds(61));
        assertThat(service.submit(id, "kim", "10.0.0.1", Optional.empty(), FULL, NOW).best()).isEqualTo(119);
    }

    @Test
    void aChallengePastItsDeadlineIsClosed() throws Exception {
        ChallengeService service = service(ChallengeLimits.DEFAULT);
        long id = open(service, ", \"deadlineMinutes\": 30");
        service.submit(id, "kim", "10.0.0.1", Optional.of("Kim"), FULL, NOW);
        classroom.clock().advance(Duration.ofMinutes(30));
        assertThatThrownBy(() -> service.submit(id, "kim", "10.0.0.1", Optional.empty(), FULL, NOW))
                .isInstanceOf(ChallengeRefused.class).extracting(e -> ((ChallengeRefused) e).reason())
                .isEqualTo(ChallengeRefused.Reason.CLOSED);
        assertThat(classroom.store().challenge(id).orElseThrow().open()).isFalse();
        assertThat(service.openFor("banana")).isEmpty();
        assertThat(service.leaderboard(id)).hasSize(1);
    }

    @Test
    void oneAddressIsLimitedWhateverStudentIdsItClaims() throws Exception {
        ChallengeService service = service(new ChallengeLimits(100, Duration.ofMinutes(1), 100, 3));
        long id = open(service, "");
        for (int i = 0; i < 3; i++) {
            service.submit(id, "id-" + i, "10.0.0.9", Optional.of("N" + i), FULL, NOW);
        }
        assertThatThrownBy(() -> service.submit(id, "id-3", "10.0.0.9", Optional.of("N3"), FULL, NOW))
                .isInstanceOf(ChallengeRefused.class).hasMessageContaining("from one address; try again in 60 s");
        assertThat(service.submit(id, "id-3", "10.0.0.10", Optional.of("N3"), FULL, NOW).rank()).isEqualTo(4);
    }
}

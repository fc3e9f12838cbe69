package org.optimizerlab.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.TestClock;

/** Sessions started with the instructor's token: only hashes stored, twelve hours long, ended on sign-out. */
class InstructorSessionsTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T08:00:00Z"));
    private final ClassStore store = ClassDatabase.open(new StoreLocation.InMemory(), clock);
    private final InstructorSessions sessions = new InstructorSessions(store,
            InstructorToken.of("the-instructor-token-1234"), clock);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void onlyTheExactTokenMatches() {
        assertThat(sessions.tokenMatches("the-instructor-token-1234")).isTrue();
        assertThat(sessions.tokenMatches("the-instructor-token-123")).isFalse();
        assertThat(sessions.tokenMatches("the-instructor-token-12345")).isFalse();
        assertThat(sessions.tokenMatches("THE-INSTRUCTOR-TOKEN-1234")).isFalse();
        assertThat(sessions.tokenMatches("")).isFalse();
        assertThat(sessions.tokenMatches(null)).isFalse();
    }

    @Test
    void aSessionLastsTwelveHoursAndEndsWhenSignedOut() {
        InstructorSessions.Started started = sessions.start("10.0.0.7");
        assertThat(started.secretId()).matches("[A-Za-z0-9_-]{43}");
        assertThat(started.toString()).doesNotContain(started.secretId());
        assertThat(started.session().idHash()).isEqualTo(InstructorSessions.hash(started.secretId()))
                .isNotEqualTo(started.secretId());
        assertThat(sessions.find(started.secretId())).contains(started.session());
        clock.advance(Duration.ofHours(12).minusMillis(1));
        assertThat(sessions.find(started.secretId())).isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(sessions.find(started.secretId())).as("expired after 12 h").isEmpty();

        InstructorSessions.Started next = sessions.start("10.0.0.7");
        assertThat(store.session(started.session().idHash(), Instant.EPOCH)).as("expired ones are removed").isEmpty();
        assertThat(next.secretId()).isNotEqualTo(started.secretId());
        assertThat(sessions.end(next.secretId())).isTrue();
        assertThat(sessions.find(next.secretId())).isEmpty();
        assertThat(sessions.end(next.secretId())).isFalse();
    }

    @Test
    void idsThatCannotBeSessionsAreNotLookedUp() {
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("")).isEmpty();
        assertThat(sessions.find("x".repeat(44))).isEmpty();
        assertThat(sessions.find("'; DROP TABLE instructor_sessions; --")).isEmpty();
        assertThat(sessions.end("not-a-session")).isFalse();
    }
}

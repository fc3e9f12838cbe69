package org.optimizerlab.classroom;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.optimizerlab.lesson.Course;
import org.optimizerlab.testing.TestClock;
import org.optimizerlab.web.ServerLimits;

/**
 * What a challenge service stands on in the classroom tests: a class store in memory on a test clock (starting at
 * 2026-03-01T09:00Z) and services over it for a course, with the default spec limits. Close it to close the store.
 */
final class InMemoryChallenges implements AutoCloseable {
    /** Slots that run a submission's rerun at once, on the caller's thread. */
    static final ChallengeService.Slots NOW = new ChallengeService.Slots() {
        @Override
        public <T> Optional<T> run(Supplier<T> work) {
            return Optional.of(work.get());
        }
    };
    /** Slots that are all taken: no rerun runs. */
    static final ChallengeService.Slots NONE_FREE = new ChallengeService.Slots() {
        @Override
        public <T> Optional<T> run(Supplier<T> work) {
            return Optional.empty();
        }
    };

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final ClassStore store = ClassDatabase.open(ClassroomConfig.inMemory().store(), clock);

    /** A service over this store and clock for {@code course}, with {@code limits}. */
    ChallengeService service(Course course, ChallengeLimits limits) {
        return new ChallengeService(store, () -> course, ServerLimits.DEFAULT.specLimits(), limits, clock);
    }

    TestClock clock() {
        return clock;
    }

    ClassStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }
}

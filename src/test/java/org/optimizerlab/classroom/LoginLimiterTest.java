package org.optimizerlab.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.TestClock;

/** Failed sign-ins per address: five a minute, a sliding window, cleared by a success, a bounded memory. */
class LoginLimiterTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T09:00:00Z"));
    private final LoginLimiter limiter = new LoginLimiter(5, Duration.ofMinutes(1), clock);

    @Test
    void theSixthTryWithinAMinuteWaitsUntilTheFirstFailureIsAMinuteOld() {
        for (int i = 1; i <= 5; i++) {
            assertThat(limiter.blockedFor("10.0.0.7")).isEmpty();
            assertThat(limiter.recordFailure("10.0.0.7")).isEqualTo(i);
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(limiter.blockedFor("10.0.0.7")).contains(Duration.ofSeconds(10));
        assertThat(limiter.blockedFor("10.0.0.8")).as("another address").isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.blockedFor("10.0.0.7")).as("the first failure left the window").isEmpty();
        assertThat(limiter.recordFailure("10.0.0.7")).isEqualTo(5);
        assertThat(limiter.blockedFor("10.0.0.7")).contains(Duration.ofSeconds(10));
    }

    @Test
    void aSuccessForgetsTheFailures() {
        for (int i = 0; i < 4; i++) {
            limiter.recordFailure("10.0.0.7");
        }
        limiter.recordSuccess("10.0.0.7");
        assertThat(limiter.recordFailure("10.0.0.7")).isEqualTo(1);
    }

    @Test
    void itRemembersABoundedNumberOfAddresses() {
        for (int i = 0; i < LoginLimiter.MAX_ADDRESSES + 10; i++) {
            limiter.recordFailure("address-" + i);
        }
        for (int i = 0; i < 4; i++) {
            limiter.recordFailure("address-" + (LoginLimiter.MAX_ADDRESSES + 9));
        }
        assertThat(limiter.blockedFor("address-" + (LoginLimiter.MAX_ADDRESSES + 9))).isPresent();
        assertThat(limiter.recordFailure("address-0")).as("the longest quiet was forgotten").isEqualTo(1);
    }
}

package org.optimizerlab.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The capture sees what logback writes: a stack trace logged anywhere, INFO lines of one logger when asked. */
class LogCaptureTest {

    @Test
    void aStackTraceLoggedByAnyClassIsSeen() {
        try (LogCapture log = LogCapture.start()) {
            LoggerFactory.getLogger("org.optimizerlab.somewhere").error("it failed", new IllegalStateException("boom"));
            assertThat(log.text()).contains("ERROR somewhere - it failed", "IllegalStateException: boom");
            assertThat(log.hasStackTrace()).isTrue();
        }
    }

    @Test
    void infoLinesOfOneLoggerAreSeenOnlyWhileCaptured() {
        org.slf4j.Logger logger = LoggerFactory.getLogger("org.optimizerlab.chatty");
        try (LogCapture log = LogCapture.info("org.optimizerlab.chatty")) {
            logger.info("one {}", 1);
            assertThat(log.lines()).containsExactly("one 1");
            assertThat(log.hasStackTrace()).isFalse();
        }
        assertThat(logger.isInfoEnabled()).as("the level is restored").isFalse();
    }
}

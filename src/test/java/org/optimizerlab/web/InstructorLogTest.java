package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.LogCapture;
import org.optimizerlab.validation.Quote;

/** The instructor's actions: one INFO line each under InstructorController, request values cut and on one line. */
class InstructorLogTest {

    @Test
    void anActionIsOneLineWithTheAddressAndItsValuesCut() {
        try (LogCapture log = LogCapture.info(InstructorController.class)) {
            InstructorLog.signedIn("10.0.0.2");
            InstructorLog.action("10.0.0.2", "pushed {} to the class ({} runs)", "adam\nvs-sgd", 2);
            InstructorLog.action("{}", "opened challenge {}", "x".repeat(500));
            InstructorLog.signedOut("10.0.0.2");
            assertThat(log.lines()).containsExactly(
                    "instructor signed in from 10.0.0.2",
                    "instructor from 10.0.0.2: pushed adam\\nvs-sgd to the class (2 runs)",
                    "instructor from {}: opened challenge " + Quote.cut("x".repeat(500)),
                    "instructor signed out from 10.0.0.2");
            assertThat(log.events()).allSatisfy(event -> assertThat(event.getLevel().toString()).isEqualTo("INFO"));
        }
    }
}

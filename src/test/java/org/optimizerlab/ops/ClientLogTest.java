package org.optimizerlab.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.LogCapture;
import org.slf4j.LoggerFactory;

/** The per-address bound on client lines: counted past the bound, one note per address and minute. */
class ClientLogTest {

    private static final String LOGGER = "org.optimizerlab.ops.ClientLogTest.lines";
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ClientLog log = new ClientLog(LoggerFactory.getLogger(LOGGER), 3, now::get);

    private void advanceSeconds(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void anAddressGetsItsLinesPerMinuteThenOneNoteSaysHowManyWereLeftOut() {
        try (LogCapture lines = LogCapture.info(LOGGER)) {
            for (int i = 1; i <= 10; i++) {
                log.info("10.0.0.7", "line {} from {}", i, "10.0.0.7");
            }
            log.info("10.0.0.8", "another address still gets its line");
            assertThat(lines.lines()).containsExactly("line 1 from 10.0.0.7", "line 2 from 10.0.0.7",
                    "line 3 from 10.0.0.7", "another address still gets its line");

            advanceSeconds(30);
            log.sweep();
            assertThat(lines.lines()).as("nothing before the minute is over").hasSize(4);

            advanceSeconds(31);
            log.info("10.0.0.7", "line {} from {}", 11, "10.0.0.7");
            assertThat(lines.lines()).endsWith(
                    "7 more lines about 10.0.0.7 suppressed in the last minute (at most 3 a minute per address)",
                    "line 11 from 10.0.0.7");
        }
    }

    @Test
    void theSweepWritesTheNoteOfAnAddressThatWentQuietAndForgetsIt() {
        try (LogCapture lines = LogCapture.info(LOGGER)) {
            for (int i = 0; i < 5; i++) {
                log.info("2001:db8::1", "reconnect");
            }
            advanceSeconds(61);
            log.sweep();
            log.sweep();
            assertThat(lines.lines()).containsExactly("reconnect", "reconnect", "reconnect",
                    "2 more lines about 2001:db8::1 suppressed in the last minute (at most 3 a minute per address)");
            log.info("2001:db8::1", "back");
            assertThat(lines.lines()).as("a fresh minute").endsWith("back");
        }
    }

    @Test
    void aClientsTextStaysOnOneLine() {
        try (LogCapture lines = LogCapture.info(LOGGER)) {
            log.info("10.0.0.7", "closed: {}", "bye\nFAKE ERROR line");
            assertThat(lines.lines()).containsExactly("closed: bye\\nFAKE ERROR line");
        }
    }
}

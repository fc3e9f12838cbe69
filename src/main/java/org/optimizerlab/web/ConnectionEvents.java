package org.optimizerlab.web;

import java.util.concurrent.TimeUnit;
import org.optimizerlab.ops.ClassMetrics;
import org.optimizerlab.ops.ClassMetrics.CloseCause;
import org.optimizerlab.ops.ClassMetrics.Refusal;
import org.optimizerlab.ops.ClientLog;
import org.optimizerlab.validation.Quote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the experiment hub tells the operator about connections: one INFO line per connection opened, closed
 * (address, how long it lasted, close code and reason, who closed it) and refused, at most
 * {@value #LINES_PER_MINUTE} a minute per client address ({@link ClientLog}), and the same events counted in the
 * {@link ClassMetrics}. The lines, under the {@code ExperimentHub} logger:
 * <pre>
 * experiment connection from 10.0.0.7 opened (31 open)
 * experiment connection from 10.0.0.7 closed after 754 s: 1001 'page closed'
 * experiment connection from 10.0.0.7 closed by the server after 95 s: 1001 idle: no message for 90 s
 * refused a connection from 10.0.0.7: too many sessions from that address (at most 8)
 * </pre>
 */
final class ConnectionEvents {
    /** The most connection lines one client address gets in the log per minute. */
    static final int LINES_PER_MINUTE = 20;

    private final ClientLog log;
    private final ClassMetrics metrics;

    ConnectionEvents(ClassMetrics metrics) {
        this(metrics, new ClientLog(LoggerFactory.getLogger(ExperimentHub.class), LINES_PER_MINUTE));
    }

    ConnectionEvents(ClassMetrics metrics, ClientLog log) {
        this.metrics = metrics;
        this.log = log;
    }

    /** The metrics the hub's sessions report to. */
    ClassMetrics metrics() {
        return metrics;
    }

    void opened(String address, int open) {
        metrics.connectionOpened();
        log.info(address, "experiment connection from {} opened ({} open)", address, open);
    }

    /** The client closed the connection (its reason is the client's text: quoted and cut). */
    void closedByClient(String address, long openedNanos, int code, String reason) {
        metrics.connectionClosed(code, CloseCause.CLIENT);
        String shown = reason == null || reason.isEmpty() ? "(no reason)" : Quote.of(reason);
        log.info(address, "experiment connection from {} closed after {} s: {} {}", address, secondsSince(openedNanos),
                code, shown);
    }

    /** The server closed the connection, with its own reason. */
    void closedByServer(String address, long openedNanos, int code, String reason, CloseCause cause) {
        metrics.connectionClosed(code, cause);
        log.info(address, "experiment connection from {} closed by the server after {} s: {} {}", address,
                secondsSince(openedNanos), code, reason);
    }

    void refused(String address, Refusal reason, String why) {
        metrics.refused(reason);
        log.info(address, "refused a connection from {}: {}", address, why);
    }

    /** Writes the notes of suppressed lines whose minute is over (the hub's sweep, once a second). */
    void sweep() {
        log.sweep();
    }

    private static long secondsSince(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - nanos);
    }
}

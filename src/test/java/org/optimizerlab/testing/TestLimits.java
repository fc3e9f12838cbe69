package org.optimizerlab.testing;

import org.optimizerlab.web.ServerLimits;

/**
 * Server limits for tests: the defaults ({@link ServerLimits#DEFAULT}) with the one bound a test is about changed.
 * Chain {@link ServerLimits#withWork} or {@link ServerLimits#withConnections} for the rest.
 */
public final class TestLimits {

    private TestLimits() {
    }

    /** The defaults with {@code threads} worker threads (one makes a server that a few races fill). */
    public static ServerLimits workers(int threads) {
        return workers(threads, ServerLimits.DEFAULT.maxSearches());
    }

    /** The defaults with {@code threads} worker threads and at most {@code searches} searches at once. */
    public static ServerLimits workers(int threads, int searches) {
        ServerLimits d = ServerLimits.DEFAULT;
        return new ServerLimits(d.maxSessions(), d.maxSteps(), d.maxRuns(), d.maxMessageBytes(), d.messagesPerSecond(),
                d.messageBurst(), d.maxStepsPerSecond(), d.maxPointsPerRun(), threads, searches, d.work(),
                d.connections());
    }

    /** The defaults with at most {@code sessions} connections at once. */
    public static ServerLimits sessions(int sessions) {
        ServerLimits d = ServerLimits.DEFAULT;
        return new ServerLimits(sessions, d.maxSteps(), d.maxRuns(), d.maxMessageBytes(), d.messagesPerSecond(),
                d.messageBurst(), d.maxStepsPerSecond(), d.maxPointsPerRun(), d.workerThreads(), d.maxSearches(),
                d.work(), d.connections());
    }
}

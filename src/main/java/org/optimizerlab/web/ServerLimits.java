package org.optimizerlab.web;

import org.optimizerlab.experiment.Limits;
import org.optimizerlab.lesson.WorkLimits;
import org.optimizerlab.validation.Check;

/**
 * Every bound the server puts on what clients may ask of it (documented in {@code docs/protocol.md}; each set by
 * an environment variable, see {@code org.optimizerlab.app.ServerConfig}).
 *
 * @param maxSessions         concurrent WebSocket connections; more are closed with code 1013
 * @param maxSteps            updates per experiment
 * @param maxRuns             runs per experiment, {@code 1..}{@value Limits#MAX_RUNS}
 * @param maxMessageBytes     the largest client message answered; larger ones get an {@code error}
 * @param messagesPerSecond   the sustained client message rate per connection
 * @param messageBurst        how many messages a connection may send at once before the rate applies
 * @param maxStepsPerSecond   the fastest speed an experiment may run at
 * @param maxPointsPerRun     points per run sent for one experiment; longer experiments are evenly decimated
 * @param workerThreads       threads that run all experiments of all connections
 * @param maxSearches         hyperparameter searches running at once on the whole server
 * @param work                the most work of one activation study, one search and one update of a race
 * @param connections         what one connection may hold: sessions per address, unread bytes, silence
 */
public record ServerLimits(int maxSessions, int maxSteps, int maxRuns, int maxMessageBytes, double messagesPerSecond,
                           int messageBurst, int maxStepsPerSecond, int maxPointsPerRun, int workerThreads,
                           int maxSearches, WorkLimits work, ConnectionLimits connections) {

    public static final int DEFAULT_MAX_SESSIONS = 200;
    public static final int DEFAULT_MAX_STEPS = 100_000;
    public static final int DEFAULT_MAX_RUNS = Limits.MAX_RUNS;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
    public static final double DEFAULT_MESSAGES_PER_SECOND = 50;
    public static final int DEFAULT_MESSAGE_BURST = 100;
    public static final int DEFAULT_MAX_STEPS_PER_SECOND = 5_000;
    public static final int DEFAULT_MAX_POINTS_PER_RUN = 20_000;
    /** One worker per core, at least two. */
    public static final int DEFAULT_WORKER_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    /** As many searches at once as there are workers (each uses at most half of them). */
    public static final int DEFAULT_MAX_SEARCHES = DEFAULT_WORKER_THREADS;

    /** The defaults of {@code docs/protocol.md}. */
    public static final ServerLimits DEFAULT = new ServerLimits(DEFAULT_MAX_SESSIONS, DEFAULT_MAX_STEPS,
            DEFAULT_MAX_RUNS, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MESSAGES_PER_SECOND, DEFAULT_MESSAGE_BURST,
            DEFAULT_MAX_STEPS_PER_SECOND, DEFAULT_MAX_POINTS_PER_RUN, DEFAULT_WORKER_THREADS, DEFAULT_MAX_SEARCHES,
            WorkLimits.DEFAULT, ConnectionLimits.DEFAULT);

    public ServerLimits {
        Check.intInRange("maxSessions", maxSessions, 1, 100_000);
        Check.intInRange("maxSteps", maxSteps, 1, Limits.MAX_STEPS);
        Check.intInRange("maxRuns", maxRuns, 1, Limits.MAX_RUNS);
        Check.intInRange("maxMessageBytes", maxMessageBytes, 256, 16 << 20);
        Check.inClosed("messagesPerSecond", messagesPerSecond, 0.1, 100_000);
        Check.intInRange("messageBurst", messageBurst, 1, 1_000_000);
        Check.intInRange("maxStepsPerSecond", maxStepsPerSecond, 1, 1_000_000);
        Check.intInRange("maxPointsPerRun", maxPointsPerRun, 10, Limits.MAX_STEPS);
        Check.intInRange("workerThreads", workerThreads, 1, 256);
        Check.intInRange("maxSearches", maxSearches, 1, 10_000);
        Check.present("work", work);
        Check.present("connections", connections);
    }

    /** The first nine limits with the default searches, work and connection bounds. */
    public ServerLimits(int maxSessions, int maxSteps, int maxRuns, int maxMessageBytes, double messagesPerSecond,
                        int messageBurst, int maxStepsPerSecond, int maxPointsPerRun, int workerThreads) {
        this(maxSessions, maxSteps, maxRuns, maxMessageBytes, messagesPerSecond, messageBurst, maxStepsPerSecond,
                maxPointsPerRun, workerThreads, DEFAULT_MAX_SEARCHES, WorkLimits.DEFAULT, ConnectionLimits.DEFAULT);
    }

    /** The same limits with other work bounds. */
    public ServerLimits withWork(WorkLimits newWork) {
        return new ServerLimits(maxSessions, maxSteps, maxRuns, maxMessageBytes, messagesPerSecond, messageBurst,
                maxStepsPerSecond, maxPointsPerRun, workerThreads, maxSearches, newWork, connections);
    }

    /** The same limits with other connection bounds. */
    public ServerLimits withConnections(ConnectionLimits newConnections) {
        return new ServerLimits(maxSessions, maxSteps, maxRuns, maxMessageBytes, messagesPerSecond, messageBurst,
                maxStepsPerSecond, maxPointsPerRun, workerThreads, maxSearches, work, newConnections);
    }

    /** Trials of one search that run at once: half the workers (at least one), so races keep the rest. */
    public int trialsPerSearch() {
        return Math.max(1, workerThreads / 2);
    }

    /** Trials of all searches that run at once: all workers but one (at least one). */
    public int trialsAtOnce() {
        return Math.max(1, workerThreads - 1);
    }

    /** The engine's limits on a spec: {@code maxSteps} and {@code maxRuns}. */
    public Limits specLimits() {
        return new Limits(maxSteps, maxRuns);
    }
}

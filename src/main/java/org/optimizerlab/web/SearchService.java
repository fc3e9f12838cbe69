package org.optimizerlab.web;

import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.optimizerlab.search.Search;
import org.optimizerlab.search.SearchResult;
import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.search.Trial;
import org.optimizerlab.validation.FieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the hyperparameter searches of all connections run: at most {@code maxSearches} at once, each driven by
 * {@code Search.run} on a coordinator thread of its own (which only waits for its trials), the trials themselves on
 * the shared worker pool through a {@link TrialScheduler}. A search is cancelled by its {@link Handle}: the
 * coordinator is interrupted, the search cancels its running trials (they stop within one update), and the trials
 * not started are dropped.
 */
final class SearchService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);

    /** What a running search tells its owner, on the search's coordinator thread. */
    interface Listener {
        /** A trial finished. */
        void trial(Trial trial);

        /** Every trial finished; {@code result} holds them all and the best. */
        void done(SearchResult result);

        /** The search failed (not cancelled). */
        void failed(RuntimeException error);
    }

    /**
     * A running search, driven on a coordinator thread. Cancelling interrupts that thread if the search runs, or
     * keeps it from starting if it has not yet; either way the search's permit is released once.
     */
    final class Handle implements Runnable {
        private final SearchSpec spec;
        private final TrialScheduler.Lane lane;
        private final Listener listener;
        private Thread thread;                                   // guarded by this: the coordinator, while running
        private boolean cancelled;                               // guarded by this

        private Handle(SearchSpec spec, TrialScheduler.Lane lane, Listener listener) {
            this.spec = spec;
            this.lane = lane;
            this.listener = listener;
        }

        /**
         * Stops the search: the coordinator is interrupted (so nothing more is reported), the trials waiting are
         * dropped and those running are interrupted (they stop within one update).
         */
        void cancel() {
            synchronized (this) {
                cancelled = true;
                if (thread != null) {
                    thread.interrupt();
                }
            }
            lane.close();
        }

        @Override
        public void run() {
            SearchResult result = null;
            RuntimeException failure = null;
            try {
                synchronized (this) {
                    if (cancelled) {
                        return;
                    }
                    thread = Thread.currentThread();
                }
                result = Search.run(spec, lane, listener::trial);
            } catch (InterruptedException e) {
                LOG.debug("a search was cancelled");
            } catch (RejectedExecutionException e) {
                LOG.debug("a search stopped while submitting trials: {}", e.getMessage());
            } catch (RuntimeException e) {
                if (!isCancelled()) {
                    LOG.error("a search of {} trials failed: {}", spec.totalTrials(), oneLine(e));
                    failure = e;
                }
            } finally {
                synchronized (this) {
                    thread = null;
                }
                Thread.interrupted();                            // an interrupt meant for this search stops here
                lane.close();
                permits.release();
            }
            // Only now is the owner told: a client that starts its next search at once finds the place free.
            if (result != null) {
                listener.done(result);
            } else if (failure != null) {
                listener.failed(failure);
            }
        }

        private synchronized boolean isCancelled() {
            return cancelled;
        }
    }

    /**
     * A failed search as one log line: each exception of the cause chain and where the deepest was thrown. A search
     * fails as a whole (its first failing trial cancels the rest), so this is logged once per search, not per trial.
     */
    static String oneLine(Throwable error) {
        StringBuilder line = new StringBuilder(String.valueOf(error));
        Throwable deepest = error;
        for (int depth = 0; deepest.getCause() != null && deepest.getCause() != deepest && depth < 8; depth++) {
            deepest = deepest.getCause();
            line.append(" <- ").append(deepest);
        }
        StackTraceElement[] frames = deepest.getStackTrace();
        if (frames.length > 0) {
            line.append(" at ").append(frames[0]);
        }
        return FieldException.oneLine(line.toString());
    }

    private final int maxSearches;
    private final Semaphore permits;
    private final ThreadPoolExecutor coordinators;
    private final TrialScheduler trials;

    SearchService(int maxSearches, TrialScheduler trials, ThreadFactory threads) {
        this.maxSearches = maxSearches;
        this.permits = new Semaphore(maxSearches);
        this.trials = trials;
        // The permits keep the searches at most maxSearches. A coordinator that has released its permit may still be
        // finishing on its thread, so a new search waits in the queue for a moment rather than being refused.
        this.coordinators = new ThreadPoolExecutor(maxSearches, maxSearches, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        this.coordinators.allowCoreThreadTimeOut(true);
    }

    /** The most searches at once. */
    int maxSearches() {
        return maxSearches;
    }

    /** Searches running now. */
    int running() {
        return maxSearches - permits.availablePermits();
    }

    /** Trials running now, over all searches. */
    int trialsRunning() {
        return trials.running();
    }

    /** Starts {@code spec}; empty when {@link #maxSearches()} searches run already. */
    Optional<Handle> start(SearchSpec spec, Listener listener) {
        if (!permits.tryAcquire()) {
            return Optional.empty();
        }
        Handle handle = new Handle(spec, trials.lane(), listener);
        try {
            coordinators.execute(handle);
        } catch (RejectedExecutionException e) {
            permits.release();
            throw e;
        }
        return Optional.of(handle);
    }

    /** Cancels every search. */
    @Override
    public void close() {
        coordinators.shutdownNow();
    }
}

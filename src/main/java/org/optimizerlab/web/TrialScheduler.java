package org.optimizerlab.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the trials of every hyperparameter search on the shared worker pool, fairly and within bounds: at most
 * {@code atOnce} trials of all searches at a time (so races always keep a worker when there are two or more), at
 * most {@code perSearch} of one search, and searches with trials waiting take turns. Each search gets its own
 * {@link Lane}, the {@link Executor} its {@code Search.run} submits trials to; closing the lane drops the trials
 * that have not started.
 */
final class TrialScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(TrialScheduler.class);

    private final Executor pool;
    private final int atOnce;
    private final int perSearch;
    private final ArrayDeque<Lane> turns = new ArrayDeque<>();     // guarded by this: lanes with a trial that may start
    private int running;                                            // guarded by this

    TrialScheduler(Executor pool, int atOnce, int perSearch) {
        this.pool = pool;
        this.atOnce = atOnce;
        this.perSearch = perSearch;
    }

    /** A new lane for one search. */
    Lane lane() {
        return new Lane();
    }

    /** Trials running now, over all searches. */
    synchronized int running() {
        return running;
    }

    /** The trials of one search: an executor whose tasks wait for their turn. Thread-safe. */
    final class Lane implements Executor {
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();   // guarded by the scheduler
        private final Set<Runnable> running = new HashSet<>();           // guarded by the scheduler
        private int active;                                              // guarded by the scheduler
        private boolean closed;                                          // guarded by the scheduler

        @Override
        public void execute(Runnable trial) {
            synchronized (TrialScheduler.this) {
                if (closed) {
                    throw new RejectedExecutionException("the search was cancelled");
                }
                queue.add(trial);
                offerTurn(this);
            }
            dispatch();
        }

        /**
         * Drops the trials that have not started and cancels those running (a trial submitted as a {@link Future}
         * is interrupted and stops within one update); nothing more is taken.
         */
        void close() {
            List<Runnable> cancelling;
            synchronized (TrialScheduler.this) {
                closed = true;
                queue.clear();
                turns.remove(this);
                cancelling = new ArrayList<>(running);
            }
            for (Runnable trial : cancelling) {
                if (trial instanceof Future<?> future) {
                    future.cancel(true);
                }
            }
        }

        /** Trials of this search running now. */
        int active() {
            synchronized (TrialScheduler.this) {
                return active;
            }
        }
    }

    /** Puts a lane in the turn queue if it has a trial that may start. Caller holds the lock. */
    private void offerTurn(Lane lane) {
        if (!lane.closed && !lane.queue.isEmpty() && lane.active < perSearch && !turns.contains(lane)) {
            turns.add(lane);
        }
    }

    /** Starts trials while there is room, the lanes taking turns. */
    private void dispatch() {
        List<Runnable> starting = new ArrayList<>();
        synchronized (this) {
            while (running < atOnce && !turns.isEmpty()) {
                Lane lane = turns.poll();
                Runnable trial = lane.queue.poll();
                lane.active++;
                running++;
                offerTurn(lane);
                starting.add(() -> run(lane, trial));
            }
        }
        for (Runnable task : starting) {
            try {
                pool.execute(task);
            } catch (RejectedExecutionException e) {
                LOG.warn("the worker pool refused a search trial (the server is stopping)");
                task.run();
            }
        }
    }

    /** Runs a trial and frees its place; a trial refused by a stopping pool is cancelled instead of run. */
    private void run(Lane lane, Runnable trial) {
        try {
            synchronized (this) {
                if (lane.closed && trial instanceof Future<?> future) {
                    future.cancel(false);
                }
                lane.running.add(trial);
            }
            if (pool instanceof ExecutorService service && service.isShutdown() && trial instanceof Future<?> future) {
                future.cancel(false);
            }
            trial.run();
        } finally {
            synchronized (this) {
                lane.running.remove(trial);
                lane.active--;
                running--;
                offerTurn(lane);
            }
            dispatch();
        }
    }
}

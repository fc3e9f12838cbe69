package org.optimizerlab.web;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executor;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker pool of every experiment, shared out by CPU time rather than by turns: start-time fair queuing over
 * the connections. Each connection has a {@link Flow} whose tag is the CPU time (thread CPU clock) its turns have
 * used; the worker always takes the waiting turn with the smallest tag, and a flow that wakes up after a pause
 * starts at the tag of the turn in service (it cannot bank credit while idle). So when demand exceeds the
 * workers, every busy connection gets the same share of CPU; a light one that needs less than its share gets all
 * it needs, at once; and a new {@code start} goes ahead of every connection that has already had its share.
 *
 * <p>A turn should also be short when many connections wait, or each waits a whole round of long turns: the
 * {@link #sliceNanos() slice} (how long one turn may compute) is the frame interval times the workers divided by
 * the turns waiting, between {@link #MIN_SLICE_NANOS} and {@link #MAX_SLICE_NANOS}. A round then stays about
 * one frame interval long however many connections run, and every page keeps getting frames, each with less.
 *
 * <p>Tasks given to {@link #execute} directly (the trials of searches) have no flow: they start at the tag of
 * the turn in service.
 *
 * <p>A client's control command ({@code pause}, {@code speed}: {@link Flow#executeControl}) must not wait a round:
 * its turn goes ahead of every other turn, so it waits at most for the turns in service (one slice, or one update
 * of a race whose update is longer). Its CPU time is charged to its flow like any other.
 */
final class FairScheduler implements Executor {
    /** The longest a turn computes: a tick's budget when the server is not busy. */
    static final long MAX_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** The shortest slice: below it the cost of a turn itself (a frames message) would take over. */
    static final long MIN_SLICE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_CLOCK = THREADS.isCurrentThreadCpuTimeSupported();

    private final ThreadPoolExecutor pool;
    private final int workers;
    private final long roundNanos;
    private final AtomicLong sequence = new AtomicLong();
    /** Turns queued or running: how many share the workers now. */
    private final AtomicInteger waiting = new AtomicInteger();
    private long virtualNow;                                            // guarded by this: the tag in service

    /**
     * A pool of {@code workers} threads from {@code threads}; {@code roundNanos} is how long a round of all waiting
     * turns should take (the frame interval).
     */
    FairScheduler(int workers, long roundNanos, ThreadFactory threads) {
        this.workers = workers;
        this.roundNanos = roundNanos;
        this.pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS, new PriorityBlockingQueue<>(),
                threads);
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** The thread pool (for metrics and shutdown). */
    ThreadPoolExecutor pool() {
        return pool;
    }

    /** A new flow for one connection. */
    Flow flow() {
        return new Flow();
    }

    /** A task without a flow (a search's trial): queued at the tag in service. */
    @Override
    public void execute(Runnable task) {
        long key;
        synchronized (this) {
            key = virtualNow;
        }
        enqueue(new Turn(task, false, key, sequence.incrementAndGet()));
    }

    /** How long one turn may compute now: shorter the more turns wait, so that a round stays short. */
    long sliceNanos() {
        long share = roundNanos * workers / Math.max(1, waiting.get());
        return Math.max(MIN_SLICE_NANOS, Math.min(MAX_SLICE_NANOS, share));
    }

    /** Turns queued or running now. */
    int waiting() {
        return waiting.get();
    }

    /** The CPU time of the calling thread in nanoseconds (its wall clock where the JVM has no CPU clock). */
    static long threadCpuNanos() {
        return CPU_CLOCK ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private void enqueue(Turn turn) {
        waiting.incrementAndGet();
        try {
            pool.execute(turn);
        } catch (RuntimeException e) {
            waiting.decrementAndGet();
            throw e;
        }
    }

    /**
     * The turns of one connection: an executor (at most one turn of it should wait at a time: a
     * {@link SerialExecutor} makes sure) told what each turn cost. Thread-safe.
     */
    final class Flow implements Executor {
        private long finishTag;                                         // guarded by the scheduler

        private Flow() {
        }

        /** Queues a turn at the later of this flow's tag and the tag in service. */
        @Override
        public void execute(Runnable task) {
            long key;
            synchronized (FairScheduler.this) {
                key = Math.max(finishTag, virtualNow);
                finishTag = key;
            }
            enqueue(new Turn(task, false, key, sequence.incrementAndGet()));
        }

        /** Queues a control command's turn ahead of every waiting turn but other controls (first come, first run). */
        void executeControl(Runnable task) {
            long key;
            synchronized (FairScheduler.this) {
                key = virtualNow;
            }
            enqueue(new Turn(task, true, key, sequence.incrementAndGet()));
        }

        /** Adds {@code cpuNanos}, the CPU time of a turn that ran, to this flow's tag. */
        void charge(long cpuNanos) {
            synchronized (FairScheduler.this) {
                finishTag += Math.max(0, cpuNanos);
            }
        }

        /** How long one turn may compute now. */
        long sliceNanos() {
            return FairScheduler.this.sliceNanos();
        }
    }

    /** One queued task: controls first, then by its tag, then by arrival. */
    private final class Turn implements Runnable, Comparable<Turn> {
        private final Runnable task;
        private final boolean control;
        private final long key;
        private final long order;

        Turn(Runnable task, boolean control, long key, long order) {
            this.task = task;
            this.control = control;
            this.key = key;
            this.order = order;
        }

        @Override
        public void run() {
            synchronized (FairScheduler.this) {
                virtualNow = Math.max(virtualNow, key);
            }
            try {
                task.run();
            } finally {
                waiting.decrementAndGet();
            }
        }

        @Override
        public int compareTo(Turn other) {
            if (control != other.control) {
                return control ? -1 : 1;
            }
            int byKey = Long.compare(key, other.key);
            return byKey != 0 ? byKey : Long.compare(order, other.order);
        }
    }
}

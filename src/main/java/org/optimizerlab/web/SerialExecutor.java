package org.optimizerlab.web;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one session's tasks one at a time, in submission order, on a pool shared by all sessions: everything a
 * session owns is touched only from its tasks, so it needs no locks of its own (thread confinement), and the
 * pool's threads pass happens-before from one task to the next through this queue's monitor.
 *
 * <p>Each pool turn runs a single task and then queues the session again behind the others, so a session with
 * much work cannot starve the rest. Client commands are bounded ({@code capacity}); the session's own follow-up
 * tasks (ticks, flushes, step continuations, each at most one at a time) are not. After {@link #close()} nothing
 * more runs.
 */
final class SerialExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final int capacity;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();   // guarded by this
    private int commands;                                            // guarded by this: bounded tasks queued
    private boolean scheduled;                                       // guarded by this: a turn is queued or running
    private boolean closed;                                          // guarded by this

    SerialExecutor(Executor pool, int capacity) {
        this.pool = pool;
        this.capacity = capacity;
    }

    /** Queues a client command; false (and nothing queued) when {@code capacity} commands wait or it is closed. */
    boolean submitCommand(Runnable task) {
        return submit(task, true);
    }

    /** Queues a follow-up task of the session itself; false only when closed. */
    boolean submitFollowUp(Runnable task) {
        return submit(task, false);
    }

    /** Drops everything queued; no task starts after this returns (one already running finishes). */
    synchronized void close() {
        closed = true;
        tasks.clear();
        commands = 0;
    }

    /** Whether {@link #close()} was called; long tasks check it to stop early. */
    synchronized boolean isClosed() {
        return closed;
    }

    private boolean submit(Runnable task, boolean command) {
        synchronized (this) {
            if (closed || (command && commands >= capacity)) {
                return false;
            }
            tasks.add(command ? new Command(task) : task);
            if (command) {
                commands++;
            }
            if (scheduled) {
                return true;
            }
            scheduled = true;
        }
        schedule();
        return true;
    }

    private void schedule() {
        try {
            pool.execute(this::runOne);
        } catch (RejectedExecutionException e) {
            LOG.warn("experiment pool refused a session's task (shutting down?)");
            synchronized (this) {
                scheduled = false;
            }
        }
    }

    private void runOne() {
        Runnable task;
        synchronized (this) {
            task = closed ? null : tasks.poll();
            if (task == null) {
                scheduled = false;
                return;
            }
            if (task instanceof Command) {
                commands--;
            }
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("an experiment task failed", e);
        }
        boolean more;
        synchronized (this) {
            more = !closed && !tasks.isEmpty();
            if (!more) {
                scheduled = false;
            }
        }
        if (more) {
            schedule();
        }
    }

    /** A client command, counted against the capacity. */
    private record Command(Runnable task) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
    }
}

package org.optimizerlab.web;

import java.util.LinkedList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
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
 *
 * <p>A task that throws anything (a bug's RuntimeException, a StackOverflowError, an OutOfMemoryError) closes the
 * executor and is handed to {@code onFailure} once: the session ends cleanly instead of living on with half-updated
 * state, and the pool's thread is never left holding the queue. An {@link OutOfMemoryError} is rethrown after
 * that, so the worker thread dies with it and the process's handler decides (the server exits on an
 * OutOfMemoryError: see {@code ServeCommand}).
 *
 * <p>On a {@link FairScheduler.Flow} each task's thread CPU time is charged to the flow before the next turn is
 * queued, so the pool shares CPU time, not turns, between sessions.
 *
 * <p><b>Controls.</b> A control command ({@link #submitControl}: pause, speed) must take effect before the session's
 * next update whatever the load. It goes behind the client's earlier commands (they were sent first) but ahead of
 * the session's own follow-ups, gets a turn of its own ahead of the other sessions' turns
 * ({@link FairScheduler.Flow#executeControl}), and {@link #controlWaiting()} tells a long task to stop early. At most
 * one task runs at a time however many turns are queued: a turn that finds another running leaves the queue to it.
 */
final class SerialExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final FairScheduler.Flow flow;                           // null on a plain pool
    private final int capacity;
    private final Consumer<Throwable> onFailure;
    private final LinkedList<Runnable> tasks = new LinkedList<>();  // guarded by this
    private int commands;                                            // guarded by this: bounded tasks queued
    private int queuedTurns;                                         // guarded by this: turns given to the pool
    private boolean controlTurnQueued;                               // guarded by this
    private boolean active;                                          // guarded by this: a task runs
    private boolean closed;                                          // guarded by this
    /** Controls queued and not yet run (read without the lock by long tasks). */
    private volatile int controls;

    SerialExecutor(Executor pool, int capacity, Consumer<Throwable> onFailure) {
        this(pool, null, capacity, onFailure);
    }

    /** Turns on a fair scheduler's {@code flow}, charged with the CPU time of each task. */
    SerialExecutor(FairScheduler.Flow flow, int capacity, Consumer<Throwable> onFailure) {
        this(flow, flow, capacity, onFailure);
    }

    private SerialExecutor(Executor pool, FairScheduler.Flow flow, int capacity, Consumer<Throwable> onFailure) {
        this.pool = pool;
        this.flow = flow;
        this.capacity = capacity;
        this.onFailure = onFailure;
    }

    /** How long one task should compute before yielding the worker: the fair scheduler's slice, or 20 ms. */
    long sliceNanos() {
        return flow == null ? FairScheduler.MAX_SLICE_NANOS : flow.sliceNanos();
    }

    /** Queues a client command; false (and nothing queued) when {@code capacity} commands wait or it is closed. */
    boolean submitCommand(Runnable task) {
        return submit(task, true);
    }

    /**
     * Queues a client's control command behind its earlier commands and ahead of the session's follow-ups, on a turn
     * ahead of other sessions'; false (and nothing queued) when {@code capacity} commands wait or it is closed.
     */
    boolean submitControl(Runnable task) {
        Control control = new Control(task);
        synchronized (this) {
            if (closed || commands >= capacity) {
                return false;
            }
            int place = 0;
            int index = 0;
            for (Runnable queued : tasks) {
                index++;
                if (queued instanceof Command || queued instanceof Control) {
                    place = index;
                }
            }
            tasks.add(place, control);
            commands++;
            controls++;
        }
        scheduleTurns();
        return true;
    }

    /** Queues a follow-up task of the session itself; false only when closed. */
    boolean submitFollowUp(Runnable task) {
        return submit(task, false);
    }

    /** Whether a control command waits: a long task should stop at its next safe point and let it run. */
    boolean controlWaiting() {
        return controls > 0;
    }

    /** Drops everything queued; no task starts after this returns (one already running finishes). */
    synchronized void close() {
        closed = true;
        tasks.clear();
        commands = 0;
        controls = 0;
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
        }
        scheduleTurns();
        return true;
    }

    /**
     * Gives the pool the turns the queue needs: none while a task runs (it does this when it ends); a control's turn
     * when a control waits and none is queued; else one turn when none is queued.
     */
    private void scheduleTurns() {
        boolean control;
        synchronized (this) {
            if (closed || active || tasks.isEmpty()) {
                return;
            }
            if (controls > 0 && !controlTurnQueued) {
                control = true;
                controlTurnQueued = true;
            } else if (queuedTurns == 0) {
                control = false;
            } else {
                return;
            }
            queuedTurns++;
        }
        try {
            if (control && flow != null) {
                flow.executeControl(() -> runOne(true));
            } else {
                pool.execute(() -> runOne(control));
            }
        } catch (RejectedExecutionException e) {
            LOG.warn("experiment pool refused a session's task (shutting down?)");
            synchronized (this) {
                queuedTurns--;
                if (control) {
                    controlTurnQueued = false;
                }
            }
        }
    }

    private void runOne(boolean controlTurn) {
        Runnable task;
        synchronized (this) {
            queuedTurns--;
            if (controlTurn) {
                controlTurnQueued = false;
            }
            task = closed || active ? null : tasks.poll();
            if (task == null) {
                return;
            }
            active = true;
            if (task instanceof Command || task instanceof Control) {
                commands--;
            }
            if (task instanceof Control) {
                controls--;
            }
        }
        long cpuBefore = flow == null ? 0 : FairScheduler.threadCpuNanos();
        try {
            task.run();
        } catch (Throwable failure) {
            fail(failure);
            if (failure instanceof OutOfMemoryError fatal) {
                throw fatal;
            }
            return;
        } finally {
            if (flow != null) {
                flow.charge(FairScheduler.threadCpuNanos() - cpuBefore);
            }
            synchronized (this) {
                active = false;
            }
        }
        scheduleTurns();
    }

    /** Closes the executor (its turn ends here) and reports the failure once. */
    private void fail(Throwable failure) {
        synchronized (this) {
            closed = true;
            tasks.clear();
            commands = 0;
            controls = 0;
        }
        try {
            onFailure.accept(failure);
        } catch (RuntimeException e) {
            LOG.error("reporting a failed experiment task failed too", e);
        }
    }

    /** A client command, counted against the capacity. */
    private record Command(Runnable task) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
    }

    /** A client's control command: counted against the capacity, run ahead of follow-ups. */
    private record Control(Runnable task) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
    }
}

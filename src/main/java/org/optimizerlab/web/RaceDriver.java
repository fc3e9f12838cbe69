package org.optimizerlab.web;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How a race advances: by ticks while it runs, in chunks for a {@code step}. The first tick comes at once with one
 * update's credit (the first {@code frames} follows {@code started} without waiting a frame interval); then a tick
 * every frame interval earns the updates its speed asks for the time since the last one (at most a quarter second's:
 * after a stall the race does not rush) and has the race make them. A tick at which the client holds the race back
 * (too much unread, its read window full) earns nothing and tells the {@link PaceMeter} that this time was the
 * client's; every other tick's time is the server's, and the meter judges the pace on it alone, with what the server
 * withheld: the tick's wait for a worker and, when the race ran out of its budget, how much shorter the fair
 * scheduler's slice was than a whole one (other connections waited for the workers). Confined to the session's
 * tasks.
 */
final class RaceDriver {
    /** The longest pause between ticks that still earns updates (after a stall the experiment does not race). */
    private static final long MAX_TICK_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /** The race the driver advances (the session's). */
    interface Race {
        /** Whether tasks of {@code generation} still belong to the race, and it is in {@code state}. */
        boolean isCurrent(long generation, ExperimentState state);

        /** The speed asked, in updates per second. */
        double stepsPerSecond();

        /** Whether the client holds the race back: too much unread, or its read window full. */
        boolean clientHolds();

        /** Whether the next {@code frames} message is full, so advancing waits for its flush. */
        boolean framesFull();

        /**
         * Makes up to {@code wanted} updates within {@code budgetNanos} of computing and sends what follows;
         * returns how many.
         */
        int advance(int wanted, long budgetNanos);

        /** Tells the client the pace the server gives it ({@code pace}). */
        void pace(PaceMeter.Pace pace);
    }

    private final long intervalNanos;
    private final ScheduledExecutorService timer;
    private final SerialExecutor serial;
    private final PaceMeter meter;
    private final Race race;
    private long lastTickNanos;
    private double credit;

    RaceDriver(long intervalNanos, ScheduledExecutorService timer, SerialExecutor serial, PaceGauge gauge, Race race) {
        this.intervalNanos = intervalNanos;
        this.timer = timer;
        this.serial = serial;
        this.meter = new PaceMeter(gauge);
        this.race = race;
    }

    /**
     * The race runs from now, its ticks of {@code generation}: the first is made at once, in the caller's turn (a
     * session task), with one update's credit, so a new race's first points do not wait a round of the other
     * sessions' turns when the server is busy.
     */
    void start(long generation) {
        long now = System.nanoTime();
        lastTickNanos = now;
        credit = 1;
        meter.restart();
        tick(generation, now);
    }

    /**
     * Makes {@code remaining} updates of the paused race of {@code generation} (a {@code step}): as many as the time
     * budget allows, then the rest queued behind other work; while the client holds the race back (or the frame
     * buffer is full) it waits a frame interval instead.
     */
    void step(long generation, int remaining) {
        if (!race.isCurrent(generation, ExperimentState.PAUSED)) {
            return;
        }
        if (race.clientHolds() || race.framesFull()) {
            timer.schedule(() -> serial.submitFollowUp(() -> step(generation, remaining)), intervalNanos,
                    TimeUnit.NANOSECONDS);
            return;
        }
        int left = remaining - race.advance(remaining, serial.sliceNanos());
        if (left > 0 && race.isCurrent(generation, ExperimentState.PAUSED)) {
            serial.submitFollowUp(() -> step(generation, left));
        }
    }

    private void scheduleTick(long generation) {
        timer.schedule(() -> {
            long queued = System.nanoTime();
            serial.submitFollowUp(() -> tick(generation, queued));
        }, intervalNanos, TimeUnit.NANOSECONDS);
    }

    /** Advances what the speed earned since the last tick; {@code queuedNanos}: when it started to wait for a worker. */
    private void tick(long generation, long queuedNanos) {
        if (!race.isCurrent(generation, ExperimentState.RUNNING)) {
            return;
        }
        long now = System.nanoTime();
        long sinceLast = now - lastTickNanos;
        long waited = now - queuedNanos;
        lastTickNanos = now;
        double stepsPerSecond = race.stepsPerSecond();
        if (race.clientHolds()) {
            meter.tick(sinceLast, waited, sinceLast, stepsPerSecond, 0);    // the page's time: not judged
        } else {
            int made = 0;
            long withheld = waited;
            if (!race.framesFull()) {
                long elapsed = Math.min(sinceLast, MAX_TICK_GAP_NANOS);
                credit = Math.min(credit + stepsPerSecond * elapsed / 1e9, Math.max(1, stepsPerSecond * 0.25));
                int wanted = (int) credit;
                if (wanted > 0) {
                    long budget = serial.sliceNanos();
                    made = race.advance(wanted, budget);
                    credit -= made;
                    if (made < wanted) {                // out of budget: what others' turns took from it is withheld
                        withheld += FairScheduler.MAX_SLICE_NANOS - Math.min(budget, FairScheduler.MAX_SLICE_NANOS);
                    }
                }
            }
            if (race.isCurrent(generation, ExperimentState.RUNNING)) {
                meter.tick(sinceLast, withheld, 0, stepsPerSecond, made).ifPresent(race::pace);
            }
        }
        if (race.isCurrent(generation, ExperimentState.RUNNING)) {
            scheduleTick(generation);
        }
    }
}

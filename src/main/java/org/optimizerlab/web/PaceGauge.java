package org.optimizerlab.web;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The pace of all running races together, over the last two seconds: updates made against updates their speeds
 * earned, where a race the server did not hold back counts as at full pace. The hub asks it at the door whether a
 * new session could still run at {@code minimum} of its pace, assuming the running races share the workers
 * equally with it. Thread-safe.
 */
final class PaceGauge {
    private static final long BUCKET_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final LongSupplier clock;
    private long bucketStart;                  // guarded by this
    private double earned;                     // guarded by this: this bucket
    private double made;                       // guarded by this
    private int windows;                       // guarded by this
    private double lastEarned;                 // guarded by this: the bucket before
    private double lastMade;                   // guarded by this
    private int lastWindows;                   // guarded by this

    PaceGauge() {
        this(System::nanoTime);
    }

    PaceGauge(LongSupplier clock) {
        this.clock = clock;
        this.bucketStart = clock.getAsLong();
    }

    /** One race's window: {@code earnedSteps} asked, {@code madeSteps} made (or as many as asked if not held back). */
    synchronized void report(double earnedSteps, double madeSteps) {
        roll();
        earned += earnedSteps;
        made += madeSteps;
        windows++;
    }

    /** The fraction of their asked pace the running races achieve now (1 when none is held back or none runs). */
    synchronized double pace() {
        roll();
        double asked = earned + lastEarned;
        return asked <= 0 ? 1 : Math.min(1, (made + lastMade) / asked);
    }

    /**
     * Whether one more race would run below {@code minimum} of its pace: the achieved pace shared by one more,
     * {@code pace × n / (n + 1)} with n the races running (each reports about a window a second).
     */
    synchronized boolean wouldFallBelow(double minimum) {
        double pace = pace();
        if (pace >= 1) {
            return false;
        }
        double running = Math.max(windows, lastWindows) * (double) PaceMeter.WINDOW_NANOS / BUCKET_NANOS;
        return pace * running / (running + 1) < minimum;
    }

    private void roll() {
        long now = clock.getAsLong();
        if (now - bucketStart < BUCKET_NANOS) {
            return;
        }
        boolean oneBucket = now - bucketStart < 2 * BUCKET_NANOS;
        lastEarned = oneBucket ? earned : 0;
        lastMade = oneBucket ? made : 0;
        lastWindows = oneBucket ? windows : 0;
        earned = 0;
        made = 0;
        windows = 0;
        bucketStart = now;
    }
}

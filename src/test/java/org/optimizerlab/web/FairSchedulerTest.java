package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.Poll;

/**
 * The worker pool's fair shares, on real threads: CPU time, not turns, is shared between sessions. Work is burnt
 * in thread CPU time and compared as counts, so a busy machine changes how long the test takes, not its ratios.
 */
class FairSchedulerTest {

    private static final long HEAVY_TURN_NANOS = TimeUnit.MILLISECONDS.toNanos(8);
    private static final long MEDIUM_TURN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** A session that always has work: each turn burns {@code turnNanos} of CPU, then queues the next. */
    private static final class Busy {
        final SerialExecutor serial;
        final long turnNanos;
        final AtomicLong cpuNanos = new AtomicLong();
        final AtomicInteger turns = new AtomicInteger();
        final AtomicBoolean stop;

        Busy(SerialExecutor serial, long turnNanos, AtomicBoolean stop) {
            this.serial = serial;
            this.turnNanos = turnNanos;
            this.stop = stop;
        }

        void turn() {
            cpuNanos.addAndGet(burn(turnNanos));
            turns.incrementAndGet();
            if (!stop.get()) {
                serial.submitFollowUp(this::turn);
            }
        }
    }

    /** Heavy and medium sessions on one worker: returns the heavy one's CPU over the medium one's. */
    private static double heavyOverMedium(Executor heavyPool, Executor mediumPool, boolean fair) {
        AtomicBoolean stop = new AtomicBoolean();
        Busy heavy = new Busy(serialOn(heavyPool, fair), HEAVY_TURN_NANOS, stop);
        Busy medium = new Busy(serialOn(mediumPool, fair), MEDIUM_TURN_NANOS, stop);
        heavy.serial.submitFollowUp(heavy::turn);
        medium.serial.submitFollowUp(medium::turn);
        Poll.until("400 ms of CPU used", Duration.ofSeconds(60),
                () -> heavy.cpuNanos.get() + medium.cpuNanos.get() > TimeUnit.MILLISECONDS.toNanos(400));
        stop.set(true);
        return (double) heavy.cpuNanos.get() / medium.cpuNanos.get();
    }

    private static SerialExecutor serialOn(Executor pool, boolean fair) {
        return fair ? new SerialExecutor((FairScheduler.Flow) pool, 64, failure -> { })
                : new SerialExecutor(pool, 64, failure -> { });
    }

    @Test
    void sessionsWithLongAndShortTurnsGetTheSameCpuTime() {
        FairScheduler scheduler = new FairScheduler(1, TimeUnit.MILLISECONDS.toNanos(34), Thread::new);
        try {
            double ratio = heavyOverMedium(scheduler.flow(), scheduler.flow(), true);
            assertThat(ratio).as("heavy CPU / medium CPU with fair shares").isBetween(0.5, 2.0);
        } finally {
            scheduler.pool().shutdownNow();
        }
    }

    @Test
    void aPoolThatTakesTurnsInOrderGivesTheLongTurnsMore() {
        // The old pool (one turn each, in arrival order): the reason for FairScheduler. Shows the test above can fail.
        ExecutorService fifo = Executors.newFixedThreadPool(1);
        try {
            double ratio = heavyOverMedium(fifo, fifo, false);
            assertThat(ratio).as("heavy CPU / medium CPU taking turns in order").isGreaterThan(4.0);
        } finally {
            fifo.shutdownNow();
        }
    }

    @Test
    void aLightSessionIsServedBeforeTheHeavyOnesThatHadTheirShare() {
        FairScheduler scheduler = new FairScheduler(1, TimeUnit.MILLISECONDS.toNanos(34), Thread::new);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            List<Busy> heavies = List.of(
                    new Busy(new SerialExecutor(scheduler.flow(), 64, f -> { }), HEAVY_TURN_NANOS, stop),
                    new Busy(new SerialExecutor(scheduler.flow(), 64, f -> { }), HEAVY_TURN_NANOS, stop));
            heavies.forEach(h -> h.serial.submitFollowUp(h::turn));
            Poll.until("the heavy sessions ran", Duration.ofSeconds(30),
                    () -> heavies.stream().allMatch(h -> h.turns.get() >= 3));
            SerialExecutor light = new SerialExecutor(scheduler.flow(), 64, f -> { });
            List<Integer> overtaken = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int before = heavies.get(0).turns.get() + heavies.get(1).turns.get();
                AtomicInteger heavyTurnsWhileWaiting = new AtomicInteger(-1);
                light.submitFollowUp(() -> heavyTurnsWhileWaiting.set(
                        heavies.get(0).turns.get() + heavies.get(1).turns.get() - before));
                Poll.until("the light turn ran", Duration.ofSeconds(30), () -> heavyTurnsWhileWaiting.get() >= 0);
                overtaken.add(heavyTurnsWhileWaiting.get());
            }
            // With turns in arrival order it would wait for both heavy turns queued ahead of it (2) every time.
            assertThat(overtaken.stream().sorted().toList().get(15))
                    .as("heavy turns finished while a light turn waited, 80th percentile of " + overtaken)
                    .isLessThanOrEqualTo(1);
            assertThat(scheduler.sliceNanos()).as("three sessions share one worker: shorter turns")
                    .isLessThan(FairScheduler.MAX_SLICE_NANOS);
        } finally {
            stop.set(true);
            scheduler.pool().shutdownNow();
        }
    }

    @Test
    void theSliceShrinksWithTheTurnsWaitingAndStaysWithinItsBounds() throws Exception {
        FairScheduler scheduler = new FairScheduler(2, TimeUnit.MILLISECONDS.toNanos(34), Thread::new);
        try {
            assertThat(scheduler.sliceNanos()).isEqualTo(FairScheduler.MAX_SLICE_NANOS);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 200; i++) {
                scheduler.flow().execute(() -> {
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThat(scheduler.waiting()).isEqualTo(200);
            assertThat(scheduler.sliceNanos()).isEqualTo(FairScheduler.MIN_SLICE_NANOS);
            release.countDown();
            Poll.until("every turn ran", Duration.ofSeconds(30), () -> scheduler.waiting() == 0);
            assertThat(scheduler.sliceNanos()).isEqualTo(FairScheduler.MAX_SLICE_NANOS);
        } finally {
            scheduler.pool().shutdownNow();
        }
    }

    /** Spins until the calling thread has used {@code nanos} of CPU; returns the CPU time used. */
    private static long burn(long nanos) {
        long start = FairScheduler.threadCpuNanos();
        long used;
        do {
            used = FairScheduler.threadCpuNanos() - start;
        } while (used < nanos);
        return used;
    }
}

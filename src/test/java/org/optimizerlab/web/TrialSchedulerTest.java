package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.Poll;

/** The scheduler of search trials: its two bounds, searches taking turns, and closing a lane. */
class TrialSchedulerTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Trials that block until released, recording how many of each search run at once. */
    static final class Trials {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final List<String> order;

        Trials(List<String> order) {
            this.order = order;
        }

        Runnable trial(String name) {
            return () -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(name);
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                finished.incrementAndGet();
            };
        }
    }

    @Test
    void atMostSoManyTrialsRunAndOneSearchNeverTakesThemAll() {
        TrialScheduler scheduler = new TrialScheduler(pool, 3, 2);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Trials a = new Trials(order);
        Trials b = new Trials(order);
        TrialScheduler.Lane laneA = scheduler.lane();
        TrialScheduler.Lane laneB = scheduler.lane();
        for (int i = 0; i < 5; i++) {
            laneA.execute(a.trial("a" + i));
        }
        Poll.until("two trials of a run", Duration.ofSeconds(5), () -> a.running.get() == 2);
        assertThat(scheduler.running()).as("a search may use two of three").isEqualTo(2);
        for (int i = 0; i < 5; i++) {
            laneB.execute(b.trial("b" + i));
        }
        Poll.until("one trial of b runs beside them", Duration.ofSeconds(5), () -> b.running.get() == 1);
        assertThat(scheduler.running()).isEqualTo(3);
        a.release.countDown();
        b.release.countDown();
        Poll.until("every trial finished", Duration.ofSeconds(10), () -> a.finished.get() + b.finished.get() == 10);
        assertThat(a.most.get()).isEqualTo(2);
        assertThat(b.most.get()).isLessThanOrEqualTo(2);
        assertThat(scheduler.running()).isZero();
    }

    @Test
    void waitingSearchesTakeTurns() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            TrialScheduler scheduler = new TrialScheduler(single, 1, 1);
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch gate = new CountDownLatch(1);
            TrialScheduler.Lane first = scheduler.lane();
            first.execute(() -> {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            TrialScheduler.Lane a = scheduler.lane();
            TrialScheduler.Lane b = scheduler.lane();
            for (int i = 0; i < 3; i++) {
                a.execute(() -> order.add("a"));
            }
            for (int i = 0; i < 3; i++) {
                b.execute(() -> order.add("b"));
            }
            gate.countDown();
            Poll.until("all ran", Duration.ofSeconds(10), () -> order.size() == 6);
            assertThat(order).containsExactly("a", "b", "a", "b", "a", "b");
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void aClosedLaneDropsWhatWaitsAndTakesNothingMore() {
        TrialScheduler scheduler = new TrialScheduler(pool, 1, 1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Trials trials = new Trials(order);
        TrialScheduler.Lane lane = scheduler.lane();
        for (int i = 0; i < 4; i++) {
            lane.execute(trials.trial("t" + i));
        }
        Poll.until("the first trial runs", Duration.ofSeconds(5), () -> trials.running.get() == 1);
        lane.close();
        assertThatThrownBy(() -> lane.execute(trials.trial("late"))).isInstanceOf(RejectedExecutionException.class);
        trials.release.countDown();
        Poll.until("nothing runs", Duration.ofSeconds(5), () -> scheduler.running() == 0);
        assertThat(order).containsExactly("t0");
    }

    @Test
    void closingALaneInterruptsTheTrialsItRuns() {
        TrialScheduler scheduler = new TrialScheduler(pool, 2, 2);
        TrialScheduler.Lane lane = scheduler.lane();
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        java.util.concurrent.FutureTask<Void> trial = new java.util.concurrent.FutureTask<>(() -> {
            started.countDown();
            try {
                never.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
            return null;
        });
        lane.execute(trial);
        Poll.until("the trial runs", Duration.ofSeconds(5), () -> started.getCount() == 0);
        lane.close();
        Poll.until("the trial stopped", Duration.ofSeconds(5), () -> scheduler.running() == 0);
        assertThat(trial.isCancelled()).isTrue();
        assertThat(interrupted.get()).isEqualTo(1);
    }
}

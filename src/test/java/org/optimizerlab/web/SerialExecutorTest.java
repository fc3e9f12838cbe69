package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.Poll;

/**
 * A session's task that throws anything ends that session, once, and never the pool or the other sessions; a control
 * command runs before the session's follow-ups and other sessions' turns.
 */
class SerialExecutorTest {

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "test-worker");
                thread.setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
                return thread;
            });

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void anErrorInATaskEndsItsExecutorOnceAndTheOthersGoOn() {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        SerialExecutor failing = new SerialExecutor(pool, 8, failures::add);
        SerialExecutor other = new SerialExecutor(pool, 1000, e -> { throw new AssertionError("must not fail", e); });
        AtomicInteger ranAfter = new AtomicInteger();
        StackOverflowError error = new StackOverflowError("deep");
        assertThat(failing.submitCommand(() -> { throw error; })).isTrue();
        failing.submitFollowUp(ranAfter::incrementAndGet);
        Poll.until("the failure is reported", Duration.ofSeconds(5), () -> !failures.isEmpty());
        assertThat(failures).containsExactly(error);
        assertThat(failing.isClosed()).isTrue();
        assertThat(failing.submitCommand(ranAfter::incrementAndGet)).as("a failed session takes nothing").isFalse();
        AtomicInteger otherRan = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            assertThat(other.submitCommand(otherRan::incrementAndGet)).isTrue();
        }
        Poll.until("the other session's tasks", Duration.ofSeconds(5), () -> otherRan.get() == 100);
        assertThat(ranAfter.get()).as("nothing queued behind the failure runs").isZero();
        assertThat(uncaught).isEmpty();
    }

    @Test
    void aRuntimeExceptionEndsTheSessionToo() {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        SerialExecutor failing = new SerialExecutor(pool, 8, failures::add);
        failing.submitFollowUp(() -> { throw new IllegalStateException("a bug"); });
        Poll.until("the failure is reported", Duration.ofSeconds(5), () -> failures.size() == 1);
        assertThat(failing.isClosed()).isTrue();
    }

    @Test
    void anOutOfMemoryErrorIsReportedThenRethrownToTheThreadsHandler() {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        SerialExecutor failing = new SerialExecutor(pool, 8, failures::add);
        OutOfMemoryError error = new OutOfMemoryError("test");
        failing.submitCommand(() -> { throw error; });
        Poll.until("the thread's handler sees it", Duration.ofSeconds(5), () -> !uncaught.isEmpty());
        assertThat(failures).containsExactly(error);
        assertThat(uncaught).containsExactly(error);
        SerialExecutor next = new SerialExecutor(pool, 8, failures::add);
        AtomicInteger ran = new AtomicInteger();
        next.submitCommand(ran::incrementAndGet);
        Poll.until("the pool still runs tasks", Duration.ofSeconds(5), () -> ran.get() == 1);
    }

    @Test
    void aControlRunsBehindEarlierCommandsAndAheadOfFollowUpsAndIsSeenWaiting() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        SerialExecutor serial = new SerialExecutor(pool, 8, failure -> { });
        AtomicBoolean sawControl = new AtomicBoolean();
        serial.submitFollowUp(() -> {
            await(release);
            sawControl.set(serial.controlWaiting());
            order.add("running");
        });
        serial.submitFollowUp(() -> order.add("tick"));
        serial.submitCommand(() -> order.add("start"));
        serial.submitFollowUp(() -> order.add("flush"));
        assertThat(serial.controlWaiting()).isFalse();
        assertThat(serial.submitControl(() -> order.add("pause"))).isTrue();
        assertThat(serial.submitControl(() -> order.add("speed"))).isTrue();
        serial.submitFollowUp(() -> order.add("next tick"));
        release.countDown();
        Poll.until("every task", Duration.ofSeconds(5), () -> order.size() == 7);
        assertThat(order).containsExactly("running", "tick", "start", "pause", "speed", "flush", "next tick");
        assertThat(sawControl).as("the running task saw the control waiting").isTrue();
        assertThat(serial.controlWaiting()).isFalse();
    }

    @Test
    void aControlsTurnGoesAheadOfEveryOtherSessionsTurnOnTheFairScheduler() throws Exception {
        FairScheduler scheduler = new FairScheduler(1, TimeUnit.MILLISECONDS.toNanos(34),
                task -> new Thread(task, "test-fair-worker"));
        try {
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch release = new CountDownLatch(1);
            SerialExecutor busy = new SerialExecutor(scheduler.flow(), 8, failure -> { });
            FairScheduler.Flow heavyFlow = scheduler.flow();
            heavyFlow.charge(TimeUnit.SECONDS.toNanos(10));               // it has had far more than its share
            SerialExecutor heavy = new SerialExecutor(heavyFlow, 8, failure -> { });
            busy.submitFollowUp(() -> await(release));                   // holds the only worker
            for (int i = 0; i < 5; i++) {
                int n = i;
                new SerialExecutor(scheduler.flow(), 8, failure -> { }).submitFollowUp(() -> order.add("other " + n));
            }
            heavy.submitFollowUp(() -> order.add("heavy tick"));
            heavy.submitControl(() -> order.add("heavy pause"));
            release.countDown();
            Poll.until("every turn", Duration.ofSeconds(5), () -> order.size() == 7);
            assertThat(order.get(0)).isEqualTo("heavy pause");
            assertThat(order.get(6)).as("its follow-up keeps its fair place").isEqualTo("heavy tick");
        } finally {
            scheduler.pool().shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

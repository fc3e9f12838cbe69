package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.Poll;

/** A session's task that throws anything ends that session, once, and never the pool or the other sessions. */
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
}

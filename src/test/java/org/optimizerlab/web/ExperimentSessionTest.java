package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.Poll;

/** The session, its serial executor and its rate limiter, without a socket. */
class ExperimentSessionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicInteger workerCount = new AtomicInteger();
    private final ExecutorService workers = Executors.newFixedThreadPool(2,
            r -> new Thread(r, "test-worker-" + workerCount.incrementAndGet()));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-timer"));

    @AfterEach
    void stop() {
        workers.shutdownNow();
        timer.shutdownNow();
    }

    /** Records what the session sends and on which thread. */
    static final class Recorder implements Outbound {
        final List<String> threads = new ArrayList<>();
        final List<JsonNode> messages = new ArrayList<>();

        @Override
        public synchronized void send(String text) {
            threads.add(Thread.currentThread().getName());
            try {
                messages.add(JSON.readTree(text));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public long pendingBytes() {
            return 0;
        }

        synchronized boolean has(String type) {
            return messages.stream().anyMatch(m -> m.get("type").asText().equals(type));
        }
    }

    @Test
    void aStartsFirstPointsGoOutInTheSameTurnAsStarted() throws Exception {
        java.util.ArrayDeque<Runnable> turns = new java.util.ArrayDeque<>();   // a pool that runs a turn when told
        Recorder out = new Recorder();
        SearchService searches = new SearchService(1, new TrialScheduler(workers, 1, 1), Thread::new);
        ExperimentSession session = new ExperimentSession(out, new SerialExecutor(turns::add, 8, failure -> { }),
                timer, ServerLimits.DEFAULT, JSON, searches);
        session.submit(ClientMessage.parse(ExperimentSocketTest.start(
                ExperimentSocketTest.spec(200, ExperimentSocketTest.TWO_RUNS), false), 5000));
        assertThat(turns).hasSize(1);
        turns.poll().run();                                      // the start's turn, and no other
        synchronized (out) {
            assertThat(out.messages).extracting(m -> m.get("type").asText())
                    .containsExactly("started", "status", "frames");
            assertThat(out.messages.get(1).get("state").asText()).isEqualTo("running");
            assertThat(out.messages.get(2).get("points").get("sgd")).hasSize(1);
        }
    }

    @Test
    void everyCommandRunsOnAWorkerNeverOnTheCallersThread() throws Exception {
        Recorder out = new Recorder();
        SearchService searches = new SearchService(1, new TrialScheduler(workers, 1, 1), Thread::new);
        ExperimentSession session = new ExperimentSession(out, new SerialExecutor(workers, 8, failure -> { }), timer,
                ServerLimits.DEFAULT, JSON, searches);
        String spec = ExperimentSocketTest.spec(200, ExperimentSocketTest.TWO_RUNS);
        assertThat(session.submit(ClientMessage.parse(ExperimentSocketTest.speed(5000), 5000))).isTrue();
        assertThat(session.submit(ClientMessage.parse(ExperimentSocketTest.start(spec, false), 5000))).isTrue();
        Poll.until("done", Duration.ofSeconds(15), () -> out.has("done"));
        synchronized (out) {
            assertThat(out.threads).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("test-worker-"));
        }
        assertThat(session.hasExperiment()).isTrue();
        assertThat(session.isRunning()).isFalse();
        session.close();
        assertThat(session.hasExperiment()).isFalse();
        assertThat(session.submit(new ClientMessage.Reset())).as("a closed session takes nothing").isFalse();
    }

    @Test
    void aSerialExecutorRunsTasksOneAtATimeInOrder() throws Exception {
        SerialExecutor serial = new SerialExecutor(workers, 10_000, failure -> { });
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Integer> order = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 2000; i++) {
            int n = i;
            Runnable task = () -> {
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                order.add(n);                                  // unsynchronised on purpose: confinement makes it safe
                running.decrementAndGet();
                if (n == 1999) {
                    done.countDown();
                }
            };
            assertThat(i % 2 == 0 ? serial.submitCommand(task) : serial.submitFollowUp(task)).isTrue();
        }
        assertThat(done.await(15, TimeUnit.SECONDS)).isTrue();
        assertThat(overlaps.get()).isZero();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            expected.add(i);
        }
        synchronized (serial) {
            assertThat(order).isEqualTo(expected);
        }
    }

    @Test
    void aSerialExecutorBoundsWaitingCommandsAndDropsThemWhenClosed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        SerialExecutor serial = new SerialExecutor(workers, 3, failure -> { });
        AtomicInteger ran = new AtomicInteger();
        serial.submitCommand(() -> {
            started.countDown();
            try {
                release.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(started.await(15, TimeUnit.SECONDS)).isTrue();
        assertThat(serial.submitCommand(ran::incrementAndGet)).isTrue();
        assertThat(serial.submitCommand(ran::incrementAndGet)).isTrue();
        assertThat(serial.submitCommand(ran::incrementAndGet)).isTrue();
        assertThat(serial.submitCommand(ran::incrementAndGet)).as("a fourth waiting command").isFalse();
        assertThat(serial.submitFollowUp(ran::incrementAndGet)).as("follow-ups are not counted").isTrue();
        serial.close();
        release.countDown();
        assertThat(serial.submitFollowUp(ran::incrementAndGet)).isFalse();
        CountDownLatch after = new CountDownLatch(1);
        workers.execute(after::countDown);
        workers.execute(after::countDown);
        assertThat(after.await(15, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.get()).as("nothing queued ran after close").isZero();
    }

    @Test
    void theRateLimiterAllowsABurstThenTheRateAndReportsOncePerSecond() {
        long second = 1_000_000_000L;
        RateLimiter limiter = new RateLimiter(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(0)).isTrue();
        }
        assertThat(limiter.tryAcquire(0)).isFalse();
        assertThat(limiter.tryAcquire(second / 20)).isFalse();               // half a token
        assertThat(limiter.tryAcquire(second / 10)).isTrue();                // one token after 0.1 s at 10/s
        assertThat(limiter.tryAcquire(10 * second)).isTrue();                // refilled, but only up to the burst
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.tryAcquire(10 * second)).isTrue();
        }
        assertThat(limiter.tryAcquire(10 * second)).isFalse();
        assertThat(limiter.shouldReport(0)).isTrue();
        assertThat(limiter.shouldReport(second / 2)).isFalse();
        assertThat(limiter.shouldReport(second)).isTrue();
    }
}

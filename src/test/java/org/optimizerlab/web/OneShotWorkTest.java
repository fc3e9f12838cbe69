package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The slots of the one-shot computations: at most so many at once, a bounded wait, then a refusal. */
class OneShotWorkTest {

    @Test
    void aRequestThatFindsEverySlotTakenWaitsBrieflyThenIsRefused() throws Exception {
        OneShotWork work = new OneShotWork(1024, 1, Duration.ofMillis(100));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Optional<String>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return work.inSlot(() -> {
                    holding.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "first";
                });
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicInteger ran = new AtomicInteger();
        assertThat(work.inSlot(ran::incrementAndGet)).as("the one slot is taken").isEmpty();
        assertThat(ran.get()).isZero();
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).contains("first");
        assertThat(work.inSlot(ran::incrementAndGet)).contains(1);
    }
}

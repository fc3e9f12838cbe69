package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optimizerlab.search.SearchReader;
import org.optimizerlab.search.SearchResult;
import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.search.Trial;
import org.optimizerlab.testing.LogCapture;
import org.optimizerlab.testing.Poll;

/** The search service when a search fails inside the engine (a bug, since specs are checked up front). */
class SearchServiceTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aFailingSearchIsReportedOnceAndLoggedAsOneLineWithoutAStackTrace() {
        SearchSpec valid = SearchReader.read("""
                {"problem": {"type": "softmax-spiral", "points_per_class": 10}, "epochs": 2,
                 "optimizer": {"type": "sgd"}, "search": {"trials": 6, "lr": [1e-3, 1e-1]}}""");
        // every trial fails as an engine bug would: the spec is valid, the optimizer throws when a trial builds it
        SearchSpec failing = new SearchSpec(valid.problem(), valid.seed(), valid.epochs(), valid.batchSize(), lr -> {
            throw new IllegalStateException("an engine bug at lr " + lr);
        }, valid.schedule(), valid.trials(), valid.lr(), valid.reg(), valid.dropout(), valid.refine());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Trial> trials = new CopyOnWriteArrayList<>();
        try (LogCapture log = LogCapture.start();
             SearchService service = new SearchService(1, new TrialScheduler(pool, 2, 2), Thread::new)) {
            service.start(failing, new SearchService.Listener() {
                @Override
                public void trial(Trial trial) {
                    trials.add(trial);
                }

                @Override
                public void done(SearchResult result) {
                    throw new AssertionError("a failing search cannot be done");
                }

                @Override
                public void failed(RuntimeException error) {
                    failure.set(error);
                }
            }).orElseThrow();
            Poll.until("the search fails", Duration.ofSeconds(10), () -> failure.get() != null);
            Poll.until("the search's permit is back", Duration.ofSeconds(10), () -> service.running() == 0);
            assertThat(trials).isEmpty();
            List<String> lines = log.text().lines().filter(line -> line.contains("SearchService")).toList();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).contains("ERROR", "a search of 6 trials failed",
                    "IllegalStateException: an engine bug at lr", " at org.optimizerlab.");
            assertThat(log.hasStackTrace()).as(log.text()).isFalse();
        }
    }

    @Test
    void aSearchStartedTheMomentTheLastOneIsDoneFindsItsPlaceFreeAndIsNeverRefused() {
        SearchSpec tiny = SearchReader.read("""
                {"problem": {"type": "softmax-spiral", "points_per_class": 10}, "epochs": 1,
                 "optimizer": {"type": "sgd"}, "search": {"trials": 2, "lr": [1e-3, 1e-1]}}""");
        List<String> events = new CopyOnWriteArrayList<>();
        try (SearchService service = new SearchService(1, new TrialScheduler(pool, 2, 2), Thread::new)) {
            // the owner of a search starts the next one from inside `done`, on the finishing coordinator's thread:
            // the one place of this service must be free by then, and the hand-off to a coordinator not refused
            class Chain implements SearchService.Listener {
                private final int left;

                Chain(int left) {
                    this.left = left;
                }

                @Override
                public void trial(Trial trial) {
                }

                @Override
                public void done(SearchResult result) {
                    events.add("done");
                    if (left > 0) {
                        try {
                            events.add(service.start(tiny, new Chain(left - 1)).isPresent() ? "started" : "refused");
                        } catch (RuntimeException e) {
                            events.add("failed: " + e.getClass().getSimpleName());
                        }
                    }
                }

                @Override
                public void failed(RuntimeException error) {
                    events.add("failed: " + error);
                }
            }
            service.start(tiny, new Chain(5)).orElseThrow();
            Poll.until("six searches one after the other", Duration.ofSeconds(20),
                    () -> events.stream().filter("done"::equals).count() == 6 || events.stream()
                            .anyMatch(e -> !e.equals("done") && !e.equals("started")));
            assertThat(events).containsExactly("done", "started", "done", "started", "done", "started", "done",
                    "started", "done", "started", "done");
        }
    }
}

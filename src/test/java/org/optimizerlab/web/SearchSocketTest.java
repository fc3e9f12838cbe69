package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.web.ExperimentSocketTest.awaitError;
import static org.optimizerlab.web.ExperimentSocketTest.roundTrip;
import static org.optimizerlab.web.ExperimentSocketTest.start;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optimizerlab.lesson.WorkLimits;
import org.optimizerlab.search.Search;
import org.optimizerlab.search.SearchReader;
import org.optimizerlab.search.SearchResult;
import org.optimizerlab.testing.LogCapture;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.TestLimits;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/**
 * Hyperparameter searches over the experiment WebSocket on a real port: the messages of a search, what pause, step
 * and reset do to one, its bounds, and that a closed or replaced search gives its workers back.
 */
class SearchSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A search of {@code trials} (and {@code refine} more) small networks trained for {@code epochs}. */
    static String search(int trials, int refine, int epochs, int hidden) {
        String round = refine > 0 ? ", \"refine\": {\"trials\": " + refine + "}" : "";
        return """
                {"problem": {"type": "mlp-spiral", "hidden": %d, "points_per_class": 50}, "seed": 7, "epochs": %d,
                 "batch_size": 30, "optimizer": {"type": "adam"},
                 "search": {"trials": %d, "lr": [1e-4, 1], "reg": [1e-5, 0.1]%s}}""".formatted(hidden, epochs, trials, round);
    }

    /** The same search on 1000 points per class (2400 training points): seconds of work. */
    static String bigger(String search) {
        return search.replace("\"points_per_class\": 50", "\"points_per_class\": 1000");
    }

    /** A search that takes far longer than any test waits: it runs until the test stops it. */
    static final String LONG = search(50, 0, 1000, 200);

    static ServerLimits limits(int workerThreads, int maxSearches) {
        return TestLimits.workers(workerThreads, maxSearches).withWork(WorkLimits.ENGINE);
    }

    static JsonNode health(TestServer server) {
        try {
            return JSON.readTree(server.get("/healthz").body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits until no search and no trial runs on the server. */
    static void awaitIdle(TestServer server) {
        Poll.until("no search or trial running", Duration.ofSeconds(15), () -> {
            JsonNode health = health(server);
            return health.get("searches").asInt() == 0 && health.get("trials").asInt() == 0;
        });
    }

    static List<JsonNode> of(WsClient client, String type, int experiment) {
        return client.ofType(type).stream().filter(m -> m.get("experiment").asInt() == experiment).toList();
    }

    /** Two workers and at most two searches: the server of the protocol's ordinary behaviour. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Protocol {
        TestServer server;

        @BeforeAll
        void startServer() {
            server = TestServer.start(TestServer.config(limits(2, 2)));
        }

        @AfterAll
        void stopServer() {
            server.close();
        }

        @Test
        void aPausedSearchWaitsThenReportsEveryTrialTheFineRoundAndTheBest() throws Exception {
            String spec = search(6, 3, 15, 20);
            try (WsClient client = WsClient.connect(server)) {
                client.send(start(spec, true));
                JsonNode started = client.await("started", 0);
                assertThat(started.get("kind").asText()).isEqualTo("search");
                assertThat(started.get("trials").asInt()).isEqualTo(9);
                assertThat(started.get("firstRound").asInt()).isEqualTo(6);
                assertThat(started.get("epochs").asInt()).isEqualTo(15);
                assertThat(started.get("optimizer").get("type").asText()).isEqualTo("adam");
                assertThat(started.get("optimizer").has("lr")).isFalse();
                assertThat(started.get("ranges").get("lr").toString()).isEqualTo("[1.0E-4,1.0]");
                assertThat(started.get("ranges").get("dropout").toString()).isEqualTo("[0.0,0.0]");
                assertThat(started.get("refine").get("trials").asInt()).isEqualTo(3);
                assertThat(started.get("problem").get("parameters").get("hidden").asInt()).isEqualTo(20);
                JsonNode status = client.await("status", 0);
                assertThat(status.get("state").asText()).isEqualTo("paused");
                assertThat(status.get("step").asInt()).isZero();
                assertThat(health(server).get("searches").asInt()).as("a paused search does not run").isZero();

                int from = client.count();
                client.send("{\"type\": \"resume\"}");
                JsonNode done = client.await("done", from);
                List<JsonNode> trials = client.ofType("trial");
                assertThat(trials).hasSize(9);
                assertThat(trials).extracting(t -> t.get("finished").asInt()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
                assertThat(trials).extracting(t -> t.get("trial").asInt()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8);
                JsonNode round = client.await("round", from);
                int roundAt = client.received().stream().map(WsClient.Received::message).toList().indexOf(round);
                for (JsonNode trial : trials) {
                    int at = client.received().stream().map(WsClient.Received::message).toList().indexOf(trial);
                    assertThat(trial.get("round").asInt()).as("trial " + trial.get("trial")).isEqualTo(at < roundAt ? 1 : 2);
                    assertThat(trial.get("val_accuracy").asDouble()).isBetween(0.0, 1.0);
                }
                SearchResult engine = Search.run(SearchReader.read(spec), Runnable::run, t -> { });
                assertThat(round.get("best").asInt()).as("the first round's best")
                        .isEqualTo(engine.trials().subList(0, 6).stream().min(org.optimizerlab.search.Trial.BEST_FIRST)
                                .orElseThrow().index());
                double bestLr = engine.trials().get(round.get("best").asInt()).lr();
                JsonNode fine = round.get("ranges").get("lr");
                assertThat(fine.get(0).asDouble()).isLessThanOrEqualTo(bestLr);
                assertThat(fine.get(1).asDouble()).isGreaterThanOrEqualTo(bestLr);
                assertThat(fine.get(1).asDouble() / fine.get(0).asDouble()).as("a quarter of 4 decades, or less")
                        .isLessThanOrEqualTo(Math.pow(10, 1) * 1.0001);
                assertThat(done.get("trials").asInt()).isEqualTo(9);
                assertThat(done.get("best").get("trial").asInt()).as("the same best as the engine's")
                        .isEqualTo(engine.best().index());
                assertThat(done.get("best").get("val_accuracy").asDouble()).isEqualTo(engine.best().validationAccuracy());
                JsonNode last = client.await("the final status", from, m -> "status".equals(m.get("type").asText())
                        && "done".equals(m.get("state").asText()));
                assertThat(last.get("step").asInt()).isEqualTo(9);
                awaitIdle(server);
            }
        }

        @Test
        void pauseAndStepAreErrorsNamingTypeAndTheSearchGoesOn() {
            try (WsClient client = WsClient.connect(server)) {
                client.send(start(search(4, 0, 10, 10), false));
                client.await("started", 0);
                int from = client.count();
                client.send("{\"type\": \"pause\"}");
                JsonNode error = awaitError(client, from);
                assertThat(error.get("field").asText()).isEqualTo("type");
                assertThat(error.get("message").asText()).isEqualTo("type: a search cannot be paused; send reset to "
                        + "stop it, or start to replace it");
                from = client.count();
                client.send("{\"type\": \"step\", \"n\": 1}");
                assertThat(awaitError(client, from).get("message").asText())
                        .isEqualTo("type: a search has no single steps; send resume to run it");
                client.await("done", 0);
                from = client.count();
                client.send("{\"type\": \"resume\"}");
                assertThat(awaitError(client, from).get("message").asText())
                        .isEqualTo("type: the experiment is done; send reset or start");
                assertThat(client.ofType("trial")).hasSize(4);
            }
        }

        @Test
        void resetCancelsTheSearchAndWaitsAtTrialZero() {
            try (WsClient client = WsClient.connect(server)) {
                client.send(start(LONG, false));
                client.await("started", 0);
                Poll.until("the search runs", Duration.ofSeconds(10), () -> health(server).get("trials").asInt() > 0);
                int from = client.count();
                client.send("{\"type\": \"reset\"}");
                JsonNode again = client.await("started", from);
                assertThat(again.get("experiment").asInt()).isEqualTo(2);
                JsonNode status = client.await("status", from);
                assertThat(status.get("state").asText()).isEqualTo("paused");
                assertThat(status.get("experiment").asInt()).isEqualTo(2);
                awaitIdle(server);
                roundTrip(client, 30);
                List<JsonNode> messages = client.received().stream().map(WsClient.Received::message).toList();
                List<JsonNode> afterReset = messages.subList(messages.indexOf(again), messages.size());
                assertThat(afterReset).as("no trial of the cancelled search after the reset")
                        .noneMatch(m -> "trial".equals(m.get("type").asText()));
            }
        }

        @Test
        void aRaceReplacesASearchAndASearchReplacesARace() {
            try (WsClient client = WsClient.connect(server)) {
                client.send(start(LONG, false));
                client.await("started", 0);
                int from = client.count();
                client.send(start(ExperimentSocketTest.spec(50, ExperimentSocketTest.TWO_RUNS), false));
                JsonNode race = client.await("started", from);
                assertThat(race.get("kind").asText()).isEqualTo("race");
                client.await("done", from);
                awaitIdle(server);
                from = client.count();
                client.send(start(search(3, 0, 5, 10), false));
                assertThat(client.await("started", from).get("kind").asText()).isEqualTo("search");
                JsonNode done = client.await("done", from);
                assertThat(done.get("experiment").asInt()).isEqualTo(3);
            }
        }

        /** Two workers: a search uses one, so a race beside it keeps running; closing the socket frees everything. */
        @Test
        void aSearchNeverTakesEveryWorkerAndClosingTheSocketCancelsIt() {
            awaitIdle(server);
            try (WsClient searcher = WsClient.connect(server); WsClient racer = WsClient.connect(server)) {
                searcher.send(start(LONG, false));
                searcher.await("started", 0);
                Poll.until("the search runs a trial", Duration.ofSeconds(10), () -> health(server).get("trials").asInt() == 1);
                racer.send(ExperimentSocketTest.speed(5000)).send(start(ExperimentSocketTest.spec(2000,
                        ExperimentSocketTest.TWO_RUNS), false));
                racer.await("done", 0);
                assertThat(health(server).get("trials").asInt()).as("at most one trial at a time for one search")
                        .isLessThanOrEqualTo(1);
                assertThat(health(server).get("searches").asInt()).as("the search still runs").isEqualTo(1);
                searcher.close();
                awaitIdle(server);
                Poll.until("only the racer's session left", Duration.ofSeconds(10),
                        () -> health(server).get("sessions").asInt() == 1);
            }
        }

        @Test
        void anActivationStudyIsNotAWebSocketExperiment() {
            try (WsClient client = WsClient.connect(server)) {
                client.send(start("{\"problem\": {\"type\": \"deep-activations\"}}", false));
                JsonNode error = awaitError(client, 0);
                assertThat(error.get("field").asText()).isEqualTo("spec");
                assertThat(error.get("message").asText()).contains("POST /api/activations");
            }
        }

        static Stream<Arguments> badSearches() {
            String ok = search(4, 0, 10, 10);
            return Stream.of(
                    Arguments.of(ok.replace("\"trials\": 4", "\"trials\": 101"), "spec.search.trials",
                            "spec.search.trials: must be an integer in 1..100, got 101"),
                    Arguments.of(ok.replace("\"epochs\": 10", "\"epochs\": 0"), "spec.epochs",
                            "spec.epochs: must be an integer in 1..1000, got 0"),
                    Arguments.of(ok.replace("{\"type\": \"adam\"}", "{\"type\": \"adam\", \"lr\": 0.1}"),
                            "spec.optimizer.lr", "spec.optimizer.lr: is drawn by the search"),
                    Arguments.of(ok.replace("\"lr\": [1e-4, 1]", "\"lr\": [0, 1]"), "spec.search.lr[0]",
                            "spec.search.lr[0]: must be > 0 (drawn on a log scale), got 0"),
                    Arguments.of(ok.replace("\"type\": \"mlp-spiral\"", "\"type\": \"linear-regression\"")
                                    .replace("\"hidden\": 10, \"points_per_class\": 50", "\"n\": 100"),
                            "spec.problem.type", "spec.problem.type: a search trains mlp-spiral, softmax-spiral or a csv table"),
                    Arguments.of(ok.replace("\"search\": {", "\"search\": {\"budget\": 3, "), "spec.search.budget",
                            "spec.search.budget: unknown field"),
                    // ranges whose trials the problem would refuse: refused up front, not trial after failed trial
                    Arguments.of(ok.replace("\"reg\": [1e-5, 0.1]", "\"dropout\": [-0.5, 0]"), "spec.search.dropout[0]",
                            "spec.search.dropout[0]: must be in [0, 0.9], got -0.5"),
                    Arguments.of(ok.replace("\"reg\": [1e-5, 0.1]", "\"reg\": [1e-3, 150]"), "spec.search.reg[1]",
                            "spec.search.reg[1]: must be in [0, 100], got 150"));
        }

        @ParameterizedTest
        @MethodSource("badSearches")
        void aBadSearchIsAnErrorNamingTheFieldAndTheSessionStaysUsable(String spec, String field, String message) {
            try (LogCapture log = LogCapture.start(); WsClient client = WsClient.connect(server)) {
                client.send(start(spec, false));
                JsonNode error = awaitError(client, 0);
                assertThat(error.get("field").asText()).isEqualTo(field);
                assertThat(error.get("message").asText()).startsWith(message).doesNotContain("java.", "Exception");
                assertThat(log.hasStackTrace()).as(log.text()).isFalse();
                int from = client.count();
                client.send(start(search(2, 0, 5, 10), false));
                assertThat(client.await("done", from).get("trials").asInt()).isEqualTo(2);
            }
        }
    }

    /** The server's search limits, from its configuration. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Limits {
        TestServer server;

        @BeforeAll
        void startServer() {
            server = TestServer.start(TestServer.config(TestLimits.workers(2, 1).withWork(
                    new WorkLimits(1_000_000L, 10, 50, 2_000_000_000L, WorkLimits.DEFAULT_MAX_UPDATE_WORK))));
        }

        @AfterAll
        void stopServer() {
            server.close();
        }

        static Stream<Arguments> overLimit() {
            return Stream.of(
                    Arguments.of(search(8, 4, 10, 10), "spec.search.refine.trials",
                            "spec.search.refine.trials: all trials (both rounds) must be at most 10 on this server, got 12"),
                    Arguments.of(search(11, 0, 10, 10), "spec.search.trials",
                            "spec.search.trials: all trials (both rounds) must be at most 10 on this server, got 11"),
                    Arguments.of(search(4, 0, 51, 10), "spec.epochs", "spec.epochs: must be at most 50 on this server, got 51"),
                    Arguments.of(bigger(search(10, 0, 50, 400)), "spec.search.trials", "spec.search.trials: trials * "
                            + "epochs * training points * parameters must be at most 2000000000 on this server, got "
                            + "10 * 50 * 2400 * 2403 = 2883600000"));
        }

        @Test
        void searchesStartedAgainTheMomentTheyAreDoneAreNeverRefusedAtTheLimit() throws Exception {
            // the limit here is 1 search at once: a client that starts its next search as soon as it reads `done`
            // must find the place free, and the coordinator's hand-off must never be refused
            try (WsClient client = WsClient.connect(server)) {
                String tiny = search(2, 0, 1, 5);
                for (int round = 1; round <= 15; round++) {
                    int from = client.count();
                    client.send(start(tiny, false));
                    int experiment = round;
                    client.await("done of search " + round, from, m -> m.path("type").asText().equals("done")
                            && m.path("experiment").asInt() == experiment);
                }
                assertThat(client.ofType("error")).as("no 'busy' refusal and no failure").isEmpty();
                assertThat(client.ofType("done")).hasSize(15);
            }
        }

        @ParameterizedTest
        @MethodSource("overLimit")
        void aSearchBeyondTheServersLimitsIsRefused(String spec, String field, String message) {
            try (WsClient client = WsClient.connect(server)) {
                client.send(start(spec, false));
                JsonNode error = awaitError(client, 0);
                assertThat(error.get("field").asText()).isEqualTo(field);
                assertThat(error.get("message").asText()).startsWith(message);
                assertThat(client.ofType("started")).isEmpty();
            }
        }

        @Test
        void whenTheServerRunsAllTheSearchesItMayTheNextWaitsAndSaysSo() {
            try (WsClient first = WsClient.connect(server); WsClient second = WsClient.connect(server)) {
                first.send(start(bigger(search(10, 0, 50, 100)), false));
                first.await("started", 0);
                Poll.until("the first search runs", Duration.ofSeconds(10), () -> health(server).get("searches").asInt() == 1);
                second.send(start(search(2, 0, 5, 10), false));
                JsonNode error = awaitError(second, 0);
                assertThat(error.get("field").asText()).isEmpty();
                assertThat(error.get("message").asText()).isEqualTo("the server is running as many searches as it "
                        + "may at once (1); press Start again in a moment");
                JsonNode status = second.await("status", 0);
                assertThat(status.get("state").asText()).isEqualTo("paused");
                first.send("{\"type\": \"reset\"}");
                awaitIdle(server);
                int from = second.count();
                second.send("{\"type\": \"resume\"}");
                assertThat(second.await("done", from).get("trials").asInt()).isEqualTo(2);
            }
        }
    }
}

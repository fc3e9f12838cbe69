package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.web.ExperimentSocketTest.points;
import static org.optimizerlab.web.ExperimentSocketTest.speed;
import static org.optimizerlab.web.ExperimentSocketTest.start;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.optimizerlab.cli.RunCommand;
import org.optimizerlab.testing.LogCapture;
import org.optimizerlab.testing.Poll;
import org.optimizerlab.testing.TestServer;
import org.optimizerlab.testing.WsClient;

/**
 * Thousands of generated hostile messages of every kind, slow readers, silent sockets and more connections than one
 * address may hold, thrown at a real server while one student runs a race: every bad message is answered with an
 * error naming its field (or a documented close), nothing reaches the log as a stack trace, the student's points
 * are the command line's to the last digit, and the heap is back where it started.
 */
class HostileClientsTest {

    private static final int HOSTILE_CONNECTIONS = 20;
    private static final int MESSAGES_EACH = 260;
    private static final int MESSAGE_LIMIT = 4096;
    /** The fields of errors the session's worker finds (the others are found on the socket's thread). */
    private static final java.util.regex.Pattern WORKER_FIELDS = java.util.regex.Pattern.compile("spec.*|type");

    /** A hostile message and the field its error must name. */
    record Bad(String text, String field) {
    }

    static String race(String optimizer) {
        return "{\"problem\": {\"type\": \"quadratic\"}, \"steps\": 50, \"runs\": [{\"id\": \"a\", \"optimizer\": "
                + optimizer + "}]}";
    }

    /** Every kind of bad message, drawn at random. */
    static final List<IntFunction<Bad>> KINDS = List.of(
            r -> new Bad("{\"type\": \"start\"" + " ".repeat(r % 50), ""),
            r -> new Bad("[1, 2, " + r + "]", ""),
            r -> new Bad("{\"type\": " + r + "}", "type"),
            r -> new Bad("{\"type\": \"jump" + "x".repeat(r % 3000) + "\"}", "type"),
            r -> new Bad("{\"type\": \"step\", \"n\": -" + r + "}", "n"),
            r -> new Bad("{\"type\": \"step\", \"n\": \"" + r + "\"}", "n"),
            r -> new Bad("{\"type\": \"speed\", \"stepsPerSecond\": 1e" + (9 + r % 300) + "}", "stepsPerSecond"),
            r -> new Bad("{\"type\": \"pause\", \"x" + r + "\": 1}", "x" + r),
            r -> new Bad("{\"type\": \"" + List.of("pause", "resume", "step", "reset").get(r % 4) + "\"}", "type"),
            r -> new Bad(start(race("{\"type\": \"sgd\", \"lr\": -" + (r + 1) + "}"), false),
                    "spec.runs[0].optimizer.lr"),
            r -> new Bad(start(race("{\"type\": \"momentum\", \"lr\": 0.1, \"mu\": " + (1 + r) + "}"), false),
                    "spec.runs[0].optimizer.mu"),
            r -> new Bad(start(race("{\"type\": \"adamw" + r + "\", \"lr\": 0.1}"), false),
                    "spec.runs[0].optimizer.type"),
            r -> new Bad(start(race("{\"type\": \"sgd\", \"lr\": null}"), false), "spec.runs[0].optimizer.lr"),
            r -> new Bad(start("{\"problem\": {\"type\": \"quadratic\"}, \"steps\": " + (2_000_000 + r)
                    + ", \"runs\": [{\"id\": \"a\", \"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1}}]}", false),
                    "spec.steps"),
            r -> new Bad(start("{\"problem\": {\"type\": \"deep-activations\"}}", false), "spec"),
            r -> new Bad("{\"type\": \"start\", \"spec\": \"" + r + "\"}", "spec"),
            r -> new Bad("{\"type\": \"pause\", \"pad\": \"" + "p".repeat(MESSAGE_LIMIT + r % 100) + "\"}", ""),
            r -> new Bad(start("{\"problem\": {\"type\": \"mlp-spiral\", \"classes\": 4, \"points_per_class\": "
                    + (1000 + r % 100) + ", \"hidden\": 250}, \"steps\": 5, \"runs\": [" + eightAdamRuns() + "]}",
                    false), "spec.problem"));

    static String eightAdamRuns() {
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add("{\"id\": \"r" + i + "\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.01}}");
        }
        return String.join(", ", runs);
    }

    @Test
    void thousandsOfHostileMessagesBesideAStudentWhoseNumbersStayExact() throws Exception {
        ServerLimits d = ServerLimits.DEFAULT;
        ServerLimits limits = new ServerLimits(100, d.maxSteps(), d.maxRuns(), MESSAGE_LIMIT, 5000, 5000,
                d.maxStepsPerSecond(), d.maxPointsPerRun(), d.workerThreads(), d.maxSearches(), d.work(),
                // Idle after 10 s: long enough that no connection of the attack goes idle while the 25 connect on a
                // loaded machine (at 3 s the first were closed, a place freed and the 26th admitted, not refused).
                new ConnectionLimits(HOSTILE_CONNECTIONS + 5, 256 * 1024, Duration.ofSeconds(2), Duration.ofSeconds(10)));
        long heapBefore;
        long heapAfter;
        LogCapture log = null;
        LogCapture ours = null;
        try (TestServer server = TestServer.start(TestServer.config(limits))) {
            try (WsClient warmUp = WsClient.connect(server)) {           // classes loaded, caches filled
                warmUp.send(speed(5000)).send(start(ConnectionBoundsTest.wideRace(2, 100), false)).await("done", 0);
                for (IntFunction<Bad> kind : KINDS) {
                    warmUp.send(kind.apply(1).text());
                }
                Poll.until("the warm-up errors", WsClient.TIMEOUT, () -> warmUp.ofType("error").size() == KINDS.size());
            }
            Poll.until("the warm-up connection is freed", Duration.ofSeconds(10),
                    () -> ConnectionBoundsTest.health(server).get("sessions").asInt() == 0);
            heapBefore = usedHeapAfterGc();
            log = LogCapture.start();                                    // every logger, warnings and errors
            ours = LogCapture.info("org.optimizerlab");                   // the server's own lines from INFO up
            attack(server);
            Poll.until("every connection is freed", Duration.ofSeconds(10),
                    () -> ConnectionBoundsTest.health(server).get("sessions").asInt() == 0);
            heapAfter = usedHeapAfterGc();
        } finally {
            if (log != null) {
                log.close();
            }
            if (ours != null) {
                ours.close();
            }
        }
        String logged = log.text() + ours.text();
        assertThat(ours.lines()).as("the server's lines are captured").anySatisfy(line ->
                assertThat(line).startsWith("experiment connection from 127.0.0.1 opened"));
        assertThat(logged).as("no stack trace in the log").doesNotContain("\tat ", "Exception:", "Caused by:");
        assertThat(ours.lines().size() + log.lines().size())
                .as("log lines for 5,200 bad messages and 26 connections from one address (bounded per address)")
                .isLessThan(100);
        assertThat(heapAfter - heapBefore).as("the server's heap after the attack, all closed, vs before, bytes")
                .isLessThan(4L << 20);
    }

    /** The attack and the student beside it; returns with every client closed and unreachable. */
    private static void attack(TestServer server) throws Exception {
        String studentSpec = "{\"problem\": {\"type\": \"rosenbrock\"}, \"start\": [-1.5, 2.0], \"steps\": 3000, "
                + "\"runs\": [{\"id\": \"adam\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.05}}, "
                + "{\"id\": \"momentum\", \"optimizer\": {\"type\": \"momentum\", \"lr\": 0.001, \"mu\": 0.9}}]}";
        try (WsClient student = WsClient.connect(server)) {
            student.send(speed(2000)).send(start(studentSpec, false));

            List<WsClient> hostile = new ArrayList<>();
            List<List<Bad>> sent = new ArrayList<>();
            for (int c = 0; c < HOSTILE_CONNECTIONS; c++) {
                hostile.add(WsClient.connect(server));
                sent.add(new ArrayList<>());
            }
            // a tab that never reads and floods steps of a wide race; silent sockets; one address's cap
            WsClient notReading = WsClient.connectNotReading(server);
            notReading.send(speed(5000)).send(start(ConnectionBoundsTest.wideRace(8, 50_000), false));
            WsClient silent = WsClient.connect(server);
            WsClient extra = WsClient.connect(server);                // 24 from this address
            WsClient last = WsClient.connect(server);                 // 25: the cap
            try (WsClient over = WsClient.connect(server)) {
                assertThat(over.awaitClose()).isEqualTo(ExperimentHub.POLICY_VIOLATION);
                assertThat(over.closeReason()).isEqualTo("too many sessions from your address (at most 25)");
            }
            List<WsClient> alive = new ArrayList<>(hostile);
            alive.addAll(List.of(student, extra, last));
            ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
            pinger.scheduleWithFixedDelay(() -> alive.forEach(c -> c.send("{\"type\": \"ping\"}")), 500, 500,
                    TimeUnit.MILLISECONDS);

            Random random = new Random(42);
            for (int i = 0; i < MESSAGES_EACH; i++) {
                for (int c = 0; c < HOSTILE_CONNECTIONS; c++) {
                    Bad bad = KINDS.get(random.nextInt(KINDS.size())).apply(random.nextInt(1_000_000));
                    hostile.get(c).send(bad.text());
                    sent.get(c).add(bad);
                }
                if (i % 20 == 0) {
                    hostile.get(i % HOSTILE_CONNECTIONS).sendBinary(new byte[] {1, 2, 3});
                    sent.get(i % HOSTILE_CONNECTIONS).add(new Bad("(binary)", ""));
                }
            }

            int total = 0;
            for (int c = 0; c < HOSTILE_CONNECTIONS; c++) {
                WsClient client = hostile.get(c);
                List<Bad> expected = sent.get(c);
                total += expected.size();
                Poll.until("an error for each of " + expected.size() + " bad messages", Duration.ofSeconds(30),
                        () -> client.ofType("error").size() >= expected.size());
                // a command that finds 64 others waiting for the worker is answered "slow down" (field "")
                // instead of being run: it replaces exactly one of the errors the worker would have sent
                List<JsonNode> errors = client.ofType("error");
                long busy = errors.stream().filter(e -> e.get("message").asText()
                        .equals("too many commands are waiting; slow down")).count();
                Map<String, Long> fields = errors.stream().collect(Collectors.groupingBy(
                        e -> e.get("field").asText(), TreeMap::new, Collectors.counting()));
                Map<String, Long> wanted = expected.stream().collect(Collectors.groupingBy(Bad::field,
                        TreeMap::new, Collectors.counting()));
                assertThat(errors).as("one error per bad message").hasSize(expected.size());
                long missing = 0;
                for (Map.Entry<String, Long> field : wanted.entrySet()) {
                    long got = fields.getOrDefault(field.getKey(), 0L) - (field.getKey().isEmpty() ? busy : 0);
                    assertThat(got).as("errors naming '" + field.getKey() + "', connection " + c)
                            .isLessThanOrEqualTo(field.getValue());
                    missing += field.getValue() - got;
                    if (!WORKER_FIELDS.matcher(field.getKey()).matches()) {
                        assertThat(got).as("errors naming '" + field.getKey() + "', connection " + c)
                                .isEqualTo(field.getValue());
                    }
                }
                assertThat(missing).as("the commands answered 'slow down'").isEqualTo(busy);
                assertThat(fields.keySet()).isSubsetOf(wanted.keySet());
                for (JsonNode error : client.ofType("error")) {
                    String message = error.get("message").asText();
                    assertThat(message).as("no Java in an error").doesNotContain("java.", "Exception");
                    assertThat(message.length()).as("an error echoes at most a little of the input")
                            .isLessThan(600);
                }
                assertThat(client.isClosed()).isFalse();
            }
            assertThat(total).isGreaterThanOrEqualTo(5000);

            Poll.until("the tab that never reads is closed", Duration.ofSeconds(30),
                    () -> ConnectionBoundsTest.health(server).get("unreadBytes").asLong() == 0);
            assertThat(silent.awaitClose()).isEqualTo(ExperimentHub.GOING_AWAY);
            assertThat(silent.closeReason()).isEqualTo("idle: no message for 10 s");

            student.await("done", 0);
            assertThat(student.ofType("error")).isEmpty();
            assertPointsEqualTheRunCommand(studentSpec, points(student, 1));

            pinger.shutdownNow();
            assertThat(pinger.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            hostile.forEach(WsClient::close);
            notReading.close();
            extra.close();
            last.close();
        }
    }

    /** The student's points, run by run and step by step, are the {@code run} command's CSV rows. */
    static void assertPointsEqualTheRunCommand(String spec, Map<String, List<JsonNode>> points) {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        int status = RunCommand.run(List.of("--spec", "-"), new ByteArrayInputStream(spec.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(csv, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertThat(status).isZero();
        String[] lines = csv.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).startsWith("run,step,epoch,lr,loss,p0,p1");
        int compared = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            int step = Integer.parseInt(cells[1]);
            if (step == 0) {
                continue;
            }
            JsonNode point = points.get(cells[0]).get(step - 1);
            assertThat(point.get("step").asInt()).isEqualTo(step);
            assertThat(point.get("loss").asDouble()).isEqualTo(Double.parseDouble(cells[4]));
            assertThat(point.get("params").get(0).asDouble()).isEqualTo(Double.parseDouble(cells[5]));
            assertThat(point.get("params").get(1).asDouble()).isEqualTo(Double.parseDouble(cells[6]));
            compared++;
        }
        assertThat(compared).isEqualTo(2 * 3000);
    }

    private static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Poll.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}

package org.optimizerlab.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.experiment.StepRecord;

/**
 * The CPU time of one {@code frames} message as a class at the default 60 steps/s sends it (two updates of every run
 * per message, about 30 messages a second): from the step records to the UTF-8 bytes Jetty writes. {@link #tree} is
 * the way before (a JSON tree per point written to a String, the strings wrapped as raw values in the message's
 * tree, written to a String again); {@link #streamed} is {@link PendingFrames} (each point written by one Jackson
 * generator into a reused byte buffer per run, the message assembled once). Both give the same text (checked here and
 * by {@code PointWriterTest}). {@code preset}: lesson 10's {@code lr-race} (mlp-spiral, 3 runs, per-layer statistics)
 * and lesson 2's {@code valley} (quadratic, 2 runs, with vectors). Run from the project's folder (it reads the lessons).
 *
 * <p>On a shared machine the wall-clock scores swing with the load; {@link #main} measures the same two ways in
 * thread CPU time instead ({@code java -cp target/benchmarks.jar org.optimizerlab.web.FramesMessageBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FramesMessageBenchmark {
    private static final ObjectMapper JSON = ServerJson.mapper();
    private static final int UPDATES_PER_MESSAGE = 2;

    @Param({"lessons/10-tuning/experiment.json#lr-race", "lessons/02-momentum/experiment.json#valley"})
    String preset;

    private List<List<StepRecord>> messages;
    private List<String> runIds;
    private boolean vectors;
    private PendingFrames pending;
    private int next;

    @Setup
    public void setUp() throws IOException {
        Experiment experiment = new SpecReader(ServerLimits.DEFAULT.specLimits()).read(spec(preset));
        runIds = experiment.runs().stream().map(Run::id).toList();
        vectors = ServerMessage.sendsVectors(experiment.problem());
        ExperimentRunner runner = new ExperimentRunner(experiment);
        messages = new ArrayList<>();
        while (!runner.finished()) {
            List<StepRecord> message = new ArrayList<>();
            for (int i = 0; i < UPDATES_PER_MESSAGE && !runner.finished(); i++) {
                message.addAll(runner.advance());
            }
            messages.add(message);
        }
        pending = new PendingFrames(JSON.getFactory(), runIds, vectors, false);
        long bytes = 0;
        for (int i = 0; i < messages.size(); i++) {
            next = i;
            byte[] before = tree();
            next = i;
            byte[] after = streamed();
            if (!java.util.Arrays.equals(before, after)) {
                throw new IllegalStateException("the two ways differ at message " + i);
            }
            bytes += after.length;
        }
        next = 0;
        System.out.printf("%n%s: %d messages, %.0f bytes per message (both ways)%n", preset, messages.size(),
                (double) bytes / messages.size());
    }

    @Benchmark
    public byte[] tree() throws JsonProcessingException {
        List<StepRecord> records = nextMessage();
        Map<String, ArrayNode> byRun = new LinkedHashMap<>();
        for (StepRecord record : records) {
            String point = JSON.writeValueAsString(ServerMessage.point(record, vectors));
            byRun.computeIfAbsent(record.run(), id -> JsonNodeFactory.instance.arrayNode())
                    .addRawValue(new RawValue(point));
        }
        Map<String, ArrayNode> points = new LinkedHashMap<>();
        for (String id : runIds) {
            if (byRun.containsKey(id)) {
                points.put(id, byRun.get(id));
            }
        }
        return JSON.writeValueAsString(ServerMessage.frames(1, points, false)).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public byte[] streamed() {
        for (StepRecord record : nextMessage()) {
            pending.add(record);
        }
        return pending.take(1).getBytes(StandardCharsets.UTF_8);
    }

    /** Both ways for every preset, in thread CPU time per message: warm-up, then rounds alternating the two. */
    public static void main(String[] args) throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String preset : List.of("lessons/10-tuning/experiment.json#lr-race",
                "lessons/02-momentum/experiment.json#valley")) {
            FramesMessageBenchmark bench = new FramesMessageBenchmark();
            bench.preset = preset;
            bench.setUp();
            long[] cpu = new long[2];
            int per = 20_000;
            for (int round = 0; round < 12; round++) {
                for (int way = 0; way < 2; way++) {
                    long begin = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < per; i++) {
                        if (way == 0) {
                            bench.tree();
                        } else {
                            bench.streamed();
                        }
                    }
                    if (round >= 2) {                                  // the first two rounds warm up
                        cpu[way] += threads.getCurrentThreadCpuTime() - begin;
                    }
                }
            }
            double messages = 10.0 * per;
            System.out.printf("%s: tree %.1f us CPU per message, streamed %.1f us (%.2fx)%n", preset,
                    cpu[0] / messages / 1e3, cpu[1] / messages / 1e3, (double) cpu[0] / cpu[1]);
        }
    }

    private List<StepRecord> nextMessage() {
        List<StepRecord> message = messages.get(next);
        next = (next + 1) % messages.size();
        return message;
    }

    private static JsonNode spec(String reference) throws IOException {
        String[] parts = reference.split("#", 2);
        for (JsonNode preset : JSON.readTree(Path.of(parts[0]).toFile()).path("presets")) {
            if (preset.path("id").asText().equals(parts[1])) {
                return preset.path("spec");
            }
        }
        throw new IllegalArgumentException("no preset " + reference);
    }
}

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Modelled students for the live-experiment server (issue 12, docs/benchmarks.md "A class at capacity"): each
 * student opens the socket, starts a lesson preset at the default pace (60 steps/s), reads everything, and starts
 * again when it is done, for as long as the measurement lasts. For each number of students it prints one row:
 * messages a second per session (median), the gap between two messages of a running race (99th percentile), the
 * slowest and the median session's pace (updates made in the window over the window times the speed; the moments
 * between a {@code done} and the next race's first update count against it), the time from {@code start}
 * to the first {@code frames} (99th percentile), the {@code pace} notices of a busy server (in the window), errors, refusals at the
 * door, and the server's cores (from /proc).
 *
 * <pre>
 * java -cp target/optimizer-lab.jar bench/ClassLoad.java --port P [--server-pid PID[,PID...]] [--students 50,100,200]
 *      [--mix training|light|search] [--seconds 15] [--warmup 5] [--speed 60] [--page true|false]
 * </pre>
 * With {@code --page true} (the default) a student also does what a lesson page does besides reading: it asks for
 * the decision regions of its race's first run after every {@code started} that has data points (the spiral: the
 * server then computes a grid of it up to four times a second), and confirms what it has read with {@code read}
 * at most every 250 ms. {@code --page false} is the socket alone, as measured before 2026-12-05 afternoon.
 * Regions messages are counted apart, not in the message rate or the gaps.
 * Mixes: {@code light} lesson 2's {@code valley} (quadratic, 2 runs, 150 steps); {@code training} lesson 10's
 * {@code lr-race} (mlp-spiral, batch 60, 3 runs, 300 steps), the same race for every student, as a class that runs
 * the lesson's preset (the server computes it once and replays it: its shared races); {@code training-own} the
 * same race with a learning rate of each student's own (changed in its 13th digit), so no two students share one; {@code search} lesson 10's race for nine students in
 * ten and its {@code random-search}, looped, for the tenth (searches are not in the pace figures).
 */
public class ClassLoad {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String LIGHT = "lessons/02-momentum/experiment.json#valley";
    static final String TRAINING = "lessons/10-tuning/experiment.json#lr-race";
    static final String SEARCH = "lessons/10-tuning/experiment.json#random-search";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int port = Integer.parseInt(options.getOrDefault("port", "-1"));
        if (port < 0) {
            System.err.println("usage: ClassLoad.java --port P [--server-pid PID] [--students 50,100] [--mix training]");
            System.exit(2);
        }
        // One server's pid, or several (replicas behind a load balancer) separated by commas: their CPU is summed.
        long[] pids = Arrays.stream(options.getOrDefault("server-pid", "-1").split(","))
                .mapToLong(Long::parseLong).toArray();
        String mix = options.getOrDefault("mix", "training");
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "15"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        double speed = Double.parseDouble(options.getOrDefault("speed", "60"));
        boolean page = Boolean.parseBoolean(options.getOrDefault("page", "true"));
        int[] counts = Arrays.stream(options.getOrDefault("students", "50,100,200").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        String race = JSON.writeValueAsString(start(mix.equals("light") ? LIGHT : TRAINING));
        String search = JSON.writeValueAsString(start(SEARCH));
        URI uri = URI.create("ws://localhost:" + port + "/ws/experiment");
        HttpClient http = HttpClient.newHttpClient();
        System.out.printf(Locale.ROOT, "mix %s at %s steps/s, %d s measured after %d s, %s, load average %s%n", mix,
                speed, seconds, warmup, page ? "as a page (regions, read)" : "socket only", loadAverage());
        System.out.println("| students | msgs/s per session p50 | gap p99 | slowest pace | pace p50 | first frames p99 "
                + "| busy notices | errors | refused | searches done | regions/s per session | server cores |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int n : counts) {
            List<Student> students = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                boolean searching = mix.equals("search") && i % 10 == 9;
                String own = mix.equals("training-own") ? ownRace(race, i) : race;
                Student student = new Student(searching ? search : own, searching, speed, page);
                students.add(student);
                http.newWebSocketBuilder().header("Origin", "http://localhost:" + port)
                        .buildAsync(uri, student).whenComplete((socket, error) -> {
                            if (error != null) {
                                student.refused = true;
                            }
                        });
                if (i % 20 == 19) {
                    Thread.sleep(50);                          // a class arrives over a few seconds, not at once
                }
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
            double cpuBefore = cpuSeconds(pids);
            students.forEach(Student::beginMeasure);
            long begin = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            students.forEach(Student::endMeasure);
            double elapsed = (System.nanoTime() - begin) / 1e9;
            double cores = pids[0] < 0 ? Double.NaN : (cpuSeconds(pids) - cpuBefore) / elapsed;
            System.out.println(row(n, students, elapsed, cores));
            students.forEach(Student::close);
            Thread.sleep(5000);                                // the server frees them and forgets their pace
        }
    }

    static String row(int n, List<Student> students, double elapsed, double cores) {
        List<Double> rates = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        List<Double> paces = new ArrayList<>();
        List<Double> firsts = new ArrayList<>();
        int busy = 0;
        int errors = 0;
        int refused = 0;
        int searches = 0;
        List<Double> regions = new ArrayList<>();
        for (Student s : students) {
            synchronized (s) {
                refused += s.refused ? 1 : 0;
                errors += s.errors;
                busy += s.busyNotices;
                searches += s.searchesDone;
                if (s.refused || s.searching) {
                    continue;
                }
                rates.add(s.measuredMessages / elapsed);
                regions.add(s.measuredRegions / elapsed);
                gaps.addAll(s.gapsMillis);
                firsts.addAll(s.firstFramesMillis);
                paces.add((s.stepsAtEnd - s.stepsAtBegin) / (elapsed * s.speed));
            }
        }
        double slowest = paces.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        return String.format(Locale.ROOT,
                "| %d | %.1f | %.0f ms | %.2f | %.2f | %.0f ms | %d | %d | %d | %d | %.1f | %.2f |",
                n, percentile(rates, 50), percentile(gaps, 99), slowest, percentile(paces, 50),
                percentile(firsts, 99), busy, errors, refused, searches, percentile(regions, 50), cores);
    }

    /**
     * {@code race} with every run's {@code lr} changed in its 13th significant digit by student {@code i}: the same
     * work, but a spec of its own, which no other student's race shares.
     */
    static String ownRace(String race, int i) throws IOException {
        ObjectNode start = (ObjectNode) JSON.readTree(race);
        for (JsonNode run : start.path("spec").path("runs")) {
            ObjectNode optimizer = (ObjectNode) run.path("optimizer");
            optimizer.put("lr", optimizer.path("lr").asDouble() * (1 + (i + 1) * 1e-12));
        }
        return JSON.writeValueAsString(start);
    }

    static ObjectNode start(String reference) throws IOException {
        String[] parts = reference.split("#");
        for (JsonNode preset : JSON.readTree(Path.of(parts[0]).toFile()).path("presets")) {
            if (preset.path("id").asText().equals(parts[1])) {
                ObjectNode start = JSON.createObjectNode().put("type", "start");
                start.set("spec", preset.path("spec").deepCopy());
                return start;
            }
        }
        throw new IllegalArgumentException("no preset " + reference);
    }

    /**
     * One modelled student: a socket that starts its preset, reads everything and starts again when it is done.
     * Counts what arrives between {@link #beginMeasure} and {@link #endMeasure}. Guarded by itself.
     */
    static final class Student implements WebSocket.Listener {
        final String startMessage;
        final boolean searching;
        final double speed;
        final boolean page;
        private final StringBuilder partial = new StringBuilder();
        /** The last send: java.net.http takes one at a time, so each send waits for the one before. */
        private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
        private long framesRead;
        private long lastReadSent;
        WebSocket socket;
        boolean refused;
        boolean measuring;
        int errors;
        int busyNotices;
        int searchesDone;
        long measuredMessages;
        long measuredRegions;
        /** Updates seen so far over every race (the last step of each {@code frames}); at the window's ends. */
        long steps;
        long stepsAtBegin;
        long stepsAtEnd;
        int raceStep;
        final List<Double> gapsMillis = new ArrayList<>();
        final List<Double> firstFramesMillis = new ArrayList<>();
        long startSent;
        long startedAt;
        long lastMessage;
        boolean awaitingFirstFrames;

        Student(String startMessage, boolean searching, double speed, boolean page) {
            this.startMessage = startMessage;
            this.searching = searching;
            this.speed = speed;
            this.page = page;
        }

        @Override
        public synchronized void onOpen(WebSocket webSocket) {
            socket = webSocket;
            if (page) {
                send("{\"type\":\"read\",\"frames\":0}");          // as a page does when it connects
            }
            send("{\"type\":\"speed\",\"stepsPerSecond\":" + speed + "}");
            sendStart();
            webSocket.request(1);
        }

        /** Sends {@code text} after every earlier send has gone (one at a time, in order). */
        private void send(String text) {
            lastSend = lastSend.handle((ignored, error) -> null)
                    .thenCompose(ignored -> socket.sendText(text, true))
                    .exceptionally(e -> {
                        synchronized (this) {
                            errors++;
                        }
                        return null;
                    });
        }

        private void sendStart() {
            startSent = System.nanoTime();
            awaitingFirstFrames = true;
            startedAt = 0;
            send(startMessage);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            synchronized (this) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    received(text, System.nanoTime());
                }
            }
            webSocket.request(1);
            return null;
        }

        /** Frames are recognised by their start only: the driver must not need the cores it measures. */
        private void received(String text, long now) {
            if (text.startsWith("{\"type\":\"regions\"")) {
                measuredRegions += measuring ? 1 : 0;
                return;
            }
            if (measuring) {
                measuredMessages++;
                if (startedAt != 0 && lastMessage != 0 && !searching) {
                    gapsMillis.add((now - lastMessage) / 1e6);
                }
            }
            lastMessage = now;
            if (text.startsWith("{\"type\":\"frames\"")) {
                int at = text.lastIndexOf("\"step\":");
                if (at >= 0 && !searching) {
                    int end = at + 7;
                    while (end < text.length() && Character.isDigit(text.charAt(end))) {
                        end++;
                    }
                    advanceTo(Integer.parseInt(text.substring(at + 7, end)));
                }
                if (awaitingFirstFrames && startedAt != 0) {
                    awaitingFirstFrames = false;
                    if (measuring) {
                        firstFramesMillis.add((now - startSent) / 1e6);
                    }
                }
                framesRead++;
                if (page && now - lastReadSent >= 250_000_000L) {       // a page confirms at most every 250 ms
                    lastReadSent = now;
                    send("{\"type\":\"read\",\"frames\":" + framesRead + "}");
                }
                return;
            }
            if (text.startsWith("{\"type\":\"trial\"")) {
                return;
            }
            JsonNode message;
            try {
                message = JSON.readTree(text);
            } catch (IOException e) {
                errors++;
                return;
            }
            switch (message.path("type").asText()) {
                case "started" -> {
                    startedAt = now;
                    raceStep = 0;
                    JsonNode runs = message.path("runs");
                    if (page && message.has("data") && runs.size() > 0) {
                        send("{\"type\":\"regions\",\"on\":true,\"run\":"
                                + JSON.valueToTree(runs.get(0).path("id").asText()) + "}");
                    }
                }
                case "pace" -> busyNotices += measuring && message.path("busy").asBoolean() ? 1 : 0;
                case "error" -> {
                    errors++;
                    if (searching) {                     // "as many searches as it may": the student tries again
                        send("{\"type\":\"resume\"}");
                    }
                }
                case "done" -> {
                    if (searching) {
                        searchesDone++;
                    } else {
                        advanceTo(message.path("step").asInt());
                    }
                    startedAt = 0;
                    lastMessage = 0;
                    sendStart();
                }
                default -> {
                }
            }
        }

        private void advanceTo(int step) {
            if (step > raceStep) {
                steps += step - raceStep;
                raceStep = step;
            }
        }

        @Override
        public synchronized CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (statusCode == 1013 || statusCode == 1008) {
                refused = true;
            }
            return null;
        }

        @Override
        public synchronized void onError(WebSocket webSocket, Throwable error) {
            if (!measuring && socket == null) {
                refused = true;
            }
        }

        synchronized void beginMeasure() {
            measuring = true;
            stepsAtBegin = steps;
        }

        synchronized void endMeasure() {
            measuring = false;
            stepsAtEnd = steps;
        }

        synchronized void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    static double cpuSeconds(long[] pids) throws IOException {
        double sum = 0;
        for (long pid : pids) {
            sum += cpuSeconds(pid);
        }
        return sum;
    }

    static double cpuSeconds(long pid) throws IOException {
        if (pid < 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;   // CLK_TCK is 100 on Linux
    }

    static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
    }

    static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                System.err.println("expected --key value, got '" + args[i] + "'");
                System.exit(2);
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
        return values;
    }
}

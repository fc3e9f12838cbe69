import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The instructor's class view under a class (bench/class_view_load.sh starts the server; docs/benchmarks.md, "The
 * class view under a class"): for each class size N, N modelled students on the light lessons (the quadratic
 * races of lessons 2-5, at the default 60 steps/s) say {@code hello} and run their preset again and again with a
 * pause to think between races; the same students are measured without an instructor, with one instructor socket
 * on {@code /ws/instructor}, and without one again, phase after phase in one run. Printed per phase: the students'
 * pace (the preset's steps at 60 steps/s over the time from {@code start} to {@code done}: 1.00 is full pace), the
 * server's CPU, and with the instructor the snapshots' interval, size and lag (arrival minus their {@code at}).
 *
 * <p>Usage: {@code java -cp target/optimizer-lab.jar bench/ClassViewLoad.java PORT SERVER_PID TOKEN [SIZES]
 * [PHASE_SECONDS]} (sizes default {@code 100,300,1000}, phases 20 s). Every connection is to 127.0.0.1:PORT.
 */
public final class ClassViewLoad {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** The lesson slug, its folder and the light preset a student of it runs. */
    static final String[][] LESSONS = {{"momentum", "02-momentum", "valley"}, {"nesterov", "03-nesterov", "valley"},
        {"adagrad", "04-adagrad", "valley"}, {"rmsprop", "05-rmsprop", "forgetting"}};
    static final int STEPS_PER_SECOND = 60;
    static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "students");
        thread.setDaemon(true);
        return thread;
    });

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long pid = Long.parseLong(args[1]);
        String token = args[2];
        List<Integer> sizes = new ArrayList<>();
        for (String size : (args.length > 3 ? args[3] : "100,300,1000").split(",")) {
            sizes.add(Integer.parseInt(size.trim()));
        }
        Duration phase = Duration.ofSeconds(args.length > 4 ? Long.parseLong(args[4]) : 20);
        URI students = URI.create("ws://127.0.0.1:" + port + "/ws/experiment");
        String[] specs = new String[LESSONS.length];
        int[] steps = new int[LESSONS.length];
        for (int i = 0; i < LESSONS.length; i++) {
            JsonNode spec = preset(LESSONS[i][1], LESSONS[i][2]);
            specs[i] = JSON.writeValueAsString(spec);
            steps[i] = spec.get("steps").asInt();
        }
        String cookie = signIn(port, token);
        System.out.printf(Locale.ROOT, "# %d cores, load average %s, phases of %d s%n",
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim(),
                phase.toSeconds());
        System.out.println("N,phase,races,pace_p50,pace_p10,pace_min,start_to_started_p99_ms,server_cores,"
                + "snapshots,interval_p50_ms,interval_p99_ms,interval_max_ms,lag_p50_ms,lag_p99_ms,bytes_p50,"
                + "bytes_max,listed");
        for (int n : sizes) {
            List<Student> clas = connect(students, n, specs, steps);
            clas.forEach(Student::begin);
            Thread.sleep(Math.min(10_000, 3_000 + 5L * n));           // everyone running, the JIT warm
            measure(n, "alone", clas, phase, pid, null);
            Instructor instructor = Instructor.connect(port, cookie);
            measure(n, "instructor", clas, phase, pid, instructor);
            instructor.close();
            measure(n, "alone again", clas, phase, pid, null);
            clas.forEach(Student::stop);
            clas.forEach(Student::abort);
            Thread.sleep(3_000);
        }
        TIMER.shutdownNow();
    }

    /** One phase: the races that started and finished in it, the server's CPU, the instructor's snapshots. */
    static void measure(int n, String name, List<Student> clas, Duration length, long pid, Instructor instructor)
            throws Exception {
        long from = System.nanoTime();
        clas.forEach(s -> s.races.clear());
        if (instructor != null) {
            instructor.snapshots.clear();
        }
        double cpuFrom = cpuSeconds(pid);
        Thread.sleep(length.toMillis());
        long to = System.nanoTime();
        double cores = (cpuSeconds(pid) - cpuFrom) / ((to - from) / 1e9);
        List<Double> pace = new ArrayList<>();
        List<Double> startedMs = new ArrayList<>();
        for (Student s : clas) {
            for (Race race : s.races) {
                if (race.startNanos >= from && race.doneNanos <= to) {
                    pace.add(race.nominalSeconds / ((race.doneNanos - race.startNanos) / 1e9));
                    startedMs.add((race.startedNanos - race.startNanos) / 1e6);
                }
            }
        }
        String view = ",,,,,,,,";
        if (instructor != null) {
            List<Snapshot> shots = new ArrayList<>(instructor.snapshots);
            List<Double> intervals = new ArrayList<>();
            List<Double> lags = new ArrayList<>();
            List<Double> bytes = new ArrayList<>();
            for (int i = 0; i < shots.size(); i++) {
                if (i > 0) {
                    intervals.add((shots.get(i).nanos - shots.get(i - 1).nanos) / 1e6);
                }
                lags.add(shots.get(i).lagMillis);
                bytes.add((double) shots.get(i).bytes);
            }
            view = String.format(Locale.ROOT, "%d,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%d", shots.size(),
                    quantile(intervals, 0.5), quantile(intervals, 0.99), quantile(intervals, 1), quantile(lags, 0.5),
                    quantile(lags, 0.99), quantile(bytes, 0.5), quantile(bytes, 1),
                    shots.isEmpty() ? 0 : shots.get(shots.size() - 1).listed);
        }
        System.out.printf(Locale.ROOT, "%d,%s,%d,%.3f,%.3f,%.3f,%.0f,%.2f,%s%n", n, name, pace.size(),
                quantile(pace, 0.5), quantile(pace, 0.1), quantile(pace, 0), quantile(startedMs, 0.99), cores, view);
    }

    static List<Student> connect(URI uri, int n, String[] specs, int[] steps) throws Exception {
        List<CompletableFuture<Student>> pending = new ArrayList<>();
        List<Student> clas = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int lesson = i % LESSONS.length;
            Student student = new Student(i, lesson, specs[lesson], steps[lesson]);
            pending.add(HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(uri, student).thenApply(socket -> student));
            if (pending.size() == 50) {
                for (CompletableFuture<Student> f : pending) {
                    clas.add(f.get(60, TimeUnit.SECONDS));
                }
                pending.clear();
            }
        }
        for (CompletableFuture<Student> f : pending) {
            clas.add(f.get(60, TimeUnit.SECONDS));
        }
        return clas;
    }

    static JsonNode preset(String folder, String id) throws Exception {
        JsonNode presets = JSON.readTree(Path.of("lessons", folder, "experiment.json").toFile()).get("presets");
        for (JsonNode preset : presets) {
            if (id.equals(preset.get("id").asText())) {
                return preset.get("spec");
            }
        }
        throw new IllegalArgumentException("no preset " + id + " in " + folder);
    }

    static String signIn(int port, String token) throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/instructor/login")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow(() ->
                new IllegalStateException("sign-in failed: HTTP " + login.statusCode()));
        return cookie.substring(0, cookie.indexOf(';'));
    }

    static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** The {@code q} quantile (nearest rank) of {@code values}; NaN when there are none. */
    static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(q * sorted.size()) - 1)));
    }

    /** One race: when it was started, answered and done, and how long it takes at full pace. */
    record Race(long startNanos, long startedNanos, long doneNanos, double nominalSeconds) {
    }

    /** One snapshot as the instructor got it. */
    record Snapshot(long nanos, int bytes, double lagMillis, int listed) {
    }

    /**
     * A modelled student: says hello, starts the preset, reads (looking only for {@code started} and {@code done}),
     * thinks 1-3 s, starts again.
     */
    static final class Student implements WebSocket.Listener {
        final int number;
        final int lesson;
        final String start;
        final double nominalSeconds;
        final ConcurrentLinkedQueue<Race> races = new ConcurrentLinkedQueue<>();
        final Random random;
        final StringBuilder partial = new StringBuilder();
        volatile WebSocket socket;
        volatile boolean stopped;
        volatile long startNanos;
        volatile long startedNanos;

        Student(int number, int lesson, String spec, int steps) {
            this.number = number;
            this.lesson = lesson;
            this.start = "{\"type\": \"start\", \"spec\": " + spec + "}";
            this.nominalSeconds = (double) steps / STEPS_PER_SECOND;
            this.random = new Random(number);
        }

        void begin() {
            socket.sendText("{\"type\": \"hello\", \"student\": \"bench-" + number + "\", \"name\": \"Student "
                    + number + "\", \"lesson\": \"" + LESSONS[lesson][0] + "\", \"preset\": \"" + LESSONS[lesson][2]
                    + "\"}", true).join();
            TIMER.schedule(this::race, random.nextInt(3000), TimeUnit.MILLISECONDS);
        }

        synchronized void race() {
            if (stopped) {
                return;
            }
            startNanos = System.nanoTime();
            startedNanos = 0;
            socket.sendText(start, true);
        }

        void stop() {
            stopped = true;
        }

        void abort() {
            socket.abort();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                if (partial.indexOf("\"type\":\"started\"") >= 0) {
                    startedNanos = System.nanoTime();
                } else if (partial.indexOf("\"type\":\"done\"") >= 0) {
                    races.add(new Race(startNanos, startedNanos, System.nanoTime(), nominalSeconds));
                    TIMER.schedule(this::race, 1000 + random.nextInt(2000), TimeUnit.MILLISECONDS);
                } else if (partial.indexOf("\"type\":\"error\"") >= 0) {
                    System.out.println("# student " + number + " got an error: " + partial);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }
    }

    /** The instructor's socket: keeps when each snapshot came, its size and its lag. */
    static final class Instructor implements WebSocket.Listener {
        final ConcurrentLinkedQueue<Snapshot> snapshots = new ConcurrentLinkedQueue<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Instructor connect(int port, String cookie) throws Exception {
            Instructor instructor = new Instructor();
            instructor.socket = HTTP.newWebSocketBuilder().header("Cookie", cookie)
                    .header("Origin", "http://127.0.0.1:" + port).connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/instructor"), instructor)
                    .get(30, TimeUnit.SECONDS);
            return instructor;
        }

        void close() {
            socket.abort();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                Instant arrived = Instant.now();
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    double lag = Duration.between(Instant.parse(message.get("at").asText()), arrived).toNanos() / 1e6;
                    snapshots.add(new Snapshot(now, text.getBytes(StandardCharsets.UTF_8).length, lag,
                            message.get("listed").asInt()));
                } catch (Exception e) {
                    System.out.println("# the instructor got an unreadable message: " + e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Modelled students for the live-experiment server (issue 12, docs/benchmarks.md "A class at capacity"): each
 * student opens the socket, starts a lesson preset at the default pace (60 steps/s), reads everything, and starts
 * again when it is done, for as long as the measurement lasts. For each number of students it prints one row:
 * messages a second per session (median), the gap between two messages of a running race (99th percentile), the
 * slowest and the median session's pace (updates made in the window over the window times the speed; the moments
 * between a {@code done} and the next race's first update count against it), the time from {@code start}
 * to the first {@code frames} (99th percentile), the {@code pace} notices of a busy server (in the window), errors,
 * the students without a connection at the window's end and the refusals at the door so far (a refused student
 * tries again as a page does, after 2, 4, 8, then 16 s), and the cores of the server and of the driver itself
 * (from /proc).
 *
 * <pre>
 * java -cp target/optimizer-lab.jar bench/ClassLoad.java --port P [--server-pid PID[,PID...]] [--students 50,100,200]
 *      [--mix training|light|search] [--seconds 15] [--warmup 5] [--speed 60] [--page true|false]
 *      [--client raw|http]
 * </pre>
 * With {@code --page true} (the default) a student also does what a lesson page does besides reading: it asks for
 * the decision regions of its race's first run after every {@code started} that has data points (the spiral: the
 * server then computes a grid of it up to four times a second), and confirms what it has read with {@code read}
 * at most every 250 ms. {@code --page false} is the socket alone, as measured before 2026-12-05 afternoon.
 * Regions messages are counted apart, not in the message rate or the gaps. {@code --client raw} (the default) reads
 * the sockets with a small client of its own on one thread ({@link RawClients}); {@code http} uses java.net.http,
 * which costs the driver several times more CPU.
 * Mixes: {@code light} lesson 2's {@code valley} (quadratic, 2 runs, 150 steps); {@code training} lesson 10's
 * {@code lr-race} (mlp-spiral, batch 60, 3 runs, 300 steps), the same race for every student, as a class that runs
 * the lesson's preset (the server computes it once and replays it: its shared races); {@code training-own} the
 * same race with a learning rate of each student's own (changed in its 13th digit), so no two students share one; {@code search} lesson 10's race for nine students in
 * ten and its {@code random-search}, looped, for the tenth (searches are not in the pace figures).
 */
public class ClassLoad {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Whether an {@code error} message was shown (the first of the run). */
    static final AtomicBoolean ERROR_SHOWN = new AtomicBoolean();
    /** Whether a refused handshake was reported (one line, however many). */
    static final AtomicBoolean NOT_UPGRADED_SHOWN = new AtomicBoolean();
    /** Where refused students wait to try again. */
    static final ScheduledExecutorService RETRIES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "retries");
        thread.setDaemon(true);
        return thread;
    });
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
        boolean raw = options.getOrDefault("client", "raw").equals("raw");
        int[] counts = Arrays.stream(options.getOrDefault("students", "50,100,200").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        String race = JSON.writeValueAsString(start(mix.equals("light") ? LIGHT : TRAINING));
        String search = JSON.writeValueAsString(start(SEARCH));
        URI uri = URI.create("ws://localhost:" + port + "/ws/experiment");
        HttpClient http = HttpClient.newHttpClient();
        RawClients rawClients = raw ? new RawClients(port) : null;
        System.out.printf(Locale.ROOT, "mix %s at %s steps/s, %d s measured after %d s, %s, %s client, load average %s%n",
                mix, speed, seconds, warmup, page ? "as a page (regions, read)" : "socket only",
                raw ? "raw" : "java.net.http", loadAverage());
        System.out.println("| students | msgs/s per session p50 | gap p99 | slowest pace | pace p50 | first frames p99 "
                + "| busy notices | errors | refused now / refusals | searches done | regions/s per session | server cores "
                + "| driver cores |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int n : counts) {
            List<Student> students = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                boolean searching = mix.equals("search") && i % 10 == 9;
                String own = mix.equals("training-own") ? ownRace(race, i) : race;
                Student student = new Student(searching ? search : own, searching, speed, page);
                students.add(student);
                student.connect = raw ? () -> rawClients.open(student)
                        : () -> http.newWebSocketBuilder().header("Origin", "http://localhost:" + port)
                                .buildAsync(uri, student).whenComplete((socket, error) -> {
                                    if (error != null) {
                                        student.closed(1013);   // as a refusal: try again later
                                    }
                                });
                student.connect.run();
                if (i % 20 == 19) {
                    Thread.sleep(50);                          // a class arrives over a few seconds, not at once
                }
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
            double cpuBefore = cpuSeconds(pids);
            double driverBefore = cpuSeconds(ProcessHandle.current().pid());
            students.forEach(Student::beginMeasure);
            long begin = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            students.forEach(Student::endMeasure);
            double elapsed = (System.nanoTime() - begin) / 1e9;
            double cores = pids[0] < 0 ? Double.NaN : (cpuSeconds(pids) - cpuBefore) / elapsed;
            double driver = (cpuSeconds(ProcessHandle.current().pid()) - driverBefore) / elapsed;
            System.out.println(row(n, students, elapsed, cores) + String.format(Locale.ROOT, " %.2f |", driver));
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
        int refusals = 0;
        int searches = 0;
        List<Double> regions = new ArrayList<>();
        for (Student s : students) {
            synchronized (s) {
                refused += s.refused ? 1 : 0;
                refusals += s.refusals;
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
                "| %d | %.1f | %.0f ms | %.2f | %.2f | %.0f ms | %d | %d | %d / %d | %d | %.1f | %.2f |",
                n, percentile(rates, 50), percentile(gaps, 99), slowest, percentile(paces, 50),
                percentile(firsts, 99), busy, errors, refused, refusals, searches, percentile(regions, 50), cores);
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
        /** The student's connection once open; null before. */
        Link socket;
        /** Opens the connection (again, after a refusal). */
        Runnable connect;
        /** Whether the student has no connection: refused at the door, and trying again later as a page does. */
        boolean refused;
        /** Refusals at the door so far (1013: the page says "server busy" and tries again, 2 s, 4 s, ... 16 s). */
        int refusals;
        boolean stopped;
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
        public void onOpen(WebSocket webSocket) {
            opened(text -> {
                // one send at a time (java.net.http refuses a second while one is pending), in order
                lastSend = lastSend.handle((ignored, error) -> null)
                        .thenCompose(ignored -> webSocket.sendText(text, true))
                        .exceptionally(e -> {
                            synchronized (this) {
                                errors++;
                            }
                            return null;
                        });
            }, webSocket::abort);
            webSocket.request(1);
        }

        /** The connection is open: what a page sends first, then the race. */
        synchronized void opened(Sender sender, Runnable abort) {
            socket = new Link(sender, abort);
            refused = false;
            if (page) {
                send("{\"type\":\"read\",\"frames\":0}");          // as a page does when it connects
            }
            send("{\"type\":\"speed\",\"stepsPerSecond\":" + speed + "}");
            sendStart();
        }

        private void send(String text) {
            socket.sender().send(text);
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
                    if (ERROR_SHOWN.compareAndSet(false, true)) {
                        System.err.println("an error: " + text);   // the first of the run, to say what they are
                    }
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
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed(statusCode);
            return null;
        }

        /** The server closed the connection with {@code statusCode} (1006: it was lost). */
        synchronized void closed(int statusCode) {
            if (refused) {
                return;                                      // closed already, and trying again if it may
            }
            if (statusCode == 1013 || statusCode == 1008 || statusCode == 1006) {
                refused = true;
                socket = null;
                refusals += statusCode == 1006 ? 0 : 1;
                if ((statusCode == 1013 || statusCode == 1006) && !stopped) {   // a page tries again
                    long delay = 1000L << Math.min(refusals, 4);
                    RETRIES.schedule(() -> connect.run(), delay, TimeUnit.MILLISECONDS);
                }
            }
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
            stopped = true;
            if (socket != null) {
                socket.abort().run();
            }
        }

        /** A whole text message from the server (the raw client's way in). */
        synchronized void text(String text) {
            received(text, System.nanoTime());
        }
    }

    /** How a student's messages go out. */
    interface Sender {
        void send(String text);
    }

    /** A student's open connection: how to send, how to drop it. */
    record Link(Sender sender, Runnable abort) {
    }

    /**
     * WebSocket clients without java.net.http, which costs the driver about 100 µs of CPU per message received (a
     * class of 1,000 light students took more of the machine than the server): one thread, one selector, frames
     * read straight from the bytes. Client frames are masked (with a zero key); the server's pings are answered.
     */
    static final class RawClients implements Runnable {
        private final Selector selector;
        private final InetSocketAddress address;
        private final byte[] handshake;
        private final Queue<Student> toOpen = new ConcurrentLinkedQueue<>();

        RawClients(int port) throws IOException {
            this.selector = Selector.open();
            this.address = new InetSocketAddress("127.0.0.1", port);
            this.handshake = ("GET /ws/experiment HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nOrigin: http://localhost:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            Thread thread = new Thread(this, "raw-clients");
            thread.setDaemon(true);
            thread.start();
        }

        void open(Student student) {
            toOpen.add(student);
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    selector.select();
                    for (Student student; (student = toOpen.poll()) != null; ) {
                        SocketChannel channel = SocketChannel.open();
                        channel.configureBlocking(false);
                        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        channel.connect(address);
                        channel.register(selector, SelectionKey.OP_CONNECT, new Connection(channel, student));
                    }
                    for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        Connection connection = (Connection) key.attachment();
                        try {
                            connection.ready(key);
                        } catch (IOException | RuntimeException e) {
                            connection.fail(key);
                            connection.student.closed(1006);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** One connection: the handshake, then frames. Used on the selector's thread only (but for an abort). */
        private final class Connection {
            private final SocketChannel channel;
            private final Student student;
            private ByteBuffer in = ByteBuffer.allocate(1 << 16);
            private ByteBuffer out = ByteBuffer.allocate(1 << 12);
            private final ByteArrayOutputStream message = new ByteArrayOutputStream();
            private boolean upgraded;
            private SelectionKey key;

            Connection(SocketChannel channel, Student student) {
                this.channel = channel;
                this.student = student;
                out.put(handshake);
            }

            void ready(SelectionKey readyKey) throws IOException {
                key = readyKey;
                if (key.isConnectable()) {
                    channel.finishConnect();
                    key.interestOps(SelectionKey.OP_READ);
                    flush();
                    return;
                }
                if (key.isWritable()) {
                    flush();
                }
                if (key.isReadable()) {
                    if (channel.read(in) < 0) {
                        fail(key);
                        student.closed(1006);
                        return;
                    }
                    in.flip();
                    parse();
                    in.compact();
                }
            }

            void fail(SelectionKey failed) {
                failed.cancel();
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }

            private void parse() throws IOException {
                if (!upgraded) {
                    int end = headersEnd();
                    if (end < 0) {
                        return;
                    }
                    String status = new String(in.array(), 0, Math.min(end, 32), StandardCharsets.US_ASCII);
                    in.position(end);
                    if (!status.startsWith("HTTP/1.1 101")) {
                        if (NOT_UPGRADED_SHOWN.compareAndSet(false, true)) {   // once: a refused class is many
                            System.err.println("not upgraded: " + status.lines().findFirst().orElse(""));
                        }
                        fail(key);
                        student.closed(1006);
                        return;
                    }
                    upgraded = true;
                    student.opened(this::send, () -> fail(key));
                }
                while (in.remaining() >= 2) {
                    int at = in.position();
                    int first = in.get(at) & 0xff;
                    long length = in.get(at + 1) & 0x7f;
                    int header = 2;
                    if (length == 126) {
                        if (in.remaining() < 4) {
                            break;
                        }
                        length = in.getShort(at + 2) & 0xffff;
                        header = 4;
                    } else if (length == 127) {
                        if (in.remaining() < 10) {
                            break;
                        }
                        length = in.getLong(at + 2);
                        header = 10;
                    }
                    if (in.remaining() < header + length) {
                        if (in.capacity() < header + length) {          // a frame larger than the buffer: grow it
                            ByteBuffer larger = ByteBuffer.allocate((int) (header + length) * 2);
                            larger.put(in);
                            larger.flip();
                            in = larger;
                        }
                        break;
                    }
                    int opcode = first & 0x0f;
                    byte[] array = in.array();
                    int payload = at + header;
                    if (opcode == 0 || opcode == 1) {
                        message.write(array, payload, (int) length);
                        if ((first & 0x80) != 0) {
                            String text = message.toString(StandardCharsets.UTF_8);
                            message.reset();
                            student.text(text);
                        }
                    } else if (opcode == 8) {
                        student.closed(length >= 2 ? in.getShort(payload) & 0xffff : 1005);
                        fail(key);
                        return;
                    } else if (opcode == 9) {
                        frame(0x8a, Arrays.copyOfRange(array, payload, payload + (int) length));   // pong
                    }
                    in.position(payload + (int) length);
                }
            }

            private int headersEnd() {
                byte[] array = in.array();
                for (int i = in.position(); i + 3 < in.limit(); i++) {
                    if (array[i] == '\r' && array[i + 1] == '\n' && array[i + 2] == '\r' && array[i + 3] == '\n') {
                        return i + 4;
                    }
                }
                return -1;
            }

            /** Sends {@code text}; a connection that cannot take it is closed (as a lost connection, not an error). */
            private void send(String text) {
                try {
                    frame(0x81, text.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    fail(key);
                    student.closed(1006);
                }
            }

            /** A final frame of {@code opcode}, masked with a zero key (so the payload goes as it is). */
            private void frame(int opcode, byte[] payload) throws IOException {
                int header = payload.length < 126 ? 6 : payload.length < 65536 ? 8 : 14;
                if (out.remaining() < header + payload.length) {
                    ByteBuffer larger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + header
                            + payload.length));
                    out.flip();
                    larger.put(out);
                    out = larger;
                }
                out.put((byte) opcode);
                if (payload.length < 126) {
                    out.put((byte) (0x80 | payload.length));
                } else if (payload.length < 65536) {
                    out.put((byte) (0x80 | 126)).putShort((short) payload.length);
                } else {
                    out.put((byte) (0x80 | 127)).putLong(payload.length);
                }
                out.putInt(0);                                           // the masking key
                out.put(payload);
                flush();
            }

            private void flush() throws IOException {
                if (key == null || !channel.isConnected()) {
                    return;
                }
                out.flip();
                channel.write(out);
                out.compact();
                key.interestOps(out.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE
                        : SelectionKey.OP_READ);
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

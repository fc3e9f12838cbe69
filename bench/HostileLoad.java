import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hostile mix against a running server (bench/hostile_load.sh starts it; docs/benchmarks.md, "One tab must not
 * hurt the class"): a light student's race is timed alone, then beside maximal races, tabs that never read and flood
 * steps, silent sockets and a stream of bad messages; the server's heap, RSS and threads are printed as it goes.
 * Every loop is bounded in count and time, and every connection is to the given loopback port.
 *
 * <p>Usage: {@code java bench/HostileLoad.java PORT SERVER_PID [maximal] [readers] [silent]}
 */
public final class HostileLoad {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration PHASE_TIMEOUT = Duration.ofSeconds(120);

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long pid = Long.parseLong(args[1]);
        int maximal = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int readers = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int silent = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        URI socket = URI.create("ws://127.0.0.1:" + port + "/ws/experiment");

        String light = race("{\"type\": \"quadratic\"}", 2, "momentum", 600, "");
        // the largest race one update of which the default OPTLAB_MAX_UPDATE_WORK allows: 8 runs of a 1,503-weight
        // network on 432 training points, full batch (8 * 1503 * (432 + 2 * 432) = 15.6 million)
        String heavy = race("{\"type\": \"mlp-spiral\", \"points_per_class\": 180, \"hidden\": 250}", 8, "adam",
                100_000, "");
        String wide = race("{\"type\": \"linear-regression\", \"n\": 1000, \"d\": 64}", 8, "amsgrad", 100_000,
                ", \"batch_size\": 10");

        System.out.println("phase,seconds,light_seconds,heap_used_mb,rss_mb,threads,sessions,unread_mb");
        sample(pid, port, "start", 0, Double.NaN);
        double solo = timeLight(socket, light);
        sample(pid, port, "light alone", 0, solo);

        List<Client> attackers = new ArrayList<>();
        for (int i = 0; i < maximal; i++) {
            Client c = Client.connect(socket, true);
            c.send("{\"type\": \"speed\", \"stepsPerSecond\": 5000}");
            c.send("{\"type\": \"start\", \"spec\": " + heavy + "}");
            attackers.add(c);
        }
        for (int i = 0; i < readers; i++) {
            Client c = Client.connect(socket, false);
            c.send("{\"type\": \"start\", \"paused\": true, \"spec\": " + wide + "}");
            attackers.add(c);
        }
        for (int i = 0; i < silent; i++) {
            attackers.add(Client.connect(socket, true));
        }
        Thread flood = new Thread(() -> floodBadMessages(socket, Duration.ofSeconds(60)), "bad-messages");
        flood.setDaemon(true);
        flood.start();
        long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < until) {                       // the step floods: 1000 updates, 20 times a second
            for (Client c : attackers.subList(maximal, maximal + readers)) {
                c.trySend("{\"type\": \"step\", \"n\": 1000}");
            }
            Thread.sleep(50);
        }
        sample(pid, port, "under attack", 0, Double.NaN);
        double beside = timeLight(socket, light);
        sample(pid, port, "light beside the attack", 0, beside);
        System.out.printf(Locale.ROOT, "# light race: %.2f s alone, %.2f s beside %d maximal races, %d tabs that "
                + "never read, %d silent sockets and bad messages: ratio %.3f%n", solo, beside, maximal, readers,
                silent, beside / solo);
        for (int s = 0; s < 6; s++) {
            Thread.sleep(5000);
            sample(pid, port, "attack goes on", 5 * (s + 1), Double.NaN);
        }
        attackers.forEach(Client::abort);
        flood.interrupt();
        Thread.sleep(3000);
        sample(pid, port, "all closed", 0, Double.NaN);
    }

    static String race(String problem, int runs, String optimizer, int steps, String extra) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            list.add("{\"id\": \"r" + i + "\", \"optimizer\": {\"type\": \"" + optimizer + "\", \"lr\": 0.01}}");
        }
        return "{\"problem\": " + problem + ", \"steps\": " + steps + extra + ", \"runs\": [" + String.join(", ", list)
                + "]}";
    }

    /** Seconds from start to done of the light race at the default 60 steps/s (600 steps: 10 s at full pace). */
    static double timeLight(URI socket, String spec) throws Exception {
        Client c = Client.connect(socket, true);
        long start = System.nanoTime();
        c.send("{\"type\": \"start\", \"spec\": " + spec + "}");
        long deadline = start + PHASE_TIMEOUT.toNanos();
        while (!c.sawDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        c.abort();
        return c.sawDone() ? seconds : Double.NaN;
    }

    /** Bad messages of several kinds from 5 connections, about 200 a second in all, for {@code length}. */
    static void floodBadMessages(URI socket, Duration length) {
        String[] bad = {"{\"type\": \"start\"", "[1, 2]", "{\"type\": \"jump" + "x".repeat(5000) + "\"}",
                "{\"type\": \"step\", \"n\": -1}", "{\"type\": \"start\", \"spec\": {\"problem\": {\"type\": \"nope\"}}}",
                "{\"type\": \"pause\", \"now\": true}", "{\"type\": \"speed\", \"stepsPerSecond\": 1e308}"};
        List<Client> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                clients.add(Client.connect(socket, true));
            }
            long end = System.nanoTime() + length.toNanos();
            int n = 0;
            while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                for (Client c : clients) {
                    c.trySend(bad[n++ % bad.length]);
                }
                Thread.sleep(25);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.out.println("# the bad-message flood stopped: " + e);
        } finally {
            clients.forEach(Client::abort);
        }
    }

    static void sample(long pid, int port, String phase, int seconds, double light) throws Exception {
        String health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        System.out.printf(Locale.ROOT, "%s,%d,%s,%.1f,%.1f,%d,%s,%.2f%n", phase, seconds,
                Double.isNaN(light) ? "" : String.format(Locale.ROOT, "%.2f", light), heapUsedMb(pid),
                status(pid, "VmRSS") / 1024.0, status(pid, "Threads"), field(health, "sessions"),
                Long.parseLong(field(health, "unreadBytes")) / 1048576.0);
    }

    /** The server's used heap after a full GC, from {@code jcmd PID GC.heap_info} (after {@code GC.run}). */
    static double heapUsedMb(long pid) throws Exception {
        run("jcmd", Long.toString(pid), "GC.run");
        String info = run("jcmd", Long.toString(pid), "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    static long status(long pid, String key) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        return m.find() ? m.group(1) : "-1";
    }

    /** One WebSocket; a reading client keeps only whether it saw {@code done}. */
    static final class Client implements WebSocket.Listener {
        private final boolean reads;
        private final AtomicInteger done = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;
        private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

        private Client(boolean reads) {
            this.reads = reads;
        }

        static Client connect(URI uri, boolean reads) throws Exception {
            Client client = new Client(reads);
            client.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, client).get(10, TimeUnit.SECONDS);
            return client;
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        }

        /** Sends unless the previous send is still going (a client that does not read may block the network). */
        synchronized void trySend(String text) {
            if (sending.isDone()) {
                sending = socket.sendText(text, true);
            }
        }

        boolean sawDone() {
            return done.get() > 0;
        }

        void abort() {
            socket.abort();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            if (reads) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                if (partial.indexOf("\"type\":\"done\"") >= 0) {
                    done.incrementAndGet();
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
}

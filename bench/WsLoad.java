import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load driver for the live-experiment WebSocket ({@code docs/protocol.md}): many sessions at once, each running a
 * real lesson preset to {@code done}, as a class of students would. A benchmark, not a test: it prints figures
 * (time to done as a ratio to one session alone, server CPU per 1000 step×runs, RSS) and says loudly when the
 * server broke a promise (an {@code error}, a lost point, a message rate above ~30/s, a session not freed).
 *
 * <pre>
 * java -cp target/optimizer-lab.jar bench/WsLoad.java scale --port P --server-pid PID [--sessions 1,10,30,60]
 *      [--speeds 60,5000] [--presets FILE#ID[@STEPS],...] [--warmup 10] [--warmup-rounds 2]
 *      [--phase-timeout 180] [--jcmd true] [--long FILE#ID@STEPS|none] [--long-sessions 1,10,30]
 *      [--slow-readers 10]
 * java -cp target/optimizer-lab.jar bench/WsLoad.java limit --port P --limit 20 [--extra 5] [--preset FILE#ID]
 * </pre>
 *
 * Normally started by {@code bench/ws_load.sh}, which starts and stops the server. Exit status 0 when every check
 * held, 1 when a problem was found, 2 on a usage error.
 */
public class WsLoad {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT_PRESETS = "lessons/06-adam/experiment.json#banana,"
            + "lessons/10-tuning/experiment.json#lr-race";
    /** How long a slow reader reads nothing after {@code started}. */
    static final int SLOW_READER_STALL_SECONDS = 3;
    /** Long enough at the fastest speed to test the message rate, and past 20,000 points per run: decimated. */
    static final String DEFAULT_LONG_PRESET = "lessons/06-adam/experiment.json#banana@30000";
    /** The protocol's promise: a {@code frames} at most every 34 ms, so about 30 messages a second. */
    static final int PROMISED_MESSAGES_PER_SECOND = 30;
    /** Messages in any 1-second window above which the driver reports a broken promise (arrival jitter allowed). */
    static final int PEAK_WINDOW_ALARM = 40;

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !Set.of("scale", "limit").contains(args[0])) {
            System.err.println("usage: WsLoad.java scale|limit --port P [...] (see the top of the file)");
            System.exit(2);
        }
        Options options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        Server server = new Server(options.text("host", "localhost"), options.integer("port", -1),
                options.integer("server-pid", -1));
        if (server.port < 0) {
            System.err.println("--port is required");
            System.exit(2);
        }
        List<String> problems = args[0].equals("scale") ? new Scale(server, options).run()
                : new Limit(server, options).run();
        System.out.println();
        if (problems.isEmpty()) {
            System.out.println("RESULT: every check held (no error messages, every point delivered, message rate within"
                    + " the promise, sessions freed, /healthz 200).");
        } else {
            System.out.println("!!!!!!!!!! PROBLEMS FOUND (" + problems.size() + ") !!!!!!!!!!");
            problems.forEach(p -> System.out.println("!!! " + p));
        }
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    // ---- the scaling run -----------------------------------------------------------------------------------------

    /** Every workload at every speed for every session count, in one run, so the figures compare side by side. */
    static final class Scale {
        final Server server;
        final List<Workload> workloads = new ArrayList<>();
        final int[] sessionCounts;
        final double[] speeds;
        final double fastest;
        final int warmup;
        final int warmupRounds;
        final long phaseTimeoutNanos;
        final boolean jcmd;
        final Workload longWorkload;
        final int[] longSessionCounts;
        final int slowReaders;
        final List<String> problems = new ArrayList<>();

        Scale(Server server, Options options) throws IOException {
            this.server = server;
            for (String preset : options.text("presets", DEFAULT_PRESETS).split(",")) {
                workloads.add(Workload.load(preset.trim()));
            }
            this.sessionCounts = options.integers("sessions", "1,10,30,60");
            this.speeds = Arrays.stream(options.text("speeds", "60,5000").split(","))
                    .mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
            this.fastest = Arrays.stream(speeds).max().orElseThrow();
            this.warmup = options.integer("warmup", 10);
            this.warmupRounds = options.integer("warmup-rounds", 2);
            this.phaseTimeoutNanos = TimeUnit.SECONDS.toNanos(options.integer("phase-timeout", 180));
            this.jcmd = Boolean.parseBoolean(options.text("jcmd", "true"));
            String longPreset = options.text("long", DEFAULT_LONG_PRESET);
            this.longWorkload = longPreset.equals("none") ? null : Workload.load(longPreset);
            this.longSessionCounts = options.integers("long-sessions", "1,10,30");
            this.slowReaders = options.integer("slow-readers", 10);
        }

        List<String> run() throws Exception {
            String loadBefore = loadAverage();
            System.out.printf("server %s:%d (pid %s), load average %s%n", server.host, server.port,
                    server.pid < 0 ? "unknown: no CPU/RSS figures" : server.pid, loadBefore);
            checkHealth("at the start");
            if (warmup > 0) {
                for (int round = 1; round <= warmupRounds; round++) {
                    for (Workload workload : workloads) {
                        Phase phase = runPhase(workload, fastest, warmup);
                        System.out.printf("warm-up %d: %s%n", round, phase.line());
                        problems.addAll(phase.problems("warm-up " + phase.label()));
                    }
                }
            }
            long heapAfterWarmup = jcmd ? server.heapUsedAfterFullGcKb() : -1;
            List<Phase> phases = new ArrayList<>();
            int most = Arrays.stream(sessionCounts).max().orElseThrow();
            for (Workload workload : workloads) {
                for (double speed : speeds) {
                    for (int n : sessionCounts) {
                        phases.add(measure(workload, speed, n, n == most));
                    }
                }
            }
            if (longWorkload != null) {
                int mostLong = Arrays.stream(longSessionCounts).max().orElseThrow();
                for (int n : longSessionCounts) {
                    phases.add(measure(longWorkload, fastest, n, n == mostLong));
                }
            }
            if (slowReaders > 0 && longWorkload != null) {
                phases.add(slowReaders(longWorkload, fastest, slowReaders));
            }
            abruptClose(workloads.get(0), speeds[0], most);
            long heapAtEnd = jcmd ? server.heapUsedAfterFullGcKb() : -1;
            checkHealth("at the end");
            String loadAfter = loadAverage();
            printTable(phases);
            for (Phase p : phases) {
                if (p.retainedKbPerSession != null) {
                    System.out.printf(Locale.ROOT, "server heap after a full GC with the %d sessions of %s still open,"
                            + " each holding its finished experiment: %.0f KB more per session than with them closed%n",
                            p.n, p.label(), p.retainedKbPerSession);
                }
            }
            System.out.printf("%nload average (1, 5, 15 min): %s at the start, %s at the end; %d cores%n",
                    loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
            if (heapAfterWarmup >= 0 && heapAtEnd >= 0) {
                System.out.printf("server heap used after a full GC, all sessions closed: %.1f MB after the warm-up,"
                        + " %.1f MB at the end%n", heapAfterWarmup / 1024.0, heapAtEnd / 1024.0);
                if (heapAtEnd - heapAfterWarmup > 32 * 1024) {
                    problems.add(String.format("the server's heap after a full GC grew from %.1f to %.1f MB over the"
                            + " run with every session closed: something is kept", heapAfterWarmup / 1024.0,
                            heapAtEnd / 1024.0));
                }
            }
            return problems;
        }

        void checkHealth(String when) throws Exception {
            Health health = server.health();
            System.out.printf("/healthz %s: %d %s%n", when, health.status, health.body);
            if (health.status != 200) {
                problems.add("/healthz answered " + health.status + " " + when);
            }
        }

        Phase measure(Workload workload, double speed, int n, boolean retained) throws Exception {
            Phase phase = runPhase(workload, speed, n, retained, 0);
            System.out.println(phase.line());
            problems.addAll(phase.problems(phase.label()));
            return phase;
        }

        Phase runPhase(Workload workload, double speed, int n) throws Exception {
            return runPhase(workload, speed, n, false, 0);
        }

        /** Sessions that stop reading for a while after {@code started}: they must still get every point. */
        Phase slowReaders(Workload workload, double speed, int n) throws Exception {
            Phase phase = runPhase(workload, speed, n, false, TimeUnit.SECONDS.toNanos(SLOW_READER_STALL_SECONDS));
            phase.note = " (slow readers: a burst after the stall, rate not checked)";
            System.out.println("slow readers (stop reading for " + SLOW_READER_STALL_SECONDS + " s after started): "
                    + phase.line());
            problems.addAll(phase.problems("slow readers: " + phase.label()));
            return phase;
        }

        /** Sessions whose connection drops (no close frame) while running: the server must free them anyway. */
        void abruptClose(Workload workload, double speed, int n) throws Exception {
            server.waitForSessions(0, Duration.ofSeconds(10));
            Phase phase = new Phase(workload, speed, n);
            List<Client> clients = server.connect(n, phase);
            sendStart(clients, workload, speed);
            boolean started = poll(Duration.ofSeconds(30), () -> clients.stream().allMatch(c -> c.startedNanos != 0));
            Health running = server.health();
            long aborting = System.nanoTime();
            clients.forEach(c -> c.socket.abort());
            boolean freed = server.waitForSessions(0, Duration.ofSeconds(10));
            double millis = (System.nanoTime() - aborting) / 1e6;
            int errors = clients.stream().mapToInt(c -> c.errors).sum();
            System.out.printf(Locale.ROOT, "abrupt close: %d sessions running %s at %s steps/s (/healthz: %d"
                            + " sessions, %d experiments) dropped their connections without a close frame: %s%n", n,
                    workload.name, show(speed), running.sessions, running.experiments,
                    freed ? String.format(Locale.ROOT, "all freed within %.0f ms", millis) : "NOT FREED within 10 s");
            if (!started || !freed || errors > 0 || phase.handshakeFailures > 0) {
                problems.add("abrupt close of " + n + " running sessions: started " + started + ", freed " + freed
                        + ", " + errors + " errors, " + phase.handshakeFailures + " failed handshakes");
            }
        }

        /**
         * N sessions at once: connect, then all send speed and start, read to done, close; measured around it. With
         * {@code retained}, the heap is also measured after a full GC before and after closing the sessions.
         */
        Phase runPhase(Workload workload, double speed, int n, boolean retained, long stallNanos) throws Exception {
            Phase phase = new Phase(workload, speed, n);
            phase.rateChecked = stallNanos == 0;
            server.waitForSessions(0, Duration.ofSeconds(10));
            phase.rssBeforeKb = server.rssKb();
            List<Client> clients = server.connect(n, phase);
            clients.forEach(c -> c.stallNanos = stallNanos);
            phase.rssIdleKb = server.rssKb();
            RssSampler sampler = server.sampleRss();
            double cpuBefore = server.cpuSeconds();
            long driverCpuBefore = driverCpuNanos();
            long begin = System.nanoTime();
            sendStart(clients, workload, speed);
            long deadline = begin + phaseTimeoutNanos;
            for (Client client : clients) {
                try {
                    client.done.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    break;
                }
            }
            phase.wallSeconds = (System.nanoTime() - begin) / 1e9;
            phase.cpuSeconds = server.cpuSeconds() - cpuBefore;
            phase.driverCpuSeconds = (driverCpuNanos() - driverCpuBefore) / 1e9;
            phase.rssPeakKb = sampler.stop();
            phase.clients = clients;
            long heapWithSessions = retained && jcmd ? server.heapUsedAfterFullGcKb() : -1;
            long closing = System.nanoTime();
            Client.closeAll(clients);
            boolean freed = server.waitForSessions(0, Duration.ofSeconds(10));
            phase.freedMillis = freed ? (System.nanoTime() - closing) / 1e6 : -1;
            long heapWithout = heapWithSessions >= 0 ? server.heapUsedAfterFullGcKb() : -1;
            if (heapWithSessions >= 0 && heapWithout >= 0) {
                phase.retainedKbPerSession = (heapWithSessions - heapWithout) / (double) n;
            }
            phase.summarize();
            return phase;
        }

        void printTable(List<Phase> phases) {
            System.out.println();
            System.out.println("Ratios are to the first session count of the same workload and speed (N = "
                    + sessionCounts[0] + "). time = from sending start to receiving done, per session.");
            System.out.println("| workload | steps/s | N | done | errors | points missing | time p50 s | ×N1"
                    + " | time max s | ×N1 | started p50/max ms | msgs/s p50 | peak msgs in 1 s | server CPU s"
                    + " | server cores | CPU s per 1000 step·runs | driver CPU s | RSS peak MB | RSS growth KB/session"
                    + " | freed ms |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            Map<String, Phase> reference = new LinkedHashMap<>();
            for (Phase p : phases) {
                String key = p.workload.name + "@" + p.speed;
                Phase ref = reference.computeIfAbsent(key, k -> p);
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %d/%d | %d | %d | %.2f | %.2f | %.2f | %.2f"
                                + " | %.0f/%.0f | %.1f | %d | %.2f | %.2f | %.3f | %.2f | %.0f | %s | %s |%n",
                        p.workload.name + p.note, show(p.speed), p.n, p.doneCount, p.n, p.errors, p.missing, p.doneP50,
                        p.doneP50 / ref.doneP50, p.doneMax, p.doneMax / ref.doneP50, p.startedP50 * 1e3,
                        p.startedMax * 1e3, p.rateP50, p.peakWindow, p.cpuSeconds, p.cpuSeconds / p.wallSeconds,
                        1000 * p.cpuSeconds / Math.max(1, p.stepRuns), p.driverCpuSeconds, p.rssPeakKb / 1024.0,
                        p.n > 0 && p.rssBeforeKb > 0 ? String.format(Locale.ROOT, "%.0f",
                                (p.rssPeakKb - p.rssBeforeKb) / (double) p.n) : "n/a",
                        p.freedMillis < 0 ? "NOT FREED" : String.format(Locale.ROOT, "%.0f", p.freedMillis));
            }
            System.out.println();
            List<Workload> described = new ArrayList<>(workloads);
            if (longWorkload != null) {
                described.add(longWorkload);
            }
            for (Workload w : described) {
                System.out.printf("%s = %s: %s, %d runs, %d steps; at %s steps/s one session alone needs %s s%n",
                        w.name, w.source, w.spec.path("problem").path("type").asText(), w.runs, w.steps,
                        Arrays.toString(speeds).replace(".0", ""), Arrays.stream(speeds)
                                .mapToObj(s -> String.format(Locale.ROOT, "%.2f", w.steps / s)).toList());
            }
        }
    }

    /** The measurements of one group of sessions run together. */
    static final class Phase {
        final Workload workload;
        final double speed;
        final int n;
        List<Client> clients = List.of();
        int handshakeFailures;
        long rssBeforeKb;
        long rssIdleKb;
        long rssPeakKb;
        double cpuSeconds;
        double driverCpuSeconds;
        double wallSeconds;
        double freedMillis;
        Double retainedKbPerSession;
        int doneCount;
        int errors;
        int missing;
        int unexpected;
        int outOfOrder;
        int unexpectedCloses;
        int diverged;
        long stepRuns;
        double doneP50;
        double doneMax;
        double startedP50;
        double startedMax;
        double rateP50;
        double rateMax;
        int peakWindow;
        int stride = 1;
        /** False for slow readers: what they read after a stall comes in a burst, which says nothing of the server. */
        boolean rateChecked = true;
        /** Shown after the workload's name in the table, e.g. "slow readers". */
        String note = "";
        final List<String> errorSamples = new ArrayList<>();

        Phase(Workload workload, double speed, int n) {
            this.workload = workload;
            this.speed = speed;
            this.n = n;
        }

        String label() {
            return workload.name + " at " + show(speed) + " steps/s, N = " + n;
        }

        void summarize() {
            List<Double> done = new ArrayList<>();
            List<Double> started = new ArrayList<>();
            List<Double> rates = new ArrayList<>();
            for (Client c : clients) {
                c.check();
                errors += c.errors;
                missing += c.missing;
                unexpected += c.unexpected;
                outOfOrder += c.outOfOrder;
                diverged += c.divergedRuns.size();
                if (c.closeCode >= 0 && c.doneNanos == 0) {
                    unexpectedCloses++;
                }
                for (String text : c.errorTexts) {
                    if (errorSamples.size() < 3) {
                        errorSamples.add(text);
                    }
                }
                if (c.doneNanos != 0) {
                    doneCount++;
                    done.add(c.secondsToDone());
                    rates.add(c.messagesPerSecond());
                    stepRuns += c.stepRuns();
                }
                if (c.startedNanos != 0) {
                    started.add((c.startedNanos - c.startSentNanos) / 1e9);
                }
                peakWindow = Math.max(peakWindow, c.peakMessagesInOneSecond());
                stride = Math.max(stride, c.stride);
            }
            doneP50 = percentile(done, 50);
            doneMax = percentile(done, 100);
            startedP50 = percentile(started, 50);
            startedMax = percentile(started, 100);
            rateP50 = percentile(rates, 50);
            rateMax = percentile(rates, 100);
        }

        List<String> problems(String label) {
            List<String> found = new ArrayList<>();
            if (handshakeFailures > 0) {
                found.add(label + ": " + handshakeFailures + " handshakes failed");
            }
            if (doneCount < n) {
                found.add(label + ": only " + doneCount + " of " + n + " sessions reached done");
            }
            if (errors > 0) {
                found.add(label + ": " + errors + " error messages, e.g. " + errorSamples);
            }
            if (missing + unexpected + outOfOrder > 0) {
                found.add(label + ": points lost or wrong: " + missing + " missing, " + unexpected + " unexpected, "
                        + outOfOrder + " out of order");
            }
            if (unexpectedCloses > 0) {
                found.add(label + ": " + unexpectedCloses + " sessions closed by the server before done");
            }
            if (rateChecked && (peakWindow > PEAK_WINDOW_ALARM || rateMax > PROMISED_MESSAGES_PER_SECOND + 3)) {
                found.add(String.format(Locale.ROOT, "%s: message rate above the promise of ~%d/s: up to %.1f/s over"
                        + " a session, %d messages in one second", label, PROMISED_MESSAGES_PER_SECOND, rateMax,
                        peakWindow));
            }
            if (freedMillis < 0) {
                found.add(label + ": /healthz still counted sessions 10 s after every client closed");
            }
            return found;
        }

        String line() {
            return String.format(Locale.ROOT, "%-48s%s done %d/%d in %.2f s (p50 %.2f, max %.2f s), errors %d, missing"
                            + " %d, diverged runs %d, server CPU %.2f s, RSS %.0f→%.0f MB (idle sessions %.0f),"
                            + " driver CPU %.2f s, freed in %s ms",
                    label(), stride > 1 ? " (stride " + stride + ")" : "", doneCount, n, wallSeconds, doneP50,
                    doneMax, errors, missing, diverged, cpuSeconds,
                    rssBeforeKb / 1024.0, rssPeakKb / 1024.0, rssIdleKb / 1024.0, driverCpuSeconds,
                    freedMillis < 0 ? "NOT FREED" : String.format(Locale.ROOT, "%.0f", freedMillis));
        }
    }

    // ---- the session-limit run -------------------------------------------------------------------------------

    /**
     * Against a server started with {@code OPTLAB_MAX_SESSIONS=limit}: limit + extra sessions at once get exactly
     * extra refusals (close 1013), the admitted ones still run a preset to done, closing frees every slot, and the
     * slots can be taken again.
     */
    static final class Limit {
        static final int TRY_AGAIN_LATER = 1013;
        final Server server;
        final int limit;
        final int extra;
        final Workload workload;
        final double speed;
        final List<String> problems = new ArrayList<>();

        Limit(Server server, Options options) throws IOException {
            this.server = server;
            this.limit = options.integer("limit", 20);
            this.extra = options.integer("extra", 5);
            this.workload = Workload.load(options.text("preset", "lessons/06-adam/experiment.json#banana"));
            this.speed = Double.parseDouble(options.text("speed", "5000"));
        }

        List<String> run() throws Exception {
            System.out.printf("session limit: server %s:%d with OPTLAB_MAX_SESSIONS=%d, opening %d sessions at once;"
                    + " load average %s%n", server.host, server.port, limit, limit + extra, loadAverage());
            Phase phase = new Phase(workload, speed, limit + extra);
            List<Client> clients = server.connect(limit + extra, phase);
            boolean settled = poll(Duration.ofSeconds(10), () -> {
                Health now = server.healthOrNull();
                return refused(clients) + phase.handshakeFailures >= extra && now != null && now.sessions == limit;
            });
            Health health = server.health();
            int refused = refused(clients);
            Map<Integer, Integer> codes = new LinkedHashMap<>();
            clients.stream().filter(c -> c.closeCode >= 0).forEach(c -> codes.merge(c.closeCode, 1, Integer::sum));
            System.out.printf("opened %d: %d handshakes failed, %d closed by the server (codes %s; reason \"%s\"),"
                            + " /healthz sessions %d%s%n", limit + extra, phase.handshakeFailures, closed(clients),
                    codes, clients.stream().filter(c -> c.closeCode >= 0).map(c -> c.closeReason).findFirst()
                            .orElse(""), health.sessions, settled ? "" : " (did not settle within 10 s)");
            if (refused != extra || phase.handshakeFailures != 0 || closed(clients) != extra) {
                problems.add("session limit " + limit + ": " + (limit + extra) + " sessions gave " + refused
                        + " closes with 1013, " + closed(clients) + " closes in all and " + phase.handshakeFailures
                        + " failed handshakes; expected exactly " + extra + " closes with 1013");
            }
            if (health.sessions != limit) {
                problems.add("session limit " + limit + ": /healthz counted " + health.sessions + " sessions");
            }

            List<Client> admitted = clients.stream().filter(c -> c.closeCode < 0).toList();
            Phase race = new Phase(workload, speed, admitted.size());
            sendStart(admitted, workload, speed);
            long begin = System.nanoTime();
            for (Client client : admitted) {
                try {
                    client.done.get(Math.max(1, begin + TimeUnit.SECONDS.toNanos(120) - System.nanoTime()),
                            TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    break;
                }
            }
            race.clients = admitted;
            race.wallSeconds = (System.nanoTime() - begin) / 1e9;
            Client.closeAll(clients);
            boolean freed = server.waitForSessions(0, Duration.ofSeconds(10));
            race.freedMillis = freed ? 0 : -1;
            race.summarize();
            System.out.printf(Locale.ROOT, "the %d admitted sessions ran %s at %s steps/s: %d reached done (time to"
                            + " done p50 %.2f s, max %.2f s), %d errors, %d points missing%n", admitted.size(),
                    workload.name, show(speed), race.doneCount, race.doneP50, race.doneMax, race.errors, race.missing);
            problems.addAll(race.problems("session limit: the admitted sessions"));

            Phase again = new Phase(workload, speed, limit);
            List<Client> second = server.connect(limit, again);
            boolean refilled = server.waitForSessions(limit, Duration.ofSeconds(10));
            System.out.printf("after closing, %d new sessions: /healthz sessions %d, %d closed by the server%n", limit,
                    server.health().sessions, closed(second));
            if (!refilled || closed(second) > 0 || again.handshakeFailures > 0) {
                problems.add("session limit: after every session closed, " + limit + " new ones were not all admitted"
                        + " (" + closed(second) + " closed, " + again.handshakeFailures + " failed handshakes)");
            }
            Client.closeAll(second);
            if (!server.waitForSessions(0, Duration.ofSeconds(10))) {
                problems.add("session limit: sessions not freed after the second round");
            }
            Health end = server.health();
            System.out.printf("/healthz at the end: %d %s%n", end.status, end.body);
            if (end.status != 200) {
                problems.add("/healthz answered " + end.status + " at the end");
            }
            return problems;
        }

        static int refused(List<Client> clients) {
            return (int) clients.stream().filter(c -> c.closeCode == TRY_AGAIN_LATER).count();
        }

        static int closed(List<Client> clients) {
            return (int) clients.stream().filter(c -> c.closeCode >= 0).count();
        }
    }

    // ---- one client session --------------------------------------------------------------------------------------

    /**
     * One WebSocket session: reads every message, keeps the steps it got per run, the arrival times and the errors.
     * The JDK calls a listener for one message at a time; the results are read after {@link #done} completes.
     */
    static final class Client implements WebSocket.Listener {
        final StringBuilder partial = new StringBuilder();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket socket;
        volatile long startSentNanos;
        volatile long startedNanos;
        /** When positive: after {@code started}, read nothing for this long (a slow client). */
        long stallNanos;
        boolean stalled;
        long doneNanos;
        int steps;
        int stride = 1;
        final Map<String, List<Integer>> received = new LinkedHashMap<>();
        final Map<String, Integer> finalSteps = new LinkedHashMap<>();
        final Set<String> divergedRuns = new HashSet<>();
        long[] arrivals = new long[64];
        int arrivalCount;
        int errors;
        final List<String> errorTexts = new ArrayList<>();
        volatile int closeCode = -1;
        volatile String closeReason = "";
        int missing;
        int unexpected;
        int outOfOrder;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    handle(JSON.readTree(text));
                } catch (IOException | RuntimeException e) {
                    fail("unreadable message: " + e);
                }
            }
            if (stallNanos > 0 && startedNanos != 0 && !stalled) {
                stalled = true;
                CompletableFuture.delayedExecutor(stallNanos, TimeUnit.NANOSECONDS).execute(() -> webSocket.request(1));
            } else {
                webSocket.request(1);
            }
            return null;
        }

        private void handle(JsonNode message) {
            long now = System.nanoTime();
            if (startSentNanos != 0 && doneNanos == 0) {
                if (arrivalCount == arrivals.length) {
                    arrivals = Arrays.copyOf(arrivals, arrivalCount * 2);
                }
                arrivals[arrivalCount++] = now;
            }
            switch (message.path("type").asText()) {
                case "started" -> {
                    startedNanos = now;
                    steps = message.path("steps").asInt();
                    stride = message.path("stride").asInt(1);
                    message.path("initial").properties().forEach(e -> received.computeIfAbsent(e.getKey(),
                            k -> new ArrayList<>()).add(e.getValue().path("step").asInt()));
                }
                case "frames" -> {
                    if (message.path("decimated").asBoolean() != (stride > 1)) {
                        fail("frames.decimated is " + message.path("decimated") + " with stride " + stride);
                    }
                    message.path("points").properties().forEach(e -> {
                        List<Integer> list = received.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                        e.getValue().forEach(point -> list.add(point.path("step").asInt()));
                    });
                }
                case "diverged" -> divergedRuns.add(message.path("run").asText());
                case "done" -> {
                    doneNanos = now;
                    message.path("final").properties().forEach(e -> finalSteps.put(e.getKey(),
                            e.getValue().path("step").asInt()));
                    done.complete(null);
                }
                case "error" -> fail("error: " + message.path("message").asText() + " (field '"
                        + message.path("field").asText() + "')");
                case "status" -> {
                }
                default -> fail("unknown message type: " + message);
            }
        }

        synchronized void fail(String text) {
            errors++;
            if (errorTexts.size() < 5) {
                errorTexts.add(text);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            closeReason = reason;
            closed.complete(null);
            done.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (closeCode < 0) {
                closeCode = 1006;
                closeReason = String.valueOf(error);
            }
            closed.complete(null);
            done.complete(null);
        }

        /** Compares the steps received per run with those the protocol promises (every step, or the stride's). */
        void check() {
            if (doneNanos == 0) {
                return;
            }
            for (Map.Entry<String, Integer> entry : finalSteps.entrySet()) {
                String run = entry.getKey();
                int last = entry.getValue();
                boolean diverged = divergedRuns.contains(run);
                if (!diverged && last != steps) {
                    fail("run " + run + " ended at step " + last + " of " + steps + " without diverging");
                }
                TreeSet<Integer> expected = new TreeSet<>();
                for (int step = 0; step <= last; step += stride) {
                    expected.add(step);
                }
                expected.add(last);
                List<Integer> got = received.getOrDefault(run, List.of());
                for (int i = 1; i < got.size(); i++) {
                    if (got.get(i) <= got.get(i - 1)) {
                        outOfOrder++;
                    }
                }
                Set<Integer> gotSet = new HashSet<>(got);
                missing += (int) expected.stream().filter(s -> !gotSet.contains(s)).count();
                unexpected += (int) gotSet.stream().filter(s -> !expected.contains(s)).count();
            }
        }

        double secondsToDone() {
            return (doneNanos - startSentNanos) / 1e9;
        }

        /** Messages received from start to done, per second of that time. */
        double messagesPerSecond() {
            return arrivalCount / Math.max(secondsToDone(), 1.0);
        }

        /** The most messages received within any one second between start and done. */
        int peakMessagesInOneSecond() {
            int best = 0;
            int from = 0;
            for (int to = 0; to < arrivalCount; to++) {
                while (arrivals[to] - arrivals[from] >= 1_000_000_000L) {
                    from++;
                }
                best = Math.max(best, to - from + 1);
            }
            return best;
        }

        long stepRuns() {
            return finalSteps.values().stream().mapToLong(Integer::longValue).sum();
        }

        /** Closes every client (normal closure) and waits a little for the server's answer; aborts the rest. */
        static void closeAll(List<Client> clients) {
            for (Client c : clients) {
                if (c.closeCode < 0 && !c.socket.isOutputClosed()) {
                    c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (Client c : clients) {
                try {
                    c.closed.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    c.socket.abort();
                }
            }
        }
    }

    // ---- the server under test ---------------------------------------------------------------------------------

    /** The server: its WebSocket and /healthz, and its process's CPU time and memory from /proc. */
    static final class Server {
        final String host;
        final int port;
        final long pid;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        final long clockTicks = clockTicks();

        Server(String host, int port, long pid) {
            this.host = host;
            this.port = port;
            this.pid = pid;
        }

        /** Opens n sessions at once, with the Origin of a page of this server; failed handshakes are counted. */
        List<Client> connect(int n, Phase phase) {
            URI uri = URI.create("ws://" + host + ":" + port + "/ws/experiment");
            List<Client> clients = new ArrayList<>();
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Client client = new Client();
                clients.add(client);
                opening.add(http.newWebSocketBuilder().header("Origin", "http://" + host + ":" + port)
                        .connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, client));
            }
            List<Client> open = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                try {
                    clients.get(i).socket = opening.get(i).get(60, TimeUnit.SECONDS);
                    open.add(clients.get(i));
                } catch (Exception e) {
                    phase.handshakeFailures++;
                    System.out.println("handshake failed: " + e.getCause());
                }
            }
            return open;
        }

        Health health() throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port
                    + "/healthz")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
            return new Health(response.statusCode(), response.body(), body.path("sessions").asInt(-1),
                    body.path("experiments").asInt(-1));
        }

        Health healthOrNull() {
            try {
                return health();
            } catch (IOException | InterruptedException e) {
                return null;
            }
        }

        /** Polls /healthz until it counts {@code sessions} sessions; false on time-out. */
        boolean waitForSessions(int sessions, Duration timeout) {
            return poll(timeout, () -> {
                Health h = healthOrNull();
                return h != null && h.sessions == sessions && (sessions > 0 || h.experiments == 0);
            });
        }

        /** utime + stime of the server process, in seconds; 0 without a pid. */
        double cpuSeconds() throws IOException {
            if (pid < 0) {
                return 0;
            }
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) clockTicks;
        }

        /** The server's resident set size in KiB; 0 without a pid. */
        long rssKb() {
            if (pid < 0) {
                return 0;
            }
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            return 0;
        }

        RssSampler sampleRss() {
            return new RssSampler(this);
        }

        /** Runs a full GC in the server (jcmd) and returns the heap then in use, in KiB; -1 if jcmd fails. */
        long heapUsedAfterFullGcKb() {
            if (pid < 0) {
                return -1;
            }
            try {
                run("jcmd", Long.toString(pid), "GC.run");
                String info = run("jcmd", Long.toString(pid), "GC.heap_info");
                Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
                return used.find() ? Long.parseLong(used.group(1)) : -1;
            } catch (IOException | InterruptedException e) {
                System.out.println("jcmd failed: " + e);
                return -1;
            }
        }

        private static long clockTicks() {
            try {
                return Long.parseLong(run("getconf", "CLK_TCK").trim());
            } catch (IOException | InterruptedException | NumberFormatException e) {
                return 100;
            }
        }
    }

    /** /healthz: status code, body, and the counts it reports (-1 when absent). */
    record Health(int status, String body, int sessions, int experiments) {
    }

    /** Samples the server's RSS every 50 ms on a thread of its own, keeping the largest value. */
    static final class RssSampler {
        final AtomicLong peak = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread thread;

        RssSampler(Server server) {
            peak.set(server.rssKb());
            thread = new Thread(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(server.rssKb(), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long stop() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join();
            return peak.get();
        }
    }

    // ---- workloads and small helpers -----------------------------------------------------------------------------

    /** A lesson preset's spec ({@code FILE#ID}, optionally {@code @STEPS} to override its steps). */
    record Workload(String name, String source, ObjectNode spec, int runs, int steps) {
        static Workload load(String reference) throws IOException {
            Matcher m = Pattern.compile("([^#]+)#([^@]+)(?:@(\\d+))?").matcher(reference);
            if (!m.matches()) {
                throw new IllegalArgumentException("a preset is FILE#ID or FILE#ID@STEPS, got '" + reference + "'");
            }
            JsonNode file = JSON.readTree(Path.of(m.group(1)).toFile());
            for (JsonNode preset : file.path("presets")) {
                if (preset.path("id").asText().equals(m.group(2))) {
                    ObjectNode spec = (ObjectNode) preset.path("spec").deepCopy();
                    if (m.group(3) != null) {
                        spec.remove("epochs");
                        spec.put("steps", Integer.parseInt(m.group(3)));
                    }
                    String lesson = Path.of(m.group(1)).getParent().getFileName().toString();
                    String name = lesson.substring(0, Math.min(2, lesson.length())) + "/" + m.group(2)
                            + (m.group(3) != null ? "@" + m.group(3) : "");
                    return new Workload(name, reference, spec, spec.path("runs").size(), steps(spec));
                }
            }
            throw new IllegalArgumentException("no preset '" + m.group(2) + "' in " + m.group(1));
        }

        /** The updates of a spec: its steps, or epochs × batches per epoch (training points after validation). */
        private static int steps(JsonNode spec) {
            if (spec.has("steps")) {
                return spec.get("steps").asInt();
            }
            JsonNode problem = spec.path("problem");
            int points = problem.has("n") ? problem.get("n").asInt()
                    : problem.path("classes").asInt(3) * problem.path("points_per_class").asInt(100);
            int training = points - (int) Math.round(points * problem.path("validation").asDouble(0));
            int batch = spec.path("batch_size").asInt(training);
            return spec.path("epochs").asInt() * (int) Math.ceil(training / (double) batch);
        }
    }

    /** {@code --key value} pairs. */
    record Options(Map<String, String> values) {
        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    System.err.println("expected --key value, got '" + args[i] + "'");
                    System.exit(2);
                }
                values.put(args[i].substring(2), args[++i]);
            }
            return new Options(values);
        }

        String text(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        int integer(String key, int fallback) {
            return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
        }

        int[] integers(String key, String fallback) {
            return Arrays.stream(text(key, fallback).split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        }
    }

    /** Every client sends speed, then start (the time of start is noted); failures count as errors. */
    static void sendStart(List<Client> clients, Workload workload, double speed) throws IOException {
        String speedMessage = "{\"type\":\"speed\",\"stepsPerSecond\":" + speed + "}";
        String startMessage = JSON.writeValueAsString(JSON.createObjectNode().put("type", "start")
                .set("spec", workload.spec));
        for (Client client : clients) {
            client.socket.sendText(speedMessage, true).thenCompose(ws -> {
                client.startSentNanos = System.nanoTime();
                return ws.sendText(startMessage, true);
            }).exceptionally(e -> {
                client.fail("sending start failed: " + e);
                return null;
            });
        }
    }

    /** Polls a condition every 20 ms until it holds or the time is up. */
    static boolean poll(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - (p == 0 ? 0 : 1))];
    }

    static long driverCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }

    static String show(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.optimizerlab.app.AppFactory;
import org.optimizerlab.app.ServerConfig;
import org.optimizerlab.cli.RunCommand;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.init.Initialization;
import org.optimizerlab.init.WeightInit;
import org.optimizerlab.lesson.WorkLimits;
import org.optimizerlab.optim.Adam;
import org.optimizerlab.optim.Optimizer;
import org.optimizerlab.optim.schedule.Constant;
import org.optimizerlab.problem.Batch;
import org.optimizerlab.train.Activation;
import org.optimizerlab.train.SpiralClassifier;
import org.optimizerlab.train.SpiralConfig;
import org.optimizerlab.web.ServerLimits;

/**
 * Full-batch mlp-spiral training steps per second (Adam lr 1e-2, reg 1e-3, small init, no validation split, seed 1),
 * four ways in one JVM, interleaved: the bare step (gradient + Adam, as MlpSpiralStepBenchmark.step), the step
 * through {@link ExperimentRunner} with its default (full) recording, the {@code run} command's marginal rate (the
 * command run in this thread for N and 2N steps into a discarding stream: N / (time(2N) - time(N)), CSV and JSONL),
 * and the socket: a real server on a free port of 127.0.0.1 (no bound on the work of one update,
 * {@code OPTLAB_MAX_UPDATE_WORK}, which refuses 3000 x 1000 by default), one WebSocket session that starts the race paused and
 * sends {@code step} messages, timed from the first {@code step} to the point of the last step arriving.
 *
 * <p>Bare, runner and command are timed in this thread's CPU time and in wall-clock time; the socket in the CPU
 * time of the server's experiment workers (which step, record and serialize; not the socket's I/O threads, the
 * garbage collector or the JIT compiler) and wall-clock time. Each figure is the best of {@code ROUNDS} rounds of about a second after a warm-up.
 * Prints one JSON line. Run by bench/runner_vs_numpy.py; alone:
 * <pre>
 * mvn -B -q -o compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
 * java -cp target/classes:$(cat target/bench-classpath.txt) bench/RunnerStepRate.java POINTS_PER_CLASS HIDDEN [ROUNDS]
 * </pre>
 * A fourth argument {@code bare|runner|csv|jsonl|socket} runs that path alone for 20 s and prints nothing: for a
 * profiler ({@code -XX:StartFlightRecording=filename=F.jfr,settings=profile}, then bench/jfr_top.py F.jfr).
 */
public class RunnerStepRate {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Steps per second in CPU time and in wall-clock time. */
    record Rate(double cpu, double wall) {
        Rate best(Rate other) {
            return new Rate(Math.max(cpu, other.cpu), Math.max(wall, other.wall));
        }

        String json() {
            return String.format(Locale.ROOT, "{\"cpu\": %.2f, \"wall\": %.2f}", cpu, wall);
        }
    }

    interface Steps {
        void run(long n) throws Exception;
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            measure(args);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);                      // the server's socket threads are not daemons
    }

    private static void measure(String[] args) throws Exception {
        int pointsPerClass = Integer.parseInt(args[0]);
        int hidden = Integer.parseInt(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        SpiralClassifier problem = new SpiralClassifier(new SpiralConfig(3, pointsPerClass, hidden,
                Activation.RELU, 1e-3, 0, new Initialization(WeightInit.SMALL, 0), 0), 1);
        Adam adam = new Adam(1e-2, 0.9, 0.999, 1e-8);

        double[] x = problem.defaultStart();
        double[] dx = new double[x.length];
        Optimizer state = adam.newState(x.length);
        Batch fullBatch = new Batch(0, 0, null);
        Steps bare = n -> {
            for (long i = 0; i < n; i++) {
                problem.gradient(x, fullBatch, dx);
                state.step(x, dx, 1e-2);
            }
        };
        ExperimentRunner[] runner = {null};
        Steps viaRunner = n -> {
            for (long i = 0; i < n; i++) {
                if (runner[0] == null || runner[0].finished()) {
                    runner[0] = new ExperimentRunner(new Experiment(problem, problem.defaultStart(), 1_000_000, 1,
                            problem.trainingSetSize(), List.of(new Run("adam", adam, new Constant()))));
                    runner[0].initialRecords();
                }
                runner[0].advance();
            }
        };
        Path folder = Files.createTempDirectory("runner-step-rate");
        Steps csv = n -> command(folder, pointsPerClass, hidden, n, "csv");
        Steps jsonl = n -> command(folder, pointsPerClass, hidden, n, "jsonl");

        var app = AppFactory.create(new ServerConfig("127.0.0.1", 0, Optional.empty(), Optional.empty(),
                ServerLimits.DEFAULT.withWork(WorkLimits.ENGINE))).start();     // 3000 x 1000 is past the default
        Socket socket = new Socket(app.port(), pointsPerClass, hidden);
        try {
            double estimate = timeSteps(bare, 1).cpu();
            if (args.length > 3) {                                      // profiling: one path for ~20 s
                long n = Math.max(10, (long) (timeSteps(bare, 20).cpu() * 0.7));
                for (long until = System.nanoTime() + 20_000_000_000L; System.nanoTime() < until; ) {
                    switch (args[3]) {
                        case "bare" -> timeSteps(bare, n);
                        case "runner" -> timeSteps(viaRunner, n / 2);
                        case "csv" -> marginal(csv, n / 2);
                        case "jsonl" -> marginal(jsonl, n / 2);
                        default -> socket.rate((int) Math.min(Math.max(10, n / 2), 1000));
                    }
                }
                return;
            }
            Rate bestBare = new Rate(0, 0);
            Rate bestRunner = new Rate(0, 0);
            Rate bestCsv = new Rate(0, 0);
            Rate bestJsonl = new Rate(0, 0);
            Rate bestSocket = new Rate(0, 0);
            for (int round = -1; round < rounds; round++) {                  // round -1: the warm-up
                long n = Math.max(10, (long) (estimate * 0.7));
                Rate b = timeSteps(bare, n);
                Rate r = timeSteps(viaRunner, n / 2);
                Rate c = marginal(csv, n / 2);
                Rate j = marginal(jsonl, Math.max(10, n / 10));           // it prints ~600 numbers a step
                Rate s = socket.rate((int) Math.min(Math.max(10, n / 2), 1000));
                estimate = b.cpu();
                if (round >= 0) {
                    bestBare = bestBare.best(b);
                    bestRunner = bestRunner.best(r);
                    bestCsv = bestCsv.best(c);
                    bestJsonl = bestJsonl.best(j);
                    bestSocket = bestSocket.best(s);
                }
            }
            System.out.printf(Locale.ROOT, "{\"points\": %d, \"hidden\": %d, \"bare\": %s, \"runner\": %s, "
                            + "\"run_csv\": %s, \"run_jsonl\": %s, \"socket\": %s}%n", 3 * pointsPerClass, hidden,
                    bestBare.json(), bestRunner.json(), bestCsv.json(), bestJsonl.json(), bestSocket.json());
        } finally {
            socket.close();
            app.stop();
        }
    }

    private static Rate timeSteps(Steps steps, long n) throws Exception {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        steps.run(n);
        return new Rate(n / ((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9), n / ((System.nanoTime() - wall) / 1e9));
    }

    /** The marginal rate of {@code steps}: {@code n / (time(2n) - time(n))}. */
    private static Rate marginal(Steps steps, long n) throws Exception {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        steps.run(n);
        long cpu1 = THREADS.getCurrentThreadCpuTime();
        long wall1 = System.nanoTime();
        steps.run(2 * n);
        long cpu2 = THREADS.getCurrentThreadCpuTime();
        long wall2 = System.nanoTime();
        return new Rate(n / (((cpu2 - cpu1) - (cpu1 - cpu0)) / 1e9), n / (((wall2 - wall1) - (wall1 - wall0)) / 1e9));
    }

    private static String spec(int pointsPerClass, int hidden, long steps) {
        return "{\"problem\": {\"type\": \"mlp-spiral\", \"points_per_class\": " + pointsPerClass + ", \"hidden\": "
                + hidden + ", \"validation\": 0, \"init\": \"small\", \"reg\": 0.001}, \"seed\": 1, \"steps\": " + steps
                + ", \"runs\": [{\"id\": \"adam\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.01}}]}";
    }

    private static void command(Path folder, int pointsPerClass, int hidden, long steps, String format)
            throws Exception {
        Path file = folder.resolve("spec.json");
        Files.writeString(file, spec(pointsPerClass, hidden, steps));
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        int status = RunCommand.run(List.of("--spec", file.toString(), "--format", format), System.in, discard,
                System.err);
        if (status != 0) {
            throw new IllegalStateException("run exited with " + status);
        }
    }

    /** One WebSocket session on the server: starts a race paused, then steps it and waits for the last point. */
    static final class Socket implements WebSocket.Listener {
        private static final Pattern STEP = Pattern.compile("\"step\":(\\d+)");
        private final WebSocket ws;
        private final int pointsPerClass;
        private final int hidden;
        private final StringBuilder text = new StringBuilder();
        private int lastStep;
        private String error;

        Socket(int port, int pointsPerClass, int hidden) throws Exception {
            this.pointsPerClass = pointsPerClass;
            this.hidden = hidden;
            ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "http://127.0.0.1:" + port)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/experiment"), this).get(10, TimeUnit.SECONDS);
        }

        /** Starts a fresh race and times {@code n} updates made by {@code step} messages of at most 1000. */
        Rate rate(int n) throws Exception {
            synchronized (this) {
                lastStep = -1;
            }
            ws.sendText("{\"type\": \"start\", \"paused\": true, \"spec\": " + spec(pointsPerClass, hidden, 20_000)
                    + "}", true).get();
            waitFor(0);
            long cpu = workerCpu();
            long process = OS.getProcessCpuTime();
            long wall = System.nanoTime();
            ws.sendText("{\"type\": \"step\", \"n\": " + n + "}", true).get();
            waitFor(n);
            if (System.getenv("DEBUG_WS") != null) {
                System.err.printf("socket: %d steps, workers %.1f ms, process %.1f ms%n", n, (workerCpu() - cpu) / 1e6,
                        (OS.getProcessCpuTime() - process) / 1e6);
            }
            return new Rate(n / ((workerCpu() - cpu) / 1e9), n / ((System.nanoTime() - wall) / 1e9));
        }

        /** The CPU time of the server's experiment workers, the threads that step, record and serialize. */
        private static long workerCpu() {
            long sum = 0;
            for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith("experiment-worker")) {
                    sum += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
                }
            }
            return sum;
        }

        private synchronized void waitFor(int step) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (lastStep < step) {
                if (error != null) {
                    throw new IllegalStateException(error);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no point of step " + step + " within 120 s");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        private synchronized void received(int step, String errorMessage) {
            lastStep = Math.max(lastStep, step);
            error = errorMessage != null ? errorMessage : error;
            notifyAll();
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                if (System.getenv("DEBUG_WS") != null) {
                    System.err.println(message.substring(0, Math.min(300, message.length())));
                }
                if (message.startsWith("{\"type\":\"error\"")) {
                    received(-1, message);
                }
                if (message.startsWith("{\"type\":\"frames\"") || message.startsWith("{\"type\":\"started\"")) {
                    int step = -1;
                    Matcher m = STEP.matcher(message);
                    while (m.find()) {
                        step = Math.max(step, Integer.parseInt(m.group(1)));
                    }
                    if (message.startsWith("{\"type\":\"started\"")) {
                        step = 0;
                    }
                    received(step, null);
                }
            }
            socket.request(1);
            return null;
        }

        void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
        }
    }
}

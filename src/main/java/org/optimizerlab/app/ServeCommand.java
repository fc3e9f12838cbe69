package org.optimizerlab.app;

import io.javalin.Javalin;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.optimizerlab.cli.RunCommand;
import org.optimizerlab.lesson.LessonException;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.Quote;

/**
 * {@code optimizer-lab [serve] [--port N]}: reads the configuration from the environment, loads and validates the
 * lessons (refusing to start on a broken one), and serves until the process is stopped; SIGTERM stops Jetty and
 * the experiment workers cleanly.
 */
final class ServeCommand {

    static final String HELP = """
            Usage: optimizer-lab [serve] [--port N]

            Starts the web app: lessons at http://HOST:PORT/, live experiments over a WebSocket. The lessons are
            validated first; the server does not start on a broken lesson (see check-lessons).

              --port N            the port (default 7070, or OPTLAB_PORT)
              -h, --help          this text

            Environment:
              OPTLAB_PORT, OPTLAB_HOST        where to listen (default 0.0.0.0:7070); in a container set the
                                              port with OPTLAB_PORT, which the health check reads too
              OPTLAB_PUBLIC_URL               the URL(s) students open, comma-separated, e.g.
                                              https://ml.example.edu/class1 (behind a reverse proxy). When set,
                                              experiments open only from pages of these origins, and requests
                                              for any other host name get 421 (localhost and loopback
                                              addresses stay allowed, for the health check). Default: unset
              OPTLAB_LESSONS_DIR              your lessons folder, added to the bundled lessons (a lesson
                                              with a bundled slug replaces it); reloaded when it changes
              OPTLAB_BUNDLED_LESSONS (on)     off: serve only OPTLAB_LESSONS_DIR
              OPTLAB_WEB_DIR                  a web folder (templates/, i18n/, static/) instead of the bundled one
              OPTLAB_MAX_SESSIONS (200)       concurrent WebSocket connections
              OPTLAB_MAX_STEPS (100000)       updates per experiment
              OPTLAB_MAX_RUNS (8)             runs per experiment
              OPTLAB_MAX_MESSAGE_BYTES (65536)  size of a client message
              OPTLAB_MESSAGES_PER_SECOND (50), OPTLAB_MESSAGE_BURST (100)  client message rate
              OPTLAB_MAX_STEPS_PER_SECOND (5000)  fastest experiment speed
              OPTLAB_MAX_POINTS_PER_RUN (20000)   points sent per run before decimating
              OPTLAB_WORKER_THREADS (cores, at least 2)  threads running all experiments
              OPTLAB_MAX_SEARCHES (the default worker threads)  hyperparameter searches at once
              OPTLAB_MAX_SEARCH_TRIALS (60), OPTLAB_MAX_SEARCH_EPOCHS (300)  trials and epochs of one search
              OPTLAB_MAX_SEARCH_WORK (1000000000)  trials * epochs * points * parameters of one search
              OPTLAB_MAX_ACTIVATIONS_WORK (1000000000)  samples * width^2 * layers of one activation study
              OPTLAB_MAX_UPDATE_WORK (16000000)  runs * parameters * (batch + 2 * points) of one update of a race
              OPTLAB_MAX_SESSIONS_PER_ADDRESS (50)  connections from one client address (raise it behind a NAT)
              OPTLAB_MAX_UNREAD_BYTES (4194304), OPTLAB_UNREAD_TIMEOUT_SECONDS (30)  output a client leaves unread
              OPTLAB_IDLE_TIMEOUT_SECONDS (120)  silence after which a connection is closed
              OPTLAB_MIN_PACE (0.5)           refuse new connections while races would run below this share
                                              of their speed with one more (1013 "server busy"; 0: never)
              OPTLAB_METRICS (off)            GET /metrics in the Prometheus format: off, on or instructor
              OPTLAB_METRICS_TOKEN            with on: scrapers send Authorization: Bearer TOKEN (16+ characters)
            """;

    private ServeCommand() {
    }

    /** Starts the server and returns 0 while it keeps running, or an error status when it cannot start. */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Integer port = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-h", "--help" -> {
                    out.print(HELP);
                    return 0;
                }
                case "--port" -> {
                    if (i + 1 >= args.size()) {
                        return usage(err, "--port needs a value");
                    }
                    try {
                        port = Integer.parseInt(args.get(++i));
                    } catch (NumberFormatException e) {
                        return usage(err, "--port must be a whole number, got " + Quote.of(args.get(i)));
                    }
                }
                default -> {
                    return usage(err, "unknown argument " + Quote.of(arg));
                }
            }
        }
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(env);
            if (port != null) {
                config = config.withPort(port);
            }
        } catch (FieldException e) {
            return usage(err, e.getMessage().replaceFirst("^port:", "--port:"));
        }
        String environmentPort = env.getOrDefault("OPTLAB_PORT", "").trim();
        if (port != null && !environmentPort.isEmpty() && !environmentPort.equals(port.toString())) {
            err.println("warning: --port " + port + " overrides OPTLAB_PORT=" + environmentPort + "; the container's "
                    + "health check reads OPTLAB_PORT, so in a container set the port there instead");
        }
        Javalin app;
        try {
            app = AppFactory.create(config);
        } catch (LessonException e) {
            err.println("error: the server does not start on broken lessons.\n" + e.getMessage());
            return 1;
        }
        exitOnOutOfMemory(err);
        try {
            app.start();
        } catch (RuntimeException e) {
            app.stop();
            err.println("error: cannot start the server: " + StartFailure.explain(config.host(), config.port(),
                    port != null ? "--port" : "OPTLAB_PORT", e));
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Optimizer Lab is stopping");
            app.stop();
            out.println("Optimizer Lab has stopped");
            out.flush();
        }, "optimizer-lab-shutdown"));
        out.println(memoryLine());
        if (config.publicOrigins().isSet()) {
            out.println("Public URL: " + config.publicOrigins() + " (other host names get 421)");
        }
        out.println("Optimizer Lab is serving on http://" + config.host() + ":" + app.port() + "/");
        return 0;
    }

    /**
     * An OutOfMemoryError that ends a thread ends the process (status 3), so a supervisor (Docker's
     * {@code --restart}, Kubernetes) starts a fresh server instead of one with a broken heap. The image also runs
     * the JVM with {@code -XX:+ExitOnOutOfMemoryError}, which covers errors caught on the way.
     */
    private static void exitOnOutOfMemory(PrintStream err) {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof OutOfMemoryError) {
                err.println("error: out of memory in " + thread.getName() + "; the server exits");
                err.flush();
                Runtime.getRuntime().halt(3);
            }
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                error.printStackTrace(err);
            }
        });
    }

    /** The heap this JVM may use and the memory it sees (a container's limit, else the machine's). */
    static String memoryLine() {
        long mb = 1024 * 1024;
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return "Memory: heap up to " + Runtime.getRuntime().maxMemory() / mb + " MB of " + memory / mb + " MB, "
                + Runtime.getRuntime().availableProcessors() + " processors";
    }

    private static int usage(PrintStream err, String message) {
        err.println("error: " + message + " (see: optimizer-lab serve --help)");
        return RunCommand.USAGE_ERROR;
    }
}

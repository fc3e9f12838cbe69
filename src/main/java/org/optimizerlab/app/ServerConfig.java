package org.optimizerlab.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.optimizerlab.classroom.ClassroomConfig;
import org.optimizerlab.classroom.InstructorToken;
import org.optimizerlab.classroom.StoreLocation;
import org.optimizerlab.lesson.WorkLimits;
import org.optimizerlab.ops.MetricsConfig;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.web.ConnectionLimits;
import org.optimizerlab.web.PublicOrigins;
import org.optimizerlab.validation.Quote;
import org.optimizerlab.web.ServerLimits;

/**
 * Everything the web app is built from: where it listens, where its lessons and web files come from, and its
 * limits. Read from the environment by {@link #fromEnvironment}; tests build it directly.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><td>OPTLAB_PORT</td><td>port, default 7070 (also {@code --port N})</td></tr>
 *   <tr><td>OPTLAB_HOST</td><td>address to bind, default 0.0.0.0</td></tr>
 *   <tr><td>OPTLAB_LESSONS_DIR</td><td>the instructor's lessons folder, added to the bundled lessons (a lesson
 *   with a bundled lesson's slug replaces it); default none</td></tr>
 *   <tr><td>OPTLAB_BUNDLED_LESSONS</td><td>{@code on} (default) or {@code off}: whether the lessons in the jar are
 *   served</td></tr>
 *   <tr><td>OPTLAB_WEB_DIR</td><td>templates, bundles and static files; default: those in the jar</td></tr>
 *   <tr><td>OPTLAB_PUBLIC_URL</td><td>the server's public URLs, comma-separated; default none</td></tr>
 *   <tr><td>OPTLAB_MAX_SESSIONS, OPTLAB_MAX_STEPS, OPTLAB_MAX_RUNS, OPTLAB_MAX_MESSAGE_BYTES,
 *   OPTLAB_MESSAGES_PER_SECOND, OPTLAB_MESSAGE_BURST, OPTLAB_MAX_STEPS_PER_SECOND, OPTLAB_MAX_POINTS_PER_RUN,
 *   OPTLAB_WORKER_THREADS, OPTLAB_MAX_SEARCHES, OPTLAB_MAX_ACTIVATIONS_WORK, OPTLAB_MAX_SEARCH_TRIALS,
 *   OPTLAB_MAX_SEARCH_EPOCHS, OPTLAB_MAX_SEARCH_WORK, OPTLAB_MAX_UPDATE_WORK, OPTLAB_MAX_SESSIONS_PER_ADDRESS,
 *   OPTLAB_MAX_UNREAD_BYTES, OPTLAB_UNREAD_TIMEOUT_SECONDS, OPTLAB_IDLE_TIMEOUT_SECONDS, OPTLAB_MIN_PACE</td>
 *   <td>the {@link ServerLimits}</td></tr>
 *   <tr><td>OPTLAB_DATA_DIR</td><td>the folder of the class database (SQLite), default {@code ./data}</td></tr>
 *   <tr><td>OPTLAB_DATABASE_URL</td><td>a PostgreSQL JDBC URL to keep the class there instead</td></tr>
 *   <tr><td>OPTLAB_INSTRUCTOR_TOKEN</td><td>the instructor's token; default: generated at start and printed</td></tr>
 *   <tr><td>OPTLAB_LOG_LEVEL</td><td>checked here, applied by {@code logback.xml}</td></tr>
 *   <tr><td>OPTLAB_METRICS, OPTLAB_METRICS_TOKEN</td><td>{@code GET /metrics} ({@link MetricsConfig}); default
 *   off</td></tr>
 * </table>
 *
 * @param host       the address to bind
 * @param port       the port, 0..65535 (0: any free port)
 * @param lessonsDir the instructor's lessons folder (reloaded live), or empty
 * @param webDir     the web folder ({@code templates/}, {@code i18n/}, {@code static/}), or empty for the jar's
 * @param limits     the bounds on clients
 * @param publicOrigins the URLs students use (trusted origins and host names), or {@link PublicOrigins#NONE}
 * @param classroom  the class database and the instructor's token
 * @param metrics    whether {@code /metrics} is served and to whom
 * @param bundledLessons whether the lessons bundled in the jar are served (under the folder's); without a lessons
 *                   folder they must be
 */
public record ServerConfig(String host, int port, Optional<Path> lessonsDir, Optional<Path> webDir,
                           ServerLimits limits, PublicOrigins publicOrigins, ClassroomConfig classroom,
                           MetricsConfig metrics, boolean bundledLessons) {

    public static final int DEFAULT_PORT = 7070;
    public static final String DEFAULT_HOST = "0.0.0.0";
    /** The variable of the public URLs ({@link PublicOrigins}). */
    public static final String PUBLIC_URL_VARIABLE = "OPTLAB_PUBLIC_URL";
    /** The variable that hides the bundled lessons ({@code off}). */
    public static final String BUNDLED_LESSONS_VARIABLE = "OPTLAB_BUNDLED_LESSONS";
    /** The levels {@code OPTLAB_LOG_LEVEL} may name. */
    public static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /** The environment variables that set limits, in {@link ServerLimits} order. */
    public static final List<String> LIMIT_VARIABLES = List.of("OPTLAB_MAX_SESSIONS", "OPTLAB_MAX_STEPS",
            "OPTLAB_MAX_RUNS", "OPTLAB_MAX_MESSAGE_BYTES", "OPTLAB_MESSAGES_PER_SECOND", "OPTLAB_MESSAGE_BURST",
            "OPTLAB_MAX_STEPS_PER_SECOND", "OPTLAB_MAX_POINTS_PER_RUN", "OPTLAB_WORKER_THREADS", "OPTLAB_MAX_SEARCHES",
            "OPTLAB_MAX_ACTIVATIONS_WORK", "OPTLAB_MAX_SEARCH_TRIALS", "OPTLAB_MAX_SEARCH_EPOCHS",
            "OPTLAB_MAX_SEARCH_WORK", "OPTLAB_MAX_UPDATE_WORK", "OPTLAB_MAX_SESSIONS_PER_ADDRESS",
            "OPTLAB_MAX_UNREAD_BYTES", "OPTLAB_UNREAD_TIMEOUT_SECONDS", "OPTLAB_IDLE_TIMEOUT_SECONDS",
            "OPTLAB_MIN_PACE");

    /** Every environment variable {@link #fromEnvironment} reads (deployment files may name only these). */
    public static final List<String> VARIABLES = Stream.concat(Stream.of("OPTLAB_PORT",
            "OPTLAB_HOST", "OPTLAB_LESSONS_DIR", "OPTLAB_WEB_DIR", PUBLIC_URL_VARIABLE, "OPTLAB_DATA_DIR",
            "OPTLAB_DATABASE_URL", "OPTLAB_INSTRUCTOR_TOKEN", "OPTLAB_LOG_LEVEL", MetricsConfig.VARIABLE,
            MetricsConfig.TOKEN_VARIABLE), LIMIT_VARIABLES.stream()).toList();

    public ServerConfig {
        Check.present("host", host);
        if (host.isBlank()) {
            throw new FieldException("host", "must not be empty");
        }
        Check.intInRange("port", port, 0, 65535);
        Check.present("lessonsDir", lessonsDir);
        Check.present("webDir", webDir);
        Check.present("limits", limits);
        Check.present("publicOrigins", publicOrigins);
        Check.present("classroom", classroom);
        Check.present("metrics", metrics);
        if (!bundledLessons && lessonsDir.isEmpty()) {
            throw new FieldException(BUNDLED_LESSONS_VARIABLE, "is off, so OPTLAB_LESSONS_DIR must name a lessons "
                    + "folder: there would be no lessons to serve");
        }
    }

    /**
     * A configuration with metrics off that serves {@code lessonsDir} alone when one is given (the bundled lessons
     * only without one), as the server did before lessons folders were added to the bundled lessons (tests).
     */
    public ServerConfig(String host, int port, Optional<Path> lessonsDir, Optional<Path> webDir, ServerLimits limits,
                        PublicOrigins publicOrigins, ClassroomConfig classroom) {
        this(host, port, lessonsDir, webDir, limits, publicOrigins, classroom, MetricsConfig.OFF,
                lessonsDir == null || lessonsDir.isEmpty());
    }

    /**
     * A configuration without public URLs whose class is kept in memory only, with a generated instructor token,
     * serving {@code lessonsDir} alone when one is given (tests).
     */
    public ServerConfig(String host, int port, Optional<Path> lessonsDir, Optional<Path> webDir, ServerLimits limits) {
        this(host, port, lessonsDir, webDir, limits, PublicOrigins.NONE, ClassroomConfig.inMemory());
    }

    /**
     * The defaults: port 7070 on every address, lessons and web files from the jar, default limits, the class
     * database in {@code ./data}, a generated instructor token.
     */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, Optional.empty(), Optional.empty(), ServerLimits.DEFAULT,
                PublicOrigins.NONE, ClassroomConfig.defaults(), MetricsConfig.OFF, true);
    }

    /** The same configuration on another port. */
    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, lessonsDir, webDir, limits, publicOrigins, classroom, metrics,
                bundledLessons);
    }

    /** The same configuration with another lessons folder. */
    public ServerConfig withLessonsDir(Path folder) {
        return new ServerConfig(host, port, Optional.of(folder), webDir, limits, publicOrigins, classroom, metrics,
                bundledLessons);
    }

    /** The same configuration with the bundled lessons served or hidden. */
    public ServerConfig withBundledLessons(boolean served) {
        return new ServerConfig(host, port, lessonsDir, webDir, limits, publicOrigins, classroom, metrics, served);
    }

    /** The same configuration with other public URLs. */
    public ServerConfig withPublicOrigins(PublicOrigins origins) {
        return new ServerConfig(host, port, lessonsDir, webDir, limits, origins, classroom, metrics, bundledLessons);
    }

    /** The same configuration with other metrics settings. */
    public ServerConfig withMetrics(MetricsConfig newMetrics) {
        return new ServerConfig(host, port, lessonsDir, webDir, limits, publicOrigins, classroom, newMetrics,
                bundledLessons);
    }

    /** The same configuration with another class database and instructor token. */
    public ServerConfig withClassroom(ClassroomConfig newClassroom) {
        return new ServerConfig(host, port, lessonsDir, webDir, limits, publicOrigins, newClassroom, metrics,
                bundledLessons);
    }

    /**
     * Reads the environment; an unset or empty variable keeps its default. A bad value is a {@link FieldException}
     * naming the variable: {@code OPTLAB_PORT: must be an integer in 0..65535, got 'http'}.
     */
    public static ServerConfig fromEnvironment(Map<String, String> env) {
        ServerLimits d = ServerLimits.DEFAULT;
        Function<String, Optional<String>> get = name -> Optional.ofNullable(env.get(name)).map(String::trim)
                .filter(v -> !v.isEmpty());
        int port = integer(get, "OPTLAB_PORT", DEFAULT_PORT);
        String host = get.apply("OPTLAB_HOST").orElse(DEFAULT_HOST);
        Optional<Path> lessons = get.apply("OPTLAB_LESSONS_DIR").map(Path::of);
        Optional<Path> web = get.apply("OPTLAB_WEB_DIR").map(Path::of);
        PublicOrigins origins = get.apply(PUBLIC_URL_VARIABLE).map(v -> PublicOrigins.parse(PUBLIC_URL_VARIABLE, v))
                .orElse(PublicOrigins.NONE);
        ServerLimits limits;
        try {
            limits = new ServerLimits(
                    integer(get, "OPTLAB_MAX_SESSIONS", d.maxSessions()),
                    integer(get, "OPTLAB_MAX_STEPS", d.maxSteps()),
                    integer(get, "OPTLAB_MAX_RUNS", d.maxRuns()),
                    integer(get, "OPTLAB_MAX_MESSAGE_BYTES", d.maxMessageBytes()),
                    number(get, "OPTLAB_MESSAGES_PER_SECOND", d.messagesPerSecond()),
                    integer(get, "OPTLAB_MESSAGE_BURST", d.messageBurst()),
                    integer(get, "OPTLAB_MAX_STEPS_PER_SECOND", d.maxStepsPerSecond()),
                    integer(get, "OPTLAB_MAX_POINTS_PER_RUN", d.maxPointsPerRun()),
                    integer(get, "OPTLAB_WORKER_THREADS", d.workerThreads()),
                    integer(get, "OPTLAB_MAX_SEARCHES", d.maxSearches()),
                    new WorkLimits(whole(get, "OPTLAB_MAX_ACTIVATIONS_WORK", d.work().maxActivationsWork()),
                            integer(get, "OPTLAB_MAX_SEARCH_TRIALS", d.work().maxSearchTrials()),
                            integer(get, "OPTLAB_MAX_SEARCH_EPOCHS", d.work().maxSearchEpochs()),
                            whole(get, "OPTLAB_MAX_SEARCH_WORK", d.work().maxSearchWork()),
                            whole(get, "OPTLAB_MAX_UPDATE_WORK", d.work().maxUpdateWork())),
                    new ConnectionLimits(
                            integer(get, "OPTLAB_MAX_SESSIONS_PER_ADDRESS", d.connections().maxSessionsPerAddress()),
                            whole(get, "OPTLAB_MAX_UNREAD_BYTES", d.connections().maxUnreadBytes()),
                            Duration.ofSeconds(whole(get, "OPTLAB_UNREAD_TIMEOUT_SECONDS",
                                    d.connections().unreadTimeout().toSeconds())),
                            Duration.ofSeconds(whole(get, "OPTLAB_IDLE_TIMEOUT_SECONDS",
                                    d.connections().idleTimeout().toSeconds())),
                            number(get, "OPTLAB_MIN_PACE", d.connections().minPace())));
        } catch (FieldException e) {
            throw new FieldException(variableOf(e.field()), e.problem());
        }
        ClassroomConfig classroom = classroom(get);
        logLevel(get);
        MetricsConfig metrics = MetricsConfig.read(get.apply(MetricsConfig.VARIABLE),
                get.apply(MetricsConfig.TOKEN_VARIABLE));
        boolean bundled = onOff(get, BUNDLED_LESSONS_VARIABLE, true);
        try {
            return new ServerConfig(host, port, lessons, web, limits, origins, classroom, metrics, bundled);
        } catch (FieldException e) {
            throw e.field().equals(BUNDLED_LESSONS_VARIABLE) ? e
                    : new FieldException("port".equals(e.field()) ? "OPTLAB_PORT" : "OPTLAB_HOST", e.problem());
        }
    }

    /** OPTLAB_DATABASE_URL if set (PostgreSQL), else the SQLite file in OPTLAB_DATA_DIR; OPTLAB_INSTRUCTOR_TOKEN. */
    private static ClassroomConfig classroom(Function<String, Optional<String>> get) {
        StoreLocation store;
        try {
            store = get.apply("OPTLAB_DATABASE_URL").<StoreLocation>map(StoreLocation.PostgresUrl::new)
                    .orElseGet(() -> new StoreLocation.DataFolder(get.apply("OPTLAB_DATA_DIR").map(Path::of)
                            .orElse(ClassroomConfig.DEFAULT_DATA_DIR)));
        } catch (FieldException e) {
            throw new FieldException("OPTLAB_DATABASE_URL", e.problem());
        } catch (java.nio.file.InvalidPathException e) {
            throw new FieldException("OPTLAB_DATA_DIR", "must be a folder's path (" + e.getReason() + ")");
        }
        try {
            return new ClassroomConfig(store, get.apply("OPTLAB_INSTRUCTOR_TOKEN").map(InstructorToken::of));
        } catch (FieldException e) {
            throw new FieldException("OPTLAB_INSTRUCTOR_TOKEN", e.problem());
        }
    }

    /** Checks OPTLAB_LOG_LEVEL, which {@code logback.xml} applies (it would read a misspelt level as DEBUG). */
    private static void logLevel(Function<String, Optional<String>> get) {
        Optional<String> level = get.apply("OPTLAB_LOG_LEVEL");
        if (level.isPresent() && !LOG_LEVELS.contains(level.get().toUpperCase(java.util.Locale.ROOT))) {
            throw new FieldException("OPTLAB_LOG_LEVEL", "must be one of " + String.join(", ", LOG_LEVELS)
                    + ", got '" + FieldException.oneLine(level.get()) + "'");
        }
    }

    /** A switch: {@code on} or {@code off} (any case), the default when unset. */
    private static boolean onOff(Function<String, Optional<String>> get, String name, boolean fallback) {
        Optional<String> value = get.apply(name);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new FieldException(name, "must be on or off, got " + Quote.of(value.get()));
        };
    }

    private static String variableOf(String limitField) {
        List<String> fields = List.of("maxSessions", "maxSteps", "maxRuns", "maxMessageBytes", "messagesPerSecond",
                "messageBurst", "maxStepsPerSecond", "maxPointsPerRun", "workerThreads", "maxSearches",
                "maxActivationsWork", "maxSearchTrials", "maxSearchEpochs", "maxSearchWork", "maxUpdateWork",
                "maxSessionsPerAddress", "maxUnreadBytes", "unreadTimeout", "idleTimeout", "minPace");
        int index = fields.indexOf(limitField);
        return index < 0 ? limitField : LIMIT_VARIABLES.get(index);
    }

    private static int integer(Function<String, Optional<String>> get, String name, int fallback) {
        long value = whole(get, name, fallback);
        if (value != (int) value) {
            throw new FieldException(name, "must be a whole number up to " + Integer.MAX_VALUE + ", got " + value);
        }
        return (int) value;
    }

    private static long whole(Function<String, Optional<String>> get, String name, long fallback) {
        Optional<String> value = get.apply(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw new FieldException(name, "must be a whole number, got " + Quote.of(value.get()));
        }
    }

    private static double number(Function<String, Optional<String>> get, String name, double fallback) {
        Optional<String> value = get.apply(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.get());
        } catch (NumberFormatException e) {
            throw new FieldException(name, "must be a number, got " + Quote.of(value.get()));
        }
    }
}

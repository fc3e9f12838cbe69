package org.optimizerlab.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import io.javalin.Javalin;
import java.util.Optional;
import org.optimizerlab.app.AppFactory;
import org.optimizerlab.app.ServerConfig;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.lesson.Course;
import org.optimizerlab.lesson.Preset;
import org.optimizerlab.lesson.Setup;
import org.optimizerlab.web.ServerLimits;

/**
 * The real web app (the app factory of the server) started once for the whole test run on a free port, serving the
 * real {@code lessons/} and {@code web/} folders of the working tree, and beside the course's lessons the test
 * lessons of every preset kind ({@code src/test/resources/lessons/kinds}, positions 91-99), so every kind gets the
 * same browser tests even before a course lesson uses it. Test classes get it as a parameter through
 * {@link Extension}; JUnit stops it after the last test.
 */
final class LabServer implements AutoCloseable {
    static final Path COURSE = Path.of("lessons").toAbsolutePath();
    static final Path KINDS = Path.of("src", "test", "resources", "lessons", "kinds").toAbsolutePath();
    /** The test JVM's number when failsafe runs several at once (each gets its own folders); 1 otherwise. */
    static final String FORK = System.getProperty("e2e.fork", "1");
    static final Path LESSONS = Path.of("target", "e2e", "lessons-" + FORK).toAbsolutePath();
    static final Path WEB = Path.of("web").toAbsolutePath();

    /** Steps per second for runs a test only wants finished: the server's limit. */
    static final int FAST = ServerLimits.DEFAULT.maxStepsPerSecond();

    private final AutoCloseable app;
    private final int port;

    private LabServer(AutoCloseable app, int port) {
        this.app = app;
        this.port = port;
    }

    /** The configuration the tests serve with: loopback, any free port, the working tree's folders. */
    static ServerConfig config() {
        return new ServerConfig("127.0.0.1", 0, Optional.of(LESSONS), Optional.of(WEB), ServerLimits.DEFAULT);
    }

    static LabServer start() {
        return start(ServerLimits.DEFAULT);
    }

    /** A server of its own with other limits (a test closes it); the lessons as for the shared one. */
    static LabServer start(ServerLimits limits) {
        mergeLessons();
        ServerConfig defaults = config();
        Javalin app = AppFactory.create(new ServerConfig(defaults.host(), 0, defaults.lessonsDir(), defaults.webDir(),
                limits)).start();
        return new LabServer(app::stop, app.port());
    }

    /** The lessons of the folder the server serves, read by the server's own loader. */
    static Course course() {
        mergeLessons();
        return AppFactory.loadCourse(config());
    }

    /** Copies the course's lessons and the test lessons of every kind into {@link #LESSONS}, afresh. */
    static synchronized void mergeLessons() {
        try {
            if (Files.exists(LESSONS)) {
                try (Stream<Path> old = Files.walk(LESSONS)) {
                    for (Path file : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            for (Path source : List.of(COURSE, KINDS)) {
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.toList()) {
                        Path to = LESSONS.resolve(source.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(to);
                        } else if (!file.getParent().equals(source)) {          // lesson files, not README.md
                            Files.copy(file, to);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The experiment a race preset runs. */
    static Experiment experiment(Preset preset) {
        if (preset.setup() instanceof Setup.Race race) {
            return race.experiment();
        }
        throw new AssertionError(preset.id() + " is not a race but " + preset.kind());
    }

    /** A number as a person would type it (no trailing zeros, no exponent for ordinary values). */
    static String show(double value) {
        return BigDecimal.valueOf(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** Orders chart points {@code {x, y}} so equal ones (NaN included) compare as 0. */
    static int comparePoints(double[] a, double[] b) {
        int x = Double.compare(a[0], b[0]);
        return x != 0 ? x : Double.compare(a[1], b[1]);
    }

    /** {@code http://localhost:PORT} + {@code path}. */
    String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Override
    public void close() throws Exception {
        app.close();
    }

    /** Resolves {@link LabServer} parameters with the one server of the run. */
    static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == LabServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(LabServer.class, key -> start(), LabServer.class);
        }
    }
}

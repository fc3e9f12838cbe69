package org.optimizerlab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL server for tests: its own cluster in a temporary folder ({@code initdb}), on a free
 * loopback port with its socket in that folder, stopped and deleted by {@link #close()}. As root, the server runs
 * as the {@code postgres} user (initdb refuses root). Without the server binaries it fails and says what to install;
 * it never skips.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Path INSTALL = Path.of("/usr/lib/postgresql");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path folder;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path bin, Path folder, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.folder = folder;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Creates a cluster and starts its server (a few seconds). */
    public static PostgresServer start() {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path folder = Files.createTempDirectory("optlab-pg-");
            if (root) {
                UserPrincipal postgres = folder.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(folder, postgres);
            }
            PostgresServer server = new PostgresServer(bin, folder, freePort(), root);
            try {
                server.run("initdb", "-D", server.data(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                        "--locale=C", "--no-sync");
                server.run("pg_ctl", "-D", server.data(), "-l", folder.resolve("server.log").toString(), "-w",
                        "-t", "60", "-o", "-p " + server.port + " -k " + folder + " -c listen_addresses=127.0.0.1"
                                + " -c fsync=off", "start");
                return server;
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty database on the server: its JDBC URL. */
    public String createDatabase() {
        String name = "optlab_test_" + DATABASES.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(url("postgres"));
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        return url(name);
    }

    /** The JDBC URL of database {@code name}. */
    public String url(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=postgres";
    }

    /** Stops the server at once and deletes the cluster. */
    @Override
    public void close() {
        try {
            if (Files.exists(folder.resolve("data/postmaster.pid"))) {
                run("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop");
            }
        } finally {
            deleteQuietly(folder);
        }
    }

    private String data() {
        return folder.resolve("data").toString();
    }

    private void run(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("optlab-pg-command", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                        .directory(folder.toFile()).start();
                if (!process.waitFor(90, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(program + " did not finish in 90 s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed with status "
                            + process.exitValue() + ":\n" + Files.readString(log) + serverLog());
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + program, e);
        }
    }

    private String serverLog() throws IOException {
        Path log = folder.resolve("server.log");
        return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
    }

    /** The newest installed server's {@code bin} folder. */
    private static Path binaries() {
        if (Files.isDirectory(INSTALL)) {
            try (Stream<Path> versions = Files.list(INSTALL)) {
                return versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparing(b -> versionOf(b.getParent())))
                        .orElseThrow(PostgresServer::notInstalled);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw notInstalled();
    }

    private static int versionOf(Path folder) {
        try {
            return Integer.parseInt(folder.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static AssertionError notInstalled() {
        return new AssertionError("the PostgreSQL tests need a PostgreSQL server's binaries (initdb, pg_ctl) in "
                + INSTALL + "/VERSION/bin: install them with 'apt-get install -y postgresql' (.ci/run does)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}

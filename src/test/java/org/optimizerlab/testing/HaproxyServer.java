package org.optimizerlab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy in front of replicas on loopback, run with the project's own {@code deploy/haproxy.cfg} (its
 * addresses given through the environment), in the foreground ({@code -db}) until {@link #close()}. Without
 * {@code haproxy} installed it fails and says what to install; it never skips.
 */
public final class HaproxyServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/haproxy");
    private static final Path CONFIG = Path.of("deploy/haproxy.cfg");

    private final Process process;
    private final int port;
    private final Path log;

    private HaproxyServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts HAProxy on a free loopback port in front of two replicas at these ports; waits until it listens. */
    public static HaproxyServer start(int replica1, int replica2) {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError("the replica tests need a real HAProxy at " + BINARY
                    + ": install it with 'apt-get install -y haproxy' (.ci/run does)");
        }
        try {
            int port = freePort();
            Path log = Files.createTempFile("optlab-haproxy", ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of(BINARY.toString(), "-f", CONFIG.toString(), "-db"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(Map.of("OPTLAB_LB_BIND", "127.0.0.1:" + port,
                    "OPTLAB_REPLICA_1", "127.0.0.1:" + replica1, "OPTLAB_REPLICA_2", "127.0.0.1:" + replica2));
            HaproxyServer server = new HaproxyServer(builder.start(), port, log);
            try {
                Poll.until("HAProxy listening on " + port, Duration.ofSeconds(20), server::listening);
                return server;
            } catch (AssertionError e) {
                server.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port students connect to. */
    public int port() {
        return port;
    }

    /** What HAProxy printed so far (its log lines: one per request). */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read the log: " + e.getMessage() + ")";
        }
    }

    private boolean listening() {
        if (!process.isAlive()) {
            throw new AssertionError("HAProxy (" + CONFIG + ") exited with status " + process.exitValue() + ":\n"
                    + output());
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a leftover log in the temporary folder is harmless
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

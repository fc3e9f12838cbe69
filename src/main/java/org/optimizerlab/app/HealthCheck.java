package org.optimizerlab.app;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The container's health check, for images without curl or wget:
 * {@code java -cp optimizer-lab.jar org.optimizerlab.app.HealthCheck} asks {@code GET /healthz} of the server on
 * this machine and exits 0 on a 200 answer within 3 seconds, 1 otherwise. It reads {@code OPTLAB_PORT} and
 * {@code OPTLAB_HOST} exactly as the server does ({@link ServerConfig#fromEnvironment}), so it probes where the
 * server listens: the loopback address when the server listens on every address, else that address. A bad
 * variable makes it fail with the server's own message. It loads little beyond the JDK, so it starts fast.
 */
public final class HealthCheck {

    private static final int TIMEOUT_MILLIS = 3000;

    private HealthCheck() {
    }

    public static void main(String[] args) {
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("unhealthy: " + e.getMessage());
            System.exit(1);
            return;
        }
        int status = check(probeHost(config.host()), config.port());
        System.exit(status == 200 ? 0 : 1);
    }

    /** Where to reach a server bound to {@code host}: loopback for a wildcard address, else the address itself. */
    static String probeHost(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (bare.equals("::") || bare.equals("0:0:0:0:0:0:0:0")) {
            return "[::1]";
        }
        return bare.contains(":") ? "[" + bare + "]" : bare;
    }

    /** The status of {@code GET http://127.0.0.1:PORT/healthz}, or -1 when there is no answer. */
    static int check(int port) {
        return check("127.0.0.1", port);
    }

    /** The status of {@code GET http://HOST:PORT/healthz} ({@code HOST} an IPv6 address in brackets), or -1. */
    static int check(String host, int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + host + ":" + port + "/healthz")
                    .toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("unhealthy: " + e.getMessage());
            return -1;
        }
    }
}

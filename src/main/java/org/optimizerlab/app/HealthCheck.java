package org.optimizerlab.app;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The container's health check, for images without curl or wget:
 * {@code java -cp optimizer-lab.jar org.optimizerlab.app.HealthCheck} asks {@code GET /healthz} of the server on
 * this machine ({@code OPTLAB_PORT}, default 7070) and exits 0 on a 200 answer within 3 seconds, 1 otherwise.
 * It loads nothing but the JDK, so it starts fast.
 */
public final class HealthCheck {

    private static final int TIMEOUT_MILLIS = 3000;

    private HealthCheck() {
    }

    public static void main(String[] args) {
        String port = System.getenv().getOrDefault("OPTLAB_PORT", "").trim();
        int status = check(port.isEmpty() ? ServerConfig.DEFAULT_PORT : parsePort(port));
        System.exit(status == 200 ? 0 : 1);
    }

    /** The status of {@code GET http://127.0.0.1:PORT/healthz}, or -1 when there is no answer. */
    static int check(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/healthz")
                    .toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            System.err.println("unhealthy: " + e.getMessage());
            return -1;
        }
    }

    private static int parsePort(String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            return ServerConfig.DEFAULT_PORT;
        }
    }
}

package org.optimizerlab.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Keeps other sites from opening experiments through a student's browser (cross-site WebSocket hijacking): a browser
 * sends the page's {@code Origin} with every WebSocket handshake, and it must name this server, the same host and
 * port as the request's {@code Host} (or its {@code X-Forwarded-Host}, behind a reverse proxy, which a page
 * cannot set). A handshake without {@code Origin} is not from a browser page (command-line clients, tests) and is
 * allowed; {@code Origin: null} (a sandboxed or local file page) is not.
 */
public final class SameOrigin {

    private SameOrigin() {
    }

    /** Whether a handshake with these headers may open the socket. */
    public static boolean allows(String origin, String host, String forwardedHost) {
        if (origin == null) {
            return true;
        }
        String authority = authorityOf(origin);
        return authority != null && (authority.equals(normalize(host, origin)) || authority.equals(normalize(
                forwardedHost, origin)));
    }

    /** A before-upgrade handler of the WebSocket: 403 for a handshake from another site. */
    public static void check(Context ctx) {
        if (!allows(ctx.header("Origin"), ctx.header("Host"), ctx.header("X-Forwarded-Host"))) {
            throw new ForbiddenResponse("this page's origin may not open experiments on this server");
        }
    }

    /** {@code host:port} of an origin, the scheme's default port made explicit; null when it is not one. */
    private static String authorityOf(String origin) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return null;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
            return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** A Host header as {@code host:port}, the origin's scheme's default port when it has none. */
    private static String normalize(String host, String origin) {
        if (host == null || host.isBlank()) {
            return null;
        }
        String value = host.trim().toLowerCase(Locale.ROOT);
        int colon = value.lastIndexOf(':');
        boolean hasPort = colon > value.lastIndexOf(']');
        return hasPort ? value : value + ":" + defaultPort(origin.substring(0, Math.max(0, origin.indexOf(':'))));
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}

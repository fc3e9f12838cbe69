package org.optimizerlab.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps other sites from using this server through a student's browser.
 *
 * <p>Without public URLs (the default): a browser sends the page's {@code Origin} with every WebSocket handshake,
 * and it must name this server, the same host and port as the request's {@code Host} (or its
 * {@code X-Forwarded-Host}, behind a reverse proxy, which a page cannot set). This stops cross-site WebSocket
 * hijacking, but not DNS rebinding, where another site's name is made to point at this server and the browser
 * then sends that name as {@code Host} too.
 *
 * <p>With public URLs ({@link PublicOrigins}, {@code OPTLAB_PUBLIC_URL}): the handshake's {@code Origin} must be one
 * of their origins, and every HTTP request must be for one of their host names, for a loopback name
 * ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}: the container's health check) or for the address the server
 * listens on; any other {@code Host} gets 421 with a short text. Host names are compared without the port.
 * {@code /metrics} answers any host name: a Prometheus scraper asks for the pod's address, and the path serves no
 * page and changes nothing (set {@code OPTLAB_METRICS_TOKEN} to keep it private). Probes of {@code /healthz} send
 * {@code Host: localhost} (the Kubernetes manifests in {@code deploy/} do).
 *
 * <p>Either way a handshake without {@code Origin} is not from a browser page (command-line clients, tests) and is
 * allowed; {@code Origin: null} (a sandboxed or local file page) is not.
 */
public final class SameOrigin {
    private static final Logger LOG = LoggerFactory.getLogger(SameOrigin.class);
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;
    static final String MISDIRECTED = "This server does not answer to that host name; use its public address.";
    /** The scraper's path, answered whatever host name it is asked for. */
    static final String METRICS_PATH = "/metrics";

    private final PublicOrigins publicOrigins;
    private final String listenHost;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    /**
     * @param publicOrigins the public URLs, or {@link PublicOrigins#NONE}
     * @param listenHost    the address the server binds ({@code OPTLAB_HOST}); a specific one is an allowed host
     */
    public SameOrigin(PublicOrigins publicOrigins, String listenHost) {
        this.publicOrigins = publicOrigins;
        this.listenHost = hostName(listenHost);
    }

    /** Whether a handshake with these headers may open the socket when no public URL is configured. */
    public static boolean allows(String origin, String host, String forwardedHost) {
        if (origin == null) {
            return true;
        }
        Optional<String> asked = PublicOrigins.originOf(origin);
        return asked.isPresent() && (asked.equals(originFor(host, origin)) || asked.equals(originFor(forwardedHost,
                origin)));
    }

    /** Whether a request with this {@code Host} header is answered. */
    public boolean allowsHost(String host) {
        if (!publicOrigins.isSet()) {
            return true;
        }
        String name = hostName(host);
        return name != null && (publicOrigins.hasHost(name) || isLoopback(name) || name.equals(listenHost));
    }

    /** Whether a handshake with these headers may open the socket. */
    public boolean allowsHandshake(String origin, String host, String forwardedHost) {
        if (!publicOrigins.isSet()) {
            return allows(origin, host, forwardedHost);
        }
        return allowsHost(host) && (origin == null || publicOrigins.allowsOrigin(origin));
    }

    /** A before-handler of every HTTP request: 421 for a host name this server does not answer to. */
    public void checkHost(Context ctx) {
        String host = ctx.header("Host");
        if (!allowsHost(host) && !METRICS_PATH.equals(ctx.path())) {
            logRefusal(host);
            ctx.status(HttpStatus.MISDIRECTED_REQUEST).contentType("text/plain; charset=utf-8").result(MISDIRECTED);
            ctx.skipRemainingHandlers();
        }
    }

    /** A before-upgrade handler of the WebSocket: 421 for a foreign host name, 403 for a page of another site. */
    public void checkHandshake(Context ctx) {
        String host = ctx.header("Host");
        if (!allowsHost(host)) {
            logRefusal(host);
            throw new HttpResponseException(HttpStatus.MISDIRECTED_REQUEST.getCode(), MISDIRECTED);
        }
        if (!allowsHandshake(ctx.header("Origin"), host, ctx.header("X-Forwarded-Host"))) {
            throw new ForbiddenResponse("this page's origin may not open experiments on this server");
        }
    }

    /** A refusal is a client's doing: one log line a minute at most, for the instructor who set up a proxy. */
    private void logRefusal(String host) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            LOG.warn("refused a request for host '{}': not a host of OPTLAB_PUBLIC_URL ({}); a reverse proxy must pass "
                    + "the Host header on (further refusals are not logged for a minute)",
                    host == null ? "" : host.replaceAll("[^\\x21-\\x7e]", "?"), publicOrigins);
        }
    }

    private static boolean isLoopback(String name) {
        return name.equals("localhost") || LOOPBACK_V4.matcher(name).matches()
                || name.equals("[::1]") || name.equals("[0:0:0:0:0:0:0:1]");
    }

    /** A Host header (or a bind address) as a lower-case host name without port or final dot; null if blank. */
    static String hostName(String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        String value = host.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(0, end + 1);
        }
        if (value.indexOf(':') != value.lastIndexOf(':')) {
            return "[" + value + "]";                         // a bare IPv6 address (a bind address)
        }
        int colon = value.indexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** The origin a page of {@code host} would have, with the scheme of {@code origin}; empty without a host. */
    private static Optional<String> originFor(String host, String origin) {
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        String scheme = origin.substring(0, Math.max(0, origin.indexOf(':')));
        return PublicOrigins.originOf(scheme + "://" + host.trim());
    }
}

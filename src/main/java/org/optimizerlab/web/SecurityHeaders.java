package org.optimizerlab.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Headers for a page served on a class network: everything from this server and nothing else (a content security
 * policy of {@code 'self'} only: no inline scripts or styles, no external requests), no framing, no sniffing, no
 * referrer. The policy allows the WebSocket of the same host explicitly ({@code ws://HOST}, {@code wss://HOST}).
 * Javalin's answers get them from {@link #apply}; the pages Jetty writes itself, from {@link PlainErrorPages}.
 */
public final class SecurityHeaders {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");

    private SecurityHeaders() {
    }

    /** The content security policy for a request to {@code host} (the Host header; ignored when malformed). */
    public static String contentSecurityPolicy(String host) {
        String sockets = host != null && HOST.matcher(host).matches() ? " ws://" + host + " wss://" + host : "";
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                + "font-src 'self'; connect-src 'self'" + sockets + "; object-src 'none'; base-uri 'none'; "
                + "form-action 'self'; frame-ancestors 'none'";
    }

    /** The headers for a request to {@code host} (the Host header, maybe null or malformed), in a fixed order. */
    public static Map<String, String> forHost(String host) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", contentSecurityPolicy(host));
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        return headers;
    }

    /** Adds the headers to a response (a before-handler of every request). */
    public static void apply(Context ctx) {
        forHost(ctx.header("Host")).forEach(ctx::header);
    }
}

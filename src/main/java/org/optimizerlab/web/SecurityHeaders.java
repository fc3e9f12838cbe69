package org.optimizerlab.web;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * Headers for a page served on a class network: everything from this server and nothing else (a content security
 * policy of {@code 'self'} only: no inline scripts or styles, no external requests), no framing, no sniffing, no
 * referrer. The policy allows the WebSocket of the same host explicitly ({@code ws://HOST}, {@code wss://HOST}).
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

    /** Adds the headers to a response (a before-handler of every request). */
    public static void apply(Context ctx) {
        ctx.header("Content-Security-Policy", contentSecurityPolicy(ctx.header("Host")));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    }
}

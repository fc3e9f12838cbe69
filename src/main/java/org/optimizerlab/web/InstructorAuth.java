package org.optimizerlab.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.SameSite;
import io.javalin.http.UnauthorizedResponse;
import java.util.Optional;
import org.optimizerlab.classroom.InstructorSession;
import org.optimizerlab.classroom.InstructorSessions;

/**
 * Who is the instructor, checked on the server for every request that needs it: the session cookie
 * ({@value #COOKIE}: HttpOnly, SameSite=Strict, Path=/, Secure over https) names a session in the class database.
 * Instructor endpoints call {@link #require} (401 without a live session); the instructor's WebSocket calls it in
 * its before-upgrade handler. Requests that change state also pass {@link #checkOrigin} (403 from another site);
 * a page with such a form is served through {@link #formPage}, or its browser would send {@code Origin: null}.
 */
public final class InstructorAuth {

    /** The session cookie. */
    public static final String COOKIE = "optlab_instructor";

    private final InstructorSessions sessions;

    public InstructorAuth(InstructorSessions sessions) {
        this.sessions = sessions;
    }

    /** The signed-in instructor's session of this request, if any. */
    public Optional<InstructorSession> session(Context ctx) {
        return sessions.find(ctx.cookie(COOKIE));
    }

    /**
     * The session of this request; an {@link UnauthorizedResponse} (401) when there is none, it has expired or
     * it was ended. For instructor endpoints and the instructor's WebSocket handshake.
     */
    public InstructorSession require(Context ctx) {
        return session(ctx).orElseThrow(() -> new UnauthorizedResponse("sign in as the instructor first: "
                + "/instructor/login"));
    }

    /**
     * A 403 for a state-changing request sent by another site's page: its {@code Origin} must be this server
     * (a request without one is not from a browser page). With SameSite=Strict this is the CSRF defence.
     */
    public static void checkOrigin(Context ctx) {
        if (!SameOrigin.allows(ctx.header("Origin"), ctx.header("Host"), ctx.header("X-Forwarded-Host"))) {
            throw new ForbiddenResponse("this page's origin may not send instructor forms to this server");
        }
    }

    /**
     * Headers for a page with an instructor form: not cached, and a referrer policy of {@code same-origin} in place
     * of the site's {@code no-referrer}, under which a browser posts a form with {@code Origin: null} (a fetch from
     * the page sends its origin either way).
     */
    public static Context formPage(Context ctx) {
        return ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "same-origin");
    }

    /** Whether the client reached the server over https (directly, or through a proxy that says so). */
    static boolean overHttps(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(firstValue(ctx.header("X-Forwarded-Proto")));
    }

    /** Sets the session cookie, for as long as the session lasts. */
    void setCookie(Context ctx, InstructorSessions.Started started) {
        int maxAge = (int) InstructorSessions.SESSION_LENGTH.toSeconds();
        ctx.cookie(new Cookie(COOKIE, started.secretId(), "/", maxAge, overHttps(ctx), true, null, SameSite.STRICT));
    }

    /** Removes the session cookie from the browser. */
    void clearCookie(Context ctx) {
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, overHttps(ctx), true, null, SameSite.STRICT));
    }

    /** Ends this request's session, if it has one; whether it had. */
    boolean end(Context ctx) {
        return sessions.end(ctx.cookie(COOKIE));
    }

    private static String firstValue(String header) {
        return header == null ? null : header.split(",", 2)[0].trim();
    }
}

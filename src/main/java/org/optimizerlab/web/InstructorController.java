package org.optimizerlab.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.optimizerlab.classroom.InstructorSession;
import org.optimizerlab.classroom.InstructorSessions;
import org.optimizerlab.classroom.LoginLimiter;
import org.optimizerlab.lesson.Language;
import org.optimizerlab.ops.ClientLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instructor's sign-in: {@code GET /instructor/login} (the form; the page also signs in from a
 * {@code #token=...} link and takes the token out of the address), {@code POST /instructor/login} (form field
 * {@code token}), {@code GET /instructor} (who is signed in, and a sign-out button), {@code POST /instructor/logout},
 * and {@code GET /api/instructor/session} (the session as JSON, 401 without one).
 *
 * <p>Failed sign-ins are limited per client address ({@link LoginLimiter}: then 429 with {@code Retry-After}) and
 * each is logged on one line with the address, never the token. Forms from another site are refused (403).
 */
public final class InstructorController {
    private static final Logger LOG = LoggerFactory.getLogger(InstructorController.class);
    static final int REFUSALS_LOGGED_PER_MINUTE = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final InstructorAuth auth;
    private final InstructorSessions sessions;
    private final LoginLimiter limiter;
    private final Messages messages;
    /** Refused sign-ins: a client that keeps trying gets {@value #REFUSALS_LOGGED_PER_MINUTE} lines a minute. */
    private final ClientLog refusals = new ClientLog(LOG, REFUSALS_LOGGED_PER_MINUTE);

    public InstructorController(InstructorAuth auth, InstructorSessions sessions, LoginLimiter limiter,
                                Messages messages) {
        this.auth = auth;
        this.sessions = sessions;
        this.limiter = limiter;
        this.messages = messages;
    }

    /** Adds the instructor's routes. */
    public void register(RoutesConfig routes) {
        routes.get("/instructor", this::page);
        routes.get("/instructor/login", this::loginForm);
        routes.post("/instructor/login", this::login);
        routes.post("/instructor/logout", this::logout);
        routes.get("/api/instructor/session", this::session);
    }

    /** {@code GET /instructor}: the signed-in instructor's page; the sign-in form's address otherwise. */
    void page(Context ctx) {
        Language language = LanguageChoice.of(ctx);               // remembers ?lang= for the sign-in form too
        Optional<InstructorSession> session = auth.session(ctx);
        if (session.isEmpty()) {
            ctx.redirect("/instructor/login", HttpStatus.SEE_OTHER);
            return;
        }
        Map<String, Object> model = PageController.layoutModel(ctx, language, messages.get(language, "instructor.title"));
        model.put("signedInAt", TIME.format(session.get().createdAt()));
        model.put("address", session.get().clientAddress());
        model.put("expiresAt", TIME.format(session.get().expiresAt()));
        InstructorAuth.formPage(ctx).render("instructor", model).contentType(PageController.HTML);
    }

    /**
     * {@code GET /instructor/login}: the form, or the instructor's page when already signed in (with an empty
     * fragment: a browser would carry a {@code #token=...} of the link over to the new address otherwise).
     */
    void loginForm(Context ctx) {
        if (auth.session(ctx).isPresent()) {
            noStore(ctx).redirect("/instructor#", HttpStatus.SEE_OTHER);
            return;
        }
        renderForm(ctx, HttpStatus.OK, null);
    }

    /** {@code POST /instructor/login}: checks the token and starts a session. */
    void login(Context ctx) {
        InstructorAuth.checkOrigin(ctx);
        String address = ctx.ip();
        Language language = LanguageChoice.of(ctx);
        Optional<Duration> blocked = limiter.blockedFor(address);
        if (blocked.isPresent()) {
            long seconds = Math.max(1, (blocked.get().toMillis() + 999) / 1000);
            refusals.warn(address, "instructor sign-in refused from {}: {} failed in a minute, {} s to wait", address,
                    limiter.maxFailures(), seconds);
            ctx.header("Retry-After", Long.toString(seconds));
            renderForm(ctx, HttpStatus.TOO_MANY_REQUESTS, format(language, "instructor.login.throttled", seconds));
            return;
        }
        String token = ctx.formParam("token");
        if (token == null || token.isBlank()) {
            renderForm(ctx, HttpStatus.BAD_REQUEST, messages.get(language, "instructor.login.missing"));
            return;
        }
        if (!sessions.tokenMatches(token)) {
            int failures = limiter.recordFailure(address);
            LOG.warn("instructor sign-in failed from {} ({} of {} allowed in a minute)", address, failures,
                    limiter.maxFailures());
            renderForm(ctx, HttpStatus.UNAUTHORIZED, messages.get(language, "instructor.login.wrong"));
            return;
        }
        limiter.recordSuccess(address);
        auth.setCookie(ctx, sessions.start(address));
        InstructorLog.signedIn(address);
        noStore(ctx).redirect("/instructor", HttpStatus.SEE_OTHER);
    }

    /** {@code POST /instructor/logout}: ends the session in the database and removes the cookie. */
    void logout(Context ctx) {
        InstructorAuth.checkOrigin(ctx);
        if (auth.end(ctx)) {
            InstructorLog.signedOut(ctx.ip());
        }
        auth.clearCookie(ctx);
        noStore(ctx).redirect("/instructor/login", HttpStatus.SEE_OTHER);
    }

    /** {@code GET /api/instructor/session}: when the session started and ends, from where; 401 without one. */
    void session(Context ctx) {
        InstructorSession session = auth.require(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signedInAt", session.createdAt().toString());
        body.put("expiresAt", session.expiresAt().toString());
        body.put("address", session.clientAddress());
        noStore(ctx).json(body);
    }

    private void renderForm(Context ctx, HttpStatus status, String error) {
        Language language = LanguageChoice.of(ctx);
        Map<String, Object> model = PageController.layoutModel(ctx, language,
                messages.get(language, "instructor.login.title"));
        model.put("switchHref", "/instructor/login?lang=" + model.get("switchLang"));
        model.put("error", error);
        InstructorAuth.formPage(ctx).status(status).render("instructor-login", model).contentType(PageController.HTML);
    }

    private String format(Language language, String key, Object... arguments) {
        return new MessageFormat(messages.get(language, key), language.locale()).format(arguments);
    }

    private static Context noStore(Context ctx) {
        return ctx.header("Cache-Control", "no-store");
    }
}

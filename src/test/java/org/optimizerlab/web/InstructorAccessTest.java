package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.classroom.ClassDatabase;
import org.optimizerlab.classroom.ClassStore;
import org.optimizerlab.classroom.ClassroomConfig;
import org.optimizerlab.classroom.InstructorSession;
import org.optimizerlab.classroom.InstructorSessions;
import org.optimizerlab.classroom.InstructorToken;
import org.optimizerlab.classroom.StoreLocation;
import org.optimizerlab.testing.TestServer;
import org.slf4j.LoggerFactory;

/**
 * Instructor sign-in on a real server whose class database is an SQLite file the test can also open: the token,
 * the session cookie, sessions kept (hashed) in the database, the limit on failed sign-ins, and what a student
 * without a session gets from instructor endpoints.
 */
class InstructorAccessTest {

    private static final String TOKEN = TestServer.INSTRUCTOR_TOKEN;

    @TempDir
    Path data;
    private TestServer server;
    private StoreLocation.DataFolder database;

    @BeforeEach
    void start() {
        database = new StoreLocation.DataFolder(data);
        server = TestServer.start(TestServer.config(ServerLimits.DEFAULT).withClassroom(
                new ClassroomConfig(database, Optional.of(InstructorToken.of(TOKEN)))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Nested
    class SigningIn {

        @Test
        void theInstructorPageSendsAnyoneWithoutASessionToTheForm() {
            HttpResponse<String> page = server.get("/instructor");
            assertThat(page.statusCode()).isEqualTo(303);
            assertThat(page.headers().firstValue("Location")).contains("/instructor/login");
            HttpResponse<String> form = server.get("/instructor/login?lang=en");
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(form.headers().firstValue("Referrer-Policy")).as("so the browser posts the form with its origin")
                    .contains("same-origin");
            assertThat(form.body()).contains("<form id=\"instructor-login\"", "action=\"/instructor/login\"",
                    "name=\"token\"", "type=\"password\"", "/js/instructor-login.js", "Instructor sign-in");
            assertThat(server.get("/instructor/login?lang=zh").body()).contains("教师登录", "教师口令");
        }

        @Test
        void aLanguageChosenOnTheInstructorPageCarriesOverToTheForm() {
            HttpResponse<String> page = server.get("/instructor?lang=zh");
            assertThat(page.statusCode()).isEqualTo(303);
            assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("lang=zh"));
            assertThat(server.get("/instructor/login", "Cookie", "lang=zh").body()).contains("教师登录");
        }

        @Test
        void theRightTokenStartsASessionWhoseCookieIsHttpOnlyStrictAndForTheWholeSite() {
            HttpResponse<String> login = login(TOKEN);
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().firstValue("Location")).contains("/instructor");
            String header = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(header).containsIgnoringCase("; HttpOnly").containsIgnoringCase("; SameSite=Strict")
                    .containsIgnoringCase("; Path=/").contains("Max-Age=43200").doesNotContainIgnoringCase("Secure");
            HttpCookie cookie = HttpCookie.parse(header).get(0);
            assertThat(cookie.getName()).isEqualTo(InstructorAuth.COOKIE);
            assertThat(cookie.getValue()).matches("[A-Za-z0-9_-]{43}");

            HttpResponse<String> page = server.get("/instructor?lang=en", "Cookie", cookieOf(login));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("You are signed in as the instructor since ", "from 127.0.0.1",
                    "<form id=\"instructor-logout\" method=\"post\" action=\"/instructor/logout\"");
            HttpResponse<String> again = server.get("/instructor/login", "Cookie", cookieOf(login));
            assertThat(again.statusCode()).as("the form sends a signed-in instructor on").isEqualTo(303);
            assertThat(again.headers().firstValue("Location")).as("replacing a #token= fragment")
                    .contains("/instructor#");
            HttpResponse<String> api = server.get("/api/instructor/session", "Cookie", cookieOf(login));
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(api.body()).contains("\"address\":\"127.0.0.1\"", "\"expiresAt\":\"");

            try (ClassStore store = openDatabase()) {
                Optional<InstructorSession> stored = store.session(InstructorSessions.hash(cookie.getValue()),
                        Instant.now());
                assertThat(stored).as("the session is in the database under the hash of its id").isPresent();
                assertThat(Duration.between(stored.get().createdAt(), stored.get().expiresAt()))
                        .isEqualTo(Duration.ofHours(12));
                assertThat(store.session(cookie.getValue(), Instant.now())).as("never the id itself").isEmpty();
            }
        }

        @Test
        void overHttpsBehindAProxyTheCookieIsSecureToo() {
            HttpResponse<String> login = server.send(form("/instructor/login", "token=" + TOKEN)
                    .header("X-Forwarded-Proto", "https").build());
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).containsIgnoringCase("; Secure");
        }

        @Test
        void aWrongTokenIsRefusedAndLoggedOnOneLineWithTheAddressButNotTheToken() {
            ListAppender<ILoggingEvent> log = captureLog();
            try {
                HttpResponse<String> wrong = login("not-the-token-but-long-enough");
                assertThat(wrong.statusCode()).isEqualTo(401);
                assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
                assertThat(wrong.body()).contains("That is not the instructor token.", "id=\"login-error\"");
                assertThat(log.list).singleElement().satisfies(event -> {
                    assertThat(event.getFormattedMessage()).isEqualTo(
                            "instructor sign-in failed from 127.0.0.1 (1 of 5 allowed in a minute)");
                    assertThat(event.getThrowableProxy()).isNull();
                });
            } finally {
                stopCapturing(log);
            }
        }

        @Test
        void aFormWithoutATokenNamesTheField() {
            HttpResponse<String> missing = server.send(form("/instructor/login", "").build());
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(missing.body()).contains("token: enter the instructor token.");
        }

        @Test
        void afterFiveFailuresInAMinuteTheAddressGets429WithRetryAfterEvenWithTheRightToken() {
            for (int i = 1; i <= 5; i++) {
                assertThat(login("wrong-token-number-" + i).statusCode()).as("failure " + i).isEqualTo(401);
            }
            HttpResponse<String> refused = login("wrong-token-number-6");
            assertThat(refused.statusCode()).isEqualTo(429);
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(refused.body()).contains("Too many failed sign-ins from this address: try again in "
                    + retryAfter + " s.");
            HttpResponse<String> right = login(TOKEN);
            assertThat(right.statusCode()).as("no guess is checked while refused").isEqualTo(429);
            assertThat(right.headers().firstValue("Set-Cookie")).isEmpty();
        }

        @Test
        void aClientGuessingInALoopFillsTheLogWithAFewLinesOnly() {
            ListAppender<ILoggingEvent> log = captureLog();
            try {
                for (int i = 1; i <= 40; i++) {
                    login("wrong-token-number-" + i);
                }
                List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
                assertThat(lines.stream().filter(line -> line.startsWith("instructor sign-in failed from")))
                        .hasSize(5);
                assertThat(lines.stream().filter(line -> line.startsWith("instructor sign-in refused from")))
                        .as("35 refusals, a few lines").hasSize(InstructorController.REFUSALS_LOGGED_PER_MINUTE);
            } finally {
                stopCapturing(log);
            }
        }

        @Test
        void formsFromAnotherSiteAreRefused() {
            HttpResponse<String> foreign = server.send(form("/instructor/login", "token=" + TOKEN)
                    .header("Origin", "http://evil.example").build());
            assertThat(foreign.statusCode()).isEqualTo(403);
            assertThat(foreign.headers().firstValue("Set-Cookie")).isEmpty();
            HttpResponse<String> same = server.send(form("/instructor/login", "token=" + TOKEN)
                    .header("Origin", "http://127.0.0.1:" + server.port()).build());
            assertThat(same.statusCode()).isEqualTo(303);

            HttpResponse<String> foreignLogout = server.send(form("/instructor/logout", "")
                    .header("Cookie", cookieOf(same)).header("Origin", "http://evil.example").build());
            assertThat(foreignLogout.statusCode()).isEqualTo(403);
            assertThat(server.get("/api/instructor/session", "Cookie", cookieOf(same)).statusCode())
                    .as("still signed in").isEqualTo(200);
        }
    }

    @Nested
    class WithoutASession {

        @Test
        void noCookieGets401FromTheApiAndTheFormFromThePage() {
            assertThat(server.get("/api/instructor/session").statusCode()).isEqualTo(401);
            assertThat(server.get("/api/instructor/session").body()).doesNotContain("Exception", "at org.");
            assertThat(server.get("/instructor").statusCode()).isEqualTo(303);
        }

        @Test
        void aForgedCookieIsRefused() {
            String forged = InstructorAuth.COOKIE + "=" + "A".repeat(43);
            assertThat(server.get("/api/instructor/session", "Cookie", forged).statusCode()).isEqualTo(401);
            assertThat(server.get("/instructor", "Cookie", forged).statusCode()).isEqualTo(303);
            assertThat(server.get("/api/instructor/session", "Cookie", InstructorAuth.COOKIE + "=x'; DROP TABLE")
                    .statusCode()).isEqualTo(401);
        }

        @Test
        void anExpiredSessionIsRefused() {
            String secret = "B".repeat(43);
            Instant now = Instant.now();
            try (ClassStore store = openDatabase()) {
                store.addSession(new InstructorSession(InstructorSessions.hash(secret), now.minus(Duration.ofHours(13)),
                        now.minus(Duration.ofHours(1)), "127.0.0.1"));
            }
            String cookie = InstructorAuth.COOKIE + "=" + secret;
            assertThat(server.get("/api/instructor/session", "Cookie", cookie).statusCode()).isEqualTo(401);
            assertThat(server.get("/instructor", "Cookie", cookie).statusCode()).isEqualTo(303);
        }

        @Test
        void signingOutEndsTheSessionInTheDatabase() {
            HttpResponse<String> login = login(TOKEN);
            String cookie = cookieOf(login);
            String secret = HttpCookie.parse(login.headers().firstValue("Set-Cookie").orElseThrow()).get(0).getValue();
            HttpResponse<String> logout = server.send(form("/instructor/logout", "").header("Cookie", cookie).build());
            assertThat(logout.statusCode()).isEqualTo(303);
            assertThat(logout.headers().firstValue("Location")).contains("/instructor/login");
            assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).contains(InstructorAuth.COOKIE + "=")
                    .contains("Expires=Thu, 01 Jan 1970 00:00:00 GMT");   // Jetty's way of Max-Age=0
            try (ClassStore store = openDatabase()) {
                assertThat(store.session(InstructorSessions.hash(secret), Instant.now())).isEmpty();
            }
            assertThat(server.get("/api/instructor/session", "Cookie", cookie).statusCode())
                    .as("the old cookie, replayed").isEqualTo(401);
            assertThat(server.get("/instructor", "Cookie", cookie).statusCode()).isEqualTo(303);
        }
    }

    private HttpResponse<String> login(String token) {
        return server.send(form("/instructor/login", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
                .build());
    }

    private HttpRequest.Builder form(String path, String body) {
        return HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** {@code name=value} of the response's session cookie, for a Cookie header. */
    private static String cookieOf(HttpResponse<String> response) {
        HttpCookie cookie = HttpCookie.parse(response.headers().firstValue("Set-Cookie").orElseThrow()).get(0);
        return cookie.getName() + "=" + cookie.getValue();
    }

    /** The server's database, opened beside it (SQLite in WAL mode takes a second connection). */
    private ClassStore openDatabase() {
        return ClassDatabase.open(database, Clock.systemUTC());
    }

    private static ListAppender<ILoggingEvent> captureLog() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(InstructorController.class)).addAppender(appender);
        return appender;
    }

    private static void stopCapturing(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(InstructorController.class)).detachAppender(appender);
    }
}

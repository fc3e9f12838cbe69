package org.optimizerlab.testing;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.optimizerlab.app.AppFactory;
import org.optimizerlab.app.ServerConfig;
import org.optimizerlab.classroom.ClassroomConfig;
import org.optimizerlab.classroom.InstructorToken;
import org.optimizerlab.web.PublicOrigins;
import org.optimizerlab.web.ServerLimits;

/**
 * The real app on a free port of 127.0.0.1, with an HTTP client; close it to stop the server. A test class that
 * wants one server with the default limits for all its tests takes it in its constructor ({@link PerClass}).
 */
public final class TestServer implements AutoCloseable {

    private final Javalin app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Javalin app) {
        this.app = app;
    }

    /** The instructor token of {@link #config}'s servers. */
    public static final String INSTRUCTOR_TOKEN = "test-instructor-token-0123456789";

    /**
     * The test course ({@code lessons/valid}) with the given limits, web files from the classpath, the class in
     * memory and the instructor token {@link #INSTRUCTOR_TOKEN}.
     */
    public static ServerConfig config(ServerLimits limits) {
        return new ServerConfig("127.0.0.1", 0, Optional.of(TestLessons.folder("valid")), Optional.empty(), limits,
                PublicOrigins.NONE, ClassroomConfig.inMemory().withToken(InstructorToken.of(INSTRUCTOR_TOKEN)));
    }

    /** Starts the app of {@code config} (its port is ignored: a free one is used). */
    public static TestServer start(ServerConfig config) {
        return new TestServer(AppFactory.create(config.withPort(0)).start());
    }

    /** Starts the test course with the default limits. */
    public static TestServer start() {
        return start(config(ServerLimits.DEFAULT));
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    /** {@code http://127.0.0.1:PORT/path}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** {@code ws://127.0.0.1:PORT/path}. */
    public URI wsUri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    /** GET {@code path} with optional header name/value pairs. */
    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /**
     * POST a JSON body to {@code path} with optional header name/value pairs; waits up to 60 s, as a challenge
     * submission is scored by rerunning it on the server before the answer.
     */
    public HttpResponse<String> postJson(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /**
     * Signs in as the instructor with {@link #INSTRUCTOR_TOKEN} through the login form; the session cookie as
     * {@code name=value}, for a {@code Cookie} header. Fails, with the answer, unless the server signs in.
     */
    public String signIn() {
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/instructor/login"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + INSTRUCTOR_TOKEN)).build());
        Optional<String> setCookie = login.headers().firstValue("Set-Cookie");
        if (login.statusCode() != 303 || setCookie.isEmpty()) {
            throw new AssertionError("instructor sign-in answered " + login.statusCode() + " "
                    + login.headers().map() + ": " + login.body());
        }
        HttpCookie cookie = HttpCookie.parse(setCookie.get()).get(0);
        return cookie.getName() + "=" + cookie.getValue();
    }

    /** Sends a request and reads the body as text. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer read off a raw socket: the status code, the header lines and the body. */
    public record RawResponse(int status, String headers, String body) {
    }

    /**
     * Sends {@code GET target HTTP/1.1} with the target exactly as given (no client re-encodes or refuses it, so
     * malformed escapes such as {@code %u002e} reach the server) and reads the answer to the end.
     */
    public RawResponse rawGet(String target) {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String head = end < 0 ? answer : answer.substring(0, end);
            String body = end < 0 ? "" : answer.substring(end + 4);
            return new RawResponse(Integer.parseInt(head.split(" ", 3)[1]), head, body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The HTTP client (for WebSockets). */
    public HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        app.stop();
    }

    /**
     * One server with the default limits ({@link #start()}) for a whole test class, stopped after its last test:
     * annotate the class {@code @ExtendWith(TestServer.PerClass.class)} and give its constructor a
     * {@code TestServer} parameter. A {@code @Nested} class that asks for one gets its own.
     */
    public static final class PerClass implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            ExtensionContext.Namespace ofThisClass = ExtensionContext.Namespace.create(PerClass.class,
                    context.getRequiredTestClass());
            // a TestServer is AutoCloseable: the store stops it when the class's tests are done
            return context.getStore(ofThisClass).getOrComputeIfAbsent(TestServer.class, key -> start(),
                    TestServer.class);
        }
    }
}

package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.stream.Stream;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.testing.TestServer;

/**
 * The challenge endpoints of a real server on one test course, with the instructor signed in: what an instructor and
 * a student send, for the challenge API tests. Closing it stops the server.
 */
final class ChallengeApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestServer server;
    private final String cookie;

    private ChallengeApi(TestServer server) {
        this.server = server;
        this.cookie = server.signIn();
    }

    /** A server with the default limits on the test course {@code course}, the instructor signed in. */
    static ChallengeApi start(String course) {
        return new ChallengeApi(TestServer.start(TestServer.config(ServerLimits.DEFAULT)
                .withLessonsDir(TestLessons.folder(course))));
    }

    /** GET {@code path} as a student (no session). */
    HttpResponse<String> get(String path) {
        return server.get(path);
    }

    /** POST a JSON body to {@code path} as a student (no session). */
    HttpResponse<String> post(String path, String body) {
        return server.postJson(path, body);
    }

    /** GET {@code path} with the instructor's session. */
    HttpResponse<String> instructorGet(String path) {
        return server.get(path, "Cookie", cookie);
    }

    /** POST a JSON body to {@code path} with the instructor's session and any further header name/value pairs. */
    HttpResponse<String> instructorPost(String path, String body, String... headers) {
        return server.postJson(path, body, Stream.concat(Stream.of("Cookie", cookie), Arrays.stream(headers))
                .toArray(String[]::new));
    }

    /** Opens a challenge as the instructor ({@code body} as the instructor page sends it); its id. Fails unless 201. */
    long open(String body) {
        HttpResponse<String> opened = instructorPost("/api/instructor/challenges", body);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        return json(opened).get("id").asLong();
    }

    /** A student's submission to challenge {@code id}. */
    HttpResponse<String> submit(long id, String body) {
        return server.postJson("/api/challenges/" + id + "/submissions", body);
    }

    /** The answer's body as JSON. */
    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}

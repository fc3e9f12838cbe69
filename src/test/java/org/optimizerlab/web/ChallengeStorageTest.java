package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.classroom.ClassDatabase;
import org.optimizerlab.classroom.ClassStore;
import org.optimizerlab.classroom.ClassroomConfig;
import org.optimizerlab.classroom.InstructorToken;
import org.optimizerlab.classroom.StoreLocation;
import org.optimizerlab.classroom.Submission;
import org.optimizerlab.testing.TestLessons;
import org.optimizerlab.testing.TestServer;

/**
 * A challenge's score is in the class database when the student is told it, and survives the server: the
 * database file, opened beside the running server and again after it stopped, holds the submission with the
 * experiment the server ran (the challenge's start, not the student's).
 */
class ChallengeStorageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void theAcknowledgedScoreIsCommittedWithTheExperimentTheServerRan() throws Exception {
        StoreLocation.DataFolder database = new StoreLocation.DataFolder(data);
        long id;
        double score;
        try (TestServer server = TestServer.start(TestServer.config(ServerLimits.DEFAULT)
                .withLessonsDir(TestLessons.folder("challenges"))
                .withClassroom(new ClassroomConfig(database,
                        Optional.of(InstructorToken.of(TestServer.INSTRUCTOR_TOKEN)))))) {
            HttpResponse<String> opened = server.postJson("/api/instructor/challenges", "{\"lesson\": \"banana\", "
                    + "\"preset\": \"banana\", \"goal\": {\"type\": \"steps-to-loss\", \"threshold\": 1e-3, "
                    + "\"steps\": 1000}, \"fixed\": [\"start\"]}", "Cookie", server.signIn());
            id = JSON.readTree(opened.body()).get("id").asLong();
            HttpResponse<String> sent = server.postJson("/api/challenges/" + id + "/submissions", "{\"studentId\": "
                    + "\"s1\", \"name\": \"Ada\", \"spec\": {\"start\": [0.5, 0.5], \"runs\": [{\"id\": \"s\", "
                    + "\"optimizer\": {\"type\": \"sgd\", \"lr\": 0.002}}]}}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
            score = JSON.readTree(sent.body()).get("score").asDouble();
            try (ClassStore beside = ClassDatabase.open(database, Clock.systemUTC())) {
                assertStored(beside.submissions(id), score);
            }
        }
        try (ClassStore after = ClassDatabase.open(database, Clock.systemUTC())) {
            assertStored(after.submissions(id), score);
            assertThat(after.leaderboard(id).get(0).displayName()).contains("Ada");
        }
    }

    private static void assertStored(List<Submission> submissions, double score) throws Exception {
        assertThat(submissions).hasSize(1);
        assertThat(submissions.get(0).submission().score()).isEqualTo(score).isEqualTo(119);
        JsonNode stored = JSON.readTree(submissions.get(0).submission().spec());
        assertThat(stored.get("run").asText()).isEqualTo("s");
        assertThat(stored.get("spec").get("start").toString()).isEqualTo("[-1.5,2.0]");
        assertThat(stored.get("spec").get("steps").asInt()).isEqualTo(1000);
    }
}

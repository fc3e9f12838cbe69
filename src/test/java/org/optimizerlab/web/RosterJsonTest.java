package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.optimizerlab.classroom.ClassRoster;
import org.optimizerlab.classroom.ReplicaRoster;

/** A replica's roster as the other replicas read it: the same students back, bounded however long their fields. */
class RosterJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ClassRoster roster = new ClassRoster(Clock.fixed(Instant.parse("2026-12-05T04:00:00Z"),
            ZoneOffset.UTC));

    @Test
    void aShareReadsBackAsWritten() {
        roster.joined("c1");
        roster.hello("c1", "ana", Optional.of("Ana \"A\" 李"), "momentum", "valley");
        roster.state("c1", "running", true, 42);
        roster.joined("c2");
        roster.refused();
        ClassRoster.Share share = roster.share();
        String document = RosterJson.write(JSON, share);
        System.out.println("one student's roster: " + document.length() + " characters");
        assertThat(RosterJson.read(JSON, document)).contains(share);
        assertThat(RosterJson.read(JSON, "not json")).isEmpty();
        assertThat(RosterJson.read(JSON, "{\"seats\": 3}")).isEmpty();
    }

    @Test
    void theLongestFieldsAHelloAllowsStillFitTheStoredBound() {
        int places = 2_000;
        for (int i = 0; i < places; i++) {
            roster.joined("c" + i);
            String id = String.format("%064d", i);
            roster.hello("c" + i, id, Optional.of("\"".repeat(40)), ("l" + i + "-").repeat(40).substring(0, 100),
                    "p".repeat(64));
            roster.state("c" + i, "running", false, Long.MAX_VALUE);
        }
        String document = RosterJson.write(JSON, roster.share());
        System.out.println("2,000 students with the longest fields: " + document.length() + " characters");
        assertThat(document.length()).isLessThanOrEqualTo(ReplicaRoster.MAX_CHARS);
        ClassRoster.Share read = RosterJson.read(JSON, document).orElseThrow();
        assertThat(read.places()).isEqualTo(places);
        assertThat(read.seats()).isNotEmpty();
        assertThat(read.perLesson()).hasSize(RosterJson.MAX_LESSONS);
    }
}

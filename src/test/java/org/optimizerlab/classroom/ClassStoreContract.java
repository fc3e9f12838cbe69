package org.optimizerlab.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.TestClock;
import org.optimizerlab.validation.FieldException;

/**
 * What every {@link ClassStore} does, run against each database the server supports (SQLite, PostgreSQL): the
 * class's values round-trip, refused writes change nothing, what was acknowledged survives a reopen and a
 * {@code kill -9}, and the schema migrates from empty and from every earlier version.
 */
abstract class ClassStoreContract {

    protected final TestClock clock = new TestClock(Instant.parse("2026-12-05T09:00:00Z"));

    /** A location with an empty database. */
    protected abstract StoreLocation emptyDatabase();

    /** Plain JDBC access to a location's database, for writing an older schema. */
    protected abstract DataSource dataSource(StoreLocation location);

    protected abstract Migrations.Dialect dialect();

    /** {@link WriteBurst}'s argument for a location. */
    protected abstract String burstArgument(StoreLocation location);

    private ClassStore open(StoreLocation location) {
        return ClassDatabase.open(location, clock);
    }

    @Test
    void displayNamesAreSavedChangedAndListed() {
        try (ClassStore store = open(emptyDatabase())) {
            assertThat(store.student("s-1")).isEmpty();
            Student ada = store.saveDisplayName("s-1", "  Ada ");
            assertThat(ada).isEqualTo(new Student("s-1", "Ada", clock.instant()));
            clock.advance(Duration.ofSeconds(5));
            store.saveDisplayName("s-1", "Ada L.");
            store.saveDisplayName("s-0", "李雷");
            assertThat(store.student("s-1")).contains(new Student("s-1", "Ada L.", clock.instant()));
            assertThat(store.students()).extracting(Student::displayName).containsExactly("李雷", "Ada L.");

            assertThatThrownBy(() -> store.saveDisplayName("s-1", " ")).isInstanceOf(FieldException.class)
                    .hasMessage("displayName: must not be empty");
            assertThatThrownBy(() -> store.saveDisplayName("s 1", "Bob")).hasMessage(
                    "studentId: must be 1 to 64 of A-Z a-z 0-9 _ -, got 's 1'");
            assertThatThrownBy(() -> store.saveDisplayName("s-2", "x".repeat(41)))
                    .hasMessage("displayName: must be at most 40 characters, got 41");
            assertThat(store.students()).hasSize(2);
        }
    }

    @Test
    void pushesAreNumberedInOrderAndReadAfterTheLastOneSeen() {
        try (ClassStore store = open(emptyDatabase())) {
            assertThat(store.latestPush()).isEmpty();
            Push first = store.addPush(new NewPush("momentum", "mu = 0.99", "{\"steps\":100}"));
            clock.advance(Duration.ofMinutes(1));
            Push second = store.addPush(new NewPush("adam", "Adam, lr 0.1", "{\"steps\":200}"));
            assertThat(second.id()).isGreaterThan(first.id());
            assertThat(store.pushesAfter(0, 10)).containsExactly(first, second);
            assertThat(store.pushesAfter(first.id(), 10)).containsExactly(second);
            assertThat(store.pushesAfter(second.id(), 10)).isEmpty();
            assertThat(store.pushesAfter(0, 1)).containsExactly(first);
            assertThat(store.latestPush()).contains(second);
            assertThat(second.pushedAt()).isEqualTo(clock.instant());
            assertThatThrownBy(() -> new NewPush("Adam!", "t", "{}")).hasMessageStartingWith("lessonSlug: must be");
        }
    }

    @Test
    void replicasShareTheirRostersNamesAndHiddenStudents() {
        try (ClassStore store = open(emptyDatabase())) {
            Instant start = clock.instant();
            store.saveReplicaRoster("r-a", "{\"seats\":[]}");
            clock.advance(Duration.ofSeconds(3));
            store.saveReplicaRoster("r-b", "{\"places\":1}");
            store.saveReplicaRoster("r-a", "{\"places\":2}");
            assertThat(store.replicaRosters(start)).containsExactly(
                    new ReplicaRoster("r-a", "{\"places\":2}", clock.instant()),
                    new ReplicaRoster("r-b", "{\"places\":1}", clock.instant()));
            assertThat(store.replicaRosters(clock.instant())).as("only rows written after").isEmpty();
            assertThat(store.removeReplicaRoster("r-b")).isTrue();
            assertThat(store.removeReplicaRoster("r-b")).isFalse();
            clock.advance(Duration.ofMinutes(20));
            assertThat(store.removeReplicaRosters(clock.instant().minus(Duration.ofMinutes(10)))).isEqualTo(1);
            assertThat(store.replicaRosters(Instant.EPOCH)).isEmpty();
            assertThatThrownBy(() -> store.saveReplicaRoster("r a", "{}")).isInstanceOf(FieldException.class)
                    .hasMessageStartingWith("replicaId: must be 1 to 64");
            assertThatThrownBy(() -> store.saveReplicaRoster("r-a", "x".repeat(ReplicaRoster.MAX_CHARS + 1)))
                    .hasMessageStartingWith("roster: must be at most " + ReplicaRoster.MAX_CHARS + " characters");

            Instant before = clock.instant();
            store.saveDisplayName("old", "Old");
            clock.advance(Duration.ofSeconds(1));
            store.saveDisplayName("new", "New");
            assertThat(store.studentsNamedAfter(before)).extracting(Student::id).containsExactly("new");

            store.setHidden("cleo", true);
            store.setHidden("cleo", true);
            store.setHidden("dan", true);
            store.setHidden("dan", false);
            store.setHidden("eve", false);
            assertThat(store.hiddenStudents()).containsExactly("cleo");
            assertThatThrownBy(() -> store.setHidden("c leo", true)).hasMessageStartingWith("studentId: must be");
        }
    }

    @Test
    void challengesOpenAndClose() {
        try (ClassStore store = open(emptyDatabase())) {
            Challenge challenge = store.addChallenge(lowest("Fewest steps"));
            assertThat(challenge.open()).isTrue();
            assertThat(store.challenge(challenge.id())).contains(challenge);
            clock.advance(Duration.ofMinutes(10));
            Challenge closed = store.closeChallenge(challenge.id());
            assertThat(closed.closedAt()).contains(clock.instant());
            clock.advance(Duration.ofMinutes(1));
            assertThat(store.closeChallenge(challenge.id())).as("closing twice keeps the first time").isEqualTo(closed);
            assertThat(store.challenges()).containsExactly(closed);
            assertThatThrownBy(() -> store.closeChallenge(999)).isInstanceOf(FieldException.class)
                    .hasMessage("challengeId: there is no challenge 999");
            assertThat(store.challenge(999)).isEmpty();
        }
    }

    @Test
    void submissionsRankIntoALeaderboardOfEachStudentsBestScore() {
        try (ClassStore store = open(emptyDatabase())) {
            Challenge lowest = store.addChallenge(lowest("Lowest loss"));
            store.saveDisplayName("ada", "Ada");
            store.saveDisplayName("bob", "Bob");
            Submission adaFirst = submit(store, lowest, "ada", 0.30);
            Submission bobBest = submit(store, lowest, "bob", 0.10);
            submit(store, lowest, "ada", 0.50);
            Submission adaBest = submit(store, lowest, "ada", 0.10);
            submit(store, lowest, "ada", 0.10);
            Submission carol = submit(store, lowest, "carol", 0.20);
            assertThat(store.submissions(lowest.id())).extracting(Submission::id).startsWith(adaFirst.id())
                    .hasSize(6).isSorted();
            assertThat(store.leaderboard(lowest.id())).containsExactly(
                    new LeaderboardEntry(1, "bob", Optional.of("Bob"), 0.10, bobBest.id(), bobBest.submittedAt(), 1),
                    new LeaderboardEntry(2, "ada", Optional.of("Ada"), 0.10, adaBest.id(), adaBest.submittedAt(), 4),
                    new LeaderboardEntry(3, "carol", Optional.empty(), 0.20, carol.id(), carol.submittedAt(), 1));

            Challenge highest = store.addChallenge(new NewChallenge("mlp-spiral", "Best accuracy", "{}",
                    ScoreOrder.HIGHER_IS_BETTER));
            submit(store, highest, "ada", 0.91);
            submit(store, highest, "bob", 0.95);
            assertThat(store.leaderboard(highest.id())).extracting(LeaderboardEntry::studentId)
                    .containsExactly("bob", "ada");
            assertThat(store.leaderboard(lowest.id())).as("each challenge its own board").hasSize(3);
        }
    }

    @Test
    void aClosedOrUnknownChallengeRefusesSubmissionsAndKeepsNone() {
        try (ClassStore store = open(emptyDatabase())) {
            Challenge challenge = store.addChallenge(lowest("Closed soon"));
            store.closeChallenge(challenge.id());
            assertThatThrownBy(() -> submit(store, challenge, "ada", 1.0)).isInstanceOf(FieldException.class)
                    .hasMessage("challengeId: challenge " + challenge.id() + " is closed");
            assertThatThrownBy(() -> store.addSubmission(new NewSubmission(4242, "ada", "{}", 1.0)))
                    .hasMessage("challengeId: there is no challenge 4242");
            assertThat(store.submissions(challenge.id())).isEmpty();
            assertThatThrownBy(() -> new NewSubmission(challenge.id(), "ada", "{}", Double.NaN))
                    .hasMessage("score: must be a finite number, got NaN");
        }
    }

    @Test
    void instructorSessionsExpireAndEnd() {
        try (ClassStore store = open(emptyDatabase())) {
            Instant now = clock.instant();
            InstructorSession session = new InstructorSession("a".repeat(64), now, now.plus(Duration.ofHours(12)),
                    "127.0.0.1");
            InstructorSession old = new InstructorSession("b".repeat(64), now.minus(Duration.ofHours(13)),
                    now.minus(Duration.ofHours(1)), "10.0.0.7");
            store.addSession(session);
            store.addSession(old);
            assertThat(store.session(session.idHash(), now)).contains(session);
            assertThat(store.session(old.idHash(), now)).as("expired").isEmpty();
            assertThat(store.session(session.idHash(), session.expiresAt())).as("expired at its end").isEmpty();
            assertThat(store.removeExpiredSessions(now)).isEqualTo(1);
            assertThat(store.removeSession(session.idHash())).isTrue();
            assertThat(store.removeSession(session.idHash())).isFalse();
            assertThat(store.session(session.idHash(), now)).isEmpty();
        }
    }

    @Test
    void whatWasWrittenIsThereAfterReopening() {
        StoreLocation location = emptyDatabase();
        Challenge challenge;
        Submission submission;
        Push push;
        try (ClassStore store = open(location)) {
            store.saveDisplayName("ada", "Ada");
            challenge = store.addChallenge(lowest("Kept"));
            submission = submit(store, challenge, "ada", 0.25);
            push = store.addPush(new NewPush("momentum", "Kept too", "{}"));
        }
        try (ClassStore store = open(location)) {
            assertThat(store.student("ada")).map(Student::displayName).contains("Ada");
            assertThat(store.challenge(challenge.id())).contains(challenge);
            assertThat(store.submissions(challenge.id())).containsExactly(submission);
            assertThat(store.latestPush()).contains(push);
        }
    }

    @Test
    void concurrentWritersAreEachKeptOnce() throws Exception {
        try (ClassStore store = open(emptyDatabase())) {
            Challenge challenge = store.addChallenge(lowest("Busy"));
            ExecutorService writers = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<Long>>> results = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    String student = "writer-" + w;
                    results.add(writers.submit(() -> IntStream.range(0, 25)
                            .mapToObj(i -> submit(store, challenge, student, i).id()).toList()));
                }
                List<Long> acknowledged = new ArrayList<>();
                for (Future<List<Long>> result : results) {
                    acknowledged.addAll(result.get());
                }
                assertThat(acknowledged).hasSize(100).doesNotHaveDuplicates();
                assertThat(store.submissions(challenge.id())).extracting(Submission::id)
                        .containsExactlyInAnyOrderElementsOf(acknowledged);
            } finally {
                writers.shutdownNow();
            }
        }
    }

    @Test
    void acknowledgedWritesSurviveAKillMidBurst() throws Exception {
        StoreLocation location = emptyDatabase();
        long challenge;
        try (ClassStore store = open(location)) {
            challenge = store.addChallenge(lowest("Crash")).id();
        }
        KilledBurst burst = KilledBurst.run(burstArgument(location), challenge, 200);
        try (ClassStore store = open(location)) {
            List<Long> stored = store.submissions(challenge).stream().map(Submission::id).toList();
            assertThat(stored).as("every acknowledged submission").containsAll(burst.submissions());
            for (String student : burst.names()) {
                assertThat(store.student(student)).as("acknowledged name of " + student).isPresent();
            }
            assertThat(burst.submissions().size() + burst.names().size()).isGreaterThanOrEqualTo(200);
            store.addSubmission(new NewSubmission(challenge, "after", "{}", 1.0));   // and the database still works
        }
    }

    @Test
    void anEmptyDatabaseIsMigratedToTheNewestSchema() {
        StoreLocation location = emptyDatabase();
        open(location).close();
        Flyway flyway = Migrations.flyway(dataSource(location), dialect(), "latest");
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo(Migrations.latestVersion(flyway));
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(Integer.parseInt(Migrations.latestVersion(flyway))).isGreaterThanOrEqualTo(2);
    }

    /** For every migration but the newest: a database at that version, with data, opens at the newest and keeps it. */
    @Test
    void everyEarlierSchemaIsMigratedWithItsData() throws SQLException {
        List<String> versions = Arrays.stream(Migrations.flyway(dataSource(emptyDatabase()), dialect(), "latest")
                .info().all()).map(MigrationInfo::getVersion).map(v -> v.getVersion()).toList();
        assertThat(versions).startsWith("1", "2");
        for (String version : versions.subList(0, versions.size() - 1)) {
            StoreLocation location = emptyDatabase();
            DataSource raw = dataSource(location);
            Migrations.flyway(raw, dialect(), version).migrate();
            writeVersionOneData(raw);
            try (ClassStore store = open(location)) {
                assertThat(store.student("ada")).as("from version " + version)
                        .contains(new Student("ada", "Ada", Instant.ofEpochMilli(1000)));
                Challenge challenge = store.challenges().get(0);
                assertThat(challenge.challenge()).isEqualTo(lowest("From before"));
                assertThat(store.leaderboard(challenge.id())).extracting(LeaderboardEntry::bestScore).containsExactly(0.5);
                assertThat(store.latestPush()).map(p -> p.push().title()).contains("Kept across versions");
                submit(store, challenge, "bob", 0.25);
                assertThat(store.leaderboard(challenge.id())).extracting(LeaderboardEntry::studentId)
                        .containsExactly("bob", "ada");
                Instant now = clock.instant();
                store.addSession(new InstructorSession("c".repeat(64), now, now.plusSeconds(60), "127.0.0.1"));
                assertThat(store.session("c".repeat(64), now)).isPresent();
            }
            Flyway after = Migrations.flyway(raw, dialect(), "latest");
            assertThat(after.info().current().getVersion().getVersion()).isEqualTo(versions.get(versions.size() - 1));
        }
    }

    @Test
    void aSchemaNewerThanThisVersionIsRefused() {
        StoreLocation location = emptyDatabase();
        DataSource raw = dataSource(location);
        Flyway.configure().dataSource(raw).locations(Migrations.LOCATION, "classpath:db/future")
                .placeholders(dialect().placeholders()).load().migrate();
        assertThatThrownBy(() -> open(location)).isInstanceOf(StoreStartupException.class)
                .hasMessageStartingWith(location.setting() + ": the class database ")
                .hasMessageContaining("has schema version 99, newer than this version of Optimizer Lab knows (3)");
    }

    /** Rows as version 1 of the schema stores them, written with its SQL. */
    private static void writeVersionOneData(DataSource raw) throws SQLException {
        try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO students (id, display_name, updated_at) VALUES ('ada', 'Ada', 1000)");
            s.executeUpdate("INSERT INTO challenges (lesson_slug, title, spec, score_order, created_at) "
                    + "VALUES ('momentum', 'From before', '{\"steps\":100}', 'lower', 2000)");
            s.executeUpdate("INSERT INTO submissions (challenge_id, student_id, spec, score, submitted_at) "
                    + "SELECT id, 'ada', '{\"lr\":0.1}', 0.5, 3000 FROM challenges");
            s.executeUpdate("INSERT INTO pushes (lesson_slug, title, spec, pushed_at) "
                    + "VALUES ('momentum', 'Kept across versions', '{}', 4000)");
        }
    }

    static NewChallenge lowest(String title) {
        return new NewChallenge("momentum", title, "{\"steps\":100}", ScoreOrder.LOWER_IS_BETTER);
    }

    static Submission submit(ClassStore store, Challenge challenge, String student, double score) {
        return store.addSubmission(new NewSubmission(challenge.id(), student, "{\"score\":" + score + "}", score));
    }
}

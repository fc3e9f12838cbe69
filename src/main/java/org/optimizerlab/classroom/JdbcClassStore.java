package org.optimizerlab.classroom;

import static org.optimizerlab.classroom.Sql.instant;
import static org.optimizerlab.classroom.Sql.millis;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * The {@link ClassStore} on JDBC, the same SQL for SQLite and PostgreSQL. Times come from the clock, kept to the
 * millisecond as stored.
 */
final class JdbcClassStore implements ClassStore {

    private static final String CHALLENGE_COLUMNS =
            "SELECT id, lesson_slug, title, spec, score_order, created_at, closed_at FROM challenges";
    private static final String PUSH_COLUMNS = "SELECT id, lesson_slug, title, spec, pushed_at FROM pushes";

    private final Connections db;
    private final Clock clock;

    JdbcClassStore(Connections db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public Student saveDisplayName(String studentId, String displayName) {
        Student student = new Student(studentId, displayName, now());
        return write("save a display name", c -> {
            Sql.update(c, "INSERT INTO students (id, display_name, updated_at) VALUES (?, ?, ?) ON CONFLICT (id) "
                            + "DO UPDATE SET display_name = excluded.display_name, updated_at = excluded.updated_at",
                    student.id(), student.displayName(), millis(student.updatedAt()));
            return student;
        });
    }

    @Override
    public Optional<Student> student(String studentId) {
        ClassFields.id("studentId", studentId);
        return read("read a student", c -> Sql.first(c,
                "SELECT id, display_name, updated_at FROM students WHERE id = ?", JdbcClassStore::student, studentId));
    }

    @Override
    public List<Student> students() {
        return read("read the students", c -> Sql.list(c,
                "SELECT id, display_name, updated_at FROM students ORDER BY id", JdbcClassStore::student));
    }

    @Override
    public List<Student> studentsNamedAfter(Instant after) {
        Check.present("after", after);
        return read("read the students named lately", c -> Sql.list(c, "SELECT id, display_name, updated_at "
                + "FROM students WHERE updated_at > ? ORDER BY id", JdbcClassStore::student, millis(after)));
    }

    @Override
    public void setHidden(String studentId, boolean hidden) {
        ClassFields.id("studentId", studentId);
        long at = millis(now());
        write("hide a student", c -> hidden
                ? Sql.update(c, "INSERT INTO hidden_students (student_id, hidden_at) VALUES (?, ?) "
                        + "ON CONFLICT (student_id) DO NOTHING", studentId, at)
                : Sql.update(c, "DELETE FROM hidden_students WHERE student_id = ?", studentId));
    }

    @Override
    public Set<String> hiddenStudents() {
        return read("read the hidden students", c -> new TreeSet<>(Sql.list(c,
                "SELECT student_id FROM hidden_students", row -> row.getString("student_id"))));
    }

    @Override
    public void saveReplicaRoster(String replicaId, String roster) {
        ReplicaRoster row = new ReplicaRoster(replicaId, roster, now());
        write("save a replica's roster", c -> Sql.update(c, "INSERT INTO replica_rosters (replica_id, roster, "
                + "updated_at) VALUES (?, ?, ?) ON CONFLICT (replica_id) DO UPDATE SET roster = excluded.roster, "
                + "updated_at = excluded.updated_at", row.replicaId(), row.roster(), millis(row.updatedAt())));
    }

    @Override
    public List<ReplicaRoster> replicaRosters(Instant after) {
        Check.present("after", after);
        return read("read the replicas' rosters", c -> Sql.list(c, "SELECT replica_id, roster, updated_at "
                + "FROM replica_rosters WHERE updated_at > ? ORDER BY replica_id", row -> new ReplicaRoster(
                row.getString("replica_id"), row.getString("roster"), instant(row, "updated_at")), millis(after)));
    }

    @Override
    public int removeReplicaRosters(Instant before) {
        Check.present("before", before);
        return write("remove old replica rosters", c -> Sql.update(c,
                "DELETE FROM replica_rosters WHERE updated_at <= ?", millis(before)));
    }

    @Override
    public boolean removeReplicaRoster(String replicaId) {
        return write("remove a replica's roster", c -> Sql.update(c,
                "DELETE FROM replica_rosters WHERE replica_id = ?", replicaId)) > 0;
    }

    @Override
    public Push addPush(NewPush push) {
        Check.present("push", push);
        Instant at = now();
        return write("add a push", c -> new Push(Sql.insert(c,
                "INSERT INTO pushes (lesson_slug, title, spec, pushed_at) VALUES (?, ?, ?, ?) RETURNING id",
                push.lessonSlug(), push.title(), push.spec(), millis(at)), push, at));
    }

    @Override
    public List<Push> pushesAfter(long afterId, int limit) {
        Check.intInRange("limit", limit, 1, 10_000);
        return read("read pushes", c -> Sql.list(c, PUSH_COLUMNS + " WHERE id > ? ORDER BY id LIMIT ?",
                JdbcClassStore::push, afterId, limit));
    }

    @Override
    public Optional<Push> latestPush() {
        return read("read the latest push", c -> Sql.first(c, PUSH_COLUMNS + " ORDER BY id DESC LIMIT 1",
                JdbcClassStore::push));
    }

    @Override
    public Challenge addChallenge(NewChallenge challenge) {
        Check.present("challenge", challenge);
        Instant at = now();
        return write("add a challenge", c -> new Challenge(Sql.insert(c, "INSERT INTO challenges "
                        + "(lesson_slug, title, spec, score_order, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                challenge.lessonSlug(), challenge.title(), challenge.spec(), challenge.order().code(), millis(at)),
                challenge, at, Optional.empty()));
    }

    @Override
    public Optional<Challenge> challenge(long id) {
        return read("read a challenge", c -> challenge(c, id));
    }

    @Override
    public List<Challenge> challenges() {
        return read("read the challenges", c -> Sql.list(c, CHALLENGE_COLUMNS + " ORDER BY id",
                JdbcClassStore::challenge));
    }

    @Override
    public Challenge closeChallenge(long id) {
        long at = millis(now());
        return write("close a challenge", c -> {
            Sql.update(c, "UPDATE challenges SET closed_at = ? WHERE id = ? AND closed_at IS NULL", at, id);
            return challenge(c, id).orElseThrow(() -> noSuchChallenge(id));
        });
    }

    @Override
    public Submission addSubmission(NewSubmission submission) {
        Check.present("submission", submission);
        Instant at = now();
        return write("add a submission", c -> {
            Challenge challenge = challenge(c, submission.challengeId())
                    .orElseThrow(() -> noSuchChallenge(submission.challengeId()));
            if (!challenge.open()) {
                throw new FieldException("challengeId", "challenge " + challenge.id() + " is closed");
            }
            long id = Sql.insert(c, "INSERT INTO submissions (challenge_id, student_id, spec, score, submitted_at) "
                            + "VALUES (?, ?, ?, ?, ?) RETURNING id", submission.challengeId(), submission.studentId(),
                    submission.spec(), submission.score(), millis(at));
            return new Submission(id, submission, at);
        });
    }

    @Override
    public List<Submission> submissions(long challengeId) {
        return read("read submissions", c -> Sql.list(c, "SELECT id, challenge_id, student_id, spec, score, "
                + "submitted_at FROM submissions WHERE challenge_id = ? ORDER BY id", row -> new Submission(
                row.getLong("id"), new NewSubmission(row.getLong("challenge_id"), row.getString("student_id"),
                row.getString("spec"), row.getDouble("score")), instant(row, "submitted_at")), challengeId));
    }

    @Override
    public List<LeaderboardEntry> leaderboard(long challengeId) {
        return read("read a leaderboard", c -> {
            Challenge challenge = challenge(c, challengeId).orElseThrow(() -> noSuchChallenge(challengeId));
            List<Leaderboard.Scored> scored = Sql.list(c, "SELECT s.id, s.student_id, s.score, s.submitted_at, "
                    + "st.display_name FROM submissions s LEFT JOIN students st ON st.id = s.student_id "
                    + "WHERE s.challenge_id = ? ORDER BY s.id", row -> new Leaderboard.Scored(row.getLong("id"),
                    row.getString("student_id"), Optional.ofNullable(row.getString("display_name")),
                    row.getDouble("score"), instant(row, "submitted_at")), challengeId);
            return Leaderboard.rank(challenge.challenge().order(), scored);
        });
    }

    @Override
    public void addSession(InstructorSession session) {
        Check.present("session", session);
        write("add an instructor session", c -> Sql.update(c, "INSERT INTO instructor_sessions "
                        + "(id_hash, created_at, expires_at, client_address) VALUES (?, ?, ?, ?)", session.idHash(),
                millis(session.createdAt()), millis(session.expiresAt()), session.clientAddress()));
    }

    @Override
    public Optional<InstructorSession> session(String idHash, Instant now) {
        return read("read an instructor session", c -> Sql.first(c, "SELECT id_hash, created_at, expires_at, "
                + "client_address FROM instructor_sessions WHERE id_hash = ? AND expires_at > ?", row ->
                new InstructorSession(row.getString("id_hash"), instant(row, "created_at"),
                        instant(row, "expires_at"), row.getString("client_address")), idHash, millis(now)));
    }

    @Override
    public boolean removeSession(String idHash) {
        return write("remove an instructor session", c -> Sql.update(c,
                "DELETE FROM instructor_sessions WHERE id_hash = ?", idHash)) > 0;
    }

    @Override
    public int removeExpiredSessions(Instant now) {
        return write("remove expired instructor sessions", c -> Sql.update(c,
                "DELETE FROM instructor_sessions WHERE expires_at <= ?", millis(now)));
    }

    @Override
    public void close() {
        db.close();
    }

    private static Optional<Challenge> challenge(Connection c, long id) throws SQLException {
        return Sql.first(c, CHALLENGE_COLUMNS + " WHERE id = ?", JdbcClassStore::challenge, id);
    }

    private static FieldException noSuchChallenge(long id) {
        return new FieldException("challengeId", "there is no challenge " + id);
    }

    private static Student student(ResultSet row) throws SQLException {
        return new Student(row.getString("id"), row.getString("display_name"), instant(row, "updated_at"));
    }

    private static Push push(ResultSet row) throws SQLException {
        return new Push(row.getLong("id"), new NewPush(row.getString("lesson_slug"), row.getString("title"),
                row.getString("spec")), instant(row, "pushed_at"));
    }

    private static Challenge challenge(ResultSet row) throws SQLException {
        long closed = row.getLong("closed_at");
        Optional<Instant> closedAt = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(closed));
        long id = row.getLong("id");
        ScoreOrder order = ScoreOrder.fromCode(row.getString("score_order")).orElseThrow(() ->
                new SQLException("challenge " + id + " has an unknown score order"));
        return new Challenge(id, new NewChallenge(row.getString("lesson_slug"), row.getString("title"),
                row.getString("spec"), order), instant(row, "created_at"), closedAt);
    }

    private <T> T read(String operation, Connections.Work<T> work) {
        try {
            return db.read(work);
        } catch (SQLException e) {
            throw new ClassStoreException(operation, e);
        }
    }

    private <T> T write(String operation, Connections.Work<T> work) {
        try {
            return db.write(work);
        } catch (SQLException e) {
            throw new ClassStoreException(operation, e);
        }
    }
}

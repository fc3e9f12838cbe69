package org.optimizerlab.classroom;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The class's state, kept across restarts: students' display names, pushed experiments, challenges and their
 * scored submissions, instructor sessions. Opened by {@link ClassDatabase#open}.
 *
 * <p>Every method that writes returns only after its transaction has committed: what a caller acknowledges to a
 * user is on disk (or on the PostgreSQL server) and survives a crash. Values are checked by the records' own
 * rules ({@link org.optimizerlab.validation.FieldException} naming the field); a refused write changes nothing.
 * A failing database is a {@link ClassStoreException}. Thread-safe; writes are short.
 */
public interface ClassStore extends AutoCloseable {

    /** Sets (or changes) a student's display name. */
    Student saveDisplayName(String studentId, String displayName);

    /** The student with this id, if they ever chose a name. */
    Optional<Student> student(String studentId);

    /** Every student who chose a name, by id. */
    List<Student> students();

    /** The students whose name was chosen or changed after {@code after}, by id (for the other replicas). */
    List<Student> studentsNamedAfter(Instant after);

    /** Hides a student from the instructor's class list on every replica, or shows them again. */
    void setHidden(String studentId, boolean hidden);

    /** The students the instructor hid. */
    Set<String> hiddenStudents();

    /** Stores (or replaces) one replica's roster, stamped with the store's clock. */
    void saveReplicaRoster(String replicaId, String roster);

    /** The rosters written after {@code after}, every replica's (the caller's own included). */
    List<ReplicaRoster> replicaRosters(Instant after);

    /** Deletes the rosters written at or before {@code before} (replicas that went away); how many. */
    int removeReplicaRosters(Instant before);

    /** Deletes one replica's roster (it is stopping); whether there was one. */
    boolean removeReplicaRoster(String replicaId);

    /** Stores a pushed experiment and numbers it (higher than every earlier push). */
    Push addPush(NewPush push);

    /** The pushes numbered above {@code afterId}, oldest first, at most {@code limit} of them. */
    List<Push> pushesAfter(long afterId, int limit);

    /** The most recent push. */
    Optional<Push> latestPush();

    /** Stores a challenge, open for submissions. */
    Challenge addChallenge(NewChallenge challenge);

    /** The challenge with this number. */
    Optional<Challenge> challenge(long id);

    /** Every challenge, oldest first. */
    List<Challenge> challenges();

    /**
     * Closes a challenge to new submissions (closing a closed one changes nothing).
     *
     * @throws org.optimizerlab.validation.FieldException ({@code challengeId}) when there is no such challenge
     */
    Challenge closeChallenge(long id);

    /**
     * Stores a scored submission.
     *
     * @throws org.optimizerlab.validation.FieldException ({@code challengeId}) when the challenge does not exist
     *                                                    or is closed
     */
    Submission addSubmission(NewSubmission submission);

    /** A challenge's submissions, oldest first. */
    List<Submission> submissions(long challengeId);

    /** A challenge's leaderboard: each student's best score, best first (see {@link LeaderboardEntry#rank}). */
    List<LeaderboardEntry> leaderboard(long challengeId);

    /** Stores a new instructor session. */
    void addSession(InstructorSession session);

    /** The session with this id hash, if it exists and has not expired at {@code now}. */
    Optional<InstructorSession> session(String idHash, Instant now);

    /** Ends a session (signing out); whether there was one. */
    boolean removeSession(String idHash);

    /** Deletes the sessions expired at {@code now}; how many. */
    int removeExpiredSessions(Instant now);

    /** Closes the database; later calls fail. */
    @Override
    void close();
}

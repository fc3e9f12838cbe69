/**
 * The class: what an instructor's class keeps between requests and across restarts. Students' display names,
 * experiments pushed to the class, challenges with their server-scored submissions and leaderboards, and the
 * instructor's signed-in sessions, behind one small interface ({@link org.optimizerlab.classroom.ClassStore}) with
 * records for values; the web layer talks to it and never to SQL.
 *
 * <p>{@link org.optimizerlab.classroom.ClassDatabase} opens the store where a
 * {@link org.optimizerlab.classroom.StoreLocation} says (an SQLite file in the data folder by default, or a
 * PostgreSQL server), brings its schema up to date with the Flyway migrations in {@code db/migration} (the same
 * files for both databases) and refuses, with a message naming the variable and the file, a database it cannot
 * open, write or migrate. Every write returns only after its transaction has committed.
 *
 * <p>Instructor access lives here too, free of HTTP: the instructor token
 * ({@link org.optimizerlab.classroom.InstructorToken}), sessions started with it
 * ({@link org.optimizerlab.classroom.InstructorSessions}) and the limit on failed sign-ins
 * ({@link org.optimizerlab.classroom.LoginLimiter}).
 *
 * <p>Who is in the class right now is not in the database: {@link org.optimizerlab.classroom.ClassRoster} keeps it
 * in memory (one place per experiment connection), cheap to update from socket and worker threads, read once a
 * second for the instructor's class view. Replicas of one class sharing a database exchange their rosters through
 * it ({@link org.optimizerlab.classroom.ReplicaRoster}, written and read once a second by the web layer's
 * {@code ClassReplicas}), along with the students the instructor hid.
 */
package org.optimizerlab.classroom;

package org.optimizerlab.classroom;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How the store reaches its database: one SQLite connection used by one caller at a time
 * ({@link SingleConnection}), or a pool of PostgreSQL connections ({@link PooledConnections}). Reads run as they
 * are; writes run in a transaction that has committed when {@link #write} returns, or rolled back when it throws.
 */
abstract class Connections implements AutoCloseable {

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs {@code work} with a connection of its own until it returns. */
    abstract <T> T withConnection(Work<T> work) throws SQLException;

    @Override
    public abstract void close();

    /** Runs {@code work} outside a transaction (a single query). */
    final <T> T read(Work<T> work) throws SQLException {
        return withConnection(work);
    }

    /** Runs {@code work} in one transaction and commits it before returning its result. */
    final <T> T write(Work<T> work) throws SQLException {
        return withConnection(connection -> {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}

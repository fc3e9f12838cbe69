package org.optimizerlab.classroom;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SQLite connection, used by one caller at a time (a fair lock), so writes are serialized in the process and
 * never wait on each other inside SQLite. Each operation is a few statements, so the wait is short.
 */
final class SingleConnection extends Connections {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Connection connection;        // guarded by lock
    private boolean closed;                     // guarded by lock

    SingleConnection(Connection connection) {
        this.connection = connection;
    }

    @Override
    <T> T withConnection(Work<T> work) throws SQLException {
        lock.lock();
        try {
            if (closed) {
                throw new SQLException("the class database is closed");
            }
            return work.apply(connection);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException e) {
            throw new ClassStoreException("close", e);
        } finally {
            lock.unlock();
        }
    }
}

package org.optimizerlab.classroom;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Connections to a PostgreSQL server from a HikariCP pool: several callers at once, broken connections replaced. */
final class PooledConnections extends Connections {

    private final HikariDataSource pool;

    PooledConnections(HikariDataSource pool) {
        this.pool = pool;
    }

    @Override
    <T> T withConnection(Work<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return work.apply(connection);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}

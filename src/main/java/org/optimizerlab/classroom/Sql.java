package org.optimizerlab.classroom;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small JDBC helpers: statements with positional parameters, rows mapped to records, times as milliseconds. */
final class Sql {

    /** Reads one row into a value. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private Sql() {
    }

    /** Every row of a query. */
    static <T> List<T> list(Connection connection, String sql, Row<T> row, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<T> values = new ArrayList<>();
            while (rows.next()) {
                values.add(row.read(rows));
            }
            return values;
        }
    }

    /** The first row of a query, if any. */
    static <T> Optional<T> first(Connection connection, String sql, Row<T> row, Object... parameters)
            throws SQLException {
        List<T> values = list(connection, sql, row, parameters);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** An {@code INSERT ... RETURNING id}: the new row's id. */
    static long insert(Connection connection, String sql, Object... parameters) throws SQLException {
        return first(connection, sql, rows -> rows.getLong(1), parameters)
                .orElseThrow(() -> new SQLException("the insert returned no id"));
    }

    /** An update or delete: how many rows it changed. */
    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** A time as stored: milliseconds since the epoch. */
    static long millis(Instant time) {
        return time.toEpochMilli();
    }

    /** A stored time. */
    static Instant instant(ResultSet row, String column) throws SQLException {
        return Instant.ofEpochMilli(row.getLong(column));
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}

package org.optimizerlab.classroom;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.PostgresServer;
import org.postgresql.ds.PGSimpleDataSource;

/** The store contract on a real PostgreSQL server (a throwaway cluster, a fresh database per test). */
class PostgresClassStoreTest extends ClassStoreContract {

    private static PostgresServer server;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected StoreLocation emptyDatabase() {
        return new StoreLocation.PostgresUrl(server.createDatabase());
    }

    @Override
    protected DataSource dataSource(StoreLocation location) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(((StoreLocation.PostgresUrl) location).jdbcUrl());
        return source;
    }

    @Override
    protected Migrations.Dialect dialect() {
        return Migrations.Dialect.POSTGRESQL;
    }

    @Override
    protected String burstArgument(StoreLocation location) {
        return "postgres:" + ((StoreLocation.PostgresUrl) location).jdbcUrl();
    }

    @Test
    void aServerThatDoesNotAnswerIsRefusedByName() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StoreLocation location = new StoreLocation.PostgresUrl("jdbc:postgresql://127.0.0.1:" + closedPort
                + "/class?user=optlab&password=secret");
        assertThatThrownBy(() -> ClassDatabase.open(location, clock)).isInstanceOf(StoreStartupException.class)
                .hasMessageStartingWith("OPTLAB_DATABASE_URL: cannot connect to PostgreSQL jdbc:postgresql://127.0.0.1:"
                        + closedPort + "/class?user=optlab&password=*** (Connection to 127.0.0.1:" + closedPort
                        + " refused").hasMessageNotContaining("secret");
    }

    @Test
    void aDatabaseThatDoesNotExistIsRefusedByName() {
        StoreLocation location = new StoreLocation.PostgresUrl(server.url("no_such_database"));
        assertThatThrownBy(() -> ClassDatabase.open(location, clock)).isInstanceOf(StoreStartupException.class)
                .hasMessageStartingWith("OPTLAB_DATABASE_URL: cannot connect to PostgreSQL")
                .hasMessageContaining("no_such_database");
    }
}

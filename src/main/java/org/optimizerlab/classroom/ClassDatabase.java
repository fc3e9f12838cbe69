package org.optimizerlab.classroom;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.optimizerlab.classroom.Migrations.Dialect;
import org.optimizerlab.classroom.Migrations.Outcome;
import org.optimizerlab.classroom.StoreLocation.DataFolder;
import org.optimizerlab.classroom.StoreLocation.InMemory;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;

/**
 * Opens the {@link ClassStore} at a {@link StoreLocation}: creates the data folder, opens the database, migrates
 * its schema to this version's and checks that it can write, or refuses with a {@link StoreStartupException}
 * whose message names the setting and the file or server.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL} (a commit is on disk before it returns, even across a
 * power cut), foreign keys on, a 10 s busy timeout (an online backup may hold a lock for a moment) and
 * {@code BEGIN IMMEDIATE} transactions. PostgreSQL connections come from a small HikariCP pool.
 */
public final class ClassDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(ClassDatabase.class);

    /** Connections in the PostgreSQL pool: writes are short, a class of a hundred needs few. */
    static final int POSTGRES_POOL_SIZE = 4;
    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private ClassDatabase() {
    }

    /** The store at {@code location}, its schema up to date; times from {@code clock}. */
    public static ClassStore open(StoreLocation location, Clock clock) {
        JdbcClassStore store;
        Outcome outcome;
        if (location instanceof DataFolder folder) {
            Path file = prepareFolder(folder);
            SQLiteDataSource source = sqlite("jdbc:sqlite:" + file.toAbsolutePath());
            Connection connection = connectSqlite(source, folder, file);
            outcome = migrateOrClose(source, Dialect.SQLITE, location, file.toAbsolutePath().toString(), connection);
            store = new JdbcClassStore(new SingleConnection(connection), clock);
        } else if (location instanceof InMemory) {
            SQLiteDataSource source = sqlite("jdbc:sqlite:file:optlab-" + UUID.randomUUID() + "?mode=memory&cache=shared");
            Connection connection = connectSqlite(source, location, Path.of("memory"));   // keeps the database alive
            outcome = migrateOrClose(source, Dialect.SQLITE, location, "in memory", connection);
            store = new JdbcClassStore(new SingleConnection(connection), clock);
        } else {
            StoreLocation.PostgresUrl postgres = (StoreLocation.PostgresUrl) location;
            HikariDataSource pool = postgres(postgres);
            try {
                outcome = Migrations.migrate(pool, Dialect.POSTGRESQL, location, "at " + postgres.describe());
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
            store = new JdbcClassStore(new PooledConnections(pool), clock);
        }
        checkWritable(store, location, clock);
        LOG.info("class database: {}, {}", location.describe(), outcome.describe());
        return store;
    }

    /** Creates the data folder if needed and checks that files can be made in it; the database file. */
    private static Path prepareFolder(DataFolder location) {
        Path folder = location.folder().toAbsolutePath();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new StoreStartupException(location, "cannot create the data folder " + folder + " ("
                    + reason(e) + ")", e);
        }
        try {
            Files.delete(Files.createTempFile(folder, ".write-check-", ".tmp"));
        } catch (IOException e) {
            throw new StoreStartupException(location, "cannot write in the data folder " + folder + " ("
                    + reason(e) + "): make it writable by this user, or point OPTLAB_DATA_DIR elsewhere", e);
        }
        Path file = location.file().toAbsolutePath();
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new StoreStartupException(location, file + " is not a file", null);
        }
        return file;
    }

    private static SQLiteDataSource sqlite(String url) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(url);
        return source;
    }

    private static Connection connectSqlite(SQLiteDataSource source, StoreLocation location, Path file) {
        try {
            return source.getConnection();
        } catch (SQLException e) {
            String problem = e.getErrorCode() == SQLiteErrorCode.SQLITE_NOTADB.code
                    ? file + " is not an SQLite database (" + e.getMessage() + "): move it away or restore a backup"
                    : "cannot open the class database " + file + " (" + e.getMessage() + ")";
            throw new StoreStartupException(location, problem, e);
        }
    }

    private static Outcome migrateOrClose(DataSource source, Dialect dialect, StoreLocation location, String where,
                                          Connection connection) {
        try {
            return Migrations.migrate(source, dialect, location, where);
        } catch (RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** A pool on the server, after one plain connection showed that the URL works (a clear error if not). */
    private static HikariDataSource postgres(StoreLocation.PostgresUrl location) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        try {
            source.setURL(location.jdbcUrl());
        } catch (IllegalArgumentException e) {
            throw new StoreStartupException(location, "not a valid PostgreSQL URL (" + e.getMessage() + ")", e);
        }
        try (Connection probe = source.getConnection()) {
            probe.isValid(5);
        } catch (SQLException e) {
            throw new StoreStartupException(location, "cannot connect to " + location.describe() + " ("
                    + e.getMessage() + ")", e);
        }
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("class-database");
        config.setMaximumPoolSize(POSTGRES_POOL_SIZE);
        config.setConnectionTimeout(10_000);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreStartupException(location, "cannot connect to " + location.describe() + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /** A write that changes nothing now (expired sessions go), so a read-only database is refused at start. */
    private static void checkWritable(JdbcClassStore store, StoreLocation location, Clock clock) {
        try {
            int removed = store.removeExpiredSessions(clock.instant());
            if (removed > 0) {
                LOG.info("class database: {} expired instructor sessions removed", removed);
            }
        } catch (ClassStoreException e) {
            store.close();
            throw new StoreStartupException(location, "cannot write the class database at " + location.describe()
                    + " (" + e.getCause().getMessage() + ")", e);
        }
    }

    /** What the file system said, in words (its exceptions carry the reason apart from the path). */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return String.valueOf(e.getMessage());
    }
}

package org.optimizerlab.classroom;

import java.nio.file.Path;
import java.util.Locale;
import org.optimizerlab.validation.Check;
import org.optimizerlab.validation.FieldException;

/**
 * Where the class database lives: an SQLite file in a data folder (the default), a PostgreSQL server, or memory
 * (tests; nothing is kept). Each names the setting an operator would change, for error messages.
 */
public sealed interface StoreLocation {

    /** The environment variable (or other setting) that chose this location, named in error messages. */
    String setting();

    /** The location for logs and messages, without a password. */
    String describe();

    /**
     * The SQLite file {@value #FILE_NAME} in {@code folder} (created if missing), in WAL mode.
     *
     * @param folder the data folder ({@code OPTLAB_DATA_DIR})
     */
    record DataFolder(Path folder) implements StoreLocation {
        /** The database file's name inside the data folder. */
        public static final String FILE_NAME = "optimizer-lab.db";

        public DataFolder {
            Check.present("folder", folder);
        }

        /** The database file. */
        public Path file() {
            return folder.resolve(FILE_NAME);
        }

        @Override
        public String setting() {
            return "OPTLAB_DATA_DIR";
        }

        @Override
        public String describe() {
            return "SQLite " + file().toAbsolutePath();
        }
    }

    /**
     * A PostgreSQL database by its JDBC URL, user and password as parameters:
     * {@code jdbc:postgresql://HOST:PORT/DB?user=U&password=P}.
     *
     * @param jdbcUrl the URL ({@code OPTLAB_DATABASE_URL})
     */
    record PostgresUrl(String jdbcUrl) implements StoreLocation {
        static final String PREFIX = "jdbc:postgresql://";

        public PostgresUrl {
            Check.present("jdbcUrl", jdbcUrl);
            if (!jdbcUrl.toLowerCase(Locale.ROOT).startsWith(PREFIX) || jdbcUrl.length() == PREFIX.length()) {
                int colon = jdbcUrl.indexOf("//");
                String shown = colon < 0 ? "a URL without '//'" : "'" + jdbcUrl.substring(0, colon) + "//...'";
                throw new FieldException("jdbcUrl", "must be a PostgreSQL JDBC URL, " + PREFIX
                        + "HOST:PORT/DATABASE?user=USER&password=PASSWORD, got " + shown);
            }
        }

        @Override
        public String setting() {
            return "OPTLAB_DATABASE_URL";
        }

        @Override
        public String describe() {
            return "PostgreSQL " + jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
        }

        @Override
        public String toString() {
            return "PostgresUrl[" + describe() + "]";
        }
    }

    /** An SQLite database in memory, private to one store and gone when it closes: for tests. */
    record InMemory() implements StoreLocation {
        @Override
        public String setting() {
            return "the in-memory class database";
        }

        @Override
        public String describe() {
            return "SQLite in memory";
        }
    }
}

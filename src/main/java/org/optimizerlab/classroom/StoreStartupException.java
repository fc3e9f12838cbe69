package org.optimizerlab.classroom;

/**
 * The class database cannot be opened, written or migrated, so the server must not start. The message names the
 * setting to look at and the file or server: {@code OPTLAB_DATA_DIR: /srv/data/optimizer-lab.db is not an SQLite
 * database (file is not a database)}.
 */
public final class StoreStartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A refusal about {@code location}: the message is prefixed with its setting. */
    public StoreStartupException(StoreLocation location, String problem, Throwable cause) {
        super(location.setting() + ": " + problem, cause);
    }
}

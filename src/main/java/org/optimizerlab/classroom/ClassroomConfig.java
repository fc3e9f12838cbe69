package org.optimizerlab.classroom;

import java.nio.file.Path;
import java.util.Optional;
import org.optimizerlab.validation.Check;

/**
 * What the class part of the server is built from.
 *
 * @param store           where the class database lives
 * @param instructorToken the instructor's token, or empty for one generated at start and printed once
 */
public record ClassroomConfig(StoreLocation store, Optional<InstructorToken> instructorToken) {

    /** The data folder when {@code OPTLAB_DATA_DIR} is not set: {@code ./data}. */
    public static final Path DEFAULT_DATA_DIR = Path.of("data");

    public ClassroomConfig {
        Check.present("store", store);
        Check.present("instructorToken", instructorToken);
    }

    /** The server's defaults: the SQLite database in {@code ./data}, a generated token. */
    public static ClassroomConfig defaults() {
        return new ClassroomConfig(new StoreLocation.DataFolder(DEFAULT_DATA_DIR), Optional.empty());
    }

    /** A class kept in memory only, with a generated token (tests, and apps built without a configuration). */
    public static ClassroomConfig inMemory() {
        return new ClassroomConfig(new StoreLocation.InMemory(), Optional.empty());
    }

    /** The same class with another instructor token. */
    public ClassroomConfig withToken(InstructorToken token) {
        return new ClassroomConfig(store, Optional.of(token));
    }
}

package org.optimizerlab.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The store contract on SQLite files, and the folders and files the server refuses to start on. */
class SqliteClassStoreTest extends ClassStoreContract {

    @TempDir
    Path temp;
    private final AtomicInteger databases = new AtomicInteger();

    @Override
    protected StoreLocation emptyDatabase() {
        return new StoreLocation.DataFolder(temp.resolve("data-" + databases.incrementAndGet()));
    }

    @Override
    protected DataSource dataSource(StoreLocation location) {
        Path file = ((StoreLocation.DataFolder) location).file();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        return source;
    }

    @Override
    protected Migrations.Dialect dialect() {
        return Migrations.Dialect.SQLITE;
    }

    @Override
    protected String burstArgument(StoreLocation location) {
        return "sqlite:" + ((StoreLocation.DataFolder) location).folder();
    }

    @Test
    void theDatabaseIsAFileInTheDataFolderInWalMode() throws Exception {
        StoreLocation.DataFolder location = new StoreLocation.DataFolder(temp.resolve("new/nested/data"));
        try (ClassStore store = ClassDatabase.open(location, clock)) {
            store.saveDisplayName("ada", "Ada");
            assertThat(location.file()).isRegularFile();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + location.file());
                 Statement s = c.createStatement(); ResultSet mode = s.executeQuery("PRAGMA journal_mode")) {
                mode.next();
                assertThat(mode.getString(1)).isEqualTo("wal");
            }
        }
    }

    @Test
    void anOnlineBackupWhileTheStoreIsOpenHoldsEverythingCommitted() throws Exception {
        StoreLocation.DataFolder location = (StoreLocation.DataFolder) emptyDatabase();
        Path backup = temp.resolve("backup.db");
        try (ClassStore store = ClassDatabase.open(location, clock)) {
            store.saveDisplayName("ada", "Ada");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + location.file());
                 Statement s = c.createStatement()) {
                s.executeUpdate("backup to " + backup);           // docs/deployment.md, "Backups"
            }
            store.saveDisplayName("bob", "Bob");
        }
        try (ClassStore restored = ClassDatabase.open(new StoreLocation.DataFolder(temp.resolve("restored")), clock)) {
            assertThat(restored.students()).isEmpty();
        }
        Files.copy(backup, temp.resolve("restored").resolve(StoreLocation.DataFolder.FILE_NAME),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (ClassStore restored = ClassDatabase.open(new StoreLocation.DataFolder(temp.resolve("restored")), clock)) {
            assertThat(restored.students()).extracting(Student::id).containsExactly("ada");
        }
    }

    @Test
    void aDataFolderThatCannotBeCreatedIsRefusedByName() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "not a folder");
        StoreLocation location = new StoreLocation.DataFolder(file.resolve("data"));
        assertThatThrownBy(() -> ClassDatabase.open(location, clock)).isInstanceOf(StoreStartupException.class)
                .hasMessageStartingWith("OPTLAB_DATA_DIR: cannot create the data folder " + file.resolve("data"));
    }

    @Test
    void anUnwritableDataFolderIsRefusedByName() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("read-only"));
        boolean root = "root".equals(System.getProperty("user.name"));
        readOnly(folder, root, true);
        try {
            assertThatThrownBy(() -> ClassDatabase.open(new StoreLocation.DataFolder(folder), clock))
                    .isInstanceOf(StoreStartupException.class)
                    .hasMessageStartingWith("OPTLAB_DATA_DIR: cannot write in the data folder " + folder)
                    .hasMessageEndingWith("make it writable by this user, or point OPTLAB_DATA_DIR elsewhere");
        } finally {
            readOnly(folder, root, false);
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedByName() throws IOException {
        StoreLocation.DataFolder location = (StoreLocation.DataFolder) emptyDatabase();
        Files.createDirectories(location.folder());
        Files.writeString(location.file(), "lesson notes, not a database\n".repeat(20));
        assertThatThrownBy(() -> ClassDatabase.open(location, clock)).isInstanceOf(StoreStartupException.class)
                .hasMessage("OPTLAB_DATA_DIR: " + location.file().toAbsolutePath() + " is not an SQLite database "
                        + "([SQLITE_NOTADB] File opened that is not a database file (file is not a database)): "
                        + "move it away or restore a backup");
        assertThat(Files.readString(location.file())).as("left as it was").startsWith("lesson notes");
    }

    /**
     * Makes a folder unwritable even for root: root ignores permission bits, so it gets the immutable attribute
     * ({@code chattr +i}); anyone else loses the write bits.
     */
    private static void readOnly(Path folder, boolean root, boolean on) throws Exception {
        if (root) {
            Process chattr = new ProcessBuilder("chattr", on ? "+i" : "-i", folder.toString()).inheritIO().start();
            assertThat(chattr.waitFor(10, TimeUnit.SECONDS) && chattr.exitValue() == 0)
                    .as("chattr %si %s (e2fsprogs; a file system with attributes)", on ? "+" : "-", folder).isTrue();
        } else {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(on ? "r-xr-xr-x" : "rwxr-xr-x"));
        }
    }
}

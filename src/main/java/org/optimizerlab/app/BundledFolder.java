package org.optimizerlab.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import org.optimizerlab.cli.CheckLessonsCommand;

/**
 * A folder shipped inside the application (the {@code lessons/} the build copies into the jar), opened as a
 * {@link Path} whether the application runs from its jar or from {@code target/classes}. Close it when done: a
 * folder inside a jar holds the jar open.
 *
 * @param path       the folder
 * @param fileSystem the jar's file system, or {@code null} when the folder is on the default file system
 */
public record BundledFolder(Path path, FileSystem fileSystem) implements CheckLessonsCommand.Folder {

    /** Opens the bundled folder {@code name} ({@code lessons}) next to this class. */
    public static BundledFolder open(String name) {
        CodeSource source = BundledFolder.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new IllegalStateException("cannot tell where the application's classes are");
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            if (Files.isDirectory(location)) {
                return new BundledFolder(location.resolve(name), null);
            }
            FileSystem jar = FileSystems.newFileSystem(location);
            return new BundledFolder(jar.getPath("/" + name), jar);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the application's classes: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the application's jar", e);
        }
    }

    /** Where the folder is, for messages: the jar's folder or a file path. */
    @Override
    public String describe() {
        return fileSystem == null ? path.toString() : "the application's jar, " + path;
    }

    @Override
    public void close() throws IOException {
        if (fileSystem != null) {
            fileSystem.close();
        }
    }
}

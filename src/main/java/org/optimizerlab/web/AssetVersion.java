package org.optimizerlab.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The version of the front end's static files: the first 12 hex digits of a SHA-256 over every file under the
 * {@code static/} folder, its path and its bytes, in path order; computed once when the server starts. Pages link
 * the files as {@code /static/{id}/js/lesson.js} ({@link #root()}), and the modules' relative imports inherit the
 * prefix, so any changed file changes every URL and a browser may keep what it has for a year without asking.
 *
 * @param id the version, 12 hex digits
 */
public record AssetVersion(String id) {

    /** How a versioned file may be cached: a year, never revalidated (a change gives it a new URL). */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** How everything else that is static (old unversioned links) is cached: always asked again. */
    public static final String REVALIDATE = "no-cache";

    public AssetVersion {
        if (id == null || !id.matches("[0-9a-f]{12}")) {
            throw new IllegalArgumentException("an asset version is 12 hex digits, got " + id);
        }
    }

    /** The version of the files under {@code folder} (a folder on disk, or one inside the application's jar). */
    public static AssetVersion of(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                byte[] name = folder.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8);
                digest.update(name);
                digest.update((byte) 0);
                byte[] content = Files.readAllBytes(file);
                digest.update(Long.toString(content.length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(content);
            }
            return new AssetVersion(HexFormat.of().formatHex(digest.digest()).substring(0, 12));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the static files in " + folder, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** Where the files of this version are served: {@code /static/{id}}. */
    public String root() {
        return "/static/" + id;
    }
}

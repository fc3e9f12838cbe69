package org.optimizerlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.Quote;

/**
 * Where the data files a spec names may be read from: a lesson folder, or the folder of a spec file given to
 * {@code run}; never outside it. A name is a relative path of plain segments ({@code data.csv},
 * {@code data/iris.csv}): no absolute path, no {@code ..}, no backslash, and a file that is a link to somewhere else
 * is refused too. {@link #NONE} reads nothing (a spec from a client that is not tied to a folder); {@link Kept}
 * holds a lesson's data files, read once when the lesson was loaded.
 */
public sealed interface DataFolder permits DataFolder.None, DataFolder.Local, DataFolder.Kept {

    /** The most bytes a data file may have. */
    int MAX_BYTES = 1_000_000;

    /** No folder: every data file is refused. */
    DataFolder NONE = new None();

    /** The files inside {@code folder}. */
    static DataFolder of(Path folder) {
        return new Local(folder);
    }

    /** The text of data file {@code name} (UTF-8); a refusal names the field {@code field}. */
    String read(String field, String name);

    /**
     * The table of data file {@code name} with label column {@code label} (null: the last), as class names
     * ({@code classification}) or numbers; errors name the field {@code field}.
     */
    default CsvTable table(String field, String name, String label, boolean classification) {
        return CsvTable.parse(field, name, read(field, name), label, classification);
    }

    /** Reads nothing. */
    record None() implements DataFolder {
        @Override
        public String read(String field, String name) {
            throw new FieldException(field, "this spec has no folder to read data files from: the run command "
                    + "reads them beside the spec file, a lesson page's race from its lesson's folder (named by "
                    + "the page's hello or the start message's lesson)");
        }
    }

    /**
     * The data files of one lesson, read when it was loaded ({@code texts}: file name to its text), and the tables
     * parsed from them, kept so that each is parsed once per label column however many races use it.
     */
    final class Kept implements DataFolder {
        private final Map<String, String> texts;
        private final Map<String, CsvTable> tables = new ConcurrentHashMap<>();

        /** The files {@code texts} (name to text, each at most {@link #MAX_BYTES} bytes). */
        public Kept(Map<String, String> texts) {
            this.texts = Collections.unmodifiableMap(new TreeMap<>(texts));
        }

        /** The names of the files it holds, in order. */
        public Set<String> names() {
            return texts.keySet();
        }

        @Override
        public String read(String field, String name) {
            checkName(field, name);
            String text = texts.get(name);
            if (text == null) {
                throw new FieldException(field, "no file " + Quote.of(name) + " in this lesson's folder"
                        + (texts.isEmpty() ? "" : "; it has " + String.join(", ", texts.keySet())));
            }
            return text;
        }

        @Override
        public CsvTable table(String field, String name, String label, boolean classification) {
            String key = name + "\n" + label + "\n" + classification;
            CsvTable kept = tables.get(key);
            if (kept == null) {
                kept = DataFolder.super.table(field, name, label, classification);   // a mistake throws, keeps nothing
                tables.putIfAbsent(key, kept);
            }
            return kept;
        }
    }

    /** Refuses a name that is not a relative path of plain segments inside the folder. */
    static void checkName(String field, String name) {
        if (name.isEmpty() || name.length() > 200) {
            throw new FieldException(field, "must be a file name of 1 to 200 characters");
        }
        if (name.startsWith("/") || name.contains("\\") || name.contains(":") || name.indexOf('\0') >= 0) {
            throw new FieldException(field, "must be a path relative to the lesson folder (no leading /, "
                    + "no \\ or :), got " + Quote.of(name));
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new FieldException(field, "must stay inside the lesson folder (no empty, . or .. "
                        + "segments), got " + Quote.of(name));
            }
        }
    }

    /** The files inside one folder. */
    record Local(Path folder) implements DataFolder {
        @Override
        public String read(String field, String name) {
            Path file = resolve(field, name);
            try {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FieldException(field, "no file " + Quote.of(name) + " in the folder");
                }
                if (!file.toRealPath().startsWith(folder.toRealPath())) {       // a linked folder on the way out
                    throw new FieldException(field, "must stay inside the lesson folder, got " + Quote.of(name));
                }
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                    if (bytes.length > MAX_BYTES) {
                        throw new FieldException(field, name + ": a data file may have at most " + MAX_BYTES
                                + " bytes");
                    }
                    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new FieldException(field, Quote.of(name) + " cannot be read");
            }
        }

        /** The file inside the folder that {@code name} means, or a refusal of a name that could leave it. */
        Path resolve(String field, String name) {
            checkName(field, name);
            Path file = folder.resolve(name).normalize();
            if (!file.startsWith(folder.normalize())) {
                throw new FieldException(field, "must stay inside the lesson folder, got " + Quote.of(name));
            }
            return file;
        }
    }

    /** The folder, when there is one. */
    default Optional<Path> path() {
        return this instanceof Local local ? Optional.of(local.folder()) : Optional.empty();
    }
}

package org.optimizerlab.lesson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.optimizerlab.validation.FieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The course being served, which the instructor's lessons folder can replace while the server runs: the bundled
 * lessons (read once) with the folder's over them ({@link Course#overlay}). A {@link #reload} validates the whole
 * folder first; a broken one is refused (logged on one line with every problem's file and field) and the course
 * served before stays; a valid one is swapped in as one reference, so every reader ({@link #current}) sees either
 * the old course or the new one, never a mixture. Thread-safe; reloads run one at a time.
 */
public final class LiveCourse {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCourse.class);

    /** The cause of a reload started by a change in the folder. */
    public static final String WATCHER = "the folder changed";
    /** The cause of a reload started by the instructor. */
    public static final String BUTTON = "the instructor's button";

    private final LessonLoader loader;
    private final List<Lesson> bundled;
    private final String bundledFingerprint;
    private final Optional<Path> folder;
    private final Clock clock;
    private final AtomicReference<Course> current = new AtomicReference<>();
    private final AtomicReference<ReloadOutcome> lastReload = new AtomicReference<>();

    private LiveCourse(LessonLoader loader, List<Lesson> bundled, String bundledFingerprint, Optional<Path> folder,
                       Clock clock) {
        this.loader = loader;
        this.bundled = List.copyOf(bundled);
        this.bundledFingerprint = bundledFingerprint;
        this.folder = folder;
        this.clock = clock;
    }

    /**
     * Loads the course: the lessons of {@code bundledFolder} (when present) with those of {@code folder} (when
     * present) over them; a {@link LessonException} naming every problem of the first folder that has any.
     */
    public static LiveCourse load(LessonLoader loader, Optional<Path> bundledFolder, Optional<Path> folder,
                                  Clock clock) {
        List<Lesson> bundled = List.of();
        String fingerprint = "";
        if (bundledFolder.isPresent()) {
            fingerprint = fingerprint(bundledFolder.get());
            bundled = loader.load(bundledFolder.get()).lessons();
        }
        LiveCourse live = new LiveCourse(loader, bundled, fingerprint, folder, clock);
        if (folder.isEmpty()) {
            live.current.set(new Course(bundled, version(fingerprint, "")));
        } else {
            String folderFingerprint = fingerprint(folder.get());
            List<Lesson> own = loader.load(folder.get()).lessons();
            live.current.set(Course.overlay(bundled, own, version(fingerprint, folderFingerprint)));
            Set<String> bundledSlugs = live.bundledSlugs();
            List<String> replacing = own.stream().map(Lesson::slug).filter(bundledSlugs::contains).toList();
            LOG.info("lessons: {} from {}{}, {} bundled{}", own.size(), folder.get(),
                    replacing.isEmpty() ? "" : " (replacing the bundled " + String.join(", ", replacing) + ")",
                    bundled.size() - replacing.size(),
                    bundledFolder.isPresent() ? "" : " (OPTLAB_BUNDLED_LESSONS=off)");
        }
        return live;
    }

    /** The course served now. */
    public Course current() {
        return current.get();
    }

    /** The instructor's lessons folder, if there is one. */
    public Optional<Path> folder() {
        return folder;
    }

    /** The slugs of the bundled lessons served under the folder's (none when they are hidden). */
    public Set<String> bundledSlugs() {
        return bundled.stream().map(Lesson::slug).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether {@code lesson} is one of the bundled lessons (not a folder's lesson of the same slug). */
    public boolean isBundled(Lesson lesson) {
        return bundled.stream().anyMatch(b -> b == lesson);
    }

    /** The last reload's outcome, if there was one. */
    public Optional<ReloadOutcome> lastReload() {
        return Optional.ofNullable(lastReload.get());
    }

    /**
     * Reads the folder again and serves it if it is valid ({@code cause} says why, for the log and the instructor's
     * page). Without a folder there is nothing to reload: the course stays, reported as reloaded and unchanged.
     */
    public synchronized ReloadOutcome reload(String cause) {
        Course before = current.get();
        if (folder.isEmpty()) {
            return record(new ReloadOutcome.Reloaded(clock.instant(), cause, before.lessons().size(),
                    before.version(), false));
        }
        String version = version(bundledFingerprint, fingerprint(folder.get()));   // before reading: see the docs
        LessonLoader.Result result = loader.check(folder.get());
        if (!result.problems().isEmpty()) {
            LOG.warn("lessons not reloaded ({}): {} in {}: {}; the lessons served before stay", cause,
                    result.problems().size() == 1 ? "1 problem" : result.problems().size() + " problems",
                    folder.get(), result.problems().stream().map(p -> FieldException.oneLine(p.toString()))
                            .collect(Collectors.joining("; ")));
            return record(new ReloadOutcome.Refused(clock.instant(), cause, result.problems()));
        }
        Course next = Course.overlay(bundled, result.lessons(), version);
        current.set(next);
        boolean changed = !version.equals(before.version());
        LOG.info("lessons reloaded ({}): {} lessons, version {}{}", cause, next.lessons().size(), version,
                changed ? "" : " (unchanged)");
        return record(new ReloadOutcome.Reloaded(clock.instant(), cause, next.lessons().size(), version, changed));
    }

    /**
     * Keeps {@code outcome} as the one the instructor's page shows, except a watcher's reload that changed nothing
     * after a reload that served something: the watcher often sees the very edit the button already served, and its
     * "unchanged" would hide what the button did (after a refusal it does replace it: the folder is fine again).
     */
    private ReloadOutcome record(ReloadOutcome outcome) {
        lastReload.updateAndGet(last -> isRedundant(outcome, last) ? last : outcome);
        return outcome;
    }

    private static boolean isRedundant(ReloadOutcome outcome, ReloadOutcome last) {
        return outcome instanceof ReloadOutcome.Reloaded reloaded && !reloaded.changed()
                && WATCHER.equals(reloaded.cause()) && last instanceof ReloadOutcome.Reloaded;
    }

    /** The course's version: a short fingerprint of the bundled lessons' and the folder's files. */
    private static String version(String bundledFingerprint, String folderFingerprint) {
        return sha256(bundledFingerprint + "|" + folderFingerprint).substring(0, 16);
    }

    /**
     * A fingerprint of every file of a lessons folder and its lesson folders (names, sizes and contents), taken
     * before the folder is read: a change made while it is read gives the next reload another version. Files too
     * large to be lessons count by their size only. Unreadable entries count by their name.
     */
    static String fingerprint(Path root) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (Stream<Path> paths = Files.walk(root, 2)) {
                for (Path path : paths.sorted().toList()) {
                    digest.update(root.relativize(path).toString().getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    try {
                        if (Files.isRegularFile(path)) {
                            long size = Files.size(path);
                            digest.update(Long.toString(size).getBytes(StandardCharsets.US_ASCII));
                            if (size <= LessonLoader.MAX_FILE_BYTES) {
                                digest.update(Files.readAllBytes(path));
                            }
                        }
                    } catch (IOException e) {
                        digest.update((byte) 1);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                digest.update("unreadable".getBytes(StandardCharsets.US_ASCII));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

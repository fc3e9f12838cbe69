package org.optimizerlab.lesson;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the instructor's lessons folder and its lesson folders on a thread of its own and reloads the
 * {@link LiveCourse} once the changes have settled: a reload runs {@link #QUIET} after the last change seen, so
 * an editor's save (often several writes) or a copied folder is read once, whole. Lesson folders added later are
 * watched from the reload that follows. Close it to stop the thread.
 *
 * <p>A folder whose changes the operating system does not report (some network and container file systems) is
 * reloaded with the instructor's button instead.
 */
public final class FolderWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);

    /** How long the folder must stay unchanged before it is reloaded. */
    public static final Duration QUIET = Duration.ofMillis(500);

    private final LiveCourse course;
    private final Path root;
    private final WatchService service;
    private final Thread thread;

    private FolderWatcher(LiveCourse course, Path root, WatchService service) {
        this.course = course;
        this.root = root;
        this.service = service;
        this.thread = new Thread(this::watch, "lessons-watcher");
        this.thread.setDaemon(true);
    }

    /** Starts watching {@code course}'s folder; a warning and no watcher when it cannot be watched. */
    public static java.util.Optional<FolderWatcher> start(LiveCourse course) {
        if (course.folder().isEmpty()) {
            return java.util.Optional.empty();
        }
        Path root = course.folder().get();
        try {
            FolderWatcher watcher = new FolderWatcher(course, root, root.getFileSystem().newWatchService());
            watcher.register();
            watcher.thread.start();
            LOG.info("watching the lessons folder {} for changes", root);
            return java.util.Optional.of(watcher);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("cannot watch the lessons folder {} ({}); reload it with the button on /instructor/lessons",
                    root, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /** Registers the folder and every folder in it (registering one twice is harmless). */
    private void register() throws IOException {
        watch(root);
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.filter(p -> Files.isDirectory(p)).toList()) {
                watch(entry);
            }
        }
    }

    private void watch(Path folder) throws IOException {
        folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
    }

    private void watch() {
        try {
            while (true) {
                drain(service.take());
                WatchKey next;
                while ((next = service.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) != null) {   // until quiet
                    drain(next);
                }
                try {
                    register();
                } catch (IOException e) {
                    LOG.warn("cannot watch every folder of {}: {}", root, e.getMessage());
                }
                try {
                    course.reload(LiveCourse.WATCHER);
                } catch (RuntimeException e) {
                    LOG.error("reloading the lessons failed; the lessons served before stay", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.warn("closing the lessons watcher: {}", e.getMessage());
        }
        thread.interrupt();
    }
}

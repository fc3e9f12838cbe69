package org.optimizerlab.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.optimizerlab.search.SearchResult;
import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.search.Trial;
import org.optimizerlab.validation.FieldException;

/**
 * The hyperparameter search of one session, run by the {@link SearchService}: its trials are reported back into
 * the session's queue as they finish. A search cannot be paused or stepped, only started, reset or replaced.
 * Confined to the session's tasks, except {@link #cancel()} (any thread).
 */
final class SessionSearch {

    /**
     * What the search needs of its session: {@code send} a message to the client (nothing once the session is
     * closed), {@code sendStatus} of the session, and be told when the search starts or stops {@code running}.
     */
    record Host(Consumer<ObjectNode> send, Runnable sendStatus, Consumer<Boolean> running) {
    }

    private final SearchService searches;
    private final SerialExecutor serial;
    private final SessionListener listener;
    private final Host host;

    private SearchSpec spec;                      // null: the session holds no search
    private final List<Trial> trials = new ArrayList<>();
    private ExperimentState state = ExperimentState.PAUSED;
    private int experimentNumber;
    /** Counts searches begun and dropped: a report of an older one is ignored. */
    private long generation;
    /** The running search, if any; read by {@link #cancel()} from the socket's thread. */
    private volatile SearchService.Handle handle;

    SessionSearch(SearchService searches, SerialExecutor serial, SessionListener listener, Host host) {
        this.searches = searches;
        this.serial = serial;
        this.listener = listener;
        this.host = host;
    }

    /** Whether the session holds a search (running, waiting or done). */
    boolean active() {
        return spec != null;
    }

    /** Its state ({@link #active()} only). */
    ExperimentState state() {
        return state;
    }

    /** How many trials have finished. */
    int finished() {
        return trials.size();
    }

    /**
     * Replaces any search with {@code newSpec} as experiment {@code number}, waiting (paused) or started at once,
     * and announces it; the caller sends the status.
     */
    void begin(int number, SearchSpec newSpec, boolean paused) {
        drop();
        experimentNumber = number;
        spec = newSpec;
        state = ExperimentState.PAUSED;
        host.running().accept(false);
        host.send().accept(ServerMessage.searchStarted(number, newSpec));
        if (!paused) {
            try {
                launch();
            } catch (FieldException e) {
                host.send().accept(ServerMessage.error(e));
            }
        }
    }

    /** Cancels the search, if any, and forgets it. */
    void drop() {
        cancel();
        generation++;
        spec = null;
        trials.clear();
    }

    /** Cancels the running search, if any. Any thread. */
    void cancel() {
        SearchService.Handle running = handle;
        if (running != null) {
            running.cancel();
            handle = null;
        }
    }

    /** Its spec ({@link #active()} only): a reset begins it again. */
    SearchSpec spec() {
        return spec;
    }

    /** {@code pause}, {@code resume} and {@code step} of the search ({@code reset} begins it again). */
    void command(ClientMessage message) {
        if (message instanceof ClientMessage.Pause) {
            throw new FieldException("type", "a search cannot be paused; send reset to stop it, or start to replace it");
        }
        if (message instanceof ClientMessage.Step) {
            throw new FieldException("type", "a search has no single steps; send resume to run it");
        }
        if (state == ExperimentState.DONE) {
            throw new FieldException("type", "the experiment is done; send reset or start");
        }
        if (state == ExperimentState.PAUSED) {
            launch();
        }
        host.sendStatus().run();
    }

    /** Starts the waiting search on the search service, or refuses when the server runs all it may. */
    private void launch() {
        long searchGeneration = generation;
        Optional<SearchService.Handle> started = searches.start(spec, new SearchService.Listener() {
            @Override
            public void trial(Trial trial) {
                serial.submitFollowUp(() -> onTrial(searchGeneration, trial));
            }

            @Override
            public void done(SearchResult result) {
                serial.submitFollowUp(() -> onDone(searchGeneration, result));
            }

            @Override
            public void failed(RuntimeException error) {
                serial.submitFollowUp(() -> onFailed(searchGeneration));
            }
        });
        if (started.isEmpty()) {
            throw new FieldException("", "the server is running as many searches as it may at once ("
                    + searches.maxSearches() + "); press Start again in a moment");
        }
        handle = started.get();
        state = ExperimentState.RUNNING;
        host.running().accept(true);
    }

    private boolean isCurrent(long searchGeneration) {
        return searchGeneration == generation && spec != null && state == ExperimentState.RUNNING;
    }

    private void onTrial(long searchGeneration, Trial trial) {
        if (!isCurrent(searchGeneration)) {
            return;
        }
        trials.add(trial);
        listener.stepped(trials.size());
        host.send().accept(ServerMessage.trial(experimentNumber, trial, trials.size()));
        if (spec.refine().isPresent() && trials.size() == spec.trials()) {
            Trial best = trials.stream().min(Trial.BEST_FIRST).orElseThrow();
            double shrink = spec.refine().get().shrink();
            host.send().accept(ServerMessage.round(experimentNumber, 2, best, spec.lr().around(best.lr(), shrink),
                    spec.reg().around(best.reg(), shrink), spec.dropout().around(best.dropout(), shrink)));
        }
    }

    private void onDone(long searchGeneration, SearchResult result) {
        if (!isCurrent(searchGeneration)) {
            return;
        }
        finish();
        host.send().accept(ServerMessage.searchDone(experimentNumber, result));
        host.sendStatus().run();
    }

    private void onFailed(long searchGeneration) {
        if (!isCurrent(searchGeneration)) {
            return;
        }
        finish();
        host.send().accept(ServerMessage.error(new FieldException("", "the search failed on the server; its log has the "
                + "details")));
        host.sendStatus().run();
    }

    private void finish() {
        state = ExperimentState.DONE;
        handle = null;
        host.running().accept(false);
    }
}

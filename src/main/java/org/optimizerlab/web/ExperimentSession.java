package org.optimizerlab.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Recording;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.experiment.SpecKind;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.lesson.Decimation;
import org.optimizerlab.ops.ClassMetrics;
import org.optimizerlab.search.SearchReader;
import org.optimizerlab.search.SearchResult;
import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.search.Trial;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.Quote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live experiment of one WebSocket connection (protocol: {@code docs/protocol.md}): at most one experiment,
 * driven by the client's commands and by ticks while it runs. An experiment is a race (stepped here, a few
 * updates per tick) or a hyperparameter search (run by the {@link SearchService}: its trials are reported back
 * into this session's queue as they finish; it cannot be paused or stepped, only started, reset or replaced).
 *
 * <p><b>Threads.</b> All state below is confined to the session's {@link SerialExecutor}: commands, ticks,
 * flushes and step continuations are tasks of that queue, run one at a time on the shared worker pool, never on
 * the socket's thread. The timer only queues tasks. The two {@code volatile} flags are read by
 * {@link ExperimentHub#stats()}.
 *
 * <p><b>Pacing.</b> The first tick comes at once (the first {@code frames} follows {@code started} without waiting
 * a frame interval); then while running, a tick every {@value #FRAME_INTERVAL_MILLIS} ms advances as many updates
 * as the speed has earned since the last tick, computing at most the fair scheduler's slice (shorter when many
 * sessions wait; see {@link FairScheduler}). A {@link PaceMeter} tells the client when the server is too busy to
 * hold the speed ({@code pace}). New points wait in a buffer that
 * is sent as one {@code frames} message at most every {@value #FRAME_INTERVAL_MILLIS} ms, so the message rate
 * stays near 30/s whatever the speed. Status changes, divergence and the end flush the buffer first, so messages
 * keep step order.
 *
 * <p><b>Bounded in bytes.</b> Points are serialized as they are made, so the buffer knows its size: advancing stops
 * when it holds {@value #MAX_FRAME_BYTES} bytes (one {@code frames} message is never larger than that and one
 * update's points), and nothing advances, running or stepping, while the client has more than
 * {@link ConnectionLimits#maxUnreadBytes()} unread: the experiment waits for the client and catches up when it
 * reads (the hub closes a connection that stays that far behind).
 */
final class ExperimentSession {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentSession.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The least time between two {@code frames} messages (and between two ticks). */
    static final long FRAME_INTERVAL_MILLIS = 34;
    private static final long FRAME_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(FRAME_INTERVAL_MILLIS);
    /** The longest pause between ticks that still earns updates (after a stall the experiment does not race). */
    private static final long MAX_TICK_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** The most bytes of points buffered for one {@code frames} message; advancing waits for the next flush. */
    static final int MAX_FRAME_BYTES = 512 * 1024;
    /** Client commands that may wait for the session's worker. */
    static final int MAX_QUEUED_COMMANDS = 64;

    private enum State {
        RUNNING, PAUSED, DONE;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Outbound out;
    private final SerialExecutor serial;
    private final SearchService searches;
    private final ClassMetrics metrics;
    private final ScheduledExecutorService timer;
    private final Function<String, Optional<DataFolder>> lessonData;
    private final ServerLimits limits;
    private final ObjectMapper json;
    private final SessionListener listener;
    private final RegionsFeed regions;
    private final PaceMeter pace;

    private int experimentNumber;
    private Current current;
    private LiveSearch search;
    private double stepsPerSecond;
    private long generation;
    private long lastTickNanos;
    private double credit;
    private long lastFramesNanos;
    private boolean flushScheduled;

    private volatile boolean hasExperiment;
    private volatile boolean running;
    /** The lesson its experiments count for in the metrics; set from the socket's thread ({@link #onLesson}). */
    private volatile String lesson = ClassMetrics.NO_LESSON;
    /** The course's lesson the page is on, whose data files its races read; null: none ({@link #onLesson}). */
    private volatile String pageLesson;
    /** The search running for this session, if any; read by {@link #close()} from the socket's thread. */
    private volatile SearchService.Handle searchHandle;

    ExperimentSession(Outbound out, SerialExecutor serial, ScheduledExecutorService timer, ServerLimits limits,
                      ObjectMapper json, SearchService searches) {
        this(out, serial, timer, limits, json, searches, ClassMetrics.NONE, SessionListener.NONE, new PaceGauge(),
                slug -> Optional.empty());
    }

    /**
     * A session that counts its work in {@code metrics}, reports its state changes and steps to {@code listener}
     * and the pace of its races to {@code gauge}. A race's data file is read from the folder {@code lessonData}
     * gives for its lesson (by slug; empty when the course has no such lesson).
     */
    ExperimentSession(Outbound out, SerialExecutor serial, ScheduledExecutorService timer, ServerLimits limits,
                      ObjectMapper json, SearchService searches, ClassMetrics metrics, SessionListener listener,
                      PaceGauge gauge, Function<String, Optional<DataFolder>> lessonData) {
        this.lessonData = lessonData;
        this.pace = new PaceMeter(gauge);
        this.metrics = metrics;
        this.listener = listener;
        this.out = out;
        this.serial = serial;
        this.searches = searches;
        this.timer = timer;
        this.limits = limits;
        this.json = json;
        this.stepsPerSecond = Math.min(ClientMessage.DEFAULT_STEPS_PER_SECOND, limits.maxStepsPerSecond());
        this.lastFramesNanos = System.nanoTime() - FRAME_INTERVAL_NANOS;
        this.regions = new RegionsFeed(out, serial, timer, limits.connections().maxUnreadBytes(), this::send);
    }

    /** Queues a command for the worker; false when too many wait (the caller reports it). Any thread. */
    boolean submit(ClientMessage message) {
        return serial.submitCommand(() -> handle(message));
    }

    /** Stops everything: nothing queued runs, ticks stop, a search is cancelled, the experiment is dropped. Any thread. */
    void close() {
        serial.close();
        cancelSearch();
        hasExperiment = false;
        running = false;
    }

    private void cancelSearch() {
        SearchService.Handle handle = searchHandle;
        if (handle != null) {
            handle.cancel();
            searchHandle = null;
        }
    }

    /**
     * The page said it is on lesson {@code slug}, which the course has ({@code inCourse}) or not: the experiments
     * started from now on count for it (else for {@link ClassMetrics#OTHER_LESSON}) and read their data files from
     * its folder (else from none). Any thread; a {@code start} sent after the {@code hello} on the same socket sees
     * it.
     */
    void onLesson(String slug, boolean inCourse) {
        pageLesson = inCourse ? slug : null;
        lesson = inCourse ? slug : ClassMetrics.OTHER_LESSON;
    }

    /** Whether the session holds an experiment (for statistics). */
    boolean hasExperiment() {
        return hasExperiment;
    }

    /** Whether its experiment is running (for statistics). */
    boolean isRunning() {
        return running;
    }

    private void handle(ClientMessage message) {
        try {
            if (message instanceof ClientMessage.Start start) {
                start(start);
            } else if (message instanceof ClientMessage.Regions asked) {
                regions.ask(asked);
            } else if (search != null && !(message instanceof ClientMessage.Speed)) {
                searchCommand(message);
            } else if (message instanceof ClientMessage.Pause) {
                pause();
            } else if (message instanceof ClientMessage.Resume) {
                resume();
            } else if (message instanceof ClientMessage.Step step) {
                step(step.n());
            } else if (message instanceof ClientMessage.Reset) {
                reset();
            } else if (message instanceof ClientMessage.Speed speed) {
                stepsPerSecond = speed.stepsPerSecond();
                sendStatus();
            }
        } catch (FieldException e) {
            metrics.clientError(e.field());
            send(ServerMessage.error(e));
        } catch (RuntimeException e) {
            LOG.error("experiment command failed", e);
            send(ServerMessage.error(new FieldException("", "the server failed on this message; its log has the "
                    + "details")));
        }
    }

    private void start(ClientMessage.Start start) {
        SpecKind kind = SpecKind.of(start.spec());
        if (kind == SpecKind.ACTIVATIONS) {
            throw new FieldException("spec", "an activation study is computed with POST /api/activations, not over "
                    + "the WebSocket");
        }
        if (kind == SpecKind.SEARCH) {
            SearchSpec spec;
            try {
                spec = limits.work().check(SearchReader.read(start.spec()));
            } catch (FieldException e) {
                throw e.under("spec");
            }
            beginSearch(spec, start.paused());
            metrics.experimentStarted(lesson, spec.problem().hasHiddenLayer() ? "mlp-spiral" : "softmax-spiral",
                    ClassMetrics.ExperimentKind.SEARCH);
            return;
        }
        SpecReader reader = new SpecReader(limits.specLimits(), dataFolder(start));
        Experiment experiment;
        try {
            experiment = limits.work().check(reader.read(start.spec()));
        } catch (FieldException e) {
            throw e.under("spec");
        }
        ObjectNode contour = experiment.problem().landscape()
                .map(ContourGrid::withZoom).orElse(null);
        begin(experiment, contour, start.paused());
        metrics.experimentStarted(lesson, experiment.problem().type(), ClassMetrics.ExperimentKind.RACE);
    }

    /**
     * Where the data files of {@code start}'s spec are read from: the folder of the lesson it names, else of the
     * lesson the page said hello from; no folder when neither is a lesson of the course. A named lesson the course
     * does not have (any more) is an error only for a spec that reads a data file.
     */
    private DataFolder dataFolder(ClientMessage.Start start) {
        if (start.lesson().isPresent()) {
            String slug = start.lesson().get();
            Optional<DataFolder> folder = lessonData.apply(slug);
            if (folder.isEmpty() && "csv".equals(start.spec().path("problem").path("type").asText())) {
                throw new FieldException("lesson", "there is no lesson " + Quote.of(slug) + " on this server");
            }
            return folder.orElse(DataFolder.NONE);
        }
        String slug = pageLesson;
        return slug == null ? DataFolder.NONE : lessonData.apply(slug).orElse(DataFolder.NONE);
    }

    private void reset() {
        Current experiment = requireExperiment("reset");
        begin(experiment.experiment, experiment.contour, true);
    }

    /** Replaces any experiment with a fresh one at step 0 and announces it. */
    private void begin(Experiment experiment, ObjectNode contour, boolean paused) {
        dropSearch();
        generation++;
        experimentNumber++;
        current = new Current(experiment, contour, Decimation.of(experiment.steps(), limits.maxPointsPerRun()));
        hasExperiment = true;
        lastFramesNanos = System.nanoTime() - FRAME_INTERVAL_NANOS;
        Map<String, ObjectNode> initial = new LinkedHashMap<>();
        for (StepRecord record : current.runner.initialRecords()) {
            current.last.put(record.run(), record);
            initial.put(record.run(), ServerMessage.point(record, current.vectors));
        }
        send(ServerMessage.started(experimentNumber, experiment, current.decimation.stride(), contour, initial));
        regions.begin(experimentNumber, current.runner);
        if (paused) {
            setState(State.PAUSED);
        } else {
            startRunning();
        }
        sendStatus();
    }

    private void pause() {
        Current experiment = requireExperiment("pause");
        if (experiment.state == State.RUNNING) {
            generation++;
            setState(State.PAUSED);
            flushNow();
        }
        sendStatus();
    }

    private void resume() {
        Current experiment = requireExperiment("resume");
        if (experiment.state == State.DONE) {
            throw new FieldException("type", "the experiment is done; send reset or start");
        }
        if (experiment.state == State.PAUSED) {
            generation++;
            startRunning();
        }
        sendStatus();
    }

    private void step(int n) {
        Current experiment = requireExperiment("step");
        if (experiment.state == State.DONE) {
            throw new FieldException("type", "the experiment is done; send reset or start");
        }
        if (experiment.state == State.RUNNING) {
            generation++;
            setState(State.PAUSED);
            flushNow();
            sendStatus();
        }
        stepChunk(generation, n);
    }

    /**
     * Advances up to {@code remaining} updates within the time budget, then queues the rest behind other work;
     * while the client is behind (or the frame buffer is full) it waits a frame interval instead.
     */
    private void stepChunk(long chunkGeneration, int remaining) {
        if (chunkGeneration != generation || current == null || current.state != State.PAUSED) {
            return;
        }
        if (mustWait()) {
            timer.schedule(() -> serial.submitFollowUp(() -> stepChunk(chunkGeneration, remaining)),
                    FRAME_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
            return;
        }
        int done = advance(remaining);
        int left = remaining - done;
        afterAdvance();
        if (left > 0 && current.state == State.PAUSED) {
            serial.submitFollowUp(() -> stepChunk(chunkGeneration, left));
        }
    }

    /** Runs from now: the first tick is queued at once with one update's credit, so points follow at once. */
    private void startRunning() {
        setState(State.RUNNING);
        long now = System.nanoTime();
        lastTickNanos = now;
        credit = 1;
        pace.restart();
        long tickGeneration = generation;
        serial.submitFollowUp(() -> tick(tickGeneration, now));
    }

    private void scheduleTick(long tickGeneration) {
        timer.schedule(() -> {
            long queued = System.nanoTime();
            serial.submitFollowUp(() -> tick(tickGeneration, queued));
        }, FRAME_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
    }

    /** Advances what the speed earned since the last tick; {@code queuedNanos}: when it started to wait for a worker. */
    private void tick(long tickGeneration, long queuedNanos) {
        if (tickGeneration != generation || current == null || current.state != State.RUNNING) {
            return;
        }
        long now = System.nanoTime();
        long sinceLast = now - lastTickNanos;
        long elapsed = Math.min(sinceLast, MAX_TICK_GAP_NANOS);
        lastTickNanos = now;
        if (mustWait()) {
            pace.skip();
        } else {
            credit = Math.min(credit + stepsPerSecond * elapsed / 1e9, Math.max(1, stepsPerSecond * 0.25));
            int wanted = (int) credit;
            int made = 0;
            if (wanted > 0) {
                made = advance(wanted);
                credit -= made;
                afterAdvance();
            }
            if (current.state == State.RUNNING) {
                pace.tick(sinceLast, now - queuedNanos, stepsPerSecond, made).ifPresent(p ->
                        send(ServerMessage.pace(experimentNumber, p.stepsPerSecond(), p.achieved(), p.busy())));
            }
        }
        if (current.state == State.RUNNING) {
            scheduleTick(tickGeneration);
        }
    }

    /** Whether advancing must wait: the client has too much unread, or the next {@code frames} is full. */
    private boolean mustWait() {
        return out.pendingBytes() > limits.connections().maxUnreadBytes()
                || (current != null && current.pendingBytes >= MAX_FRAME_BYTES);
    }

    /**
     * Makes up to {@code wanted} updates of every live run, within the time budget and until the frame buffer is
     * full; returns how many.
     */
    private int advance(int wanted) {
        Current c = current;
        long deadline = System.nanoTime() + serial.sliceNanos();
        int done = 0;
        long updates = 0;
        while (done < wanted && !c.runner.finished()) {
            List<StepRecord> records = c.runner.advance();
            done++;
            updates += records.size();
            for (StepRecord record : records) {
                c.last.put(record.run(), record);
                if (c.decimation.keeps(record)) {
                    String point = write(ServerMessage.point(record, c.vectors));
                    c.pendingBytes += point.length();
                    c.pending.computeIfAbsent(record.run(), id -> NODES.arrayNode()).addRawValue(new RawValue(point));
                }
                if (record.diverged()) {
                    c.divergences.add(record);
                }
            }
            if (System.nanoTime() > deadline || c.pendingBytes >= MAX_FRAME_BYTES || serial.isClosed()) {
                break;
            }
        }
        metrics.updatesMade(updates);
        return done;
    }

    /** Reports divergences and the end, or sends the new points when it is time. */
    private void afterAdvance() {
        Current c = current;
        if (!c.divergences.isEmpty()) {
            flushNow();
            for (StepRecord record : c.divergences) {
                send(ServerMessage.diverged(experimentNumber, record));
            }
            c.divergences.clear();
        }
        if (c.runner.finished()) {
            generation++;
            setState(State.DONE);
            flushNow();
            Map<String, ObjectNode> finals = new LinkedHashMap<>();
            c.last.forEach((run, record) -> finals.put(run, ServerMessage.point(record, c.vectors)));
            send(ServerMessage.done(experimentNumber, c.runner.step(), finals));
            sendStatus();
        } else {
            flushSoon();
        }
        regions.advanced();
    }

    /** Sends the buffered points now if the last {@code frames} is old enough, else once it is. */
    private void flushSoon() {
        if (current == null || current.pending.isEmpty()) {
            return;
        }
        long wait = lastFramesNanos + FRAME_INTERVAL_NANOS - System.nanoTime();
        if (wait <= 0) {
            flushNow();
        } else if (!flushScheduled) {
            flushScheduled = true;
            timer.schedule(() -> serial.submitFollowUp(this::scheduledFlush), wait, TimeUnit.NANOSECONDS);
        }
    }

    private void scheduledFlush() {
        flushScheduled = false;
        flushNow();
    }

    /** Sends the buffered points of the current experiment, if any, as one {@code frames} message. */
    private void flushNow() {
        if (current == null || current.pending.isEmpty()) {
            return;
        }
        Map<String, ArrayNode> points = new LinkedHashMap<>();
        for (Run run : current.experiment.runs()) {
            ArrayNode runPoints = current.pending.get(run.id());
            if (runPoints != null) {
                points.put(run.id(), runPoints);
            }
        }
        current.pending.clear();
        current.pendingBytes = 0;
        lastFramesNanos = System.nanoTime();
        listener.stepped(current.runner.step());
        send(ServerMessage.frames(experimentNumber, points, current.decimation.decimated()));
    }

    // ---- searches ---------------------------------------------------------------------------------------------

    /** Replaces any experiment with a search, waiting (paused) or started at once, and announces it. */
    private void beginSearch(SearchSpec spec, boolean paused) {
        dropSearch();
        generation++;
        experimentNumber++;
        current = null;
        regions.end();
        search = new LiveSearch(spec);
        hasExperiment = true;
        running = false;
        send(ServerMessage.searchStarted(experimentNumber, spec));
        if (!paused) {
            try {
                launchSearch();
            } catch (FieldException e) {
                send(ServerMessage.error(e));
            }
        }
        sendStatus();
    }

    /** Cancels the search of the session, if any, and forgets it. */
    private void dropSearch() {
        cancelSearch();
        search = null;
    }

    /** {@code pause}, {@code resume}, {@code step} and {@code reset} of a search. */
    private void searchCommand(ClientMessage message) {
        if (message instanceof ClientMessage.Pause) {
            throw new FieldException("type", "a search cannot be paused; send reset to stop it, or start to replace it");
        }
        if (message instanceof ClientMessage.Step) {
            throw new FieldException("type", "a search has no single steps; send resume to run it");
        }
        if (message instanceof ClientMessage.Reset) {
            beginSearch(search.spec, true);
            return;
        }
        if (search.state == State.DONE) {
            throw new FieldException("type", "the experiment is done; send reset or start");
        }
        if (search.state == State.PAUSED) {
            launchSearch();
        }
        sendStatus();
    }

    /** Starts the waiting search on the search service, or refuses when the server runs all it may. */
    private void launchSearch() {
        long searchGeneration = generation;
        Optional<SearchService.Handle> handle = searches.start(search.spec, new SearchService.Listener() {
            @Override
            public void trial(Trial trial) {
                serial.submitFollowUp(() -> onTrial(searchGeneration, trial));
            }

            @Override
            public void done(SearchResult result) {
                serial.submitFollowUp(() -> onSearchDone(searchGeneration, result));
            }

            @Override
            public void failed(RuntimeException error) {
                serial.submitFollowUp(() -> onSearchFailed(searchGeneration, error));
            }
        });
        if (handle.isEmpty()) {
            throw new FieldException("", "the server is running as many searches as it may at once ("
                    + searches.maxSearches() + "); press Start again in a moment");
        }
        searchHandle = handle.get();
        search.state = State.RUNNING;
        running = true;
    }

    private boolean isCurrentSearch(long searchGeneration) {
        return searchGeneration == generation && search != null && search.state == State.RUNNING;
    }

    private void onTrial(long searchGeneration, Trial trial) {
        if (!isCurrentSearch(searchGeneration)) {
            return;
        }
        search.trials.add(trial);
        listener.stepped(search.trials.size());
        send(ServerMessage.trial(experimentNumber, trial, search.trials.size()));
        SearchSpec spec = search.spec;
        if (spec.refine().isPresent() && search.trials.size() == spec.trials()) {
            Trial best = search.trials.stream().min(Trial.BEST_FIRST).orElseThrow();
            double shrink = spec.refine().get().shrink();
            send(ServerMessage.round(experimentNumber, 2, best, spec.lr().around(best.lr(), shrink),
                    spec.reg().around(best.reg(), shrink), spec.dropout().around(best.dropout(), shrink)));
        }
    }

    private void onSearchDone(long searchGeneration, SearchResult result) {
        if (!isCurrentSearch(searchGeneration)) {
            return;
        }
        finishSearch();
        send(ServerMessage.searchDone(experimentNumber, result));
        sendStatus();
    }

    private void onSearchFailed(long searchGeneration, RuntimeException error) {
        if (!isCurrentSearch(searchGeneration)) {
            return;
        }
        finishSearch();
        send(ServerMessage.error(new FieldException("", "the search failed on the server; its log has the details")));
        sendStatus();
    }

    private void finishSearch() {
        search.state = State.DONE;
        searchHandle = null;
        running = false;
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    private Current requireExperiment(String command) {
        if (current == null) {
            throw new FieldException("type", "there is no experiment to " + command + "; send start first");
        }
        return current;
    }

    private void setState(State state) {
        current.state = state;
        running = state == State.RUNNING;
    }

    private void sendStatus() {
        if (search != null) {
            listener.status(search.state.wire(), true, search.trials.size());
            send(ServerMessage.status(experimentNumber, search.state.wire(), search.trials.size(), stepsPerSecond));
        } else if (current == null) {
            send(ServerMessage.status(experimentNumber, "idle", 0, stepsPerSecond));
        } else {
            listener.status(current.state.wire(), false, current.runner.step());
            send(ServerMessage.status(experimentNumber, current.state.wire(), current.runner.step(), stepsPerSecond));
        }
    }

    private void send(ObjectNode message) {
        if (serial.isClosed()) {
            return;
        }
        out.send(write(message));
    }

    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a message", e);
        }
    }

    /** The search of the session: its spec, its state and the trials reported so far. */
    private static final class LiveSearch {
        final SearchSpec spec;
        final List<Trial> trials = new ArrayList<>();
        State state = State.PAUSED;

        LiveSearch(SearchSpec spec) {
            this.spec = spec;
        }
    }

    /** The experiment of the session and what has not been sent of it yet. */
    private static final class Current {
        final Experiment experiment;
        final ObjectNode contour;
        final ExperimentRunner runner;
        final Decimation decimation;
        final boolean vectors;
        final Map<String, StepRecord> last = new LinkedHashMap<>();
        final Map<String, ArrayNode> pending = new LinkedHashMap<>();
        /** The size of the serialized points in {@link #pending} (ASCII: characters are bytes). */
        int pendingBytes;
        final List<StepRecord> divergences = new ArrayList<>();
        State state = State.PAUSED;

        Current(Experiment experiment, ObjectNode contour, Decimation decimation) {
            this.experiment = experiment;
            this.contour = contour;
            this.decimation = decimation;
            this.vectors = ServerMessage.sendsVectors(experiment.problem());
            // only what is sent: the kept points, with their vectors when the problem sends them
            this.runner = new ExperimentRunner(experiment, new Recording(vectors, true, decimation.stride()));
        }
    }
}

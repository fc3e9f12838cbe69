package org.optimizerlab.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.RaceTape;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.lesson.Decimation;
import org.optimizerlab.ops.ClassMetrics;
import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.validation.FieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live experiment of one WebSocket connection (protocol: {@code docs/protocol.md}): at most one experiment,
 * driven by the client's commands and by ticks while it runs. An experiment is a race ({@link LiveRace}, stepped
 * here, a few updates per tick) or a hyperparameter search ({@link SessionSearch}).
 *
 * <p><b>Threads.</b> All state below is confined to the session's {@link SerialExecutor}: commands, ticks,
 * flushes and step continuations are tasks of that queue, run one at a time on the shared worker pool, never on
 * the socket's thread. The timer only queues tasks. The two {@code volatile} flags are read by
 * {@link ExperimentHub#stats()}. The controls ({@code pause}, {@code speed}, {@code reset}) overtake the session's
 * own queued work and stop a tick after its current update, so they take effect before the next update.
 *
 * <p><b>Pacing.</b> While running, {@link RaceDriver} advances every {@value #FRAME_INTERVAL_MILLIS} ms what the
 * speed has earned, computing at most the fair scheduler's slice ({@link FairScheduler}), and tells the client when
 * the server is too busy to hold the speed ({@code pace}). New points wait in a buffer sent as one {@code frames}
 * message at most every {@value #FRAME_INTERVAL_MILLIS} ms, so the message rate stays near 30/s whatever the speed.
 * Status changes, divergence and the end flush the buffer first, so messages keep step order.
 *
 * <p><b>Bounded in bytes.</b> Points are serialized as they are made, so the buffer knows its size: advancing stops
 * when it holds {@value #MAX_FRAME_BYTES} bytes (one {@code frames} message is never larger than that and one
 * update's points), and nothing advances, running or stepping, while the client has more than
 * {@link ConnectionLimits#maxUnreadBytes()} unread: the experiment waits for the client and catches up when it
 * reads (the hub closes a connection that stays that far behind). A page that confirms what it has drawn
 * ({@code read}) is never more than {@link ReadWindow#WINDOW_BYTES} of {@code frames} behind, so a {@code pause}'s
 * answer reaches it after at most that much data however slow the browser is.
 */
final class ExperimentSession {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentSession.class);

    /** The least time between two {@code frames} messages (and between two ticks). */
    static final long FRAME_INTERVAL_MILLIS = 34;
    private static final long FRAME_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(FRAME_INTERVAL_MILLIS);
    /** The most bytes of points buffered for one {@code frames} message; advancing waits for the next flush. */
    static final int MAX_FRAME_BYTES = 512 * 1024;
    /** Client commands that may wait for the session's worker. */
    static final int MAX_QUEUED_COMMANDS = 64;

    private final Outbound out;
    private final SerialExecutor serial;
    private final ClassMetrics metrics;
    private final Function<String, Optional<DataFolder>> lessonData;
    private final ServerLimits limits;
    private final ObjectMapper json;
    private final SessionListener listener;
    private final RegionsFeed regions;
    private final RaceDriver driver;
    /** The races the class shares: a start of a race another session recorded replays it. */
    private final SharedRaces shared;
    /** How far the page is behind in what it has drawn (once it says {@code read}). */
    private final ReadWindow reads = new ReadWindow();

    private int experimentNumber;
    private LiveRace current;
    private final SessionSearch search;
    private double stepsPerSecond;
    private long generation;
    private final FramePacer frames;

    private volatile boolean hasExperiment;
    private volatile boolean running;
    /** The lesson its experiments count for in the metrics; set from the socket's thread ({@link #onLesson}). */
    private volatile String lesson = ClassMetrics.NO_LESSON;
    /** The course's lesson the page is on, whose data files its races read; null: none ({@link #onLesson}). */
    private volatile String pageLesson;

    ExperimentSession(Outbound out, SerialExecutor serial, ScheduledExecutorService timer, ServerLimits limits,
                      ObjectMapper json, SearchService searches) {
        this(out, serial, timer, limits, json, searches, ClassMetrics.NONE, SessionListener.NONE, new PaceGauge(),
                slug -> Optional.empty(), new SharedRaces(0));
    }

    /**
     * A session that counts its work in {@code metrics}, reports its state changes and steps to {@code listener}
     * and the pace of its races to {@code gauge}. A race's data file is read from the folder {@code lessonData}
     * gives for its lesson (by slug; empty when the course has no such lesson). Its races are shared through
     * {@code shared}.
     */
    ExperimentSession(Outbound out, SerialExecutor serial, ScheduledExecutorService timer, ServerLimits limits,
                      ObjectMapper json, SearchService searches, ClassMetrics metrics, SessionListener listener,
                      PaceGauge gauge, Function<String, Optional<DataFolder>> lessonData, SharedRaces shared) {
        this.shared = shared;
        this.lessonData = lessonData;
        this.driver = new RaceDriver(FRAME_INTERVAL_NANOS, timer, serial, gauge, new DrivenRace());
        this.metrics = metrics;
        this.listener = listener;
        this.out = out;
        this.serial = serial;
        this.limits = limits;
        this.json = json;
        this.stepsPerSecond = Math.min(ClientMessage.DEFAULT_STEPS_PER_SECOND, limits.maxStepsPerSecond());
        this.frames = new FramePacer(FRAME_INTERVAL_NANOS, timer, serial, this::flushNow);
        this.regions = new RegionsFeed(out, serial, timer, limits.connections().maxUnreadBytes(), this::send);
        this.search = new SessionSearch(searches, serial, listener,
                new SessionSearch.Host(this::send, this::sendStatus, nowRunning -> running = nowRunning));
    }

    /**
     * Queues a command for the worker; false when too many wait (the caller reports it). Any thread. The controls
     * ({@code pause}, {@code speed}, {@code reset}) go ahead of the session's queued work and take effect before
     * its next update ({@link SerialExecutor#submitControl}).
     */
    boolean submit(ClientMessage message) {
        boolean control = message instanceof ClientMessage.Pause || message instanceof ClientMessage.Speed
                || message instanceof ClientMessage.Reset;
        return control ? serial.submitControl(() -> handle(message)) : serial.submitCommand(() -> handle(message));
    }

    /** Stops everything: nothing queued runs, ticks stop, a search is cancelled, the experiment is dropped. Any thread. */
    void close() {
        serial.close();
        shared.release(this);
        search.cancel();
        hasExperiment = false;
        running = false;
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
            } else if (message instanceof ClientMessage.Read read) {
                reads.read(read.frames());
            } else if (message instanceof ClientMessage.Regions asked) {
                regions.ask(asked);
            } else if (search.active() && message instanceof ClientMessage.Reset) {
                beginSearch(search.spec(), true);
            } else if (search.active() && !(message instanceof ClientMessage.Speed)) {
                search.command(message);
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
        StartedSpec spec = StartedSpec.read(start, limits, pageLesson, lessonData);
        if (spec instanceof StartedSpec.Search searchSpec) {
            beginSearch(searchSpec.spec(), start.paused());
            metrics.experimentStarted(lesson, searchSpec.spec().problem().type(), ClassMetrics.ExperimentKind.SEARCH);
        } else if (spec instanceof StartedSpec.Race race) {
            begin(race.experiment(), start.spec(), race.contour(), start.paused());
            metrics.experimentStarted(lesson, race.experiment().problem().type(), ClassMetrics.ExperimentKind.RACE);
        }
    }

    private void reset() {
        LiveRace experiment = requireExperiment("reset");
        begin(experiment.experiment, experiment.spec, experiment.contour, true);
    }

    /** Replaces any experiment with a fresh one at step 0 and announces it. */
    private void begin(Experiment experiment, JsonNode spec, String contour, boolean paused) {
        search.drop();
        generation++;
        experimentNumber++;
        current = new LiveRace(experiment, spec, contour, Decimation.of(experiment.steps(), limits.maxPointsPerRun()),
                json, what -> shared.open(this, spec, experiment, what));
        hasExperiment = true;
        frames.ready();
        send(ServerMessage.started(experimentNumber, experiment, current.decimation.stride(), contour,
                current.initialPoints()));
        regions.begin(experimentNumber, current.steps);
        if (paused) {
            setState(ExperimentState.PAUSED);
            sendStatus();
        } else {
            startRunning();
        }
    }

    private void pause() {
        LiveRace experiment = requireExperiment("pause");
        if (experiment.state == ExperimentState.RUNNING) {
            generation++;
            setState(ExperimentState.PAUSED);
            flushNow();
        }
        sendStatus();
    }

    private void resume() {
        LiveRace experiment = requireExperiment("resume");
        if (experiment.state == ExperimentState.DONE) {
            throw new FieldException("type", "the experiment is done; send reset or start");
        }
        if (experiment.state == ExperimentState.PAUSED) {
            generation++;
            startRunning();
        } else {
            sendStatus();
        }
    }

    private void step(int n) {
        LiveRace experiment = requireExperiment("step");
        if (experiment.state == ExperimentState.DONE) {
            throw new FieldException("type", "the experiment is done; send reset or start");
        }
        if (experiment.state == ExperimentState.RUNNING) {
            generation++;
            setState(ExperimentState.PAUSED);
            flushNow();
            sendStatus();
        }
        driver.step(generation, n);
    }

    /** Says the race runs, and makes its first update in this turn: the first points follow without a wait. */
    private void startRunning() {
        setState(ExperimentState.RUNNING);
        sendStatus();
        driver.start(generation);
    }

    /** Whether the client is behind: too much unread on the socket, or its read window full. */
    private boolean clientHolds() {
        return out.pendingBytes() > limits.connections().maxUnreadBytes() || reads.full();
    }

    /**
     * Makes up to {@code wanted} updates of every live run, within the time budget and until the frame buffer is
     * full; returns how many.
     */
    private int advance(int wanted, long budgetNanos) {
        long deadline = System.nanoTime() + budgetNanos;
        LiveRace.Advanced made = current.advance(wanted, MAX_FRAME_BYTES,
                () -> System.nanoTime() > deadline || serial.controlWaiting() || serial.isClosed());
        metrics.updatesMade(made.records());
        return made.updates();
    }

    /** Reports divergences and the end, or sends the new points when it is time. */
    private void afterAdvance() {
        LiveRace c = current;
        List<StepRecord> divergences = c.takeDivergences();
        if (!divergences.isEmpty()) {
            flushNow();
            for (StepRecord record : divergences) {
                send(ServerMessage.diverged(experimentNumber, record));
            }
        }
        if (c.steps.finished()) {
            if (c.steps instanceof RaceTape.Recorder recorder) {
                shared.finished(this, recorder);                  // later starts of the spec replay it
            }
            generation++;
            setState(ExperimentState.DONE);
            flushNow();
            send(ServerMessage.done(experimentNumber, c.steps.step(), c.finalPoints()));
            sendStatus();
        } else if (current.hasPending()) {
            frames.flushSoon();
        }
        regions.advanced();
    }

    /** Sends the buffered points of the current experiment, if any, as one {@code frames} message. */
    private void flushNow() {
        if (current == null || !current.hasPending()) {
            return;
        }
        frames.sent();
        listener.stepped(current.steps.step());
        String text = current.takeFrames(experimentNumber);
        if (!serial.isClosed()) {
            out.send(text);
            reads.sent(text.length());                         // ASCII: characters are bytes
        }
    }

    /** The race as its ticks and steps see it. */
    private final class DrivenRace implements RaceDriver.Race {
        @Override public boolean isCurrent(long taskGeneration, ExperimentState state) {
            return taskGeneration == generation && current != null && current.state == state;
        }

        @Override public double stepsPerSecond() {
            return stepsPerSecond;
        }

        @Override public boolean clientHolds() {
            return ExperimentSession.this.clientHolds();
        }

        @Override public boolean framesFull() {
            return current.pendingBytes() >= MAX_FRAME_BYTES;
        }

        @Override public int advance(int wanted, long budgetNanos) {
            int made = ExperimentSession.this.advance(wanted, budgetNanos);
            afterAdvance();
            return made;
        }

        @Override public void pace(PaceMeter.Pace pace) {
            send(ServerMessage.pace(experimentNumber, pace.stepsPerSecond(), pace.achieved(), pace.busy()));
        }
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    /** Replaces any experiment with a search, waiting (paused) or started at once, and announces it. */
    private void beginSearch(SearchSpec spec, boolean paused) {
        generation++;
        experimentNumber++;
        current = null;
        shared.release(this);
        regions.end();
        hasExperiment = true;
        search.begin(experimentNumber, spec, paused);
        sendStatus();
    }

    private LiveRace requireExperiment(String command) {
        if (current == null) {
            throw new FieldException("type", "there is no experiment to " + command + "; send start first");
        }
        return current;
    }

    private void setState(ExperimentState state) {
        current.state = state;
        running = state == ExperimentState.RUNNING;
    }

    private void sendStatus() {
        if (search.active()) {
            listener.status(search.state().wire(), true, search.finished());
            send(ServerMessage.status(experimentNumber, search.state().wire(), search.finished(), stepsPerSecond));
        } else if (current == null) {
            send(ServerMessage.status(experimentNumber, "idle", 0, stepsPerSecond));
        } else {
            listener.status(current.state.wire(), false, current.steps.step());
            send(ServerMessage.status(experimentNumber, current.state.wire(), current.steps.step(), stepsPerSecond));
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
}

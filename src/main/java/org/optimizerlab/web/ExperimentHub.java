package org.optimizerlab.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.ops.ClassMetrics;
import org.optimizerlab.ops.ClassMetrics.CloseCause;
import org.optimizerlab.ops.ClassMetrics.Refusal;
import org.optimizerlab.web.OpenConnections.Connection;
import org.optimizerlab.validation.FieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experiment WebSocket, {@code /ws/experiment}: lets connections in through its {@link AdmissionDoor} (session
 * limit 1013, server busy 1013, per-address limit 1008), checks every message (rate, size, format) on the socket's
 * thread and hands the valid ones to the connection's {@link ExperimentSession}, which runs them on the shared
 * worker pool, a {@link FairScheduler} that shares CPU time equally between the connections. Owns that pool and the
 * timer; {@link #close()} stops them.
 *
 * <p>The open connections, how they end and the once-a-second sweep of those that hold the server without using it
 * are {@link OpenConnections}' (close codes in {@code docs/protocol.md}). A session whose task failed is closed with
 * 1011. {@link #goingAway()} closes every connection with 1001 when the server stops, so pages know to reconnect.
 * Connections opened, closed and refused are logged and counted by {@link ConnectionEvents}.
 *
 * <p>A {@link ClassLink} (the instructor's class view) hears of admissions, refusals, each student's {@code hello}
 * and commands, and each session's state changes; a {@code hello} goes to it, and to the session only as the
 * lesson its experiments count for in the metrics: a slug of the course, else {@code other}.
 */
public final class ExperimentHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentHub.class);

    /** The close code for a connection refused because the server is full ("try again later"). */
    public static final int TRY_AGAIN_LATER = 1013;
    /** The close code for a client that broke a rule: too many sessions from its address, too much unread. */
    public static final int POLICY_VIOLATION = 1008;
    /** The close code for a silent client, and for every client when the server stops. */
    public static final int GOING_AWAY = 1001;
    /** The close code for a session whose work failed on the server. */
    public static final int SERVER_ERROR = 1011;

    /**
     * How many connections there are, how many hold an experiment, how many of those are running, how many
     * searches run and how many of their trials, how many bytes sent to clients wait to be written, and the races
     * the sessions share: recordings kept, their bytes, and the races replayed from them ({@link SharedRaces}).
     */
    public record Stats(int sessions, int experiments, int running, int searches, int trials, long unreadBytes,
                        int sharedRaces, long sharedRaceBytes, long replays) {
    }

    private final ServerLimits limits;
    private final ObjectMapper json;
    private final FairScheduler scheduler;
    private final ThreadPoolExecutor workers;
    private final PaceGauge pace = new PaceGauge();
    /** The races this server's sessions share ({@link SharedRaces}). */
    private final SharedRaces sharedRaces = new SharedRaces(SharedRaces.budgetFor(Runtime.getRuntime().maxMemory()));
    private final ScheduledThreadPoolExecutor timer;
    private final AdmissionDoor door;
    private final SearchService searches;
    private final ConnectionEvents events;
    private final ClassLink classLink;
    private final Function<String, Optional<DataFolder>> lessonData;
    private final OpenConnections connections;

    public ExperimentHub(ServerLimits limits, ObjectMapper json) {
        this(limits, json, ClassMetrics.NONE, ClassLink.NONE, slug -> Optional.empty());
    }

    /**
     * A hub that reports its connections, experiments and workers to {@code metrics}, and tells the class view
     * ({@code classLink}) who connects, says hello, and what their experiments do. Experiments count for the
     * lesson their page named if the course has it ({@code lessonData} gives its data files), else for
     * {@code other}: the metrics' lesson label takes no value the course does not have. A race's data file is read
     * from its lesson's data files ({@code lessonData}), never from anywhere else.
     */
    public ExperimentHub(ServerLimits limits, ObjectMapper json, ClassMetrics metrics, ClassLink classLink,
                         Function<String, Optional<DataFolder>> lessonData) {
        this.classLink = classLink;
        this.lessonData = lessonData;
        this.limits = limits;
        this.events = new ConnectionEvents(metrics);
        this.json = json;
        this.door = new AdmissionDoor(limits, pace);
        // Each session queues at most one turn at a time and the searches at most trialsAtOnce trials, so the
        // (unbounded, ordered by CPU time used) queue never holds more than that.
        this.scheduler = new FairScheduler(limits.workerThreads(),
                TimeUnit.MILLISECONDS.toNanos(ExperimentSession.FRAME_INTERVAL_MILLIS),
                daemonThreads("experiment-worker"));
        this.workers = scheduler.pool();
        this.searches = new SearchService(limits.maxSearches(), new TrialScheduler(scheduler, limits.trialsAtOnce(),
                limits.trialsPerSearch()), daemonThreads("search-coordinator"));
        this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads("experiment-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.connections = new OpenConnections(limits.connections(), events, timer, door::stopping, this::free);
        this.timer.scheduleWithFixedDelay(connections::sweep, 1, 1, TimeUnit.SECONDS);
        metrics.watchSessions(connections::size);
        metrics.watchWorkers(workers);
    }

    /** Registers the handlers of the experiment WebSocket. */
    public void configure(WsConfig ws) {
        ws.onConnect(this::onConnect);
        ws.onMessage(this::onMessage);
        ws.onBinaryMessage(this::onBinaryMessage);
        ws.onClose(this::onClose);
        ws.onError(this::onError);
    }

    /** Current numbers, for {@code /healthz}. */
    public Stats stats() {
        int experiments = 0;
        int running = 0;
        long unread = 0;
        for (Connection connection : connections.all()) {
            experiments += connection.session().hasExperiment() ? 1 : 0;
            running += connection.session().isRunning() ? 1 : 0;
            unread += connection.out().pendingBytes();
        }
        SharedRaces.Stats shared = sharedRaces.stats();
        return new Stats(connections.size(), experiments, running, searches.running(), searches.trialsRunning(),
                unread, shared.tapes(), shared.storedBytes(), shared.replays());
    }

    /** Tasks waiting for a worker thread (for the class view's server load). */
    public int workerQueue() {
        return workers.getQueue().size();
    }

    /**
     * The server is stopping: new connections are refused and every open one is closed with 1001 "server
     * restarting", waiting up to a second for the close frames to be written.
     */
    public void goingAway() {
        door.stop();
        int open = connections.size();
        connections.endAll(GOING_AWAY, "server restarting", CloseCause.RESTARTING, 1000);
        LOG.info("closed {} experiment connections: server restarting", open);
    }

    /** Stops every session, the workers and the timer. */
    @Override
    public void close() {
        door.stop();
        connections.all().forEach(c -> c.session().close());
        searches.close();
        workers.shutdownNow();
        timer.shutdownNow();
    }

    private void onConnect(WsConnectContext ctx) {
        String address = addressOf(ctx);
        Optional<AdmissionDoor.Refused> refused = door.admit(address);
        if (refused.isPresent()) {
            AdmissionDoor.Refused refusal = refused.get();
            if (refusal.cause() != Refusal.STOPPING) {
                classLink.refused();
            }
            events.refused(address, refusal.cause(), refusal.logged());
            ctx.closeSession(refusal.code(), refusal.told());
            return;
        }
        SocketOutbound out = new SocketOutbound(ctx.session, limits.connections().maxUnreadBytes(),
                events.metrics());
        String id = ctx.sessionId();
        SerialExecutor serial = new SerialExecutor(scheduler.flow(), ExperimentSession.MAX_QUEUED_COMMANDS,
                failure -> sessionFailed(id, failure));
        SessionListener listener = classLink.joined(id, out::send);
        ExperimentSession session = new ExperimentSession(out, serial, timer, limits, json, searches,
                events.metrics(), listener, pace, lessonData, sharedRaces);
        long opened = System.nanoTime();
        connections.add(new Connection(ctx, address, session,
                new RateLimiter(limits.messagesPerSecond(), limits.messageBurst(), System.nanoTime()), out,
                new AtomicLong(opened), opened));
        ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
    }

    private void onMessage(WsMessageContext ctx) {
        Connection connection = connections.get(ctx.sessionId());
        if (connection == null) {
            return;
        }
        long now = System.nanoTime();
        connection.lastHeardNanos().set(now);
        if (!connection.rate().tryAcquire(now)) {
            if (connection.rate().shouldReport(now)) {
                sendError(connection, new FieldException("", "too many messages: at most "
                        + show(limits.messagesPerSecond()) + " per second (bursts of " + limits.messageBurst()
                        + "); messages are being dropped"));
            }
            return;
        }
        String text = ctx.message();
        int bytes = utf8Length(text);
        if (bytes > limits.maxMessageBytes()) {
            sendError(connection, new FieldException("", "the message is " + bytes + " bytes; at most "
                    + limits.maxMessageBytes() + " are allowed"));
            return;
        }
        ClientMessage message;
        try {
            message = ClientMessage.parse(text, limits.maxStepsPerSecond());
        } catch (FieldException e) {
            sendError(connection, e);
            return;
        }
        if (message instanceof ClientMessage.Ping) {
            return;
        }
        if (message instanceof ClientMessage.Hello hello) {
            classLink.hello(ctx.sessionId(), hello);
            connection.session().onLesson(hello.lesson(), lessonData.apply(hello.lesson()).isPresent());
            return;
        }
        if (!(message instanceof ClientMessage.Read)) {
            classLink.heard(ctx.sessionId());                     // a page's automatic read is not the student's
        }
        if (!connection.session().submit(message)) {
            sendError(connection, new FieldException("", "too many commands are waiting; slow down"));
        }
    }

    private void onBinaryMessage(WsBinaryMessageContext ctx) {
        Connection connection = connections.get(ctx.sessionId());
        if (connection != null) {
            connection.lastHeardNanos().set(System.nanoTime());
        }
        if (connection != null && connection.rate().tryAcquire(System.nanoTime())) {
            sendError(connection, new FieldException("", "binary messages are not supported; send JSON text"));
        }
    }

    private void onClose(WsCloseContext ctx) {
        connections.closedByClient(ctx.sessionId(), ctx.status(), ctx.reason());
    }

    private void onError(WsErrorContext ctx) {
        LOG.debug("experiment socket error: {}", String.valueOf(ctx.error()));
        connections.closedByClient(ctx.sessionId(), 1006, "connection lost");
    }

    /** Frees what an ended connection held: its session, its place in the class view and at the door. */
    private void free(Connection connection) {
        connection.session().close();
        classLink.left(connection.ctx().sessionId());
        door.leave(connection.address());
    }

    /** A session's task failed: the failure is logged once, the client told 1011, everything freed. */
    private void sessionFailed(String id, Throwable failure) {
        Connection connection = connections.get(id);
        String address = connection == null ? "a closed connection" : connection.address();
        if (door.stopping() && failure instanceof RejectedExecutionException) {
            // a task that was running when the server stopped could not schedule its next one: nothing failed
            LOG.debug("a task of an experiment session of {} ended with the server", address);
            return;
        }
        LOG.error("an experiment session of {} failed and was closed", address, failure);
        if (connection != null) {
            connections.end(connection, SERVER_ERROR, "server error", CloseCause.SERVER_ERROR);
        }
    }

    private void sendError(Connection connection, FieldException e) {
        events.metrics().clientError(e.field());
        try {
            connection.out().send(json.writeValueAsString(ServerMessage.error(e)));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The UTF-8 size of a message, computed only when its length could exceed the limit. */
    private int utf8Length(String text) {
        if ((long) text.length() * 3 <= limits.maxMessageBytes()) {
            return text.length();
        }
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String addressOf(WsContext ctx) {
        SocketAddress remote = ctx.session.getRemoteSocketAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(remote);
    }

    private static String show(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

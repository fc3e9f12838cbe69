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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
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
import org.optimizerlab.validation.FieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experiment WebSocket, {@code /ws/experiment}: admits connections up to the session limit (others are closed
 * with 1013) and up to a limit per client address (1008), checks every message (rate, size, format) on the
 * socket's thread and hands the valid ones to the connection's {@link ExperimentSession}, which runs them on the
 * shared worker pool, a {@link FairScheduler} that shares CPU time equally between the connections. Owns that pool
 * and the timer; {@link #close()} stops them. While the running races get less than
 * {@link ConnectionLimits#minPace()} of their speed and one more would get less ({@link PaceGauge}), new
 * connections are closed with 1013 "server busy".
 *
 * <p>Once a second a sweep closes the connections that hold the server without using it (close codes in
 * {@code docs/protocol.md}): a client that has sent nothing for {@link ConnectionLimits#idleTimeout()} (1001), one
 * that has left more than {@link ConnectionLimits#maxUnreadBytes()} unread for
 * {@link ConnectionLimits#unreadTimeout()} or twice that at any time, or lost a message (1008). A session whose
 * task failed is closed with 1011. {@link #goingAway()} closes every connection with 1001 when the server stops,
 * so pages know to reconnect.
 *
 * <p>Connections opened, closed and refused are logged and counted by {@link ConnectionEvents}.
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
    /** How long a closing connection may take to answer the close frame before it is dropped. */
    private static final long CLOSE_GRACE_MILLIS = 3000;

    /**
     * How many connections there are, how many hold an experiment, how many of those are running, how many
     * searches run and how many of their trials, and how many bytes sent to clients wait to be written.
     */
    public record Stats(int sessions, int experiments, int running, int searches, int trials, long unreadBytes) {
    }

    private final ServerLimits limits;
    private final ConnectionLimits bounds;
    private final ObjectMapper json;
    private final FairScheduler scheduler;
    private final ThreadPoolExecutor workers;
    private final PaceGauge pace = new PaceGauge();
    private final ScheduledThreadPoolExecutor timer;
    private final Semaphore admissions;
    private final SearchService searches;
    private final ConnectionEvents events;
    private final ClassLink classLink;
    private final Function<String, Optional<DataFolder>> lessonData;
    private final ConcurrentHashMap<String, Connection> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    /** Connections the server has closed and whose close frame may not be written yet. */
    private final Set<Connection> closing = ConcurrentHashMap.newKeySet();

    /** One admitted connection. */
    private record Connection(WsContext ctx, String address, ExperimentSession session, RateLimiter rate,
                              SocketOutbound out, AtomicLong lastHeardNanos, long openedNanos) {
    }

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
        this.bounds = limits.connections();
        this.json = json;
        this.admissions = new Semaphore(limits.maxSessions());
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
        this.timer.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
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
        for (Connection connection : connections.values()) {
            experiments += connection.session().hasExperiment() ? 1 : 0;
            running += connection.session().isRunning() ? 1 : 0;
            unread += connection.out().pendingBytes();
        }
        return new Stats(connections.size(), experiments, running, searches.running(), searches.trialsRunning(),
                unread);
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
        stopping = true;
        int open = connections.size();
        connections.values().forEach(c -> end(c, GOING_AWAY, "server restarting", CloseCause.RESTARTING));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        boolean anyOpen = true;
        while (anyOpen && System.nanoTime() < deadline) {
            anyOpen = false;
            for (Connection c : closing) {
                anyOpen |= c.ctx().session.isOpen();
            }
            if (anyOpen) {
                sleepQuietly(20);
            }
        }
        LOG.info("closed {} experiment connections: server restarting", open);
    }

    /** Stops every session, the workers and the timer. */
    @Override
    public void close() {
        stopping = true;
        connections.values().forEach(c -> c.session().close());
        searches.close();
        workers.shutdownNow();
        timer.shutdownNow();
    }

    private void onConnect(WsConnectContext ctx) {
        String address = addressOf(ctx);
        if (stopping) {
            events.refused(address, Refusal.STOPPING, "the server is stopping");
            ctx.closeSession(GOING_AWAY, "server restarting");
            return;
        }
        if (!admissions.tryAcquire()) {
            classLink.refused();
            events.refused(address, Refusal.SERVER_FULL, "the server is full (" + limits.maxSessions() + " sessions)");
            ctx.closeSession(TRY_AGAIN_LATER, "server full (" + limits.maxSessions() + " sessions); try again later");
            return;
        }
        if (pace.wouldFallBelow(bounds.minPace())) {
            admissions.release();
            classLink.refused();
            int percent = (int) Math.round(100 * pace.pace());
            events.refused(address, Refusal.SERVER_BUSY, "the server is busy (experiments at " + percent
                    + " % of their speed)");
            ctx.closeSession(TRY_AGAIN_LATER, "server busy: experiments run at " + percent
                    + " % of their speed; try again later");
            return;
        }
        if (!admitFrom(address)) {
            admissions.release();
            classLink.refused();
            events.refused(address, Refusal.ADDRESS_FULL, "too many sessions from that address (at most "
                    + bounds.maxSessionsPerAddress() + ")");
            ctx.closeSession(POLICY_VIOLATION, "too many sessions from your address (at most "
                    + bounds.maxSessionsPerAddress() + ")");
            return;
        }
        SocketOutbound out = new SocketOutbound(ctx.session, bounds.maxUnreadBytes(), events.metrics());
        String id = ctx.sessionId();
        SerialExecutor serial = new SerialExecutor(scheduler.flow(), ExperimentSession.MAX_QUEUED_COMMANDS,
                failure -> sessionFailed(id, failure));
        SessionListener listener = classLink.joined(id, out::send);
        ExperimentSession session = new ExperimentSession(out, serial, timer, limits, json, searches,
                events.metrics(), listener, pace, lessonData);
        long opened = System.nanoTime();
        connections.put(id, new Connection(ctx, address, session,
                new RateLimiter(limits.messagesPerSecond(), limits.messageBurst(), System.nanoTime()), out,
                new AtomicLong(opened), opened));
        events.opened(address, connections.size());
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
        release(ctx, ctx.status(), ctx.reason());
    }

    private void onError(WsErrorContext ctx) {
        LOG.debug("experiment socket error: {}", String.valueOf(ctx.error()));
        release(ctx, 1006, "connection lost");
    }

    /** Frees the connection's session and its admission, once (the map removal decides who does it). */
    private void release(WsContext ctx, int code, String reason) {
        Connection connection = connections.remove(ctx.sessionId());
        if (connection != null) {
            free(connection);
            events.closedByClient(connection.address(), connection.openedNanos(), code, reason);
        }
    }

    private void free(Connection connection) {
        connection.session().close();
        classLink.left(connection.ctx().sessionId());
        perAddress.computeIfPresent(connection.address(), (address, count) -> count > 1 ? count - 1 : null);
        admissions.release();
    }

    /** Counts a connection from {@code address}; false (nothing counted) when it has as many as it may. */
    private boolean admitFrom(String address) {
        boolean[] admitted = {false};
        perAddress.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= bounds.maxSessionsPerAddress()) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0];
    }

    /**
     * Ends a connection on the server's initiative: frees it at once, sends the close frame, and drops the
     * socket if the client has not answered the close within a few seconds.
     */
    private void end(Connection connection, int code, String reason, CloseCause cause) {
        if (!connections.remove(connection.ctx().sessionId(), connection)) {
            return;
        }
        free(connection);
        events.closedByServer(connection.address(), connection.openedNanos(), code, reason, cause);
        closing.add(connection);
        try {
            connection.ctx().closeSession(code, reason);
        } catch (RuntimeException e) {
            LOG.debug("closing a socket failed: {}", e.toString());
        }
        if (!stopping) {
            timer.schedule(() -> {
                closing.remove(connection);
                if (connection.ctx().session.isOpen()) {
                    connection.ctx().session.disconnect();
                }
            }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Once a second: closes silent connections and those that do not read what they are sent. */
    private void sweep() {
        try {
            long now = System.nanoTime();
            for (Connection c : connections.values()) {
                long unread = c.out().pendingBytes();
                long overSince = c.out().overSinceNanos();
                if (c.out().failed() || unread > bounds.closeAtUnreadBytes()) {
                    end(c, POLICY_VIOLATION, "not reading: " + mebibytes(unread) + " unread", CloseCause.NOT_READING);
                } else if (overSince != 0 && unread > bounds.maxUnreadBytes()
                        && now - overSince > bounds.unreadTimeout().toNanos()) {
                    end(c, POLICY_VIOLATION, "not reading: " + mebibytes(unread) + " unread for "
                            + bounds.unreadTimeout().toSeconds() + " s", CloseCause.NOT_READING);
                } else if (now - c.lastHeardNanos().get() > bounds.idleTimeout().toNanos()) {
                    end(c, GOING_AWAY, "idle: no message for " + bounds.idleTimeout().toSeconds() + " s",
                            CloseCause.IDLE);
                }
            }
            events.sweep();
        } catch (RuntimeException e) {
            LOG.error("the connection sweep failed", e);
        }
    }

    /** A session's task failed: the failure is logged once, the client told 1011, everything freed. */
    private void sessionFailed(String id, Throwable failure) {
        Connection connection = connections.get(id);
        String address = connection == null ? "a closed connection" : connection.address();
        if (stopping && failure instanceof RejectedExecutionException) {
            // a task that was running when the server stopped could not schedule its next one: nothing failed
            LOG.debug("a task of an experiment session of {} ended with the server", address);
            return;
        }
        LOG.error("an experiment session of {} failed and was closed", address, failure);
        if (connection != null) {
            end(connection, SERVER_ERROR, "server error", CloseCause.SERVER_ERROR);
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

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

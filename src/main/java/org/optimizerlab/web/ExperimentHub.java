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
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.optimizerlab.validation.FieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experiment WebSocket, {@code /ws/experiment}: admits connections up to the session limit (others are closed
 * with 1013), checks every message (rate, size, format) on the socket's thread and hands the valid ones to the
 * connection's {@link ExperimentSession}, which runs them on the shared worker pool. Owns that pool and the timer;
 * {@link #close()} stops them.
 */
public final class ExperimentHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentHub.class);

    /** The close code for a connection refused because the server is full ("try again later"). */
    public static final int TRY_AGAIN_LATER = 1013;

    /**
     * How many connections there are, how many hold an experiment, how many of those are running, how many
     * searches run and how many of their trials.
     */
    public record Stats(int sessions, int experiments, int running, int searches, int trials) {
    }

    private final ServerLimits limits;
    private final ObjectMapper json;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;
    private final Semaphore admissions;
    private final SearchService searches;
    private final ConcurrentHashMap<String, Connection> connections = new ConcurrentHashMap<>();

    /** One admitted connection. */
    private record Connection(ExperimentSession session, RateLimiter rate, Outbound out) {
    }

    public ExperimentHub(ServerLimits limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
        this.admissions = new Semaphore(limits.maxSessions());
        // Each session queues at most one turn at a time and the searches at most trialsAtOnce trials, so the
        // queue never holds more than that.
        this.workers = new ThreadPoolExecutor(limits.workerThreads(), limits.workerThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(limits.maxSessions() + limits.trialsAtOnce() + 16),
                daemonThreads("experiment-worker"));
        this.workers.allowCoreThreadTimeOut(true);
        this.searches = new SearchService(limits.maxSearches(), new TrialScheduler(workers, limits.trialsAtOnce(),
                limits.trialsPerSearch()), daemonThreads("search-coordinator"));
        this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads("experiment-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
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
        for (Connection connection : connections.values()) {
            experiments += connection.session().hasExperiment() ? 1 : 0;
            running += connection.session().isRunning() ? 1 : 0;
        }
        return new Stats(connections.size(), experiments, running, searches.running(), searches.trialsRunning());
    }

    /** Stops every session, the workers and the timer. */
    @Override
    public void close() {
        connections.values().forEach(c -> c.session().close());
        searches.close();
        workers.shutdownNow();
        timer.shutdownNow();
    }

    private void onConnect(WsConnectContext ctx) {
        if (!admissions.tryAcquire()) {
            LOG.info("refused a connection from {}: the server is full ({} sessions)", ctx.session.getRemoteSocketAddress(),
                    limits.maxSessions());
            ctx.closeSession(TRY_AGAIN_LATER, "server full (" + limits.maxSessions() + " sessions); try again later");
            return;
        }
        Outbound out = new SocketOutbound(ctx.session);
        ExperimentSession session = new ExperimentSession(out,
                new SerialExecutor(workers, ExperimentSession.MAX_QUEUED_COMMANDS), timer, limits, json, searches);
        connections.put(ctx.sessionId(), new Connection(session,
                new RateLimiter(limits.messagesPerSecond(), limits.messageBurst(), System.nanoTime()), out));
        ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
    }

    private void onMessage(WsMessageContext ctx) {
        Connection connection = connections.get(ctx.sessionId());
        if (connection == null) {
            return;
        }
        long now = System.nanoTime();
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
        if (!connection.session().submit(message)) {
            sendError(connection, new FieldException("", "too many commands are waiting; slow down"));
        }
    }

    private void onBinaryMessage(WsBinaryMessageContext ctx) {
        Connection connection = connections.get(ctx.sessionId());
        if (connection != null && connection.rate().tryAcquire(System.nanoTime())) {
            sendError(connection, new FieldException("", "binary messages are not supported; send JSON text"));
        }
    }

    private void onClose(WsCloseContext ctx) {
        release(ctx);
    }

    private void onError(WsErrorContext ctx) {
        LOG.debug("experiment socket error: {}", String.valueOf(ctx.error()));
        release(ctx);
    }

    /** Frees the connection's session and its admission, once (the map removal decides who does it). */
    private void release(WsContext ctx) {
        Connection connection = connections.remove(ctx.sessionId());
        if (connection != null) {
            connection.session().close();
            admissions.release();
        }
    }

    private void sendError(Connection connection, FieldException e) {
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

    /** Sends on a Jetty WebSocket session without blocking, counting messages not yet written. */
    private static final class SocketOutbound implements Outbound {
        private final Session session;
        private final AtomicInteger pending = new AtomicInteger();

        SocketOutbound(Session session) {
            this.session = session;
        }

        @Override
        public void send(String text) {
            if (!session.isOpen()) {
                return;
            }
            pending.incrementAndGet();
            try {
                session.sendText(text, Callback.from(pending::decrementAndGet, failure -> pending.decrementAndGet()));
            } catch (RuntimeException e) {
                pending.decrementAndGet();
                LOG.debug("cannot send on a closing socket: {}", e.toString());
            }
        }

        @Override
        public int pendingSends() {
            return pending.get();
        }
    }
}

package org.optimizerlab.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.optimizerlab.classroom.ClassRoster;
import org.optimizerlab.classroom.InstructorSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instructor's live class view, {@code ws /ws/instructor}: the handshake needs this server's origin (403) and
 * the instructor's session cookie (401); then the server sends a {@code snapshot} of the class when the socket
 * opens and once a second after (one snapshot built for every instructor socket, at most
 * {@link ClassRoster#MAX_LISTED} students in it), and closes the socket (1008) when the session ends. Messages
 * from the instructor are ignored: renaming, hiding and pushing are HTTP requests ({@link ClassController}).
 */
public final class InstructorSocket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InstructorSocket.class);
    /** The most bytes an instructor's socket may leave unread before snapshots are skipped for it. */
    private static final long MAX_UNREAD_BYTES = 1024 * 1024;
    /** How often the session behind each socket is checked again. */
    private static final long SESSION_CHECK_SECONDS = 30;

    /** The server's load, as the class view shows it. */
    record Load(int sessions, double stepsPerSecond, int workerQueue, long heapUsedMiB, long heapMaxMiB) {
    }

    /** One instructor's socket: where to send, and the session cookie it opened with. */
    private record Viewer(WsContext ctx, SocketOutbound out, String sessionCookie) {
    }

    private final ClassView view;
    private final ExperimentHub hub;
    private final InstructorAuth auth;
    private final InstructorSessions sessions;
    private final ObjectMapper json;
    private final Clock clock;
    private final ConcurrentHashMap<String, Viewer> viewers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private long lastStepsTotal = -1;
    private long lastNanos;
    private long ticks;
    /** The steps per second measured at the last tick (timer thread only, like the fields above). */
    private double lastRate;

    public InstructorSocket(ClassView view, ExperimentHub hub, InstructorAuth auth, InstructorSessions sessions,
                            ObjectMapper json, Clock clock) {
        this.view = view;
        this.hub = hub;
        this.auth = auth;
        this.sessions = sessions;
        this.json = json;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "class-view");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** The handshake check: a live instructor session (401 without one). Run after the origin check. */
    public void checkHandshake(Context ctx) {
        auth.require(ctx);
    }

    /** Registers the socket's handlers. */
    public void configure(WsConfig ws) {
        ws.onConnect(this::onConnect);
        ws.onClose(ctx -> viewers.remove(ctx.sessionId()));
        ws.onError(ctx -> viewers.remove(ctx.sessionId()));
    }

    private void onConnect(WsConnectContext ctx) {
        Viewer viewer = new Viewer(ctx, new SocketOutbound(ctx.session, MAX_UNREAD_BYTES),
                ctx.cookie(InstructorAuth.COOKIE));
        viewers.put(ctx.sessionId(), viewer);
        ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
        timer.execute(() -> viewer.out().send(write(snapshot(json, clock, view.snapshot(), load(lastRate)))));
    }

    /** Once a second: one snapshot for every instructor socket; every 30 s their sessions checked again. */
    private void tick() {
        try {
            ticks++;
            if (ticks % SESSION_CHECK_SECONDS == 0) {
                viewers.values().forEach(this::checkSession);
            }
            ClassRoster.Snapshot snapshot = view.snapshot();
            long now = System.nanoTime();
            double stepsPerSecond = lastStepsTotal < 0 ? 0
                    : (snapshot.stepsTotal() - lastStepsTotal) * 1e9 / Math.max(1, now - lastNanos);
            lastStepsTotal = snapshot.stepsTotal();
            lastRate = stepsPerSecond;
            lastNanos = now;
            if (viewers.isEmpty()) {
                return;
            }
            String message = write(snapshot(json, clock, snapshot, load(stepsPerSecond)));
            for (Viewer viewer : viewers.values()) {
                if (viewer.out().pendingBytes() <= MAX_UNREAD_BYTES / 2) {
                    viewer.out().send(message);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("the class view's snapshot failed", e);
        }
    }

    private void checkSession(Viewer viewer) {
        if (sessions.find(viewer.sessionCookie()).isEmpty()) {
            viewers.remove(viewer.ctx().sessionId());
            viewer.ctx().closeSession(ExperimentHub.POLICY_VIOLATION, "signed out");
        }
    }

    /** The {@code snapshot} message ({@code docs/protocol.md}, "The instructor's socket"). */
    static ObjectNode snapshot(ObjectMapper json, Clock clock, ClassRoster.Snapshot snapshot, Load load) {
        ObjectNode message = json.createObjectNode().put("type", "snapshot").put("at", clock.instant().toString());
        ArrayNode students = message.putArray("students");
        for (ClassRoster.Seat seat : snapshot.seats()) {
            ObjectNode student = students.addObject().put("student", seat.studentId()).put("number", seat.number());
            seat.name().ifPresentOrElse(name -> student.put("name", name), () -> student.putNull("name"));
            student.put("lesson", seat.lesson()).put("preset", seat.preset()).put("state", seat.state())
                    .put("search", seat.search()).put("step", seat.step())
                    .put("lastActivity", seat.lastActivity().toString());
        }
        message.put("listed", snapshot.listed()).put("hidden", snapshot.hidden())
                .put("anonymous", snapshot.anonymous()).put("refused", snapshot.refused());
        ObjectNode lessons = message.putObject("lessons");
        snapshot.perLesson().forEach(lessons::put);
        message.putObject("load").put("sessions", load.sessions())
                .put("stepsPerSecond", Math.round(load.stepsPerSecond())).put("workerQueue", load.workerQueue())
                .put("heapUsedMiB", load.heapUsedMiB()).put("heapMaxMiB", load.heapMaxMiB());
        return message;
    }

    private Load load(double stepsPerSecond) {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        return new Load(hub.stats().sessions(), stepsPerSecond, hub.workerQueue(), used / (1024 * 1024),
                runtime.maxMemory() / (1024 * 1024));
    }

    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a snapshot", e);
        }
    }

    /** Stops the snapshots. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}

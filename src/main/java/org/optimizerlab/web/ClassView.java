package org.optimizerlab.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.classroom.ClassRoster;
import org.optimizerlab.classroom.ClassStore;
import org.optimizerlab.classroom.NewPush;
import org.optimizerlab.classroom.Push;
import org.optimizerlab.classroom.Student;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instructor's view of the class, fed by the experiment sockets ({@link ClassLink}): the {@link ClassRoster}
 * of who is where, students' names (stored in the {@link ClassStore}, kept in memory here), and experiments pushed
 * to the class: stored, sent at once as a {@code push} message to every student on the lesson (or to everyone),
 * and sent again to a student who says {@code hello} later (the latest push for their lesson).
 *
 * <p>A push is stored with {@link ClassStore#addPush}: its {@code spec} column holds
 * {@code {"audience": "lesson"|"everyone", "query": "preset=...&run=..."}}, the page's share-link query that gives
 * back the exact experiment. Thread-safe; the socket threads only touch memory.
 *
 * <p>Replicas of one class sharing the database ({@link ClassReplicas}): the other replicas' students come in as
 * {@link ClassRoster.Share}s ({@link #others}); pushes stored by another replica are delivered here by
 * {@link #deliverStoredPushes()}. A connection gets each push at most once, and never one older than a push it
 * already has.
 */
public final class ClassView implements ClassLink {
    private static final Logger LOG = LoggerFactory.getLogger(ClassView.class);
    /** The pushes read back from the store at start, at most (the latest per lesson is all that is needed). */
    private static final int PUSHES_READ_AT_START = 10_000;

    /** Who a push goes to. */
    public enum Audience {
        LESSON, EVERYONE;

        /** As sent and stored. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An experiment to push: the lesson, what the students see it called, the share query, and who gets it. */
    public record PushRequest(String lesson, String title, String query, Audience audience) {
    }

    /** A push as sent: its stored form and its audience and query. */
    private record Sent(Push push, Audience audience, String query) {
    }

    /** A student's connection: how to send to it, and the newest push it has been sent. */
    private record Receiver(Consumer<String> send, AtomicLong lastPush) {
    }

    /** The most pushes read from the store in one go (others follow at the next read). */
    private static final int PUSHES_PER_READ = 100;

    private final ClassStore store;
    private final ClassRoster roster;
    private final ObjectMapper json;
    private final ConcurrentHashMap<String, Receiver> receivers = new ConcurrentHashMap<>();
    /** The newest push read from the store or made here: {@link #deliverStoredPushes} reads those after it. */
    private final AtomicLong lastStoredPush = new AtomicLong();
    private volatile List<ClassRoster.Share> others = List.of();
    private final ConcurrentHashMap<String, Sent> latestByLesson = new ConcurrentHashMap<>();
    private final AtomicReference<Sent> latestToEveryone = new AtomicReference<>();

    /** The most students a class may name themselves ({@link #saveStudentName}): one hostile page cannot fill the store. */
    public static final int MAX_NAMED_STUDENTS = ClassRoster.MAX_NUMBERED;

    private final int maxNamedStudents;

    public ClassView(ClassStore store, ClassRoster roster, ObjectMapper json) {
        this(store, roster, json, MAX_NAMED_STUDENTS);
    }

    /** A class view that lets at most {@code maxNamedStudents} students name themselves. */
    public ClassView(ClassStore store, ClassRoster roster, ObjectMapper json, int maxNamedStudents) {
        this.store = store;
        this.roster = roster;
        this.json = json;
        this.maxNamedStudents = maxNamedStudents;
        loadPushes();
        roster.hideOnly(store.hiddenStudents());
    }

    /** The roster (for the instructor's snapshots). */
    public ClassRoster roster() {
        return roster;
    }

    @Override
    public SessionListener joined(String connection, Consumer<String> send) {
        receivers.put(connection, new Receiver(send, new AtomicLong()));
        roster.joined(connection);
        return new SessionListener() {
            @Override
            public void status(String state, boolean search, long step) {
                roster.state(connection, state, search, step);
            }

            @Override
            public void stepped(long step) {
                roster.stepped(connection, step);
            }
        };
    }

    @Override
    public void refused() {
        roster.refused();
    }

    @Override
    public void hello(String connection, ClientMessage.Hello hello) {
        roster.hello(connection, hello.student(), hello.name(), hello.lesson(), hello.preset());
        latestFor(hello.lesson()).ifPresent(sent -> send(connection, sent));
    }

    @Override
    public void heard(String connection) {
        roster.heard(connection);
    }

    @Override
    public void left(String connection) {
        receivers.remove(connection);
        roster.left(connection);
    }

    /**
     * Stores a name a student chose for themselves: a new student id only while fewer than the class's most named
     * students have one (else an error naming {@code student}), so a script inventing ids cannot fill the store.
     */
    public Student saveStudentName(String studentId, String name) {
        if (!roster.hasName(studentId) && roster.namedCount() >= maxNamedStudents) {
            throw new FieldException("student", "this class has names for " + maxNamedStudents
                    + " students already; ask your instructor");
        }
        return saveName(studentId, name);
    }

    /** Stores a name a student chose, or the instructor gave them; the class view shows it at once. */
    public Student saveName(String studentId, String name) {
        Student saved = store.saveDisplayName(studentId, name);
        roster.named(saved.id(), saved.displayName());
        return saved;
    }

    /** The class now: this server's students and the other replicas'. */
    public ClassRoster.Snapshot snapshot() {
        return roster.snapshot(others);
    }

    /** The other replicas' students, as they last shared them (fresh ones only). */
    public void others(List<ClassRoster.Share> shares) {
        others = List.copyOf(shares);
    }

    /** Hides a student from the class list on every replica (stored), or shows them again. */
    public void hide(String studentId, boolean hidden) {
        store.setHidden(studentId, hidden);
        roster.hide(studentId, hidden);
    }

    /**
     * Stores a push and sends it to every student it is for; how many connections it is for: this server's, to
     * which it was sent, and the other replicas' (as they last shared them), which send it within a second.
     */
    public int push(PushRequest request) {
        String document = write(json.createObjectNode().put("audience", request.audience().wire())
                .put("query", request.query()));
        Push stored = store.addPush(new NewPush(request.lesson(), request.title(), document));
        Sent sent = new Sent(stored, request.audience(), request.query());
        remember(sent);
        Optional<String> lesson = request.audience() == Audience.EVERYONE ? Optional.empty()
                : Optional.of(request.lesson());
        List<String> connections = roster.connectionsOn(lesson);
        connections.forEach(connection -> send(connection, sent));
        int elsewhere = others.stream().mapToInt(share -> lesson.map(l -> share.perLesson().getOrDefault(l, 0))
                .orElse(share.places())).sum();
        LOG.info("instructor pushed experiment {} ({}) to {} connections{}", stored.id(),
                request.audience() == Audience.EVERYONE ? "everyone" : "lesson " + request.lesson(), connections.size(),
                elsewhere == 0 ? "" : " here and " + elsewhere + " on other replicas");
        return connections.size() + elsewhere;
    }

    /**
     * Sends the pushes another replica stored since the last call to the students here they are for (a push
     * made here is not sent twice); how many pushes were read.
     */
    public int deliverStoredPushes() {
        List<Push> page = store.pushesAfter(lastStoredPush.get(), PUSHES_PER_READ);
        for (Push push : page) {
            lastStoredPush.accumulateAndGet(push.id(), Math::max);
            read(push).ifPresent(sent -> {
                remember(sent);
                Optional<String> lesson = sent.audience() == Audience.EVERYONE ? Optional.empty()
                        : Optional.of(sent.push().push().lessonSlug());
                roster.connectionsOn(lesson).forEach(connection -> send(connection, sent));
            });
        }
        return page.size();
    }

    /** The newest push a student on {@code lesson} should see, if any. */
    private Optional<Sent> latestFor(String lesson) {
        Sent forLesson = latestByLesson.get(lesson);
        Sent forEveryone = latestToEveryone.get();
        if (forLesson == null || forEveryone == null) {
            return Optional.ofNullable(forLesson != null ? forLesson : forEveryone);
        }
        return Optional.of(forLesson.push().id() > forEveryone.push().id() ? forLesson : forEveryone);
    }

    private void remember(Sent sent) {
        if (sent.audience() == Audience.EVERYONE) {
            latestToEveryone.accumulateAndGet(sent, ClassView::newer);
        } else {
            latestByLesson.merge(sent.push().push().lessonSlug(), sent, ClassView::newer);
        }
    }

    private static Sent newer(Sent a, Sent b) {
        return a == null || b.push().id() > a.push().id() ? b : a;
    }

    /** Sends a push to a connection unless it has this push, or a newer one, already. */
    private void send(String connection, Sent sent) {
        Receiver receiver = receivers.get(connection);
        long id = sent.push().id();
        if (receiver != null && receiver.lastPush().getAndAccumulate(id, Math::max) < id) {
            receiver.send().accept(write(message(sent)));
        }
    }

    /** The {@code push} message ({@code docs/protocol.md}). */
    private ObjectNode message(Sent sent) {
        ObjectNode message = json.createObjectNode().put("type", "push").put("id", sent.push().id())
                .put("lesson", sent.push().push().lessonSlug()).put("title", sent.push().push().title())
                .put("query", sent.query()).put("audience", sent.audience().wire())
                .put("pushedAt", sent.push().pushedAt().toString());
        return message;
    }

    /** Reads back the pushes kept across a restart, so a student who joins sees the latest for their lesson. */
    private void loadPushes() {
        long after = 0;
        List<Push> page;
        int read = 0;
        do {
            page = store.pushesAfter(after, 500);
            for (Push push : page) {
                after = push.id();
                read(push).ifPresent(this::remember);
            }
            read += page.size();
        } while (!page.isEmpty() && read < PUSHES_READ_AT_START);
        store.latestPush().ifPresent(push -> lastStoredPush.accumulateAndGet(push.id(), Math::max));
    }

    private Optional<Sent> read(Push push) {
        try {
            JsonNode document = json.readTree(push.push().spec());
            JsonNode query = document.get("query");
            JsonNode audience = document.get("audience");
            if (query == null || !query.isTextual()) {
                return Optional.empty();
            }
            Audience to = audience != null && "everyone".equals(audience.asText()) ? Audience.EVERYONE
                    : Audience.LESSON;
            return Optional.of(new Sent(push, to, query.textValue()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a message", e);
        }
    }
}

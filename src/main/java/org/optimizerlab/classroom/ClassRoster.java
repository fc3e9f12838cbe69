package org.optimizerlab.classroom;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Who is in the class right now, in memory: one place per experiment connection, with the student who said
 * {@code hello} on it (id, name, lesson, preset), what their experiment does (state, step) and when they last did
 * something. Also the names students chose (kept in the {@link ClassStore}; loaded here so no socket thread reads
 * the database), the students the instructor hid, and how many connections were refused.
 *
 * <p>Thread-safe and cheap to update: every report is a few field writes on the calling thread (socket threads,
 * experiment workers); only {@link #snapshot()} walks the places, at most once a second.
 */
public final class ClassRoster {

    /** The most places one snapshot lists (the counts cover everyone). */
    public static final int MAX_LISTED = 400;
    /**
     * The most student ids numbered ("student 7") since the start; later ones get number 0. A client making up a
     * new id in every {@code hello} cannot make the roster grow without bound.
     */
    public static final int MAX_NUMBERED = 10_000;

    /**
     * One place in the class view.
     *
     * @param studentId    the id the student's browser keeps
     * @param number       the student's number in this server's memory ("student 7"), from 1; 0 past
     *                     {@link #MAX_NUMBERED}
     * @param name         the name they chose (or the instructor gave them), if any
     * @param lesson       the lesson the page is on
     * @param preset       the preset it shows ({@code ""} when the page has none)
     * @param state        {@code idle}, {@code running}, {@code paused} or {@code done}
     * @param search       whether the experiment is a hyperparameter search ({@code step} is then its trials)
     * @param step         the experiment's step
     * @param lastActivity when the student last sent a command
     */
    public record Seat(String studentId, int number, Optional<String> name, String lesson, String preset,
                       String state, boolean search, long step, Instant lastActivity) {
    }

    /**
     * The class at one moment.
     *
     * @param seats      the shown places (not hidden), by student number, at most {@link #MAX_LISTED}
     * @param listed     how many places could be shown (more than {@code seats.size()} when cut)
     * @param hidden     places of hidden students
     * @param anonymous  connections that have not said {@code hello} (yet)
     * @param perLesson  places per lesson, hidden ones included
     * @param refused    connections refused since the server started (server full, too many from one address)
     * @param stepsTotal updates made by every connection's experiments since the server started
     */
    public record Snapshot(List<Seat> seats, int listed, int hidden, int anonymous, Map<String, Integer> perLesson,
                           long refused, long stepsTotal) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Place> places = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> numbers = new ConcurrentHashMap<>();
    private final AtomicInteger lastNumber = new AtomicInteger();
    private final ConcurrentHashMap<String, String> names = new ConcurrentHashMap<>();
    private final Set<String> hiddenStudents = ConcurrentHashMap.newKeySet();
    private final LongAdder refused = new LongAdder();
    private final LongAdder steps = new LongAdder();

    public ClassRoster(Clock clock) {
        this.clock = clock;
    }

    /** A roster that knows the names already chosen. */
    public static ClassRoster withNames(Clock clock, List<Student> students) {
        ClassRoster roster = new ClassRoster(clock);
        students.forEach(s -> roster.names.put(s.id(), s.displayName()));
        return roster;
    }

    /**
     * What one replica tells the others about its connections ({@code docs/deployment.md}, "Replicas"): the
     * places that said {@code hello}, hidden ones too (each replica hides by the shared list), at most
     * {@link #MAX_LISTED}; the counts cover everyone.
     *
     * @param seats     the places (their {@code number} is the sender's own and is not shown elsewhere)
     * @param places    how many places said {@code hello} (more than {@code seats.size()} when cut)
     * @param anonymous connections that have not said {@code hello} (yet)
     * @param perLesson places per lesson
     * @param refused   connections the replica refused since it started
     */
    public record Share(List<Seat> seats, int places, int anonymous, Map<String, Integer> perLesson, long refused) {
        public Share {
            seats = List.copyOf(seats);
            perLesson = Map.copyOf(perLesson);
        }
    }

    /** A connection was admitted. */
    public void joined(String connection) {
        places.put(connection, new Place(clock.millis()));
    }

    /** A connection closed. */
    public void left(String connection) {
        places.remove(connection);
    }

    /** A connection was refused. */
    public void refused() {
        refused.increment();
    }

    /** The student on {@code connection} said who and where they are (values checked by the caller). */
    public void hello(String connection, String studentId, Optional<String> name, String lesson, String preset) {
        Place place = places.get(connection);
        if (place == null) {
            return;
        }
        number(studentId);
        place.helloName = name.orElse(null);
        place.lesson = lesson;
        place.preset = preset;
        place.studentId = studentId;      // last: a place with a student id is complete
        place.lastActivity = clock.millis();
    }

    /** The student on {@code connection} sent a command. */
    public void heard(String connection) {
        Place place = places.get(connection);
        if (place != null) {
            place.lastActivity = clock.millis();
        }
    }

    /** The experiment on {@code connection} changed state ({@code step} 0 for a new experiment). */
    public void state(String connection, String state, boolean search, long step) {
        Place place = places.get(connection);
        if (place != null) {
            place.state = state;
            place.search = search;
            stepped(place, step);
        }
    }

    /** The experiment on {@code connection} reached {@code step}. */
    public void stepped(String connection, long step) {
        Place place = places.get(connection);
        if (place != null) {
            stepped(place, step);
        }
    }

    private void stepped(Place place, long step) {
        long before = place.step;
        place.step = step;
        if (step > before) {
            steps.add(step - before);
        }
    }

    /** Whether {@code studentId} has a name. */
    public boolean hasName(String studentId) {
        return names.containsKey(studentId);
    }

    /** How many students have a name. */
    public int namedCount() {
        return names.size();
    }

    /** A student chose a name, or the instructor gave them one (already stored). */
    public void named(String studentId, String name) {
        names.put(studentId, name);
    }

    /** Hides a student from the list (or shows them again). */
    public void hide(String studentId, boolean hidden) {
        if (hidden) {
            hiddenStudents.add(studentId);
        } else {
            hiddenStudents.remove(studentId);
        }
    }

    /** The connections whose student is on {@code lesson}; every connection that said hello when empty. */
    public List<String> connectionsOn(Optional<String> lesson) {
        List<String> found = new ArrayList<>();
        places.forEach((connection, place) -> {
            if (place.studentId != null && (lesson.isEmpty() || lesson.get().equals(place.lesson))) {
                found.add(connection);
            }
        });
        return found;
    }

    /** The class now, on this server. */
    public Snapshot snapshot() {
        return snapshot(List.of());
    }

    /**
     * The class now, on this server and the other replicas ({@code others}, as they last shared it): their
     * students numbered, named and hidden as on this server.
     */
    public Snapshot snapshot(List<Share> others) {
        List<Share> everywhere = new ArrayList<>();
        everywhere.add(share(Integer.MAX_VALUE));                      // this server's places, all of them
        everywhere.addAll(others);
        List<Seat> shown = new ArrayList<>();
        Map<String, Integer> perLesson = new TreeMap<>();
        int hidden = 0;
        int anonymous = 0;
        long refusedAll = 0;
        int unlisted = 0;
        for (Share share : everywhere) {
            anonymous += share.anonymous();
            refusedAll += share.refused();
            share.perLesson().forEach((lesson, count) -> perLesson.merge(lesson, count, Integer::sum));
            unlisted += share.places() - share.seats().size();
            for (Seat seat : share.seats()) {
                if (hiddenStudents.contains(seat.studentId())) {
                    hidden++;
                    continue;
                }
                String name = names.getOrDefault(seat.studentId(), seat.name().orElse(null));
                shown.add(new Seat(seat.studentId(), number(seat.studentId()), Optional.ofNullable(name),
                        seat.lesson(), seat.preset(), seat.state(), seat.search(), seat.step(), seat.lastActivity()));
            }
        }
        shown.sort(Comparator.comparingInt(Seat::number).thenComparing(Seat::lesson));
        int listed = shown.size() + unlisted;
        List<Seat> seats = List.copyOf(shown.subList(0, Math.min(shown.size(), MAX_LISTED)));
        return new Snapshot(seats, listed, hidden, anonymous, perLesson, refusedAll, steps.sum());
    }

    /** What this server shares with the other replicas. */
    public Share share() {
        return share(MAX_LISTED);
    }

    /** This server's places, at most {@code most} of them listed (the counts cover all). */
    private Share share(int most) {
        List<Seat> seats = new ArrayList<>();
        Map<String, Integer> perLesson = new TreeMap<>();
        int placed = 0;
        int anonymous = 0;
        for (Place place : places.values()) {
            String student = place.studentId;
            if (student == null) {
                anonymous++;
                continue;
            }
            placed++;
            perLesson.merge(place.lesson, 1, Integer::sum);
            if (seats.size() < most) {
                seats.add(seat(place, 0));
            }
        }
        return new Share(seats, placed, anonymous, perLesson, refused.sum());
    }

    /** Hides exactly {@code students} (the shared list, read back from the store). */
    public void hideOnly(Set<String> students) {
        hiddenStudents.retainAll(students);
        hiddenStudents.addAll(students);
    }

    private Seat seat(Place place, int number) {
        String student = place.studentId;
        String name = names.getOrDefault(student, place.helloName);
        return new Seat(student, number, Optional.ofNullable(name), place.lesson, place.preset, place.state,
                place.search, place.step, Instant.ofEpochMilli(place.lastActivity));
    }

    /** The student's number on this server, given at first sight (0 past {@link #MAX_NUMBERED}). */
    private int number(String studentId) {
        if (numbers.size() < MAX_NUMBERED) {
            return numbers.computeIfAbsent(studentId, id -> lastNumber.incrementAndGet());
        }
        return numbers.getOrDefault(studentId, 0);
    }

    /** One connection's place; each field written by one reporter and read by snapshots. */
    private static final class Place {
        volatile String studentId;
        volatile String helloName;
        volatile String lesson = "";
        volatile String preset = "";
        volatile String state = "idle";
        volatile boolean search;
        volatile long step;
        volatile long lastActivity;

        Place(long now) {
            this.lastActivity = now;
        }
    }
}

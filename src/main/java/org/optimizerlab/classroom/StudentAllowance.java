package org.optimizerlab.classroom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.optimizerlab.classroom.ChallengeRefused.Reason;

/**
 * What each student has used of each challenge's {@link ChallengeLimits}: submission times in the window and the
 * work (run-steps) computed, and each client address's submission times. Work is reserved before the run and the
 * unused part given back after it. In memory, for at most {@value #MAX_STUDENTS} student-challenge pairs and as
 * many addresses (addresses with an empty window are forgotten): a restart starts everyone afresh. Thread-safe.
 */
final class StudentAllowance {

    private record Key(long challenge, String student) {
    }

    private static final class Used {
        final Deque<Instant> times = new ArrayDeque<>();
        long work;
    }

    /** Most student-challenge pairs (and addresses) kept; past it new students are refused. */
    static final int MAX_STUDENTS = 100_000;

    private final ChallengeLimits limits;
    private final Clock clock;
    private final Map<Key, Used> used = new HashMap<>();
    private final Map<String, Deque<Instant>> byAddress = new HashMap<>();

    StudentAllowance(ChallengeLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Counts a submission of {@code work} run-steps, or refuses it (LIMITED) with how long to wait. */
    synchronized void take(long challenge, String student, String address, long work, long fullWork) {
        Instant now = clock.instant();
        if (used.size() >= MAX_STUDENTS && !used.containsKey(new Key(challenge, student))) {
            throw new ChallengeRefused(Reason.LIMITED, "the server keeps the work of at most " + MAX_STUDENTS
                    + " students' challenges; ask the instructor to restart it");
        }
        if (byAddress.size() >= MAX_STUDENTS) {
            byAddress.values().removeIf(times -> forget(times, now).isEmpty());
        }
        Deque<Instant> fromAddress = forget(byAddress.computeIfAbsent(address, a -> new ArrayDeque<>()), now);
        if (fromAddress.size() >= limits.perAddress()) {
            long wait = waitSeconds(fromAddress, now);
            throw new ChallengeRefused(Reason.LIMITED, "at most " + limits.perAddress() + " submissions in "
                    + limits.window().toSeconds() + " s from one address; try again in " + wait + " s", wait);
        }
        Used u = used.computeIfAbsent(new Key(challenge, student), k -> new Used());
        forget(u.times, now);
        if (u.times.size() >= limits.perWindow()) {
            long wait = waitSeconds(u.times, now);
            throw new ChallengeRefused(Reason.LIMITED, "at most " + limits.perWindow() + " submissions in "
                    + limits.window().toSeconds() + " s; try again in " + wait + " s", wait);
        }
        long allowed = (long) limits.fullSubmissions() * fullWork;
        if (u.work + work > allowed) {
            throw new ChallengeRefused(Reason.LIMITED, "this challenge allows each student " + allowed
                    + " run-steps of work (" + limits.fullSubmissions() + " full submissions); you have used "
                    + u.work + " and this one needs " + work);
        }
        u.times.addLast(now);
        fromAddress.addLast(now);
        u.work += work;
    }

    /** {@code times} without those that have left the window. */
    private Deque<Instant> forget(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(limits.window()).isAfter(now)) {
            times.removeFirst();
        }
        return times;
    }

    private long waitSeconds(Deque<Instant> times, Instant now) {
        long waitMillis = Duration.between(now, times.peekFirst().plus(limits.window())).toMillis();
        return Math.max(1, (waitMillis + 999) / 1000);
    }

    /** Gives back {@code work} not computed; {@code uncount} also forgets the submission (it never ran). */
    synchronized void giveBack(long challenge, String student, long work, boolean uncount) {
        Used u = used.get(new Key(challenge, student));
        if (u == null) {
            return;
        }
        u.work = Math.max(0, u.work - work);
        if (uncount && !u.times.isEmpty()) {
            u.times.removeLast();
        }
    }
}

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
 * work (run-steps) computed. Work is reserved before the run and the unused part given back after it. In memory:
 * a restart starts everyone afresh. Thread-safe.
 */
final class StudentAllowance {

    private record Key(long challenge, String student) {
    }

    private static final class Used {
        final Deque<Instant> times = new ArrayDeque<>();
        long work;
    }

    private final ChallengeLimits limits;
    private final Clock clock;
    private final Map<Key, Used> used = new HashMap<>();

    StudentAllowance(ChallengeLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Counts a submission of {@code work} run-steps, or refuses it (LIMITED) with how long to wait. */
    synchronized void take(long challenge, String student, long work, long fullWork) {
        Used u = used.computeIfAbsent(new Key(challenge, student), k -> new Used());
        Instant now = clock.instant();
        while (!u.times.isEmpty() && !u.times.peekFirst().plus(limits.window()).isAfter(now)) {
            u.times.removeFirst();
        }
        if (u.times.size() >= limits.perWindow()) {
            long waitMillis = Duration.between(now, u.times.peekFirst().plus(limits.window())).toMillis();
            long wait = Math.max(1, (waitMillis + 999) / 1000);
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
        u.work += work;
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

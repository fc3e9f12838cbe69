package org.optimizerlab.classroom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Limits failed sign-ins per client address: after {@code maxFailures} within {@code window}, the address is
 * refused until the oldest of them is older than the window. A success clears the address. Remembers at most
 * {@link #MAX_ADDRESSES} addresses (the longest quiet go first). Thread-safe.
 */
public final class LoginLimiter {

    /** The addresses remembered at once. */
    static final int MAX_ADDRESSES = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true);  // guarded by this

    public LoginLimiter(int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a limit needs at least one failure in a positive window");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** The failures allowed within the window. */
    public int maxFailures() {
        return maxFailures;
    }

    /** How long {@code address} must wait before trying again, or empty when it may try now. */
    public synchronized Optional<Duration> blockedFor(String address) {
        Deque<Instant> recent = recent(address);
        if (recent.size() < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(clock.instant(), recent.peekFirst().plus(window)));
    }

    /** Counts a failed sign-in; the failures of {@code address} within the window, this one included. */
    public synchronized int recordFailure(String address) {
        Deque<Instant> recent = recent(address);
        recent.addLast(clock.instant());
        failures.put(address, recent);
        if (failures.size() > MAX_ADDRESSES) {
            Iterator<String> eldest = failures.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return recent.size();
    }

    /** Forgets the failures of an address that signed in. */
    public synchronized void recordSuccess(String address) {
        failures.remove(address);
    }

    /** The failures of {@code address} still within the window, the older ones dropped. */
    private Deque<Instant> recent(String address) {
        Deque<Instant> recent = failures.getOrDefault(address, new ArrayDeque<>());
        Instant cutoff = clock.instant().minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
            recent.removeFirst();
        }
        if (recent.isEmpty()) {
            failures.remove(address);
        }
        return recent;
    }
}

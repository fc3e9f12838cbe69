package org.optimizerlab.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.optimizerlab.validation.FieldException;
import org.slf4j.Logger;

/**
 * Lines about clients (INFO, or WARN for {@link #warn}), at most {@code maxPerMinute} per client address in each
 * minute: beyond that the lines of that address are counted, not written, and once its minute is over one line
 * says how many were left out: {@code 37 more lines about 10.0.0.7 suppressed in the last minute (at most 20 a minute per address)}. So one
 * client that reconnects in a loop cannot fill the disk, while every other address keeps its lines.
 *
 * <p>Memory is bounded too: {@link #sweep()} writes the pending notes and forgets addresses whose minute is over
 * (the hub calls it every second; any other user gets it from its own lines, at most every
 * {@value #SELF_SWEEP_SECONDS} s), and beyond {@value #MAX_ADDRESSES} addresses at once the rest share one budget.
 * Addresses and arguments are written on one line (control characters escaped). Any thread.
 */
public final class ClientLog {
    /** The most addresses with a budget of their own at once. */
    static final int MAX_ADDRESSES = 10_000;
    private static final String OVERFLOW = "(other addresses)";
    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);
    static final long SELF_SWEEP_SECONDS = 10;

    private final Logger log;
    private final int maxPerMinute;
    private final LongSupplier nanoTime;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweepNanos;

    /** One address's minute: when it began, the lines written and those left out. */
    private static final class Budget {
        long startNanos;
        int written;
        int suppressed;

        Budget(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    /** Writes to {@code log}, at most {@code maxPerMinute} lines per address and minute. */
    public ClientLog(Logger log, int maxPerMinute) {
        this(log, maxPerMinute, System::nanoTime);
    }

    /** The same with another clock (tests). */
    public ClientLog(Logger log, int maxPerMinute, LongSupplier nanoTime) {
        if (maxPerMinute < 1) {
            throw new IllegalArgumentException("maxPerMinute must be at least 1, got " + maxPerMinute);
        }
        this.log = log;
        this.maxPerMinute = maxPerMinute;
        this.nanoTime = nanoTime;
        this.lastSweepNanos = new AtomicLong(nanoTime.getAsLong());
    }

    /**
     * Writes an INFO line about {@code address} (an slf4j format; string arguments are put on one line) unless the
     * address has used its minute's lines.
     */
    public void info(String address, String format, Object... arguments) {
        if (log.isInfoEnabled()) {
            write(false, address, format, arguments);
        }
    }

    /** The same at WARN, sharing the address's budget (and its note, written at INFO). */
    public void warn(String address, String format, Object... arguments) {
        if (log.isWarnEnabled()) {
            write(true, address, format, arguments);
        }
    }

    private void write(boolean warn, String address, String format, Object... arguments) {
        long last = lastSweepNanos.get();
        if (nanoTime.getAsLong() - last > TimeUnit.SECONDS.toNanos(SELF_SWEEP_SECONDS)
                && lastSweepNanos.compareAndSet(last, nanoTime.getAsLong())) {
            sweep();
        }
        String key = budgets.size() >= MAX_ADDRESSES && !budgets.containsKey(address) ? OVERFLOW : address;
        long now = nanoTime.getAsLong();
        int[] ended = {0};
        boolean[] write = {false};
        budgets.compute(key, (k, budget) -> {
            Budget b = budget == null ? new Budget(now) : budget;
            if (now - b.startNanos >= MINUTE_NANOS) {
                ended[0] = b.suppressed;
                b = new Budget(now);
            }
            if (b.written < maxPerMinute) {
                b.written++;
                write[0] = true;
            } else {
                b.suppressed++;
            }
            return b;
        });
        if (ended[0] > 0) {
            suppressedNote(key, ended[0]);
        }
        if (write[0] && warn) {
            log.warn(format, oneLine(arguments));
        } else if (write[0]) {
            log.info(format, oneLine(arguments));
        }
    }

    /** Writes the notes of minutes that are over and forgets their addresses. */
    public void sweep() {
        long now = nanoTime.getAsLong();
        List<Map.Entry<String, Integer>> notes = new ArrayList<>();
        for (String key : budgets.keySet()) {
            budgets.computeIfPresent(key, (k, b) -> {
                if (now - b.startNanos < MINUTE_NANOS) {
                    return b;
                }
                if (b.suppressed > 0) {
                    notes.add(Map.entry(k, b.suppressed));
                }
                return null;
            });
        }
        notes.forEach(note -> suppressedNote(note.getKey(), note.getValue()));
    }

    private void suppressedNote(String key, int count) {
        log.info("{} more lines about {} suppressed in the last minute (at most {} a minute per address)", count,
                FieldException.oneLine(key), maxPerMinute);
    }

    private static Object[] oneLine(Object[] arguments) {
        Object[] safe = arguments.clone();
        for (int i = 0; i < safe.length; i++) {
            if (safe[i] instanceof CharSequence text) {
                safe[i] = FieldException.oneLine(text.toString());
            }
        }
        return safe;
    }
}

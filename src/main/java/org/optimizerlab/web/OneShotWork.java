package org.optimizerlab.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.optimizerlab.ops.ClassMetrics;
import org.optimizerlab.validation.FieldException;

/**
 * What the one-shot computations over HTTP ({@code POST /api/gradient-estimate}, {@code POST /api/activations})
 * share: a body bounded by the message limit (413 beyond), errors as {@code {"error", "field"}}, and at most
 * {@code workerThreads} computations at once on the whole server; a request that cannot get a slot within
 * {@value #WAIT_SECONDS} s gets 503. The computation runs on the request's thread, but only while it holds a slot.
 */
public final class OneShotWork {

    /** How long a request waits for a free slot before it gets 503. */
    static final long WAIT_SECONDS = 5;

    private final int maxBodyBytes;
    private final Semaphore slots;
    private final long waitNanos;
    private final ClassMetrics metrics;

    /** The server's: bodies up to the message limit, {@code workerThreads} slots, {@value #WAIT_SECONDS} s of waiting. */
    public OneShotWork(ServerLimits limits) {
        this(limits, ClassMetrics.NONE);
    }

    /** The server's, counting each computation served or refused as busy in {@code metrics}. */
    public OneShotWork(ServerLimits limits, ClassMetrics metrics) {
        this(limits.maxMessageBytes(), limits.workerThreads(), Duration.ofSeconds(WAIT_SECONDS), metrics);
    }

    OneShotWork(int maxBodyBytes, int slots, Duration wait) {
        this(maxBodyBytes, slots, wait, ClassMetrics.NONE);
    }

    private OneShotWork(int maxBodyBytes, int slots, Duration wait, ClassMetrics metrics) {
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.slots = new Semaphore(slots);
        this.waitNanos = wait.toNanos();
    }

    /** The request body as text, or empty after answering 413 when it is too large. */
    Optional<String> body(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > maxBodyBytes) {
            error(ctx, HttpStatus.CONTENT_TOO_LARGE, new FieldException("", "the body is " + body.length
                    + " bytes; at most " + maxBodyBytes + " are allowed"));
            return Optional.empty();
        }
        return Optional.of(new String(body, StandardCharsets.UTF_8));
    }

    /** Runs {@code work} in a slot, or answers 503 and returns empty when none frees up in time. */
    <T> Optional<T> compute(Context ctx, Supplier<T> work) throws InterruptedException {
        Optional<T> result = inSlot(work);
        metrics.oneShot(result.isPresent());
        if (result.isEmpty()) {
            ctx.header("Retry-After", "1");
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, new FieldException("", "the server is busy; try again"));
        }
        return result;
    }

    /** Runs {@code work} once a slot is free, or returns empty when none frees up in time. */
    <T> Optional<T> inSlot(Supplier<T> work) throws InterruptedException {
        if (!slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(work.get());
        } finally {
            slots.release();
        }
    }

    /** Answers {@code {"error": "field: problem", "field": "field"}} with {@code status}. */
    static void error(Context ctx, HttpStatus status, FieldException e) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("error", e.getMessage());
        error.put("field", e.field());
        ctx.status(status).json(error);
    }
}

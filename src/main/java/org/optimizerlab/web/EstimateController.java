package org.optimizerlab.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.optimizerlab.experiment.GradientEstimateReader;
import org.optimizerlab.experiment.RecordJson;
import org.optimizerlab.experiment.TrainingJson;
import org.optimizerlab.lesson.Claim;
import org.optimizerlab.lesson.SeriesPoint;
import org.optimizerlab.train.GradientEstimate;
import org.optimizerlab.validation.FieldException;

/**
 * {@code POST /api/gradient-estimate}: the SGD lesson's experiment (the mean of K minibatch gradients against the
 * full gradient), body and answer in {@code docs/protocol.md}. The body is bounded by the message limit, its work
 * by {@link GradientEstimate#MAX_WORK}, and at most {@code workerThreads} estimates run at once (others wait
 * briefly, then get 503). A bad body is a 400 with {@code {"error", "field"}}.
 */
public final class EstimateController {

    /** How long a request waits for a free slot before it gets 503. */
    static final long WAIT_SECONDS = 5;

    private final ServerLimits limits;
    private final Semaphore slots;

    public EstimateController(ServerLimits limits) {
        this.limits = limits;
        this.slots = new Semaphore(limits.workerThreads());
    }

    /** Validates the body, runs the estimate and answers {@code {ks, mean_error, full_gradient_norm, slope}}. */
    public void estimate(Context ctx) throws InterruptedException {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > limits.maxMessageBytes()) {
            error(ctx, HttpStatus.CONTENT_TOO_LARGE, new FieldException("", "the body is " + body.length
                    + " bytes; at most " + limits.maxMessageBytes() + " are allowed"));
            return;
        }
        GradientEstimate estimate;
        try {
            estimate = GradientEstimateReader.read(new String(body, StandardCharsets.UTF_8));
        } catch (FieldException e) {
            error(ctx, HttpStatus.BAD_REQUEST, e);
            return;
        }
        if (!slots.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, new FieldException("", "the server is busy; try again"));
            return;
        }
        GradientEstimate.Result result;
        try {
            result = estimate.compute();
        } finally {
            slots.release();
        }
        ObjectNode answer = TrainingJson.toJson(result);
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < result.ks().length; i++) {
            points.add(new SeriesPoint(result.ks()[i], result.meanError()[i], new double[0], false));
        }
        RecordJson.putNumber(answer, "slope", Claim.ErrorSlope.slope(points));
        ctx.json(answer);
    }

    private static void error(Context ctx, HttpStatus status, FieldException e) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("error", e.getMessage());
        error.put("field", e.field());
        ctx.status(status).json(error);
    }
}

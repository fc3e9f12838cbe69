package org.optimizerlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.GradientEstimateReader;
import org.optimizerlab.experiment.RecordJson;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.experiment.TrainingJson;
import org.optimizerlab.lesson.EstimateClaim;
import org.optimizerlab.lesson.SeriesPoint;
import org.optimizerlab.train.GradientEstimate;
import org.optimizerlab.validation.FieldException;

/**
 * {@code POST /api/gradient-estimate}: the SGD lesson's experiment (the mean of K minibatch gradients against the
 * full gradient), body and answer in {@code docs/protocol.md}. The body is bounded by the message limit, its work
 * by {@link GradientEstimate#MAX_WORK}, and it runs in a slot of {@link OneShotWork}. A bad body is a 400 with
 * {@code {"error", "field"}}. A {@code csv} problem's table is read from the data files of the lesson the body names
 * ({@code lesson}, a slug), never from anywhere else.
 */
public final class EstimateController {

    private final OneShotWork work;
    private final RequestDataFolder dataFolder;

    /** Estimates in slots of {@code work}; {@code lessonData} gives a lesson's data files by slug. */
    public EstimateController(OneShotWork work, Function<String, Optional<DataFolder>> lessonData) {
        this.work = work;
        this.dataFolder = new RequestDataFolder(lessonData);
    }

    /** Validates the body, runs the estimate and answers {@code {ks, mean_error, full_gradient_norm, slope}}. */
    public void estimate(Context ctx) throws InterruptedException {
        Optional<String> body = work.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        GradientEstimate estimate;
        try {
            JsonNode request = SpecReader.parse(body.get());
            estimate = GradientEstimateReader.read(request, dataFolder.take(request));
        } catch (FieldException e) {
            OneShotWork.error(ctx, HttpStatus.BAD_REQUEST, e);
            return;
        }
        Optional<GradientEstimate.Result> computed = work.compute(ctx, estimate::compute);
        if (computed.isEmpty()) {
            return;
        }
        GradientEstimate.Result result = computed.get();
        ObjectNode answer = TrainingJson.toJson(result);
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < result.ks().length; i++) {
            points.add(new SeriesPoint(result.ks()[i], result.meanError()[i], new double[0], false));
        }
        RecordJson.putNumber(answer, "slope", EstimateClaim.ErrorSlope.slope(points));
        ctx.json(answer);
    }
}

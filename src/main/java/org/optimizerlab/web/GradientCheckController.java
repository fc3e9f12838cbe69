package org.optimizerlab.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.Function;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.GradientCheckReader;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.train.NumericGradientCheck;
import org.optimizerlab.validation.FieldException;

/**
 * {@code POST /api/gradient-check}: the sanity check of lesson 10 (analytic against centred-difference gradient,
 * relative error per parameter block), body and answer in {@code docs/protocol.md}. The body is bounded by the
 * message limit, its work by {@link NumericGradientCheck#MAX_WORK}, and it runs in a slot of {@link OneShotWork}.
 * A bad body is a 400 with {@code {"error", "field"}}. A {@code csv} problem's table is read from the data files of
 * the lesson the body names ({@code lesson}, a slug), never from anywhere else.
 */
public final class GradientCheckController {

    private final OneShotWork work;
    private final RequestDataFolder dataFolder;

    /** Checks in slots of {@code work}; {@code lessonData} gives a lesson's data files by slug. */
    public GradientCheckController(OneShotWork work, Function<String, Optional<DataFolder>> lessonData) {
        this.work = work;
        this.dataFolder = new RequestDataFolder(lessonData);
    }

    /** Validates the body, runs the check and answers with every block's relative errors. */
    public void check(Context ctx) throws InterruptedException {
        Optional<String> body = work.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        NumericGradientCheck check;
        try {
            JsonNode request = SpecReader.parse(body.get());
            check = GradientCheckReader.read(request, dataFolder.take(request));
        } catch (FieldException e) {
            OneShotWork.error(ctx, HttpStatus.BAD_REQUEST, e);
            return;
        }
        Optional<List<NumericGradientCheck.Block>> blocks = work.compute(ctx, check::compute);
        if (blocks.isPresent()) {
            ctx.json(GradientCheckReader.toJson(check, blocks.get()));
        }
    }
}

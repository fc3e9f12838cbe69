package org.optimizerlab.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.experiment.TrainingJson;
import org.optimizerlab.train.DeepActivations;
import org.optimizerlab.validation.FieldException;

/**
 * {@code POST /api/activations}: the initialization lesson's experiment (one forward pass of a random batch through a
 * deep network, each layer's activation statistics and histogram), body and answer in {@code docs/protocol.md}.
 * The body is a {@code deep-activations} spec, read by the engine; its work is bounded by the server's
 * {@code OPTLAB_MAX_ACTIVATIONS_WORK}, and it runs in a slot of {@link OneShotWork}. The same spec always gives
 * the same answer, so the last {@value #CACHED} answers are kept: a class opening the same preset computes it once.
 */
public final class ActivationsController {

    /** How many answers are kept. */
    static final int CACHED = 32;

    private final OneShotWork work;
    private final ServerLimits limits;
    private final ObjectMapper json;
    private final Map<String, String> answers = new LinkedHashMap<>(CACHED, 0.75f, true) {   // guarded by itself
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHED;
        }
    };

    public ActivationsController(OneShotWork work, ServerLimits limits, ObjectMapper json) {
        this.work = work;
        this.limits = limits;
        this.json = json;
    }

    /** Validates the body, runs the study (or finds its answer) and answers {@code {kind, problem, edges, layers}}. */
    public void activations(Context ctx) throws InterruptedException, JsonProcessingException {
        Optional<String> body = work.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        DeepActivations study;
        try {
            study = limits.work().check(SpecReader.readActivations(SpecReader.parse(body.get())));
        } catch (FieldException e) {
            OneShotWork.error(ctx, HttpStatus.BAD_REQUEST, e);
            return;
        }
        String key = study.seed() + " " + study.config().parameters();
        String answer;
        synchronized (answers) {
            answer = answers.get(key);
        }
        if (answer == null) {
            Optional<DeepActivations.Report> report = work.compute(ctx, study::run);
            if (report.isEmpty()) {
                return;
            }
            answer = json.writeValueAsString(TrainingJson.toJson(report.get()));
            synchronized (answers) {
                answers.put(key, answer);
            }
        }
        ctx.contentType("application/json").result(answer);
    }
}

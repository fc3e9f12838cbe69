package org.optimizerlab.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.optimizerlab.train.DeepActivations;
import org.optimizerlab.train.GradientEstimate;

/**
 * The JSON of what training problems add to the engine's output, shared by the command line and the web server.
 * Non-finite numbers become {@code null}, as in {@link RecordJson}.
 */
public final class TrainingJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TrainingJson() {
    }

    /** {@code {"ks": [..], "mean_error": [..], "full_gradient_norm": ..}}: the answer of a gradient estimate. */
    public static ObjectNode toJson(GradientEstimate.Result result) {
        ObjectNode node = NODES.objectNode();
        ArrayNode ks = node.putArray("ks");
        for (int k : result.ks()) {
            ks.add(k);
        }
        node.set("mean_error", RecordJson.array(result.meanError()));
        RecordJson.putNumber(node, "full_gradient_norm", result.fullGradientNorm());
        return node;
    }

    /** {@code {"kind": "activations", "problem": {..}, "edges": [..], "layers": [layer, ..]}}: an activation study. */
    public static ObjectNode toJson(DeepActivations.Report report) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", "activations");
        ObjectNode problem = node.putObject("problem");
        problem.put("type", "deep-activations");
        report.config().parameters().forEach((name, value) -> putValue(problem, name, value));
        node.set("edges", RecordJson.array(report.edges()));
        ArrayNode layers = node.putArray("layers");
        for (DeepActivations.Layer layer : report.layers()) {
            layers.add(toJson(layer));
        }
        return node;
    }

    /** {@code {"layer": 1, "mean":.., "std":.., "min":.., "max":.., "counts": [..]}}: one layer of an activation study. */
    public static ObjectNode toJson(DeepActivations.Layer layer) {
        ObjectNode node = NODES.objectNode();
        node.put("layer", layer.layer());
        RecordJson.putNumber(node, "mean", layer.mean());
        RecordJson.putNumber(node, "std", layer.std());
        RecordJson.putNumber(node, "min", layer.min());
        RecordJson.putNumber(node, "max", layer.max());
        ArrayNode counts = node.putArray("counts");
        for (long count : layer.counts()) {
            counts.add(count);
        }
        return node;
    }

    /** Puts a spec parameter (a number, a list of whole numbers such as {@code hidden}, or a string) under its name. */
    public static void putValue(ObjectNode node, String name, Object value) {
        if (value instanceof List<?> list) {
            ArrayNode array = node.putArray(name);
            list.forEach(item -> array.add(((Number) item).longValue()));
        } else if (value instanceof Integer i) {
            node.put(name, i);
        } else if (value instanceof Long l) {
            node.put(name, l);
        } else if (value instanceof Number n) {
            RecordJson.putNumber(node, name, n.doubleValue());
        } else if (value instanceof Boolean b) {
            node.put(name, b);
        } else {
            node.put(name, String.valueOf(value));
        }
    }
}

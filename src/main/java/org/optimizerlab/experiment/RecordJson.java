package org.optimizerlab.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.OptionalDouble;
import org.optimizerlab.train.Evaluation;

/**
 * Turns {@link StepRecord}s into JSON objects, the same way for the command line's JSONL and the WebSocket.
 * Numbers are written so they read back to the same double; non-finite numbers (a diverged run) become {@code null},
 * since JSON has no NaN or infinity.
 */
public final class RecordJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordJson() {
    }

    /**
     * {@code {"run":..,"step":..,"epoch":..,"lr":..,"loss":..,"params":[..],"grad_norm":..,"update":[..],"state":{..},"diverged":..}},
     * and on training problems {@code "layers": [{"name", "weight_norm", "grad_norm", "update_norm", "update_ratio"}, ..]}
     * and, at step 0 and at the end of each epoch, {@code "evaluation": {"train_loss", "train_accuracy"?, "val_loss"?, "val_accuracy"?}}.
     */
    public static ObjectNode toJson(StepRecord r) {
        ObjectNode node = NODES.objectNode();
        node.put("run", r.run());
        node.put("step", r.step());
        node.put("epoch", r.epoch());
        putNumber(node, "lr", r.lr());
        putNumber(node, "loss", r.loss());
        node.set("params", array(r.params()));
        putNumber(node, "grad_norm", r.gradNorm());
        node.set("update", array(r.update()));
        ObjectNode state = node.putObject("state");
        for (Map.Entry<String, double[]> entry : r.state().entrySet()) {
            state.set(entry.getKey(), array(entry.getValue()));
        }
        node.put("diverged", r.diverged());
        if (!r.layers().isEmpty()) {
            ArrayNode layers = node.putArray("layers");
            for (LayerStats layer : r.layers()) {
                ObjectNode item = layers.addObject();
                item.put("name", layer.name());
                putNumber(item, "weight_norm", layer.weightNorm());
                putNumber(item, "grad_norm", layer.gradNorm());
                putNumber(item, "update_norm", layer.updateNorm());
                putNumber(item, "update_ratio", layer.updateRatio());
            }
        }
        r.evaluation().ifPresent(e -> node.set("evaluation", toJson(e)));
        return node;
    }

    /** {@code {"train_loss":..}} plus {@code train_accuracy}, {@code val_loss}, {@code val_accuracy} where the problem has them. */
    public static ObjectNode toJson(Evaluation e) {
        ObjectNode node = NODES.objectNode();
        putNumber(node, "train_loss", e.trainLoss());
        putOptional(node, "train_accuracy", e.trainAccuracy());
        putOptional(node, "val_loss", e.validationLoss());
        putOptional(node, "val_accuracy", e.validationAccuracy());
        return node;
    }

    private static void putOptional(ObjectNode node, String name, OptionalDouble value) {
        if (value.isPresent()) {
            putNumber(node, name, value.getAsDouble());
        }
    }

    /** A JSON array of numbers, {@code null} for each non-finite one. */
    public static ArrayNode array(double[] values) {
        ArrayNode array = NODES.arrayNode(values.length);
        for (double v : values) {
            if (Double.isFinite(v)) {
                array.add(v);
            } else {
                array.addNull();
            }
        }
        return array;
    }

    /** Puts a number, or {@code null} when it is not finite. */
    public static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }
}

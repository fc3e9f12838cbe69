package org.optimizerlab.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Turns {@link StepRecord}s into JSON objects, the same way for the command line's JSONL and the WebSocket.
 * Numbers are written so they read back to the same double; non-finite numbers (a diverged run) become {@code null},
 * since JSON has no NaN or infinity.
 */
public final class RecordJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordJson() {
    }

    /** {@code {"run":..,"step":..,"epoch":..,"lr":..,"loss":..,"params":[..],"grad_norm":..,"update":[..],"state":{..},"diverged":..}} */
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
        return node;
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

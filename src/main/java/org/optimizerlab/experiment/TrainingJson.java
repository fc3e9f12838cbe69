package org.optimizerlab.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
}

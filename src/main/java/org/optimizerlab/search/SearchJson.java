package org.optimizerlab.search;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.optimizerlab.experiment.RecordJson;

/** The JSON of search trials and results, shared by the command line's JSONL and the web server. */
public final class SearchJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SearchJson() {
    }

    /**
     * {@code {"kind": "trial", "trial": 3, "round": 1, "lr":.., "reg":.., "dropout":.., "train_loss":..,
     * "train_accuracy":.., "val_loss":.., "val_accuracy":.., "diverged": false}}; a trial ranked by validation loss
     * (a regression table's) has {@code null} accuracies and says so with {@code "metric": "val_loss"}.
     */
    public static ObjectNode toJson(Trial trial) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", "trial");
        node.put("trial", trial.index());
        node.put("round", trial.round());
        RecordJson.putNumber(node, "lr", trial.lr());
        RecordJson.putNumber(node, "reg", trial.reg());
        RecordJson.putNumber(node, "dropout", trial.dropout());
        ObjectNode evaluation = RecordJson.toJson(trial.evaluation());
        if (trial.metric() == SearchMetric.VALIDATION_LOSS) {
            node.put("metric", trial.metric().code());
            node.set("train_loss", evaluation.get("train_loss"));
            node.putNull("train_accuracy");
            node.set("val_loss", evaluation.get("val_loss"));
            node.putNull("val_accuracy");
        } else {
            node.setAll(evaluation);
        }
        node.put("diverged", trial.diverged());
        return node;
    }

    /** {@code {"kind": "search_result", "trials": N, "best": {trial}}}: the line that closes a search. */
    public static ObjectNode toJson(SearchResult result) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", "search_result");
        node.put("trials", result.trials().size());
        node.set("best", toJson(result.best()));
        return node;
    }
}

package org.optimizerlab.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.optimizerlab.data.CsvClassifier;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.BatchPlan;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.problem.Problem;

/**
 * What the numpy reference of deep networks ({@code tools/reference/deep_reference.py}) trains from, taken from the
 * engine so that both sides start from the same numbers: a network spec's initial weights, its training and
 * validation points, and the rows of every minibatch in the engine's order. Nothing of the engine's arithmetic
 * is exported: the reference computes every loss, gradient and update itself.
 *
 * <p>{@link #main} is the exporter the script runs: it reads {@code {"cases": [{"name", "spec", "folder"?}]}}
 * and writes {@code {"cases": [{"name", "input"}]}}; {@code DeepReferenceTest} exports again and checks the
 * golden files still hold what the engine starts from.
 *
 * @param start      the spec's start (its seeded initialization), in the flat layout of {@code docs/spec-training.md}
 * @param train      the training points
 * @param validation the held-out points (possibly none)
 * @param batches    the training rows of each update, {@code batches[t]} for update {@code t} (0-based), in the order
 *                   the engine sums them
 */
public record DeepReferenceInput(double[] start, LabeledPoints train, LabeledPoints validation, int[][] batches) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The input of {@code spec}, whose {@code csv} file, if any, is read from {@code folder}. */
    public static DeepReferenceInput of(JsonNode spec, DataFolder folder) {
        Experiment experiment = new SpecReader(Limits.DEFAULT, folder).read(spec);
        Problem problem = experiment.problem();
        LabeledPoints train;
        LabeledPoints validation;
        if (problem instanceof SpiralClassifier spiral) {
            train = spiral.trainingPoints();
            validation = spiral.validationPoints();
        } else if (problem instanceof CsvClassifier csv) {
            train = csv.trainingPoints();
            validation = csv.validationPoints();
        } else {
            throw new IllegalArgumentException("not a network problem: " + problem.type());
        }
        BatchPlan plan = experiment.batchPlan();
        int[][] batches = new int[experiment.steps()][];
        for (int t = 0; t < batches.length; t++) {
            batches[t] = plan.batch(t).indices();
        }
        return new DeepReferenceInput(experiment.start(), train, validation, batches);
    }

    /** The folder a case's {@code csv} file is read from: its {@code folder} (from the repository root), or none. */
    public static DataFolder folderOf(JsonNode entry) {
        return entry.has("folder") ? DataFolder.of(Path.of(entry.get("folder").asText())) : DataFolder.NONE;
    }

    /**
     * {@code {"start": [...], "train": {"x": [[...], ...], "labels": [...]}, "validation": {...},
     * "batches": [[...], ...]}}.
     */
    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode startNode = node.putArray("start");
        for (double v : start) {
            startNode.add(v);
        }
        node.set("train", points(train));
        node.set("validation", points(validation));
        ArrayNode batchesNode = node.putArray("batches");
        for (int[] batch : batches) {
            ArrayNode rows = batchesNode.addArray();
            for (int row : batch) {
                rows.add(row);
            }
        }
        return node;
    }

    private static ObjectNode points(LabeledPoints points) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode xs = node.putArray("x");
        for (int i = 0; i < points.size(); i++) {
            ArrayNode row = xs.addArray();
            for (int k = 0; k < points.dims(); k++) {
                row.add(points.x()[i * points.dims() + k]);
            }
        }
        ArrayNode labels = node.putArray("labels");
        for (int label : points.labels()) {
            labels.add(label);
        }
        return node;
    }

    /** Exports the inputs of the cases in {@code args[0]} to {@code args[1]}; run from the repository root. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DeepReferenceInput CASES.json INPUTS.json");
            System.exit(2);
        }
        JsonNode cases = JSON.readTree(Path.of(args[0]).toFile()).get("cases");
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("cases");
        for (JsonNode entry : cases) {
            ObjectNode item = list.addObject();
            item.put("name", entry.get("name").asText());
            item.set("input", of(entry.get("spec"), folderOf(entry)).toJson());
        }
        Files.writeString(Path.of(args[1]), JSON.writeValueAsString(out));
    }
}

package org.optimizerlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Recording;
import org.optimizerlab.experiment.RecordJson;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.experiment.TrainingJson;
import org.optimizerlab.search.Search;
import org.optimizerlab.search.SearchJson;
import org.optimizerlab.search.SearchResult;
import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.search.Trial;
import org.optimizerlab.train.DeepActivations;
import org.optimizerlab.train.Evaluation;

/**
 * What {@code optimizer-lab run} prints for each kind of spec, in {@code csv} or {@code jsonl}: a race's trajectory,
 * an activation study's layers, a search's trials. Each runs its spec and writes as the results come.
 *
 * <p>A race's CSV has the header {@code run,step,epoch,lr,loss,p0,p1,...}; row 0 of each run is the start point
 * (its lr is the first update's), row k the parameters after k updates with the lr update k used. On training
 * problems the loss is the batch loss, the columns {@code train_loss,train_accuracy,val_loss,val_accuracy} follow it
 * (filled at step 0 and at the end of each epoch, empty elsewhere and where the problem has no such number), and the
 * parameter columns are left out when there are more than {@value #CSV_MAX_PARAMS} parameters. JSONL prints one
 * object per record with everything ({@link RecordJson}). Numbers are printed so they read back to the same double.
 */
final class RunOutput {

    /** The most parameters the CSV output has columns for (a network's thousands of weights are in the JSONL). */
    static final int CSV_MAX_PARAMS = 100;

    /** Threads a search uses on the command line (the trials' numbers do not depend on it). */
    static final int SEARCH_THREADS = 2;

    private RunOutput() {
    }

    /** Prints the whole trajectory of {@code experiment} in {@code format} ({@code csv} or {@code jsonl}). */
    static void race(Experiment experiment, String format, Writer out) throws IOException {
        boolean csv = format.equals("csv");
        ObjectMapper json = new ObjectMapper();
        boolean training = experiment.problem().trainingSetSize() > 0;
        boolean params = experiment.problem().dimension() <= CSV_MAX_PARAMS || !training;
        // CSV prints no layer statistics, and no parameters past CSV_MAX_PARAMS: the runner need not compute them
        Recording recording = csv ? new Recording(params, false, 1) : Recording.FULL;
        ExperimentRunner runner = new ExperimentRunner(experiment, recording);
        if (csv) {
            StringBuilder header = new StringBuilder("run,step,epoch,lr,loss");
            if (training) {
                header.append(",train_loss,train_accuracy,val_loss,val_accuracy");
            }
            for (int i = 0; params && i < experiment.problem().dimension(); i++) {
                header.append(",p").append(i);
            }
            out.write(header.append('\n').toString());
        }
        List<StepRecord> records = runner.initialRecords();
        while (!records.isEmpty()) {
            for (StepRecord r : records) {
                out.write(csv ? csvLine(r, training, params) : json.writeValueAsString(RecordJson.toJson(r)) + "\n");
            }
            records = runner.advance();
        }
    }

    private static String csvLine(StepRecord r, boolean training, boolean params) {
        StringBuilder line = new StringBuilder(64);
        line.append(r.run()).append(',').append(r.step()).append(',').append(r.epoch()).append(',')
                .append(r.lr()).append(',').append(r.loss());
        if (training) {
            Optional<Evaluation> e = r.evaluation();
            line.append(',').append(e.map(v -> Double.toString(v.trainLoss())).orElse(""));
            appendOptional(line, e.map(Evaluation::trainAccuracy));
            appendOptional(line, e.map(Evaluation::validationLoss));
            appendOptional(line, e.map(Evaluation::validationAccuracy));
        }
        for (int i = 0; params && i < r.params().length; i++) {
            line.append(',').append(r.params()[i]);
        }
        return line.append('\n').toString();
    }

    private static void appendOptional(StringBuilder line, Optional<OptionalDouble> value) {
        line.append(',');
        value.filter(OptionalDouble::isPresent).ifPresent(v -> line.append(v.getAsDouble()));
    }

    /**
     * Prints an activation study: JSONL one line per layer ({@code layer, mean, std, min, max, counts}) after a first
     * line with the shared bin {@code edges}; CSV {@code layer,mean,std,min,max,h0,h1,...} (the bins span the
     * smallest min to the largest max in equal steps).
     */
    static void activations(DeepActivations.Report report, String format, Writer out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        if (format.equals("jsonl")) {
            ObjectNode head = TrainingJson.toJson(report);
            head.remove("layers");
            out.write(json.writeValueAsString(head) + "\n");
            for (DeepActivations.Layer layer : report.layers()) {
                out.write(json.writeValueAsString(TrainingJson.toJson(layer)) + "\n");
            }
            return;
        }
        StringBuilder header = new StringBuilder("layer,mean,std,min,max");
        for (int b = 0; b < report.edges().length - 1; b++) {
            header.append(",h").append(b);
        }
        out.write(header.append('\n').toString());
        for (DeepActivations.Layer layer : report.layers()) {
            StringBuilder line = new StringBuilder();
            line.append(layer.layer()).append(',').append(layer.mean()).append(',').append(layer.std()).append(',')
                    .append(layer.min()).append(',').append(layer.max());
            for (long count : layer.counts()) {
                line.append(',').append(count);
            }
            out.write(line.append('\n').toString());
        }
    }

    /**
     * Runs a search on {@value #SEARCH_THREADS} threads (at most the processors there are). JSONL: one
     * {@code "kind": "trial"} line per trial as it finishes, then a {@code "kind": "search_result"} line with the
     * best. CSV, once all are done, by trial: {@code trial,round,lr,reg,dropout,train_loss,train_accuracy,val_loss,
     * val_accuracy,diverged,best}.
     */
    static void search(SearchSpec search, String format, Writer out) throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        boolean jsonl = format.equals("jsonl");
        ExecutorService executor = Executors.newFixedThreadPool(
                Math.min(SEARCH_THREADS, Runtime.getRuntime().availableProcessors()));
        SearchResult result;
        try {
            result = Search.run(search, executor, trial -> {
                if (jsonl) {
                    try {
                        out.write(json.writeValueAsString(SearchJson.toJson(trial)) + "\n");
                        out.flush();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        } finally {
            executor.shutdownNow();
        }
        if (jsonl) {
            out.write(json.writeValueAsString(SearchJson.toJson(result)) + "\n");
            return;
        }
        out.write("trial,round,lr,reg,dropout,train_loss,train_accuracy,val_loss,val_accuracy,diverged,best\n");
        for (Trial trial : result.trials()) {
            Evaluation e = trial.evaluation();
            StringBuilder line = new StringBuilder();
            line.append(trial.index()).append(',').append(trial.round()).append(',').append(trial.lr()).append(',')
                    .append(trial.reg()).append(',').append(trial.dropout()).append(',').append(e.trainLoss());
            appendOptional(line, Optional.of(e.trainAccuracy()));
            appendOptional(line, Optional.of(e.validationLoss()));
            appendOptional(line, Optional.of(e.validationAccuracy()));
            line.append(',').append(trial.diverged()).append(',').append(trial.equals(result.best()));
            out.write(line.append('\n').toString());
        }
    }
}

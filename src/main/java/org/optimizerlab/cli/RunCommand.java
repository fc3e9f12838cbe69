package org.optimizerlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.RecordJson;
import org.optimizerlab.experiment.Recording;
import org.optimizerlab.experiment.SpecKind;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.experiment.TrainingJson;
import org.optimizerlab.search.Search;
import org.optimizerlab.search.SearchJson;
import org.optimizerlab.search.SearchReader;
import org.optimizerlab.search.SearchResult;
import org.optimizerlab.search.SearchSpec;
import org.optimizerlab.search.Trial;
import org.optimizerlab.train.DeepActivations;
import org.optimizerlab.train.Evaluation;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.Quote;

/**
 * {@code optimizer-lab run --spec FILE|- [--format csv|jsonl]}: runs an experiment spec to the end and prints the
 * trajectory of every run, one line per run and step.
 *
 * <p>CSV has the header {@code run,step,epoch,lr,loss,p0,p1,...}; row 0 of each run is the start point (its lr is
 * the first update's), row k the parameters after k updates with the lr update k used. On training problems the
 * loss is the batch loss, the columns {@code train_loss,train_accuracy,val_loss,val_accuracy} follow it (filled at
 * step 0 and at the end of each epoch, empty elsewhere and where the problem has no such number), and the
 * parameter columns are left out when there are more than {@value #CSV_MAX_PARAMS} parameters. JSONL prints one object
 * per record with everything ({@link RecordJson}). Numbers are printed so they read back to the same double. A bad
 * spec or command line exits with status 2 and one line on stderr.
 */
public final class RunCommand {

    /** The most parameters the CSV output has columns for (a network's thousands of weights are in the JSONL). */
    static final int CSV_MAX_PARAMS = 100;

    /** Threads a search uses on the command line (the trials' numbers do not depend on it). */
    static final int SEARCH_THREADS = 2;

    /** Exit status for a bad command line or spec. */
    public static final int USAGE_ERROR = 2;

    static final String HELP = """
            Usage: optimizer-lab run --spec FILE|- [--format csv|jsonl]

            Runs an experiment spec (JSON; '-' reads it from standard input) to the end and prints every run's
            trajectory on standard output.

              --spec FILE|-       the experiment spec
              --format csv        (default) header run,step,epoch,lr,loss,p0,p1,...; step 0 is the start point
                                  and its lr is the first update's; row k holds the parameters after k updates
                                  and the lr update k used. Training problems: loss is the batch loss, then
                                  train_loss,train_accuracy,val_loss,val_accuracy at step 0 and each epoch's end
                                  (empty elsewhere); no p0,p1,... columns beyond 100 parameters
              --format jsonl      one JSON object per run and step, with the gradient norm, the update and the
                                  optimizer state (v, cache, cache_max, effective_lr) as well; training problems
                                  add per-layer norms ("layers") and the epoch's "evaluation"
              -h, --help          this text

            Example spec:
              {"problem": {"type": "rosenbrock"}, "start": [-1.5, 2.0], "steps": 300,
               "runs": [{"id": "adam", "optimizer": {"type": "adam", "lr": 0.05},
                         "schedule": {"type": "step", "every": 100, "factor": 0.5}}]}

            Optimizers (defaults in brackets): sgd {lr}, momentum {lr, mu=0.9}, nesterov {lr, mu=0.9},
              adagrad {lr, eps=1e-8}, rmsprop {lr, decay_rate=0.9, eps=1e-8},
              adam {lr, mu=0.9, decay_rate=0.999, eps=1e-8},
              amsgrad {lr, mu=0.9, decay_rate=0.999, eps=1e-8, variant=paper|notes}
            Problem csv {file, task=classification, label=the last column, hidden=0, and the network fields
                of mlp-spiral}: a CSV table beside the spec file (docs/spec-training.md)
            Schedules: constant, step {every, factor}, exponential {k}, inverse {k},
                cosine {T, lr_min=0}; any of them with warmup=W (a linear warm-up over W updates)
            Problems: quadratic {a=1, b=20}, rosenbrock, beale, himmelblau, saddle,
                reddi {big=1010, small=-10, period=101}
            Training problems (minibatch SGD; top-level batch_size, default the full batch; steps or epochs):
              linear-regression {n=200, d=2, noise=0.5}
              softmax-spiral {classes=3, points_per_class=100, reg=1e-3, init=small, bias_init=0, validation=0.2}
              mlp-spiral {classes=3, points_per_class=100, hidden=100, activation=relu|tanh, reg=1e-3,
                dropout=0, init=small|xavier|he|zeros, bias_init=0, validation=0.2}

            Two more kinds of spec print their own results:
              activation study: {"problem": {"type": "deep-activations", "layers": 10, "width": 500,
                "activation": "tanh", "init": "xavier", "samples": 200, "bins": 40}, "seed": 1}
                one forward pass of a random batch; per layer mean, std, min, max and a histogram
                (csv: layer,mean,std,min,max,h0,h1,...; jsonl: the bin edges, then one line per layer)
              search: {"problem": {"type": "mlp-spiral"}, "epochs": 100, "batch_size": 60, "seed": 7,
                "optimizer": {"type": "adam"}, "search": {"trials": 20, "lr": [1e-4, 1e-1],
                "reg": [1e-5, 1e-1], "dropout": [0, 0.5], "refine": {"trials": 10, "shrink": 0.25}}}
                random search (lr, reg log-uniform; dropout uniform), ranked by validation accuracy;
                jsonl: a "trial" line as each finishes, then a "search_result" line with the best;
                csv: one row per trial (trial,round,lr,reg,dropout,train_loss,...,diverged,best)
            docs/spec-training.md describes the training problems, the activation study and the search.
            The full spec format is in README.md. A bad spec exits with status 2 and one line on stderr.
            """;

    private RunCommand() {
    }

    /** Runs the command; returns the process exit status. */
    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        String specPath = null;
        String format = "csv";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-h", "--help" -> {
                    out.print(HELP);
                    return 0;
                }
                case "--spec", "--format" -> {
                    if (i + 1 >= args.size()) {
                        return usage(err, arg + " needs a value");
                    }
                    String value = args.get(++i);
                    if (arg.equals("--spec")) {
                        specPath = value;
                    } else {
                        format = value;
                    }
                }
                default -> {
                    return usage(err, "unknown argument " + Quote.of(arg));
                }
            }
        }
        if (specPath == null) {
            return usage(err, "--spec FILE|- is required");
        }
        if (!format.equals("csv") && !format.equals("jsonl")) {
            return usage(err, "--format must be csv or jsonl, got " + Quote.of(format));
        }
        Output output;
        try {
            String json = specPath.equals("-")
                    ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(specPath), StandardCharsets.UTF_8);
            // a spec file's data files sit beside it; a spec on standard input reads them from the working folder
            Path folder = specPath.equals("-") ? Path.of("") : Path.of(specPath).toAbsolutePath().getParent();
            output = read(SpecReader.parse(json), format, DataFolder.of(folder.toAbsolutePath()));
        } catch (NoSuchFileException e) {
            err.println(FieldException.oneLine("error: spec file not found: " + specPath));
            return USAGE_ERROR;
        } catch (IOException e) {
            err.println(FieldException.oneLine("error: cannot read spec " + specPath + ": " + e.getMessage()));
            return USAGE_ERROR;
        } catch (FieldException e) {
            err.println("error: invalid spec: " + e.getMessage());
            return USAGE_ERROR;
        }
        // the caller's stream stays open; a PrintStream hides write errors, so ask it after every chunk and stop
        // (e.g. output piped into `head`) instead of computing the rest of a long run for nobody
        Writer writer = new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(new CheckedOutput(out), StandardCharsets.UTF_8), 1 << 16);
        try {
            output.writeTo(writer);
            writer.flush();
        } catch (IOException e) {
            err.println("error: cannot write output: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return 1;
        }
        return 0;
    }

    /** What a spec prints once it has been read and validated. */
    private interface Output {
        void writeTo(Writer out) throws IOException, InterruptedException;
    }

    /** Reads a spec of any kind ({@link SpecKind}) and returns how to print its results. */
    private static Output read(JsonNode document, String format, DataFolder folder) {
        return switch (SpecKind.of(document)) {
            case RACE -> {
                Experiment experiment = new SpecReader(Limits.DEFAULT, folder).read(document);
                yield out -> print(experiment, format, out);
            }
            case ACTIVATIONS -> {
                DeepActivations study = SpecReader.readActivations(document);
                yield out -> printActivations(study.run(), format, out);
            }
            case SEARCH -> {
                SearchSpec search = SearchReader.read(document);
                yield out -> printSearch(search, format, out);
            }
        };
    }

    /**
     * Prints an activation study: JSONL one line per layer ({@code layer, mean, std, min, max, counts}) after a first
     * line with the shared bin {@code edges}; CSV {@code layer,mean,std,min,max,h0,h1,...} (the bins span the
     * smallest min to the largest max in equal steps).
     */
    static void printActivations(DeepActivations.Report report, String format, Writer out) throws IOException {
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
    static void printSearch(SearchSpec search, String format, Writer out) throws IOException, InterruptedException {
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

    /** Passes bytes to a PrintStream and turns its silent error flag into an IOException. */
    private static final class CheckedOutput extends java.io.OutputStream {
        private final PrintStream out;

        CheckedOutput(PrintStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            if (out.checkError()) {
                throw new IOException("the output stream was closed");
            }
        }

        @Override
        public void flush() throws IOException {
            if (out.checkError()) {
                throw new IOException("the output stream was closed");
            }
        }
    }

    /** Prints the whole trajectory of {@code experiment} in {@code format} ({@code csv} or {@code jsonl}). */
    static void print(Experiment experiment, String format, Writer out) throws IOException {
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

    private static int usage(PrintStream err, String message) {
        err.println(FieldException.oneLine("error: " + message + " (see: optimizer-lab run --help)"));
        return USAGE_ERROR;
    }

    /** Re-exported for tests of the whole trajectory as text. */
    static String toText(Experiment experiment, String format) {
        java.io.StringWriter text = new java.io.StringWriter();
        try {
            print(experiment, format, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return text.toString();
    }
}

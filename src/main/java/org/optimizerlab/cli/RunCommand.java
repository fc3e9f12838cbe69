package org.optimizerlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.RecordJson;
import org.optimizerlab.experiment.SpecReader;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.validation.FieldException;

/**
 * {@code optimizer-lab run --spec FILE|- [--format csv|jsonl]}: runs an experiment spec to the end and prints the
 * trajectory of every run, one line per run and step.
 *
 * <p>CSV has the header {@code run,step,epoch,lr,loss,p0,p1,...}; row 0 of each run is the start point (its lr is
 * the first update's), row k the parameters after k updates with the lr update k used. JSONL prints one object
 * per record with everything ({@link RecordJson}). Numbers are printed so they read back to the same double. A bad
 * spec or command line exits with status 2 and one line on stderr.
 */
public final class RunCommand {

    /** Exit status for a bad command line or spec. */
    public static final int USAGE_ERROR = 2;

    static final String HELP = """
            Usage: optimizer-lab run --spec FILE|- [--format csv|jsonl]

            Runs an experiment spec (JSON; '-' reads it from standard input) to the end and prints every run's
            trajectory on standard output.

              --spec FILE|-       the experiment spec
              --format csv        (default) header run,step,epoch,lr,loss,p0,p1,...; step 0 is the start point
                                  and its lr is the first update's; row k holds the parameters after k updates
                                  and the lr update k used
              --format jsonl      one JSON object per run and step, with the gradient norm, the update and the
                                  optimizer state (v, cache, cache_max, effective_lr) as well
              -h, --help          this text

            Example spec:
              {"problem": {"type": "rosenbrock"}, "start": [-1.5, 2.0], "steps": 300,
               "runs": [{"id": "adam", "optimizer": {"type": "adam", "lr": 0.05},
                         "schedule": {"type": "step", "every": 100, "factor": 0.5}}]}

            Optimizers (defaults in brackets): sgd {lr}, momentum {lr, mu=0.9}, nesterov {lr, mu=0.9},
              adagrad {lr, eps=1e-8}, rmsprop {lr, decay_rate=0.9, eps=1e-8},
              adam {lr, mu=0.9, decay_rate=0.999, eps=1e-8},
              amsgrad {lr, mu=0.9, decay_rate=0.999, eps=1e-8, variant=paper|notes}
            Schedules: constant, step {every, factor}, exponential {k}, inverse {k}
            Problems: quadratic {a=1, b=20}, rosenbrock, beale, himmelblau, saddle,
              reddi {big=1010, small=-10, period=101}
            Training problems (minibatch SGD; top-level batch_size, default the full batch; steps or epochs):
              linear-regression {n=200, d=2, noise=0.5}
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
                    return usage(err, "unknown argument '" + arg + "'");
                }
            }
        }
        if (specPath == null) {
            return usage(err, "--spec FILE|- is required");
        }
        if (!format.equals("csv") && !format.equals("jsonl")) {
            return usage(err, "--format must be csv or jsonl, got '" + format + "'");
        }
        Experiment experiment;
        try {
            String json = specPath.equals("-")
                    ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(specPath), StandardCharsets.UTF_8);
            experiment = new SpecReader(Limits.DEFAULT).read(json);
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
            print(experiment, format, writer);
            writer.flush();
        } catch (IOException e) {
            err.println("error: cannot write output: " + e.getMessage());
            return 1;
        }
        return 0;
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
        ExperimentRunner runner = new ExperimentRunner(experiment);
        boolean csv = format.equals("csv");
        ObjectMapper json = new ObjectMapper();
        if (csv) {
            StringBuilder header = new StringBuilder("run,step,epoch,lr,loss");
            for (int i = 0; i < experiment.problem().dimension(); i++) {
                header.append(",p").append(i);
            }
            out.write(header.append('\n').toString());
        }
        List<StepRecord> records = runner.initialRecords();
        while (!records.isEmpty()) {
            for (StepRecord r : records) {
                out.write(csv ? csvLine(r) : json.writeValueAsString(RecordJson.toJson(r)) + "\n");
            }
            records = runner.advance();
        }
    }

    private static String csvLine(StepRecord r) {
        StringBuilder line = new StringBuilder(64);
        line.append(r.run()).append(',').append(r.step()).append(',').append(r.epoch()).append(',')
                .append(r.lr()).append(',').append(r.loss());
        for (double p : r.params()) {
            line.append(',').append(p);
        }
        return line.append('\n').toString();
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

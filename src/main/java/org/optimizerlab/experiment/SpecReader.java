package org.optimizerlab.experiment;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import org.optimizerlab.optim.AdaGrad;
import org.optimizerlab.optim.Adam;
import org.optimizerlab.optim.AmsGrad;
import org.optimizerlab.optim.Momentum;
import org.optimizerlab.optim.Nesterov;
import org.optimizerlab.optim.OptimizerConfig;
import org.optimizerlab.optim.RmsProp;
import org.optimizerlab.optim.Sgd;
import org.optimizerlab.optim.schedule.Constant;
import org.optimizerlab.optim.schedule.CosineAnnealing;
import org.optimizerlab.optim.schedule.ExponentialDecay;
import org.optimizerlab.optim.schedule.InverseDecay;
import org.optimizerlab.optim.schedule.Schedule;
import org.optimizerlab.optim.schedule.StepDecay;
import org.optimizerlab.optim.schedule.Warmup;
import org.optimizerlab.data.DataFolder;
import org.optimizerlab.init.WeightInit;
import org.optimizerlab.problem.Problem;
import org.optimizerlab.train.Activation;
import org.optimizerlab.train.DeepActivations;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.JsonFields;
import org.optimizerlab.validation.Quote;

/**
 * Reads the one experiment spec format shared by the command line, the WebSocket and the lesson files, and
 * validates all of it up front. Every error is a {@link FieldException} naming the field path and what is allowed:
 * {@code runs[1].optimizer.mu: must be in [0, 1), got 1.5}.
 *
 * <pre>
 * {"problem": {"type": "rosenbrock"}, "start": [-1.5, 2.0], "steps": 300, "seed": 42,
 *  "runs": [{"id": "adam", "optimizer": {"type": "adam", "lr": 0.05},
 *            "schedule": {"type": "step", "every": 100, "factor": 0.5}}]}
 * </pre>
 *
 * The format is documented field by field in the README.
 */
public final class SpecReader {

    /** Optimizer names, in the order of the notes. */
    public static final List<String> OPTIMIZERS =
            List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "amsgrad");
    /** Schedule names. */
    public static final List<String> SCHEDULES = List.of("constant", "step", "exponential", "inverse", "cosine");

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    // a bad token is quoted in the error at most this long (Jackson adds "...")
                    .errorReportConfiguration(ErrorReportConfiguration.builder()
                            .maxErrorTokenLength(Quote.MAX_SHOWN).maxRawContentLength(Quote.MAX_SHOWN).build())
                    .build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)   // {"lr": 0.1, "lr": 5} is a mistake, not 5
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Limits limits;
    private final DataFolder folder;

    /** A reader that enforces {@code limits} on steps and runs, for specs that name no data file. */
    public SpecReader(Limits limits) {
        this(limits, DataFolder.NONE);
    }

    /** A reader that enforces {@code limits} and reads the data files a spec names from {@code folder}. */
    public SpecReader(Limits limits, DataFolder folder) {
        this.limits = limits;
        this.folder = folder;
    }

    /** Parses JSON text; a syntax error is reported as an error of the whole document. */
    public static JsonNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new FieldException("", "the spec is empty; expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new FieldException("", "not valid JSON: " + syntaxError(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
        }
    }

    /**
     * Jackson's sentence about a syntax error, as a client may read it: a duplicate field's name cut ({@link Quote})
     * and the name of the Java setting behind a size limit left out, and Jackson's "[Source: REDACTED ...]" location
     * notes (the line and column follow in our own words).
     */
    private static String syntaxError(String message) {
        String duplicate = "Duplicate field '";
        if (message.startsWith(duplicate) && message.endsWith("'")) {
            return "Duplicate field " + Quote.of(message.substring(duplicate.length(), message.length() - 1));
        }
        return message.replaceAll(", from `[^`]*`", "")
                .replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)", "")
                .replaceAll("\\s*at \\[Source: [^\\]]*\\]", "");
    }

    /** Reads and validates a spec given as JSON text. */
    public Experiment read(String json) {
        return read(parse(json));
    }

    /** Reads and validates a spec given as a JSON tree. */
    public Experiment read(JsonNode document) {
        JsonFields spec = JsonFields.root(document);
        long seed = spec.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0);
        Problem problem = ProblemReader.read(spec.object("problem"), seed, folder);
        double[] start = spec.has("start") ? spec.numbers("start") : problem.defaultStart();
        int batchSize = readBatchSize(spec, problem);
        int steps = readSteps(spec, new BatchPlan(problem.trainingSetSize(), batchSize, seed).batchesPerEpoch());
        List<JsonFields> runSpecs = spec.objects("runs", 1, limits.maxRuns());
        List<Run> runs = new ArrayList<>();
        for (JsonFields run : runSpecs) {
            runs.add(readRun(run));
        }
        spec.rejectUnknown();
        return spec.within(() -> new Experiment(problem, start, steps, seed, batchSize, runs));
    }

    /**
     * Reads a spec of the {@link SpecKind#ACTIVATIONS} kind:
     * {@code {"problem": {"type": "deep-activations", "layers": 10, "width": 500, "activation": "tanh",
     * "init": "xavier", "samples": 200, "bins": 40}, "seed": 1}}.
     */
    public static DeepActivations readActivations(JsonNode document) {
        JsonFields spec = JsonFields.root(document);
        long seed = spec.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0);
        JsonFields p = spec.object("problem");
        p.choice("type", List.of("deep-activations"));
        int layers = (int) p.integer("layers", 1, DeepActivations.Config.MAX_LAYERS, DeepActivations.Config.DEFAULT_LAYERS);
        int width = (int) p.integer("width", 1, DeepActivations.Config.MAX_WIDTH, DeepActivations.Config.DEFAULT_WIDTH);
        Activation activation = Activation.of(p.choice("activation", Activation.NAMES,
                DeepActivations.Config.DEFAULT_ACTIVATION.specName()));
        WeightInit init = WeightInit.of(p.choice("init", WeightInit.NAMES, DeepActivations.Config.DEFAULT_INIT.specName()));
        int samples = (int) p.integer("samples", 1, DeepActivations.Config.MAX_SAMPLES,
                DeepActivations.Config.DEFAULT_SAMPLES);
        int bins = (int) p.integer("bins", 2, DeepActivations.Config.MAX_BINS, DeepActivations.Config.DEFAULT_BINS);
        p.rejectUnknown();
        spec.rejectUnknown();
        DeepActivations.Config config = p.within(() -> new DeepActivations.Config(layers, width, activation, init,
                samples, bins));
        return new DeepActivations(config, seed);
    }

    /** Reads the {@code problem} object of a spec (any problem type of a race), its data generated from {@code seed}. */
    public static Problem readProblem(JsonFields problem, long seed) {
        return ProblemReader.read(problem, seed);
    }

    /** Reads the {@code problem} object of a spec; a {@code csv} problem's table is read from {@code folder}. */
    public static Problem readProblem(JsonFields problem, long seed, DataFolder folder) {
        return ProblemReader.read(problem, seed, folder);
    }

    private static int readBatchSize(JsonFields spec, Problem problem) {
        int n = problem.trainingSetSize();
        if (!spec.has("batch_size")) {
            return n;                                            // full batch; 0 for problems without data
        }
        if (n == 0) {
            throw new FieldException("batch_size", "only applies to problems with a training set; '"
                    + problem.type() + "' has none");
        }
        return (int) spec.integer("batch_size", 1, n);
    }

    private int readSteps(JsonFields spec, int batchesPerEpoch) {
        boolean hasSteps = spec.has("steps");
        boolean hasEpochs = spec.has("epochs");
        if (hasSteps && hasEpochs) {
            throw new FieldException("epochs", "give either steps or epochs, not both");
        }
        if (hasEpochs) {
            long maxEpochs = Math.max(1, limits.maxSteps() / batchesPerEpoch);
            long epochs = spec.integer("epochs", 1, maxEpochs);
            return (int) (epochs * batchesPerEpoch);
        }
        if (!hasSteps) {
            throw new FieldException("steps", "is required (or give epochs)");
        }
        return (int) spec.integer("steps", 1, limits.maxSteps());
    }

    private static Run readRun(JsonFields run) {
        String id = run.text("id");
        OptimizerConfig optimizer = readOptimizer(run.object("optimizer"));
        Schedule schedule = run.has("schedule") ? readSchedule(run.object("schedule")) : new Constant();
        run.rejectUnknown();
        return run.within(() -> new Run(id, optimizer, schedule));
    }

    /** Reads an optimizer object: {@code {"type": "adam", "lr": 0.01, ...}}, with the notes' defaults. */
    public static OptimizerConfig readOptimizer(JsonFields o) {
        String type = o.choice("type", OPTIMIZERS);
        double lr = o.number("lr");
        OptimizerConfig config = switch (type) {
            case "sgd" -> o.within(() -> new Sgd(lr));
            case "momentum" -> {
                double mu = o.number("mu", Momentum.DEFAULT_MU);
                yield o.within(() -> new Momentum(lr, mu));
            }
            case "nesterov" -> {
                double mu = o.number("mu", Momentum.DEFAULT_MU);
                yield o.within(() -> new Nesterov(lr, mu));
            }
            case "adagrad" -> {
                double eps = o.number("eps", AdaGrad.DEFAULT_EPS);
                yield o.within(() -> new AdaGrad(lr, eps));
            }
            case "rmsprop" -> {
                double decayRate = o.number("decay_rate", RmsProp.DEFAULT_DECAY_RATE);
                double eps = o.number("eps", AdaGrad.DEFAULT_EPS);
                yield o.within(() -> new RmsProp(lr, decayRate, eps));
            }
            case "adam" -> {
                double mu = o.number("mu", Momentum.DEFAULT_MU);
                double decayRate = o.number("decay_rate", Adam.DEFAULT_DECAY_RATE);
                double eps = o.number("eps", AdaGrad.DEFAULT_EPS);
                yield o.within(() -> new Adam(lr, mu, decayRate, eps));
            }
            case "amsgrad" -> {
                double mu = o.number("mu", Momentum.DEFAULT_MU);
                double decayRate = o.number("decay_rate", Adam.DEFAULT_DECAY_RATE);
                double eps = o.number("eps", AdaGrad.DEFAULT_EPS);
                String variant = o.choice("variant", List.of("paper", "notes"), "paper");
                AmsGrad.Variant v = variant.equals("paper") ? AmsGrad.Variant.PAPER : AmsGrad.Variant.NOTES;
                yield o.within(() -> new AmsGrad(lr, mu, decayRate, eps, v));
            }
            default -> throw new IllegalStateException("unreachable: " + type);
        };
        o.rejectUnknown();
        return config;
    }

    /**
     * Reads a schedule object: {@code {"type": "step", "every": 100, "factor": 0.5}}; any type may add
     * {@code "warmup": W}, a linear warm-up over the first {@code W} updates ({@link Warmup}; 0, the default, is none).
     */
    public static Schedule readSchedule(JsonFields s) {
        String type = s.choice("type", SCHEDULES);
        Schedule schedule = switch (type) {
            case "constant" -> new Constant();
            case "step" -> {
                int every = (int) s.integer("every", 1, Integer.MAX_VALUE);
                double factor = s.number("factor");
                yield s.within(() -> new StepDecay(every, factor));
            }
            case "exponential" -> {
                double k = s.number("k");
                yield s.within(() -> new ExponentialDecay(k));
            }
            case "inverse" -> {
                double k = s.number("k");
                yield s.within(() -> new InverseDecay(k));
            }
            case "cosine" -> {
                int T = (int) s.integer("T", 1, Integer.MAX_VALUE);
                double lrMin = s.number("lr_min", CosineAnnealing.DEFAULT_LR_MIN);
                yield s.within(() -> new CosineAnnealing(T, lrMin));
            }
            default -> throw new IllegalStateException("unreachable: " + type);
        };
        int warmup = (int) s.integer("warmup", 0, Integer.MAX_VALUE, 0);
        s.rejectUnknown();
        return warmup == 0 ? schedule : s.within(() -> new Warmup(warmup, schedule));
    }
}

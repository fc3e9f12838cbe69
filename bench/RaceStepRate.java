import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.Recording;
import org.optimizerlab.experiment.SpecReader;

/**
 * Lesson 10's race (preset {@code lr-race}: mlp-spiral, 100 hidden ReLU, He init, 20 % validation, batch 60, three
 * momentum runs) through the experiment runner as a lesson's socket drives it (per-layer statistics, no vectors,
 * every step kept; an evaluation of the training and validation sets at each epoch end), in race updates (one
 * minibatch step of every live run) per second of this thread's CPU time: best of 5 one-CPU-second rounds after 3
 * of warm-up; a finished race starts again. Prints one JSON line. A single-file program:
 * <pre>
 * java -cp target/classes:$(cat target/bench-classpath.txt) bench/RaceStepRate.java [lessons/10-tuning/experiment.json]
 * </pre>
 */
public class RaceStepRate {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "lessons/10-tuning/experiment.json");
        JsonNode spec = null;
        for (JsonNode preset : SpecReader.parse(Files.readString(file)).get("presets")) {
            if (preset.get("id").asText().equals("lr-race")) {
                spec = preset.get("spec");
            }
        }
        Experiment experiment = new SpecReader(Limits.DEFAULT).read(spec);
        Recording recording = new Recording(false, true, 1);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ExperimentRunner runner = null;
        double best = 0;
        for (int round = 0; round < 8; round++) {
            long start = threads.getCurrentThreadCpuTime();
            long updates = 0;
            while (threads.getCurrentThreadCpuTime() - start < 1_000_000_000L) {
                if (runner == null || runner.finished()) {
                    runner = new ExperimentRunner(experiment, recording);
                    runner.initialRecords();
                }
                runner.advance();
                updates++;
            }
            double rate = updates / ((threads.getCurrentThreadCpuTime() - start) / 1e9);
            best = round < 3 ? 0 : Math.max(best, rate);
        }
        System.out.printf(Locale.ROOT, "{\"preset\": \"lr-race\", \"cpu_updates_per_second\": %.1f}%n", best);
    }
}

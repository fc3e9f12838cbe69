import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.optimizerlab.experiment.Experiment;
import org.optimizerlab.experiment.ExperimentRunner;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.experiment.RaceTape;
import org.optimizerlab.experiment.Recording;
import org.optimizerlab.experiment.SpecReader;

/**
 * Checks that a shared race's byte count ({@link RaceTape#bytes}, which {@code SharedRaces} bounds) is not less than
 * the heap its recording takes: records 10 races of a preset (lesson 10's {@code lr-race} by default) or of a spec
 * given as JSON, and compares the heap after a full collection with their counted bytes.
 * <pre>
 * java -XX:+UseSerialGC -cp target/classes:$(cat target/bench-classpath.txt) bench/TapeMemory.java [preset [spec]]
 * </pre>
 */
public class TapeMemory {
    public static void main(String[] a) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode spec = null;
        for (JsonNode p : json.readTree(Path.of("lessons/10-tuning/experiment.json").toFile()).path("presets"))
            if (p.path("id").asText().equals(a.length > 0 ? a[0] : "lr-race")) spec = p.path("spec");
        if (a.length > 1) spec = json.readTree(a[1]);
        Experiment e = new SpecReader(Limits.DEFAULT).read(spec);
        List<RaceTape> kept = new ArrayList<>();
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) { System.gc(); Thread.sleep(100); }
        long before = rt.totalMemory() - rt.freeMemory();
        long counted = 0;
        for (int i = 0; i < 10; i++) {
            RaceTape.Recorder r = RaceTape.record(new ExperimentRunner(e, new Recording(false, true, 1)));
            r.initialRecords();
            while (!r.finished()) r.advance();
            RaceTape t = r.tape().orElseThrow();
            kept.add(t); counted += t.bytes();
        }
        for (int i = 0; i < 3; i++) { System.gc(); Thread.sleep(100); }
        long after = rt.totalMemory() - rt.freeMemory();
        System.out.printf("heap grew %.2f MB for 10 tapes; counted %.2f MB; estimate per tape %.2f MB%n",
            (after - before) / 1e6, counted / 1e6, RaceTape.estimatedBytes(e) / 1e6);
        System.out.println(kept.size() + " tapes kept until the end");
    }
}

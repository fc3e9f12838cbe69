package org.optimizerlab.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.optimizerlab.testing.ProcessOutput;
import org.optimizerlab.testing.Poll;

/**
 * Runs {@link WriteBurst} in a child JVM from the test classpath, kills it ({@code kill -9}) once it has
 * acknowledged enough writes, and reads what it acknowledged: only whole lines count, a line cut by the kill does not.
 *
 * @param submissions the acknowledged submission ids
 * @param names       the students whose acknowledged display names were saved
 */
record KilledBurst(List<Long> submissions, List<String> names) {

    static KilledBurst run(String location, long challenge, int acknowledgedBeforeKill) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WriteBurst.class.getName(), location, Long.toString(challenge)).redirectErrorStream(true).start();
        ProcessOutput output = ProcessOutput.of(child);
        try {
            Poll.until(acknowledgedBeforeKill + " acknowledged writes", Duration.ofSeconds(90),
                    () -> count(output, "\nack ") >= acknowledgedBeforeKill || !child.isAlive());
            assertThat(child.isAlive()).as("still writing when killed:\n" + output.text()).isTrue();
            child.destroyForcibly();                       // SIGKILL: no shutdown hook, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            output.join(TimeUnit.SECONDS.toMillis(30));
        } finally {
            child.destroyForcibly();
        }
        String all = output.text();
        List<Long> submissions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String[] lines = all.substring(0, all.lastIndexOf('\n') + 1).split("\n");
        for (String line : lines) {
            if (line.startsWith("ack submission ")) {
                submissions.add(Long.parseLong(line.substring("ack submission ".length())));
            } else if (line.startsWith("ack name ")) {
                names.add(line.substring("ack name ".length()));
            }
        }
        return new KilledBurst(submissions, names);
    }

    private static int count(ProcessOutput output, String marker) {
        String text = output.text();
        int count = 0;
        for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
            count++;
        }
        return count;
    }


}

package org.optimizerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code run} command through the real jar ({@code target/optimizer-lab.jar}, built by {@code package}; run by
 * failsafe in {@code verify}): a real process, its exit status, its stdout and its stderr.
 */
class RunCommandIT {

    static final Path JAR = Path.of("target", "optimizer-lab.jar");

    record Process(int status, String out, String err) {
    }

    static Process java(Path folder, String stdin, String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("run 'mvn package' first").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path in = Files.writeString(folder.resolve("stdin"), stdin);
        Path out = folder.resolve("stdout");
        Path err = folder.resolve("stderr");
        java.lang.Process process = new ProcessBuilder(command).redirectInput(in.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command ends within a minute").isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Process(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheTrajectoryAsCsv(@TempDir Path folder) throws Exception {
        Process p = java(folder, RunCommandTest.SPEC, "run", "--spec", "-");
        assertThat(p.status()).isZero();
        assertThat(p.err()).isEmpty();
        assertThat(p.out()).isEqualTo(RunCommandTest.run(RunCommandTest.SPEC, "--spec", "-").out());
        assertThat(p.out().lines().findFirst()).contains("run,step,epoch,lr,loss,p0,p1");
    }

    @Test
    void printsJsonlFromAFile(@TempDir Path folder) throws Exception {
        Path spec = Files.writeString(folder.resolve("spec.json"), RunCommandTest.SPEC);
        Process p = java(folder, "", "run", "--spec", spec.toString(), "--format", "jsonl");
        assertThat(p.status()).isZero();
        assertThat(p.out()).isEqualTo(RunCommandTest.run(RunCommandTest.SPEC, "--spec", "-", "--format", "jsonl").out());
    }

    @Test
    void aBadSpecExitsWithStatus2AndOneLineOnStderr(@TempDir Path folder) throws Exception {
        Process p = java(folder, RunCommandTest.SPEC.replace("\"lr\": 0.05}", "\"lr\": 0.05, \"mu\": 1.5}"),
                "run", "--spec", "-");
        assertThat(p.status()).isEqualTo(2);
        assertThat(p.out()).isEmpty();
        assertThat(p.err()).isEqualTo("error: invalid spec: runs[0].optimizer.mu: must be in [0, 1), got 1.5\n");
        Process missing = java(folder, "", "run");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err().lines()).hasSize(1);
    }

    @Test
    void helpExplainsTheCommands(@TempDir Path folder) throws Exception {
        Process top = java(folder, "", "--help");
        assertThat(top.status()).isZero();
        assertThat(top.out()).contains("run --spec FILE|- [--format csv|jsonl]");
        Process run = java(folder, "", "run", "--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo(RunCommand.HELP);
    }
}

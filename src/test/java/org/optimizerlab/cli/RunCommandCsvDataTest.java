package org.optimizerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} reads a {@code csv} problem's file beside the spec file, and never from outside that folder. */
class RunCommandCsvDataTest {

    @TempDir
    Path root;

    private record Result(int status, String out, String err) {
    }

    private static Result run(String specPath) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RunCommand.run(List.of("--spec", specPath), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theIrisExampleRunsFromAnyWorkingFolder() {
        Result result = run(Path.of("examples", "iris", "iris-softmax.json").toAbsolutePath().toString());
        assertThat(result.err()).isEmpty();
        assertThat(result.status()).isZero();
        assertThat(result.out()).startsWith("run,step,epoch,lr,loss,train_loss,train_accuracy,val_loss,val_accuracy,p0,");
        assertThat(result.out().lines().filter(l -> l.startsWith("adam,2400,"))).hasSize(1);
    }

    @Test
    void aFileOutsideTheSpecsFolderIsRefusedWithStatus2() throws IOException {
        Path lesson = Files.createDirectories(root.resolve("lesson"));
        Files.writeString(root.resolve("outside.csv"), "a,label\n1,x\n2,y\n");
        Path spec = lesson.resolve("spec.json");
        Files.writeString(spec, """
                {"problem": {"type": "csv", "file": "../outside.csv"}, "steps": 2,
                 "runs": [{"id": "a", "optimizer": {"type": "sgd", "lr": 0.1}}]}""");
        Result result = run(spec.toString());
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: invalid spec: problem.file: must stay inside the lesson folder "
                + "(no empty, . or .. segments), got '../outside.csv'\n");
    }
}

package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.optimizerlab.cli.RunCommand;

/**
 * The {@code run} command, run in this JVM with {@code --format jsonl} on a spec file beside a copy of its data
 * table, for tests that check the web's numbers are the command's.
 */
final class RunCommandJsonl {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunCommandJsonl() {
    }

    /**
     * The lines the command prints for {@code spec}, written to {@code folder/spec.json} beside a copy of
     * {@code table} (kept if the folder has it already); fails if the command writes an error or exits non-zero.
     */
    static List<JsonNode> lines(JsonNode spec, Path table, Path folder) throws IOException {
        Path copy = folder.resolve(table.getFileName());
        if (!Files.exists(copy)) {
            Files.copy(table, copy);
        }
        Path specFile = folder.resolve("spec.json");
        Files.writeString(specFile, spec.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RunCommand.run(List.of("--spec", specFile.toString(), "--format", "jsonl"),
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(status).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }
}

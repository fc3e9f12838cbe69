package org.optimizerlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optimizerlab.validation.FieldException;

/** A data file is read from inside its folder only, and within its size. */
class DataFolderTest {

    @TempDir
    Path root;

    private DataFolder lesson() throws IOException {
        Path folder = Files.createDirectories(root.resolve("lesson"));
        Files.writeString(folder.resolve("data.csv"), "a,label\n1,x\n");
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub/more.csv"), "b,label\n2,y\n");
        Files.writeString(root.resolve("secret.csv"), "not yours");
        return DataFolder.of(folder);
    }

    @Test
    void readsFilesInsideTheFolder() throws IOException {
        DataFolder folder = lesson();
        assertThat(folder.read("problem.file", "data.csv")).isEqualTo("a,label\n1,x\n");
        assertThat(folder.read("problem.file", "sub/more.csv")).startsWith("b,label");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.csv", "sub/../../secret.csv", "/etc/passwd", "./data.csv", "sub//more.csv",
            "..\\secret.csv", "C:secret.csv", ""})
    void refusesEveryNameThatCouldLeaveTheFolder(String name) throws IOException {
        DataFolder folder = lesson();
        assertThatThrownBy(() -> folder.read("problem.file", name)).isInstanceOf(FieldException.class)
                .satisfies(e -> assertThat(((FieldException) e).field()).isEqualTo("problem.file"))
                .hasMessageNotContaining("not yours");
    }

    @Test
    void refusesALinkOutOfTheFolderAMissingFileAndAnOversizedOne() throws IOException {
        DataFolder folder = lesson();
        Path lessonPath = root.resolve("lesson");
        Files.createSymbolicLink(lessonPath.resolve("link.csv"), root.resolve("secret.csv"));
        Files.createSymbolicLink(lessonPath.resolve("out"), root);
        assertThatThrownBy(() -> folder.read("problem.file", "link.csv"))
                .hasMessage("problem.file: no file 'link.csv' in the folder");
        assertThatThrownBy(() -> folder.read("problem.file", "out/secret.csv"))
                .hasMessage("problem.file: must stay inside the lesson folder, got 'out/secret.csv'");
        assertThatThrownBy(() -> folder.read("problem.file", "nope.csv"))
                .hasMessage("problem.file: no file 'nope.csv' in the folder");
        Files.write(lessonPath.resolve("big.csv"), new byte[DataFolder.MAX_BYTES + 1]);
        assertThatThrownBy(() -> folder.read("problem.file", "big.csv"))
                .hasMessage("problem.file: big.csv: a data file may have at most 1000000 bytes");
        Files.write(lessonPath.resolve("edge.csv"), new byte[DataFolder.MAX_BYTES]);
        assertThat(folder.read("problem.file", "edge.csv")).hasSize(DataFolder.MAX_BYTES);
    }

    @Test
    void withoutAFolderNothingIsRead() {
        assertThatThrownBy(() -> DataFolder.NONE.read("problem.file", "data.csv"))
                .hasMessageStartingWith("problem.file: this spec has no folder to read data files from");
    }
}

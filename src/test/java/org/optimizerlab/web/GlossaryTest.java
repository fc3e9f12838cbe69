package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.optimizerlab.lesson.Language;

/**
 * The terms of {@code docs/glossary.md} hold in the Chinese page strings and the Chinese lesson texts: no bundle value
 * and no lesson uses a synonym the glossary lists as one not to use (有效学习率 where the lessons say 等效学习率).
 */
class GlossaryTest {

    /** One row of the glossary: the preferred Chinese term and the synonyms not to use. */
    record Term(String preferred, List<String> avoided) {}

    static List<Term> glossary() throws IOException {
        List<Term> terms = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("docs/glossary.md"))) {
            String[] cells = line.split("\\|", -1);
            if (!line.startsWith("|") || cells.length < 5 || cells[1].isBlank() || cells[1].contains("---")
                    || cells[1].strip().equals("中文")) {
                continue;
            }
            List<String> avoided = Stream.of(cells[3].split("、")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            terms.add(new Term(cells[1].strip(), avoided));
        }
        return terms;
    }

    @Test
    void theGlossaryHasTheTermsTheLessonsAndThePageShare() throws IOException {
        assertThat(glossary()).extracting(Term::preferred).contains("等效学习率", "准确率", "周期", "移动平均");
        assertThat(glossary()).allSatisfy(term -> assertThat(term.avoided()).as(term.preferred()).isNotEmpty()
                .doesNotContain(term.preferred()));
    }

    @Test
    void noChineseUiStringUsesASynonymTheGlossaryAvoids() throws IOException {
        Map<String, String> zh = Messages.load(new WebAssets(Optional.empty())).bundle(Language.ZH);
        List<String> offences = new ArrayList<>();
        for (Term term : glossary()) {
            for (String avoided : term.avoided()) {
                zh.forEach((key, text) -> {
                    if (text.contains(avoided)) {
                        offences.add(key + " says " + avoided + " (glossary: " + term.preferred() + ")");
                    }
                });
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void noChineseLessonTextUsesASynonymTheGlossaryAvoids() throws IOException {
        List<String> offences = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> all = Files.walk(Path.of("lessons"))) {
            files = all.filter(p -> p.endsWith("zh.md") || p.endsWith("experiment.json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(20);
        for (Path file : files) {
            String text = Files.readString(file);
            for (Term term : glossary()) {
                for (String avoided : term.avoided()) {
                    if (text.contains(avoided)) {
                        offences.add(file + " says " + avoided + " (glossary: " + term.preferred() + ")");
                    }
                }
            }
        }
        assertThat(offences).isEmpty();
    }
}

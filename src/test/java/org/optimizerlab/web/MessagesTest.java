package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.optimizerlab.lesson.Language;

/** The message bundles: complete in both languages, and covering every key the templates use. */
class MessagesTest {

    private final Messages messages = Messages.load(new WebAssets(Optional.empty()));

    @Test
    void bothLanguagesHaveTheSameKeysAndNoEmptyText() {
        assertThat(messages.bundle(Language.ZH).keySet()).isEqualTo(messages.bundle(Language.EN).keySet());
        for (Language language : Language.values()) {
            assertThat(messages.bundle(language)).allSatisfy((key, text) -> assertThat(text).as(key).isNotBlank());
        }
        assertThat(messages.get(Language.ZH, "app.name")).isEqualTo("优化器实验室");
        assertThat(messages.get(Language.ZH, "no.such.key")).isEqualTo("??no.such.key??");
    }

    @Test
    void everyKeyATemplateUsesExists() throws IOException {
        Set<String> used = new HashSet<>();
        try (Stream<Path> templates = Files.list(Path.of("web/templates"))) {
            for (Path template : templates.toList()) {
                Matcher m = Pattern.compile("#\\{([a-z.A-Z]+)[}(]").matcher(Files.readString(template));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).contains("app.name", "layout.switch", "notfound.title", "lesson.kicker");
        assertThat(messages.bundle(Language.EN).keySet()).containsAll(used);
    }

    @Test
    void theFrontEndGetsTheJsEntriesWithoutPrefix() {
        long jsKeys = messages.bundle(Language.EN).keySet().stream().filter(k -> k.startsWith("js.")).count();
        assertThat(messages.jsStrings(Language.ZH)).hasSize((int) jsKeys)
                .allSatisfy((key, text) -> assertThat(messages.get(Language.ZH, "js." + key)).isEqualTo(text));
    }

    @Test
    void everyStringTheFrontEndAsksForIsInBothBundles() throws IOException {
        Set<String> used = new HashSet<>();
        try (Stream<Path> modules = Files.list(Path.of("web/static/js"))) {
            for (Path module : modules.filter(p -> p.toString().endsWith(".js")).toList()) {
                // t('key', ...) calls, and in close-notice.js the {key: 'closed.full', ...} notices it returns
                String keyCall = module.endsWith("close-notice.js") ? "\\bkey: '([A-Za-z0-9_.]+)'"
                        : "\\bt\\('([A-Za-z0-9_.]+)'";
                Matcher m = Pattern.compile(keyCall).matcher(Files.readString(module));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).contains("btnStart", "accuracyTitle", "activationsTitle", "searchTitle", "searchTrials",
                "closed.fullCount", "closed.tooManyMax", "closed.restarting", "connectionLost");
        for (Language language : Language.values()) {
            assertThat(messages.jsStrings(language).keySet()).as(language.code()).containsAll(used);
        }
        for (String dynamic : List.of("split.train", "split.validation", "searchStatus.connecting", "searchStatus.paused",
                "searchStatus.running", "searchStatus.done", "searchStatus.invalid", "searchStatus.offline",
                "searchRange.lr", "searchRange.reg", "searchRange.dropout", "top.epochs", "top.batch_size")) {
            for (Language language : Language.values()) {
                assertThat(messages.jsStrings(language)).as(language.code()).containsKey(dynamic);
            }
        }
    }

    @Test
    void theStepScheduleControlSaysItCountsEpochs() {
        // lr0 * factor^floor(epoch / every): on minibatches `every = 5` is 5 epochs, not 5 updates
        assertThat(messages.get(Language.EN, "js.field.every")).contains("epochs").doesNotContain("update");
        assertThat(messages.get(Language.ZH, "js.field.every")).contains("周期").doesNotContain("更新");
    }
}

package org.optimizerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optimizerlab.testing.TestLessons.edit;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optimizerlab.experiment.Limits;
import org.optimizerlab.testing.Pictures;
import org.optimizerlab.testing.TestLessons;

/** Pictures in a lesson folder: loaded, referenced by plain name, and refused when missing, too big or fake. */
class LessonPicturesTest {

    private static final LessonLoader LOADER = new LessonLoader(new Limits(100_000, 8));

    @TempDir
    Path folder;
    private Path descent;

    @BeforeEach
    void copy() {
        TestLessons.copy("valid", folder);
        descent = folder.resolve("01-descent");
    }

    private LessonLoader.Result check() {
        return LOADER.check(folder);
    }

    @Test
    void everyPictureTypeLoadsAndIsShownFromTheLessonsAddress() {
        Pictures.write(descent.resolve("surface.png"), Pictures.drawn("png", 60, 40));
        Pictures.write(descent.resolve("photo.JPG"), Pictures.drawn("jpg", 60, 40));
        Pictures.write(descent.resolve("tiny.webp"), new byte[] {'R', 'I', 'F', 'F', 4, 0, 0, 0, 'W', 'E', 'B', 'P'});
        Pictures.write(descent.resolve("ring.svg"), Pictures.SVG_WITH_SCRIPT);
        edit(descent.resolve("en.md"), "\n\n", "\n\n![loss surface](surface.png) ![a ring](./ring.svg)\n\n");
        Lesson lesson = LOADER.load(folder).lesson("descent").orElseThrow();
        assertThat(lesson.pictures().keySet()).containsExactly("photo.JPG", "ring.svg", "surface.png", "tiny.webp");
        assertThat(lesson.pictures().get("photo.JPG").type()).isEqualTo(Picture.Type.JPEG);
        assertThat(lesson.text(Language.EN).html()).contains(
                "<img src=\"/lessons/descent/files/surface.png\" alt=\"loss surface\" />",
                "<img src=\"/lessons/descent/files/ring.svg\" alt=\"a ring\" />");
    }

    @Test
    void aLinkToAPictureOfTheLessonGoesToItsAddressLikeAnImage() {
        Pictures.write(descent.resolve("surface.png"), Pictures.drawn("png", 60, 40));
        Pictures.write(descent.resolve("ring.svg"), Pictures.SVG_WITH_SCRIPT);
        edit(descent.resolve("en.md"), "\n\n", "\n\n[the surface, full size](surface.png), [the ring](./ring.svg), "
                + "[next](../momentum), [top](#top), [site](https://example.org/a.png), "
                + "[abs](/static/favicon.svg)\n\n");
        String html = LOADER.load(folder).lesson("descent").orElseThrow().text(Language.EN).html();
        assertThat(html).contains(
                "<a rel=\"nofollow\" href=\"/lessons/descent/files/surface.png\">the surface, full size</a>",
                "<a rel=\"nofollow\" href=\"/lessons/descent/files/ring.svg\">the ring</a>",
                "<a rel=\"nofollow\" href=\"../momentum\">next</a>", "<a rel=\"nofollow\" href=\"#top\">top</a>",
                "<a rel=\"nofollow\" href=\"https://example.org/a.png\">site</a>",
                "<a rel=\"nofollow\" href=\"/static/favicon.svg\">abs</a>");
    }

    @Test
    void aLinkToAMissingPictureOrOneOutsideTheFolderIsNamedWithItsLine() {
        edit(descent.resolve("en.md"), "\n\n",
                "\n\nSee [the surface](surface.png).\n\n[up](../02-english-only/x.png)\n\n");
        assertThat(check().problems()).extracting(LessonProblem::toString).satisfiesExactly(
                missing -> assertThat(missing).isEqualTo(
                        "01-descent/en.md: line 7: picture 'surface.png' is not in the lesson's folder"),
                outside -> assertThat(outside).startsWith("01-descent/en.md: line 9: picture "
                        + "'../02-english-only/x.png' must be a picture file of the lesson's own folder"));
    }

    @Test
    void aMissingPictureIsNamedWithItsFileAndLine() {
        edit(descent.resolve("en.md"), "\n\n", "\n\nSee the surface:\n\n![loss surface](surface.png)\n\n");
        LessonLoader.Result result = check();
        assertThat(result.problems()).containsExactly(new LessonProblem("01-descent/en.md", "line 9",
                "picture 'surface.png' is not in the lesson's folder"));
    }

    @Test
    void aPictureOutsideTheLessonsFolderIsRefused() {
        edit(descent.resolve("en.md"), "\n\n", "\n\n![up](../02-english-only/x.png) ![abs](/static/favicon.svg)\n\n");
        assertThat(check().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("01-descent/en.md");
            assertThat(p.field()).isEqualTo("line 7");
            assertThat(p.problem()).startsWith("picture '../02-english-only/x.png' must be a picture file of the "
                    + "lesson's own folder, by its plain name");
        });
    }

    @Test
    void anOversizedOrFakePictureIsRefusedByTheLoader() {
        Pictures.write(descent.resolve("big.png"), java.util.Arrays.copyOf(Pictures.drawn("png", 8, 8),
                Picture.MAX_BYTES + 1));
        Pictures.write(descent.resolve("fake.png"), "<html><script>alert(1)</script></html>");
        Pictures.write(descent.resolve("page.svg"), "<html><body><svg></svg></body></html>");
        Pictures.write(descent.resolve("a picture.png"), Pictures.drawn("png", 8, 8));
        assertThat(check().problems()).extracting(LessonProblem::toString).containsExactly(
                "01-descent/a picture.png: a picture's name may have only letters, digits, '.', '-' and '_' "
                        + "(at most 100 characters, not starting with '.', '-' or '_')",
                "01-descent/big.png: is 1048577 bytes; a picture may have at most 1048576 (1 MiB)",
                "01-descent/fake.png: is not a PNG picture: its content does not start as one (wrong signature); "
                        + "rename it to its real type or export it again",
                "01-descent/page.svg: is not a SVG picture: its content does not start as one (UTF-8 text whose "
                        + "first element is <svg>); rename it to its real type or export it again");
    }

    @Test
    void aPictureLinkedFromOutsideTheLessonsFolderIsRefused() throws Exception {
        Path outside = folder.getParent().resolve("outside-" + System.nanoTime() + ".png");
        Pictures.write(outside, Pictures.drawn("png", 8, 8));
        try {
            java.nio.file.Files.createSymbolicLink(descent.resolve("linked.png"), outside);
            assertThat(check().problems()).singleElement().extracting(LessonProblem::toString).asString()
                    .startsWith("01-descent/linked.png: is a symbolic link to " + outside.toRealPath()
                            + ", outside the lessons folder");
        } finally {
            java.nio.file.Files.deleteIfExists(descent.resolve("linked.png"));
            java.nio.file.Files.deleteIfExists(outside);
        }
    }

    @Test
    void theLineCountsLinesInsideMathAndEveryMissingPictureIsNamed() {
        edit(descent.resolve("en.md"), "\n\n", "\n\n$$a = b\n+ c$$\n\n![one](one.png)\n\nText ![two](two.svg).\n\n");
        assertThat(check().problems()).extracting(LessonProblem::toString).containsExactly(
                "01-descent/en.md: line 10: picture 'one.png' is not in the lesson's folder",
                "01-descent/en.md: line 12: picture 'two.svg' is not in the lesson's folder");
    }

    @Test
    void theFoldersPicturesAreBoundedInTotal() {
        byte[] almostOneMiB = java.util.Arrays.copyOf(Pictures.drawn("png", 8, 8), Picture.MAX_BYTES);
        for (int i = 0; i < 20; i++) {
            Pictures.write(descent.resolve("a" + i + ".png"), almostOneMiB);
            Pictures.write(folder.resolve("02-english-only/b" + i + ".png"), almostOneMiB);
        }
        assertThat(check().problems()).as("32 of the 40 (by name: a0..a19, b0, b1, b10..b19) fit, b2..b9 do not")
                .hasSize(8).first().hasToString("02-english-only/b2.png: would bring the pictures of the lessons "
                        + "folder past 33554432 bytes (32 MiB), the most the server holds in memory");
    }
}

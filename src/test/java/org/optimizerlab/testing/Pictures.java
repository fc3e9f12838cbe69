package org.optimizerlab.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Real pictures for lesson folders in tests, drawn with the JDK's ImageIO. */
public final class Pictures {

    /** An SVG whose script must never run where it is served. */
    public static final String SVG_WITH_SCRIPT = "<?xml version=\"1.0\"?>\n<!-- a test picture -->\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\">"
            + "<script>document.title = 'owned'</script>"
            + "<circle cx=\"20\" cy=\"20\" r=\"15\" fill=\"#2563eb\"/></svg>\n";

    private Pictures() {
    }

    /** A {@code width} x {@code height} picture in {@code format} ({@code png}, {@code jpg}): a gradient and a ring. */
    public static byte[] drawn(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int x = 0; x < width; x++) {
            g.setColor(new Color(255 - 200 * x / width, 230, 120 + 120 * x / width));
            g.drawLine(x, 0, x, height);
        }
        g.setColor(new Color(37, 99, 235));
        for (int r = 10; r < Math.min(width, height) / 2; r += 12) {
            g.drawOval(width / 2 - r, height / 2 - r / 2, 2 * r, r);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes bytes to a file. */
    public static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes text (UTF-8) to a file. */
    public static void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}

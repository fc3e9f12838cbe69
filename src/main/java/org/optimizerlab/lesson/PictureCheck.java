package org.optimizerlab.lesson;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a file's bytes are really a picture of the type its extension says, by their first bytes: PNG's
 * signature, JPEG's start-of-image marker, WebP's RIFF header, or for SVG UTF-8 text whose first element (after an
 * XML declaration, comments and a doctype) is {@code <svg}. So an HTML page renamed {@code .svg} or a script named
 * {@code .png} is refused by the loader. (An SVG may still hold a script: it is served under a policy that never
 * runs it.)
 */
final class PictureCheck {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Pattern SVG_START = Pattern.compile(
            "\\A\\s*(<\\?xml[^>]*\\?>\\s*)?((<!--.*?-->|<!DOCTYPE[^>]*>)\\s*)*<svg[\\s>/]", Pattern.DOTALL);

    private PictureCheck() {
    }

    /** Empty when {@code bytes} are a {@code type}; else what they are not, for the lesson author. */
    static Optional<String> problem(Picture.Type type, byte[] bytes) {
        boolean real = switch (type) {
            case PNG -> startsWith(bytes, PNG, 0);
            case JPEG -> bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8
                    && (bytes[2] & 0xff) == 0xff;
            case WEBP -> bytes.length >= 12 && startsWith(bytes, "RIFF".getBytes(StandardCharsets.US_ASCII), 0)
                    && startsWith(bytes, "WEBP".getBytes(StandardCharsets.US_ASCII), 8);
            case SVG -> isSvg(bytes);
        };
        return real ? Optional.empty() : Optional.of("is not a " + type + " picture: its content does not start as "
                + "one (" + (type == Picture.Type.SVG ? "UTF-8 text whose first element is <svg>" : "wrong signature")
                + "); rename it to its real type or export it again");
    }

    private static boolean isSvg(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return SVG_START.matcher(text.substring(0, Math.min(text.length(), 1 << 16))).lookingAt();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix, int at) {
        if (bytes.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

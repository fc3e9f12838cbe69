package org.optimizerlab.lesson;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A picture in a lesson's folder (PNG, JPEG, WebP or SVG), read into memory when the course is loaded so that what
 * is served is exactly what was validated. Served at {@code /lessons/{slug}/files/{name}}.
 *
 * @param name  a plain file name, {@link #NAME}
 * @param type  its type, from its extension and checked against its first bytes
 * @param bytes its content, at most {@link #MAX_BYTES}
 */
public record Picture(String name, Type type, byte[] bytes) {

    /** The largest picture a lesson may have. */
    public static final int MAX_BYTES = 1 << 20;
    /** The most bytes of pictures one lessons folder may have (they are served from memory). */
    public static final long MAX_TOTAL_BYTES = 32L << 20;
    /** The most pictures one lesson may have. */
    public static final int MAX_PER_LESSON = 20;
    /** What a picture's file name may look like: letters, digits, dots, dashes and underscores, with an extension. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    /** The picture types a lesson may have, with their extensions and media types. */
    public enum Type {
        PNG("image/png", "png"), JPEG("image/jpeg", "jpg", "jpeg"), WEBP("image/webp", "webp"),
        SVG("image/svg+xml", "svg");

        private final String mediaType;
        private final String[] extensions;

        Type(String mediaType, String... extensions) {
            this.mediaType = mediaType;
            this.extensions = extensions;
        }

        /** The {@code Content-Type} it is served with. */
        public String mediaType() {
            return mediaType;
        }

        /** The type of a file name by its extension (any case), if it is a picture's. */
        public static Optional<Type> ofName(String name) {
            int dot = name.lastIndexOf('.');
            String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
            for (Type type : values()) {
                for (String candidate : type.extensions) {
                    if (candidate.equals(extension)) {
                        return Optional.of(type);
                    }
                }
            }
            return Optional.empty();
        }
    }

    public Picture {
        bytes = bytes.clone();
    }

    /** A copy of the content. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** A short fingerprint of the content, for the {@code ETag} and the course version. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Picture p && p.name.equals(name) && p.type == type
                && java.util.Arrays.equals(p.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Picture[" + name + ", " + type + ", " + bytes.length + " bytes]";
    }
}

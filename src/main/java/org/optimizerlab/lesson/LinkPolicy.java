package org.optimizerlab.lesson;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Which link and image targets a lesson's Markdown may keep: links to {@code http:}, {@code https:}, {@code mailto:}
 * and relative addresses, images from {@code http:}, {@code https:} and relative paths. Any other scheme
 * ({@code data:}, {@code javascript:}, {@code vbscript:}, {@code file:}, ...) loses its target (an empty one is
 * written).
 *
 * <p>The URL is read as a browser reads it: CommonMark has already decoded entities ({@code &#106;avascript:}),
 * and a browser ignores tabs and line breaks anywhere in a URL and control characters and spaces at its ends, and
 * compares schemes without case; so {@code JaVaScRiPt:}, {@code java&#9;script:} and {@code  data:} are all caught.
 */
final class LinkPolicy implements UrlSanitizer {

    /** What a browser removes anywhere in a URL. */
    private static final Pattern TAB_OR_NEWLINE = Pattern.compile("[\t\n\r]");

    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");
    private static final Set<String> IMAGE_SCHEMES = Set.of("http", "https");

    @Override
    public String sanitizeLinkUrl(String url) {
        return keep(url, LINK_SCHEMES);
    }

    @Override
    public String sanitizeImageUrl(String url) {
        return keep(url, IMAGE_SCHEMES);
    }

    /**
     * The URL as a browser would read it when its scheme is allowed or it is relative, else empty. A relative
     * reference has no colon before its first {@code /}, {@code ?} or {@code #} (RFC 3986, 4.2); anything with one
     * is a scheme, and only an allowed one is kept (so even a malformed scheme, {@code \uFFFDjavascript:}, is dropped).
     */
    private static String keep(String url, Set<String> schemes) {
        String read = trimControlsAndSpaces(TAB_OR_NEWLINE.matcher(url).replaceAll(""));
        int end = 0;
        while (end < read.length() && "/?#:".indexOf(read.charAt(end)) < 0) {
            end++;
        }
        boolean relative = end == read.length() || read.charAt(end) != ':';
        return relative || schemes.contains(read.substring(0, end).toLowerCase(Locale.ROOT)) ? read : "";
    }

    /** Without the C0 controls and spaces at both ends, as the URL standard strips them. */
    private static String trimControlsAndSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        return text.substring(start, end);
    }
}

package org.optimizerlab.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.optimizerlab.validation.FieldException;

/**
 * The addresses students use to reach this server ({@code OPTLAB_PUBLIC_URL}, e.g.
 * {@code https://ml.example.edu/class1}), against DNS rebinding: when set, a browser page may open experiments only
 * from one of these origins (scheme, host and port; a path is allowed in the URL and not compared, since an
 * {@code Origin} has none), and HTTP requests are answered only for these host names. Empty: not set.
 *
 * @param urls the public URLs, each {@code http} or {@code https} with a host and no user, query or fragment
 */
public record PublicOrigins(List<URI> urls) {

    /** No public URL configured: the same-origin rule of {@link SameOrigin#allows} applies alone. */
    public static final PublicOrigins NONE = new PublicOrigins(List.of());

    public PublicOrigins {
        urls = List.copyOf(urls);
        for (URI url : urls) {
            String problem = problemOf(url);
            if (problem != null) {
                throw new FieldException("urls", problem + ", got '" + url + "'");
            }
        }
    }

    /**
     * Reads one URL or several separated by commas; blank means {@link #NONE}. A bad one is a {@link FieldException}
     * naming {@code field}: {@code OPTLAB_PUBLIC_URL: must be an http or https URL with a host, e.g.
     * https://lab.example.edu, got 'lab.example.edu'}.
     */
    public static PublicOrigins parse(String field, String text) {
        List<URI> urls = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String value = part.trim();
            if (value.isEmpty()) {
                if (!text.isBlank()) {
                    throw new FieldException(field, "has an empty entry; separate URLs with single commas, got '"
                            + text + "'");
                }
                continue;
            }
            URI url;
            try {
                url = new URI(value);
            } catch (URISyntaxException e) {
                throw new FieldException(field, "'" + value + "' is not a URL (" + e.getReason() + ")");
            }
            String problem = problemOf(url);
            if (problem != null) {
                throw new FieldException(field, problem + ", got '" + value + "'");
            }
            urls.add(url);
        }
        return new PublicOrigins(urls);
    }

    private static String problemOf(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || url.getHost() == null || url.getRawAuthority() == null) {
            return "must be an http or https URL with a host, e.g. https://lab.example.edu";
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            return "must be a plain URL without user, query or fragment, e.g. https://lab.example.edu/class1";
        }
        return null;
    }

    /** Whether public URLs are configured (then only they are trusted). */
    public boolean isSet() {
        return !urls.isEmpty();
    }

    /** Whether a browser's {@code Origin} header is one of the public URLs' origins. */
    public boolean allowsOrigin(String origin) {
        Optional<String> asked = originOf(origin);
        return asked.isPresent() && urls.stream().anyMatch(url -> originOf(url.toString()).equals(asked));
    }

    /** Whether {@code hostName} (lower case, no port) is the host of one of the public URLs. */
    public boolean hasHost(String hostName) {
        return urls.stream().anyMatch(url -> hostName.equals(url.getHost().toLowerCase(Locale.ROOT)));
    }

    /** {@code scheme://host:port} of a URL or origin, the scheme's default port made explicit; empty if not one. */
    static Optional<String> originOf(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return Optional.empty();
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return urls.isEmpty() ? "(none)" : String.join(", ", urls.stream().map(URI::toString).toList());
    }
}

package org.newsdesk.corpus;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Small text helpers shared by the format parsers. */
final class Text {
    /** Invisible characters scraped pages leave behind (byte-order mark, zero-width space). */
    private static final Pattern INVISIBLE = Pattern.compile("[\\uFEFF\\u200B]");
    /** Whitespace including no-break and typographic spaces, which {@code \s} alone misses. */
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000]+");

    private Text() {
    }

    /** One line or paragraph with invisible characters removed and all whitespace runs as one space. */
    static String normalizeSpace(String s) {
        String visible = INVISIBLE.matcher(s).replaceAll("");
        return SPACES.matcher(visible).replaceAll(" ").strip();
    }

    /** Null for null or blank input, else the normalised text. */
    static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String normalized = normalizeSpace(s);
        return normalized.isEmpty() ? null : normalized;
    }

    /** The host of an http(s) URL without a leading "www.", or null when there is none. */
    static String hostOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            String host = new URI(url).getHost();
            if (host == null || host.isBlank()) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}

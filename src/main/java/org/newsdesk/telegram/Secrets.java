package org.newsdesk.telegram;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Keeps the bot token out of anything printed or logged (TelegramBots puts it in every request URL). */
public final class Secrets {
    static final String MASK = "<redacted>";

    private Secrets() {
    }

    /**
     * {@code text} with every occurrence of the token removed: verbatim, URL-encoded, and its secret part (after
     * the colon) on its own. Null-safe.
     */
    public static String redact(String text, String token) {
        if (text == null || token == null || token.isBlank()) {
            return text;
        }
        String out = text.replace(token, MASK);
        String encoded = URLEncoder.encode(token, StandardCharsets.UTF_8);
        out = out.replace(encoded, MASK);
        int colon = token.indexOf(':');
        if (colon >= 0 && token.length() - colon - 1 >= 8) {
            out = out.replace(token.substring(colon + 1), MASK);
        }
        return out;
    }

    /** A throwable as one redacted line: its class, message and causes. */
    public static String describe(Throwable e, String token) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return redact(sb.toString(), token);
    }
}
